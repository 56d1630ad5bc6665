import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarketEvent } from '@tickerwire/core';
import { canonicalizeUrl, contentHash, storyFingerprint } from '@tickerwire/ingest';
import { FeedQueries, factKeyOf, ledgerView, localCoordination, openLedger, type FeedFilter, type LedgerKind } from '@tickerwire/store';
import type { StoredEventMessage } from '@tickerwire/queue';
import { apiHarness, auth, ratingEvent, targetEvent, type ApiHarness } from './support.ts';
import { StreamQuery, toMatchFilter } from '../../services/api/src/filters.ts';
import { streamMatches } from '../../services/api/src/stream.ts';

// Issue #16 item 9: `novel=true` returned every event and overlapped `novel=false`. Novelty now
// splits every result in two (README "Novelty"): stories recorded through the real ledger, a
// fact reported by two sources, read through the real API (development ledger on FerretDB) and
// through the MongoDB ledger's own queries.

const flip = ratingEvent('NOVL', 'Harbor Lane Capital', 'upgrade', 'Buy', 0.6);
const target = targetEvent('NOVL', 'Harbor Lane Capital', 'raise', 30, 20);
const contract = targetEvent('NOVL', 'Quarry Point Securities', 'lower', 12, 18);

/** An analysed article of one source: a story of its own (its own words), with these facts. */
function story(sourceId: string, slug: string, minutes: number, events: MarketEvent[], title: string, body: string) {
  const url = `https://${sourceId}.example.com/${slug}`;
  const seenAt = new Date(Date.UTC(2026, 10, 20, 9, minutes));
  return {
    article: {
      id: `art-${slug}`,
      url,
      canonicalUrl: canonicalizeUrl(url)!,
      title,
      body,
      publishedAt: seenAt,
      firstSeenAt: seenAt,
      contentHash: contentHash(body),
      sources: [{ sourceId, url, firstSeenAt: seenAt }],
      analysis: { tickers: ['NOVL'], events, tags: [] },
    },
    fingerprint: storyFingerprint({ title, lead: body }),
  };
}

// wire breaks the upgrade and the target; press repeats the upgrade twice (once with a fact of
// its own); blog reports no fact at all.
const stories = [
  story('wire', 'novl-upgrade', 0, [flip, target], 'Harbor Lane upgrades Novella Labs to buy, lifts target to $30', 'Harbor Lane Capital upgraded Novella Labs to buy from hold and lifted its price target to $30 from $20, pointing to new licensing revenue.'),
  story('press', 'novl-analysts-warm', 30, [flip], 'Analysts warm to Novella after licensing deals', 'A column on why sell-side desks are turning positive on Novella Labs this quarter; Harbor Lane moved it to buy on Friday morning.'),
  story('press', 'novl-quarry-cut', 60, [flip, contract], 'Quarry Point trims Novella target as rivals upgrade', 'Quarry Point Securities lowered its Novella target to $12 from $18 even as Harbor Lane upgraded the shares to buy this week.'),
  story('blog', 'novl-ceo-interview', 90, [], 'An afternoon with the founder of Novella Labs', 'The founder talks about hiring, lab space in Leeds, and why the company keeps its research notes public.'),
];

const queries: [string, FeedFilter][] = [
  ['', {}],
  ['sources=wire', { sources: ['wire'] }],
  ['sources=press', { sources: ['press'] }],
  ['sources=blog', { sources: ['blog'] }],
  ['sources=wire,press', { sources: ['wire', 'press'] }],
  ['tickers=NOVL&types=analyst_rating', { tickers: ['NOVL'], types: ['analyst_rating'] }],
];

/** Items of one feed for one query: each must split into novel=true and novel=false, disjoint, whole. */
async function expectPartition(list: (feed: 'events' | 'articles', query: string, filter: FeedFilter) => Promise<string[]>): Promise<void> {
  for (const feed of ['events', 'articles'] as const) {
    for (const [query, filter] of queries) {
      const all = await list(feed, query, filter);
      const novel = await list(feed, `${query}&novel=true`, { ...filter, novel: true });
      const repeat = await list(feed, `${query}&novel=false`, { ...filter, novel: false });
      const label = `${feed}?${query}`;
      expect(novel.filter((id) => repeat.includes(id)), `${label}: in both`).toEqual([]);
      expect([...novel, ...repeat].sort(), `${label}: novel and repeats together`).toEqual([...all].sort());
    }
  }
}

