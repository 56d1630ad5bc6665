import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarketEvent } from '@tickerwire/core';
import { canonicalizeUrl, contentHash, storyFingerprint } from '@tickerwire/ingest';
import { factKeyOf, localCoordination, openLedger, type LedgerKind, type Repositories, type StoryLedger } from '@tickerwire/store';
import { freshRepositories } from './support/services.ts';

/** An article as the analyzer hands it over, from one source's copy of a story. */
function story(sourceId: string, url: string, title: string, body: string, seenAt: string, events: MarketEvent[] = [], id?: string) {
  const canonicalUrl = canonicalizeUrl(url)!;
  return {
    article: {
      id: id ?? contentHash(`${canonicalUrl}`).slice(0, 24),
      url,
      canonicalUrl,
      title,
      body,
      publishedAt: null,
      firstSeenAt: new Date(seenAt),
      contentHash: contentHash(`${title}\n${body}`),
      sources: [{ sourceId, url, firstSeenAt: new Date(seenAt) }],
      analysis: { tickers: ['KSTM'], events, tags: ['price-target'] },
    },
    fingerprint: storyFingerprint({ title, lead: body.slice(0, 300) }),
  };
}

const body =
  'Harbor Lane Capital raised its rating on Kestrel Mining to buy from hold on Tuesday, citing new hosting contracts in Texas and a stronger balance sheet after the company repaid its convertible notes. The firm also lifted its price target to $14 from $9.';

const cut = (evidence: string, ticker = 'KSTM'): MarketEvent => ({
  type: 'price_target', ticker, company: 'Kestrel Mining', firm: 'Harbor Lane Capital', action: 'lower',
  from: 11, to: 7, currency: 'USD', changePct: -36.36, confidence: 0.9,
  evidence: { text: evidence, start: 0, end: evidence.length }, sentiment: { label: 'bearish', score: -0.5 },
});

/** A report of the cut by another article: a story of its own (another text), reporting the same fact. */
const reporter = (n: string, sourceId: string, seenAt: string, evidence = `report ${n}`) =>
  story(sourceId, `https://desk-${n}.example.com/kestrel-${n}`, `Desk ${n}: miners' week ${n}`, `Column ${n} about the miners, number ${n}. ${'Many other words here. '.repeat(3)}${n} ${n} ${n}.`, seenAt, [cut(evidence)], `art-${n}`);

