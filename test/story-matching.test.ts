import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisLedgerCoordination, storeArticles, type StoreOutcome } from '@tickerwire/pipeline';
import { StageMetrics, storedEventsKey, type AnalysedArticle } from '@tickerwire/queue';
import { generateArticles } from '@tickerwire/sample-site';
import { createAnalyzer } from '@tickerwire/score';
import { factKeyOf, openLedger, type LedgerKind, type Repositories } from '@tickerwire/store';
import { deleteKeys, freshRepositories, testRedis, uniquePrefix } from './support/services.ts';
import { asAnalysedArticle } from './support/articles.ts';

// Templated news at volume, through the writer as it runs (the ledger, real Redis, FerretDB):
// 1,350 stories from a dozen templates over a few companies and firms, many of them near
// word for word alike, and 150 wire copies of them. A copy must join its story; a story that
// reports anything new must not be swallowed by a look-alike (its facts would be lost).
// With two writers at once (each its own ledger, as two processes have), the same must hold:
// nothing stored twice, nothing lost, no distinct stories merged.
const generated = generateArticles(1500, 5000, { syndicatedCopies: 150 });
const analyzer = createAnalyzer();
const minute = 60_000;

// Seen a few minutes after publication, as a poll would.
const asStored = (sample: (typeof generated)[number]) =>
  asAnalysedArticle(sample, sample.syndicationOf ? 'sample-wire' : 'sample-site', new Date(Date.parse(sample.publishedAt) + 5 * minute), analyzer);

const allArticles = generated.map(asStored);
const sampleOf = new Map(generated.map((g, i) => [allArticles[i]!.id, g]));
// The first 350 stories and the 150 copies (all of stories 0–149): for the slower runs.
const someArticles = allArticles.filter((_, i) => i < 350 || i >= 1350);

// The MongoDB ledger runs on the development server too (unique indexes, $addToSet), chosen
// explicitly; FerretDB scans for its lookups and updates, so on fewer stories.
describe.each<{ kind: LedgerKind; writers: number; stories: 'all' | 'some' }>([
  { kind: 'development', writers: 1, stories: 'all' },
  { kind: 'development', writers: 2, stories: 'all' },
  { kind: 'mongodb', writers: 2, stories: 'some' },
])('same-story matching on templated news at volume: $kind ledger, $writers writer(s), $stories stories (real Redis and MongoDB-compatible server)', ({ kind, writers, stories: which }) => {
const articles = which === 'all' ? allArticles : someArticles;
const prefix = uniquePrefix('matching');
const redis = testRedis('producer');
let repos: Repositories;
let database: Awaited<ReturnType<typeof freshRepositories>>['database'];
const outcomes = new Map<string, StoreOutcome>();

beforeAll(async () => {
  ({ repos, database } = await freshRepositories('matching'));
  const metrics = new StageMetrics(redis, prefix, () => {});
  // In the order a poller would bring them, 50 to a store job; the writers take jobs in turn.
  const arrival = [...articles].sort((a, b) => a.firstSeenAt.getTime() - b.firstSeenAt.getTime());
  const jobs: AnalysedArticle[][] = [];
  for (let i = 0; i < arrival.length; i += 50) jobs.push(arrival.slice(i, i + 50));
  await Promise.all(
    Array.from({ length: writers }, async () => {
      const deps = { ledger: await openLedger(database.db, new RedisLedgerCoordination(redis, prefix), { kind }), sources: repos.sources, redis, prefix, metrics };
      for (let job = jobs.shift(); job; job = jobs.shift()) outcomes.set(job[0]!.id, await storeArticles(deps, job));
    }),
  );
}, 240_000);

afterAll(async () => {
  await deleteKeys(redis, prefix);
  redis.disconnect();
  await database?.drop();
});

/** The stored story listing this URL among its sources. */
async function storyOf(url: string) {
  const stories = await repos.articles.withSources(await repos.articles.collection.find({}).toArray());
  return stories.find((s) => s.sources.some((source) => source.url === url));
}

describe('what was stored', () => {
  it('announces each report once', async () => {
    const events = await repos.events.withReports(await repos.events.collection.find({}).toArray());
    const entries = await redis.xrange(storedEventsKey(prefix), '-', '+');
    const announced = entries.map(([, fields]) => fields[fields.indexOf('report') + 1]);
    expect(new Set(announced).size).toBe(entries.length);
    expect(entries.length).toBe(events.reduce((n, e) => n + e.reports.length, 0));
  });

  it('files every wire copy under its original story', async () => {
    const stories = await repos.articles.withSources(await repos.articles.collection.find({}).toArray());
    const storyByUrl = new Map(stories.flatMap((s) => s.sources.map((source) => [source.url, s._id] as const)));
    const copies = articles.filter((a) => sampleOf.get(a.id)!.syndicationOf);
    expect(copies).toHaveLength(150);
    const misfiled = copies.filter((copy) => {
      const original = articles.find((a) => sampleOf.get(a.id)!.id === sampleOf.get(copy.id)!.syndicationOf)!;
      return storyByUrl.get(copy.url) === undefined || storyByUrl.get(copy.url) !== storyByUrl.get(original.url);
    });
    expect(misfiled.map((a) => a.title)).toEqual([]);
  });

  it('loses no fact: every fact of every article has its event, with a report from the story that carried it', async () => {
    const events = await repos.events.withReports(await repos.events.collection.find({}).toArray());
    const stored = new Set(events.map((e) => e.factKey));
    const missing = articles.flatMap((a) => a.analysis.events.map(factKeyOf).filter((key) => !stored.has(key)).map((key) => `${a.title}: ${key}`));
    expect(missing).toEqual([]);
  });

  it('merges no two originals that report different facts', async () => {
    const stories = await repos.articles.withSources(await repos.articles.collection.find({}).toArray());
    const factsOf = (a: AnalysedArticle) => new Set(a.analysis.events.map(factKeyOf));
    const byUrl = new Map(articles.map((a) => [a.url, a]));
    const swallowed: string[] = [];
    for (const story of stories) {
      const members = story.sources.map((s) => byUrl.get(s.url)!).filter((a) => !sampleOf.get(a.id)!.syndicationOf);
      const first = members[0]!;
      for (const other of members.slice(1)) {
        const [a, b] = [factsOf(first), factsOf(other)];
        if ([...b].some((f) => !a.has(f))) swallowed.push(`${other.title} (under ${first.title})`);
      }
    }
    expect(swallowed).toEqual([]);
    expect(new Set(stories.map((s) => s.canonicalUrl)).size).toBe(stories.length);
    expect(stories.length).toBeGreaterThan(which === 'all' ? 1300 : 300);
    expect(await storyOf(articles[0]!.url)).toBeDefined();
  });
});
});
