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

// Issue #16 item 9: a page source at a URL a feed already brought (its summary) threw the page's
// extra facts away. The story keeps the richer text and analysis; its new facts are recorded once.
describe.each<LedgerKind>(['mongodb', 'development'])('the %s ledger: a richer copy at a stored URL', (kind) => {
  let database: Awaited<ReturnType<typeof freshRepositories>>['database'];
  let repos: Repositories;
  let ledger: StoryLedger;
  const url = 'https://news.example.com/kestrel-target';
  const lift: MarketEvent = { ...cut('Harbor Lane lifted its Kestrel target to $14 from $9.'), action: 'raise', from: 9, to: 14, changePct: 55.56, sentiment: { label: 'bullish', score: 0.5 } } as MarketEvent;
  const upgrade: MarketEvent = {
    type: 'analyst_rating', ticker: 'KSTM', company: 'Kestrel Mining', firm: 'Harbor Lane Capital', analyst: null, action: 'upgrade', ratingFrom: 'Hold', ratingTo: 'Buy', ratingScore: 4,
    confidence: 0.9, evidence: { text: 'Harbor Lane Capital raised its rating on Kestrel Mining to buy from hold', start: 0, end: 10 }, sentiment: { label: 'bullish', score: 0.6 },
  } as MarketEvent;
  // Within the development ledger's window of now: a restarted writer loads the recent stories.
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
  const summary = story('feed', url, 'Kestrel Mining target lifted at Harbor Lane', 'The firm lifted its price target to $14 from $9.', minutesAgo(90), [lift]);
  summary.article.analysis.tags = ['feed-tag'];
  const page = story('page', url, 'Kestrel Mining upgraded to buy at Harbor Lane, target lifted', body, minutesAgo(80), [lift, upgrade]);
  page.article.analysis.tags = ['page-tag'];

  beforeAll(async () => {
    ({ database, repos } = await freshRepositories(`ledger_richer_${kind}`));
    ledger = await openLedger(database.db, localCoordination(), { kind });
  });
  afterAll(async () => database?.drop());

  it('keeps the page over the feed summary, and records only its new fact', async () => {
    const first = await ledger.record([summary]);
    expect(first.stories).toMatchObject([{ status: 'stored' }]);
    const storyId = first.stories[0]!.articleId;
    const { stories, reports } = await ledger.record([page]);
    expect(stories).toEqual([{ status: 'added-source', articleId: storyId, enriched: true }]);
    // The target was reported by the story already; the upgrade is new, reported under the story.
    expect(reports.map((r) => [r.event.type, r.status, r.novel, r.articleId])).toEqual([
      ['price_target', 'already-stored', true, storyId],
      ['analyst_rating', 'stored', true, storyId],
    ]);
    const stored = (await repos.articles.get(storyId))!;
    expect(stored.body).toBe(body);
    expect(stored.title).toBe(page.article.title);
    expect(stored.analysis!.events.map((e) => e.type)).toEqual(['price_target', 'analyst_rating']);
    expect(stored.analysis!.tags.sort()).toEqual(['feed-tag', 'page-tag']);
    expect(stored.sources.map((s) => s.sourceId)).toEqual(['feed', 'page']);
    expect(await repos.articles.count()).toBe(1);
    const upgradeEvent = await repos.events.get((await repos.events.collection.findOne({ factKey: factKeyOf(upgrade) }))!._id);
    expect(upgradeEvent!.reports).toMatchObject([{ articleId: storyId, sourceIds: ['page'], novel: true }]);
    expect(await repos.events.count()).toBe(2);
    expect(await repos.articles.collection.findOne({ _id: storyId })).toMatchObject({ novelReports: 2, repeatReports: 0 });
  });

  it('recorded again, or the summary again from another feed, changes nothing', async () => {
    const again = await ledger.record([page]);
    expect(again.stories).toMatchObject([{ status: 'already-stored' }]);
    expect(again.stories[0]!.enriched).toBeUndefined();
    expect(again.reports.every((r) => r.status === 'already-stored')).toBe(true);
    const other = story('feed-2', url, summary.article.title, summary.article.body, minutesAgo(70), [lift]);
    const poorer = await ledger.record([other]);
    expect(poorer.stories).toMatchObject([{ status: 'added-source' }]);
    expect(poorer.reports).toEqual([]);
    expect((await repos.articles.get(poorer.stories[0]!.articleId))!.body).toBe(body);
    expect(await repos.events.count()).toBe(2);
  });

  it('in one batch, summary then page: one story with the page, each fact reported once', async () => {
    const at = 'https://news.example.com/kestrel-same-batch';
    // Facts of their own (the story above has the others).
    const lift2 = { ...lift, to: 16, changePct: 77.78 } as MarketEvent;
    const upgrade2 = { ...upgrade, ratingTo: 'Outperform' } as MarketEvent;
    const first = story('feed', at, summary.article.title, summary.article.body, minutesAgo(50), [lift2]);
    const second = story('page', at, page.article.title, body, minutesAgo(49), [lift2, upgrade2]);
    const { stories, reports } = await ledger.record([first, second]);
    expect(stories).toMatchObject([{ status: 'stored' }, { status: 'added-source', enriched: true }]);
    const storyId = stories[0]!.articleId;
    expect(new Set(reports.map((r) => r.articleId))).toEqual(new Set([storyId]));
    expect(reports.filter((r) => r.status !== 'already-stored').map((r) => r.event.type)).toEqual(['price_target', 'analyst_rating']);
    const doc = await repos.articles.collection.findOne({ _id: storyId });
    expect(doc).toMatchObject({ body, novelReports: 2, repeatReports: 0 });
    expect(doc!.analysis!.events).toHaveLength(2);
  });

  it('a new ledger (restarted writer) matches later copies of the page, not of the summary', async () => {
    const restarted = await openLedger(database.db, localCoordination(), { kind });
    const copy = story('wire-z', 'https://markets.example.org/kestrel-upgraded', 'Kestrel Mining Upgraded to Buy at Harbor Lane, Target Lifted', body.replace('on Tuesday', 'on Tuesday morning'), minutesAgo(60), [lift, upgrade]);
    expect((await restarted.record([copy])).stories).toMatchObject([{ status: 'added-source', articleId: (await repos.articles.findByCanonicalUrl(url))!.id }]);
  });
});