// Both implementations on the run's server (FerretDB here): the MongoDB one chosen explicitly,
// as it is what production runs and the development server has what it uses (unique indexes,
// upserts, $addToSet).
describe.each<LedgerKind>(['mongodb', 'development'])('the %s ledger: one story and one fact stored once (real MongoDB-compatible server)', (kind) => {
  let database: Awaited<ReturnType<typeof freshRepositories>>['database'];
  let repos: Repositories;
  let ledger: StoryLedger;
  const record = async (s: ReturnType<typeof story>) => ledger.record([s]);

  beforeAll(async () => {
    ({ database, repos } = await freshRepositories(`ledger_${kind}`));
    ledger = await openLedger(database.db, localCoordination(), { kind });
    expect(ledger.kind).toBe(kind);
  });
  afterAll(async () => database?.drop());

  it('stores a new story, then recognises the same URL with trackers as the same story', async () => {
    const first = story('wire-a', 'https://news.example.com/kestrel-upgrade', 'Kestrel Mining upgraded to buy at Harbor Lane', body, '2026-11-20T10:00:00Z');
    expect((await record(first)).stories).toMatchObject([{ status: 'stored' }]);
    const again = story('wire-a', 'https://News.Example.com/kestrel-upgrade?utm_source=x#top', 'Kestrel Mining upgraded to buy at Harbor Lane', body, '2026-11-20T10:05:00Z');
    expect(again.article.canonicalUrl).toBe(first.article.canonicalUrl);
    const sameUrl = { ...again, article: { ...again.article, url: first.article.url, sources: [{ ...again.article.sources[0]!, url: first.article.url }] } };
    expect((await record(sameUrl)).stories).toMatchObject([{ status: 'already-stored' }]);
  });

  it('adds a syndicated copy under another URL as a source of the same story, on the story itself', async () => {
    const copy = story('wire-b', 'https://markets.example.org/2026/11/20/kestrel-mining-upgraded', 'Kestrel Mining Upgraded to Buy at Harbor Lane', body.replace('on Tuesday', 'on Tuesday morning'), '2026-11-20T11:30:00Z');
    const [outcome] = (await record(copy)).stories;
    expect(outcome!.status).toBe('added-source');
    expect(await repos.articles.count()).toBe(1);
    const stored = await repos.articles.get(outcome!.articleId);
    expect(stored!.sources.map((s) => [s.sourceId, s.firstSeenAt.toISOString()])).toEqual([
      ['wire-a', '2026-11-20T10:00:00.000Z'],
      ['wire-b', '2026-11-20T11:30:00.000Z'],
    ]);
    expect((await repos.feeds.articlesPage({ sources: ['wire-b'] }, 10)).items.map((a) => a._id)).toEqual([outcome!.articleId]);
    // Recorded again (a re-run): listed once.
    expect((await record(copy)).stories).toMatchObject([{ status: 'already-stored' }]);
    expect((await repos.articles.get(outcome!.articleId))!.sources).toHaveLength(2);
    expect(await ledger.knownFromSource('wire-b', [copy.article.url, 'https://elsewhere.example/x'])).toEqual(new Set([copy.article.url]));
    expect(await ledger.knownFromSource('wire-c', [copy.article.url])).toEqual(new Set());
  });

  it('keeps a different story about the same company apart', async () => {
    const other = story(
      'wire-b',
      'https://markets.example.org/2026/11/21/kestrel-offering',
      'Kestrel Mining prices $200 million share offering',
      'Kestrel Mining said on Friday it priced an offering of 20 million shares at $10 each, with proceeds earmarked for new rigs and the expansion of its Ohio site. Shares fell 8% in premarket trading.',
      '2026-11-21T09:00:00Z',
    );
    expect((await record(other)).stories).toMatchObject([{ status: 'stored' }]);
    expect(await repos.articles.count()).toBe(2);
  });

  it('the same fact in other words is the same key; other values are another fact', () => {
    const reworded = { ...cut('Kestrel Mining price target lowered to $7 at Harbor Lane'), confidence: 0.6 } as MarketEvent;
    expect(factKeyOf(cut('Harbor Lane cut its Kestrel target to $7 from $11.'))).toBe(factKeyOf(reworded));
    expect(factKeyOf(cut('x'))).not.toBe(factKeyOf({ ...cut('x'), to: 8 } as MarketEvent));
  });

  let eventId = '';
  it('stores a fact first seen as novel, with its query fields at the top level', async () => {
    const { reports } = await record(reporter('a1', 'wire-a', '2026-11-20T10:00:00Z', 'first'));
    expect(reports).toMatchObject([{ status: 'stored', novel: true }]);
    eventId = reports[0]!.eventId;
    const stored = await repos.events.get(eventId);
    expect(stored).toMatchObject({ ticker: 'KSTM', type: 'price_target', action: 'lower', sentimentLabel: 'bearish', firm: 'Harbor Lane Capital', reportSourceIds: ['wire-a'], novelSourceIds: ['wire-a'], repeated: false });
    expect(stored!.reports).toEqual([{ articleId: 'art-a1', sourceIds: ['wire-a'], seenAt: new Date('2026-11-20T10:00:00Z'), novel: true }]);
    expect(await repos.articles.collection.findOne({ _id: 'art-a1' })).toMatchObject({ novelReports: 1, repeatReports: 0 });
  });

  it('adds a later report of the same fact to the same event (one document), not novel', async () => {
    const { reports } = await record(reporter('a2', 'wire-b', '2026-11-20T13:00:00Z', 'second wording'));
    expect(reports).toMatchObject([{ status: 'reported-again', novel: false, eventId }]);
    const stored = await repos.events.get(eventId);
    expect(stored!.reports.map((r) => [r.articleId, r.novel])).toEqual([['art-a1', true], ['art-a2', false]]);
    // On MongoDB on the event itself, with the source lists the feeds filter on.
    if (kind === 'mongodb') expect(await repos.events.collection.findOne({ _id: eventId })).toMatchObject({ reportSourceIds: ['wire-a', 'wire-b'], repeatSourceIds: ['wire-b'], repeated: true });
    expect((await repos.feeds.eventsPage({ sources: ['wire-b'], novel: false }, 10)).items.map((e) => e._id)).toEqual([eventId]);
    expect((await repos.feeds.eventsPage({ sources: ['wire-b'], novel: true }, 10)).items).toEqual([]);
    expect(await repos.events.count({ ticker: 'KSTM' })).toBe(1);
    expect(await repos.articles.collection.findOne({ _id: 'art-a2' })).toMatchObject({ novelReports: 0, repeatReports: 1 });
  });

  it('is idempotent: the same article recorded again changes nothing', async () => {
    const { reports, stories } = await record(reporter('a2', 'wire-b', '2026-11-20T13:00:00Z', 'second wording'));
    expect(stories).toMatchObject([{ status: 'already-stored' }]);
    expect(reports).toMatchObject([{ status: 'already-stored', novel: false }]);
    expect((await repos.events.get(eventId))!.reports).toHaveLength(2);
  });

  it('the same values a week later are a new fact', async () => {
    const { reports } = await record(reporter('a9', 'wire-a', '2026-11-28T10:00:00Z', 'a week later'));
    expect(reports).toMatchObject([{ status: 'stored', novel: true }]);
    expect(await repos.events.count({ ticker: 'KSTM' })).toBe(2);
  });

  it('concurrent records of the same new fact from the same article store it once', async () => {
    const s = reporter('race', 'wire-c', '2026-12-10T10:00:00Z', 'race');
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => record(s)));
    expect(new Set(outcomes.map((o) => o.reports[0]!.eventId)).size).toBe(1);
    expect(outcomes.filter((o) => o.reports[0]!.status === 'stored')).toHaveLength(1);
    const stored = await repos.events.get(outcomes[0]!.reports[0]!.eventId);
    expect(stored!.reports).toHaveLength(1);
  });

  it('a new ledger on the same database (a restarted writer) knows what is stored', async () => {
    const restarted = await openLedger(database.db, localCoordination(), { kind });
    const raced = await repos.events.collection.findOne({ ticker: 'KSTM', 'reports.articleId': 'art-race' });
    const { reports, stories } = await restarted.record([reporter('race', 'wire-c', '2026-12-10T10:00:00Z', 'race')]);
    expect(stories).toMatchObject([{ status: 'already-stored' }]);
    expect(reports).toMatchObject([{ status: 'already-stored', eventId: raced!._id }]);
  });
});