describe('novel=true / novel=false on the real API (development ledger, FerretDB)', () => {
  let h: ApiHarness;
  let ids: { upgrade: string; target: string; cut: string };

  beforeAll(async () => {
    h = await apiHarness('apinovel');
    const ledger = await openLedger(h.db, localCoordination());
    expect(ledger.kind).toBe('development');
    // One at a time, as polls would bring them: the upgrade is first reported by wire.
    for (const s of stories) await ledger.record([s]);
    const eventOf = async (event: MarketEvent) => (await h.repos.events.collection.findOne({ factKey: factKeyOf(event) }))!._id;
    ids = { upgrade: await eventOf(flip), target: await eventOf(target), cut: await eventOf(contract) };
  });

  afterAll(async () => {
    await h?.close();
  });

  const list = async (feed: 'events' | 'articles', query: string) => {
    const response = await h.api.inject({ url: `/v1/${feed}?order=firstSeenAt&limit=100&${query}`, headers: auth(h.readKey) });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { data: { id: string }[] }).data.map((d) => d.id);
  };

  it('a fact two sources reported is novel for the one that broke it and a repeat for the other', async () => {
    const upgrade = (await list('events', 'types=analyst_rating'))[0];
    expect(upgrade).toBe(ids.upgrade);
    expect((await list('events', 'sources=wire&novel=true')).sort()).toEqual([ids.upgrade, ids.target].sort());
    expect(await list('events', 'sources=press&novel=false')).toEqual([ids.upgrade]);
    expect(await list('events', 'sources=press&novel=true')).toEqual([ids.cut]);
    expect(await list('events', 'sources=wire&novel=false')).toEqual([]);
    // wire among the sources broke it: not a repeat for the two together.
    expect(await list('events', 'sources=wire,press&novel=false')).toEqual([]);
    // Without sources each fact's own report is its first.
    expect((await list('events', 'novel=true')).sort()).toEqual([ids.upgrade, ids.target, ids.cut].sort());
    expect(await list('events', 'novel=false')).toEqual([]);
  });

  it('a story that only repeats is the one not-novel article', async () => {
    expect(await list('articles', 'novel=false')).toEqual(['art-novl-analysts-warm']);
    expect(await list('articles', 'novel=true')).toEqual(['art-novl-ceo-interview', 'art-novl-quarry-cut', 'art-novl-upgrade']);
  });

  it('every query splits into novel=true and novel=false, disjoint and whole', async () => {
    await expectPartition((feed, query) => list(feed, query));
  });
});

describe.each<LedgerKind>(['mongodb', 'development'])('novel=true / novel=false on the %s ledger\'s own queries', (kind) => {
  let h: ApiHarness;
  let feeds: FeedQueries;

  beforeAll(async () => {
    h = await apiHarness(`novel_${kind}`);
    const ledger = await openLedger(h.db, localCoordination(), { kind });
    for (const s of stories) await ledger.record([s]);
    feeds = new FeedQueries(h.db, ledgerView(h.db, kind));
  });

  afterAll(async () => {
    await h?.close();
  });

  it('every filter splits into novel=true and novel=false, disjoint and whole', async () => {
    await expectPartition(async (feed, _query, filter) => {
      const page = feed === 'events' ? await feeds.eventsPage(filter, 100) : await feeds.articlesPage(filter, 100);
      return page.items.map((i) => i._id);
    });
    expect((await feeds.eventsPage({ sources: ['press'], novel: false }, 100)).items.map((e) => e.factKey)).toEqual([factKeyOf(flip)]);
  });
});

describe('novel=true / novel=false on the stream (one message per report)', () => {
  const message = (n: number, novel: boolean, sourceIds: string[], ticker: string): StoredEventMessage => ({
    eventId: `ev-${n}`, articleId: `art-${n}`, sourceIds, novel, type: 'price_target', ticker, action: 'raise', sentimentLabel: null, sentimentScore: null, tags: [],
    publishedAt: null, firstSeenAt: new Date(), reportedAt: new Date(), event: targetEvent(ticker, 'Firm', 'raise', 10 + n),
  });
  const messages = [message(1, true, ['wire'], 'NOVL'), message(2, false, ['press'], 'NOVL'), message(3, false, ['wire'], 'OTHR'), message(4, true, ['press'], 'OTHR')];

  it('splits what every filter matches: first reports and repeats, disjoint and whole', () => {
    for (const query of [{}, { sources: 'press' }, { tickers: 'NOVL' }, { sources: 'wire', tickers: 'OTHR' }]) {
      const matching = (novel?: 'true' | 'false') => {
        const parsed = StreamQuery.parse({ ...query, ...(novel ? { novel } : {}) });
        return messages.filter((m) => streamMatches({ match: toMatchFilter(parsed), repeatsOnly: parsed.novel === false }, m)).map((m) => m.eventId);
      };
      const [all, novel, repeat] = [matching(), matching('true'), matching('false')];
      expect(novel.filter((id) => repeat.includes(id)), JSON.stringify(query)).toEqual([]);
      expect([...novel, ...repeat].sort(), JSON.stringify(query)).toEqual(all);
    }
    expect(messages.filter((m) => streamMatches({ match: {}, repeatsOnly: true }, m)).map((m) => m.eventId)).toEqual(['ev-2', 'ev-3']);
  });
});
