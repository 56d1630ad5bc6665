import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyFingerprint } from '@tickerwire/ingest';
import { generateArticles, liveArticle, liveDistinctPairs } from '@tickerwire/sample-site';
import { createAnalyzer } from '@tickerwire/score';
import { localCoordination, openLedger, type LedgerKind, type Repositories } from '@tickerwire/store';
import type { AnalysedArticle } from '@tickerwire/queue';
import { asAnalysedArticle } from './support/articles.ts';
import { freshRepositories } from './support/services.ts';

// Issue #16 item 9: the sample site stopped publishing new facts after ~5 minutes, so the alert
// demo went quiet. `start` now publishes liveArticle(2026, n) every 20 s. Recorded through the
// real story matcher (the ledger, on the run's MongoDB-compatible server) after the quick start's
// own stories, hours of it must stay distinct: each article its own story, each with a fact no
// article before it reported. (An earlier attempt lost two stories to the matcher.)
const everyMs = 20_000;
const perHour = 3_600_000 / everyMs;
const analyzer = createAnalyzer();
const start = Date.now() - 7 * 3_600_000;

/** The quick start's stories (start --articles 60), then `hours` of the live stream as it publishes them. */
function publishedSequence(hours: number): { initial: AnalysedArticle[]; live: AnalysedArticle[] } {
  const initial = generateArticles(80, 2026, { syndicatedCopies: 6 })
    .slice(0, 60)
    .map((a) => asAnalysedArticle(a, 'sample-markets-rss', new Date(start - 60_000), analyzer));
  const live = Array.from({ length: hours * perHour }, (_, n) => {
    const at = new Date(start + n * everyMs);
    return asAnalysedArticle(liveArticle(2026, n, at), 'sample-markets-rss', at, analyzer);
  });
  return { initial, live };
}

it('is the same for the same seed and index, whatever came before; another seed or index differs', () => {
  const at = new Date(start);
  expect(liveArticle(2026, 500, at)).toEqual(liveArticle(2026, 500, at));
  expect(liveArticle(2026, 500, at).title).not.toBe(liveArticle(2027, 500, at).title);
  expect(liveArticle(2026, 500, at).title).not.toBe(liveArticle(2026, 501, at).title);
  expect(liveArticle(2026, 500, at).id).toBe('live-2026-500');
  // ~94 hours of one article every 20 s before a (company, firm) pair comes back.
  expect(liveDistinctPairs * everyMs).toBeGreaterThan(90 * 3_600_000);
});

describe.each<[LedgerKind, number]>([
  ['development', 4],
  ['mongodb', 1],
])('the first hours of the live stream through the %s ledger', (kind, hours) => {
  let repos: Repositories;
  let drop: () => Promise<void>;
  let sequence: ReturnType<typeof publishedSequence>;
  const outcomes: { stories: string[]; novel: number[] } = { stories: [], novel: [] };

  beforeAll(async () => {
    const fresh = await freshRepositories(`sample_live_${kind}`);
    repos = fresh.repos;
    drop = fresh.database.drop;
    const ledger = await openLedger(fresh.database.db, localCoordination(), { kind });
    sequence = publishedSequence(hours);
    const item = (article: AnalysedArticle) => ({ article, fingerprint: storyFingerprint({ title: article.title, lead: article.body }) });
    await ledger.record(sequence.initial.map(item));
    // A few at a time, as polls bring them.
    for (let i = 0; i < sequence.live.length; i += 9) {
      const batch = sequence.live.slice(i, i + 9);
      const { stories, reports } = await ledger.record(batch.map(item));
      outcomes.stories.push(...stories.map((s) => s.status));
      outcomes.novel.push(...batch.map((_, k) => reports.filter((r) => r.item === k && r.novel).length));
    }
  }, 240_000);

  afterAll(async () => drop?.());

  it(`stores each of ${hours} h of articles as a story of its own, none matched to another`, async () => {
    expect(sequence.live).toHaveLength(hours * perHour);
    expect(outcomes.stories.filter((s) => s !== 'stored')).toEqual([]);
    const liveStories = await repos.articles.collection.countDocuments({ _id: { $in: sequence.live.map((a) => a.id) } });
    expect(liveStories).toBe(sequence.live.length);
  });

  it('each live article brings a fact no article before it reported (a new alert)', () => {
    const quiet = outcomes.novel.flatMap((n, i) => (n === 0 ? [`${i}: ${sequence.live[i]!.title}`] : []));
    expect(quiet).toEqual([]);
  });

  it('names the tickers it is about, varied hour after hour', () => {
    sequence.live.forEach((article, n) => expect(article.analysis.tickers, article.title).toEqual(expect.arrayContaining(liveArticle(2026, n, new Date()).tickers)));
    const lastHour = sequence.live.slice(-perHour);
    expect(new Set(lastHour.flatMap((a) => a.analysis.tickers)).size).toBeGreaterThan(60);
    expect(new Set(lastHour.flatMap((a) => a.analysis.events.map((e) => ('firm' in e ? e.firm : null)))).size).toBeGreaterThan(60);
  });
});
