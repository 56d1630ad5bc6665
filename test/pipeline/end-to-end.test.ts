import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArticles, startSampleSite, type SampleSite } from '@tickerwire/sample-site';
import { readCounters, storedEventsKey } from '@tickerwire/queue';
import { createAnalyzer } from '@tickerwire/score';
import { factKeyOf, type Repositories } from '@tickerwire/store';
import type { RunningPipeline } from '@tickerwire/pipeline';
import { deleteKeys, freshRepositories, testRedis, uniquePrefix } from '../support/services.ts';
import { idle, testPipeline } from '../support/pipeline.ts';
import { waitFor } from '../support/wait.ts';

// Feed server → scheduler → fetcher → analyzer → writer → MongoDB, all real, on 127.0.0.1.
describe('the pipeline end to end', () => {
  const articles = generateArticles(14, 61, { syndicatedCopies: 2 });
  const originals = articles.filter((a) => !a.syndicationOf);
  const copies = articles.filter((a) => a.syndicationOf);
  const prefix = uniquePrefix('e2e');
  const redis = testRedis('producer');
  const log: string[] = [];
  let site: SampleSite;
  let repos: Repositories;
  let drop: () => Promise<void>;
  let pipeline: RunningPipeline;

  const counters = () => readCounters(redis, prefix);
  // The story that carries this URL: under it, or under a copy's URL when the copy came first.
  const storyAt = async (url: string) => {
    const stories = await repos.articles.withSources(await repos.articles.collection.find({}).toArray());
    const doc = stories.find((s) => s.canonicalUrl === url || s.sources.some((source) => source.url === url));
    return doc ? repos.articles.get(doc._id) : null;
  };
  const variantsOf = (article: (typeof articles)[number]) => articles.filter((a) => a.id === article.id || a.syndicationOf === article.id);
  const queue = (name: Parameters<RunningPipeline['producer']['queue']>[0]) => pipeline.producer.queue(name);
  const settled = async () => (await idle(queue)) && (await counters())['items:store:stored'] !== undefined;

  beforeAll(async () => {
    site = await startSampleSite({ articles });
    const fresh = await freshRepositories('e2e');
    repos = fresh.repos;
    drop = fresh.database.drop;
    await repos.sources.seed(site.sources);
    pipeline = await testPipeline(fresh.database.db, prefix, log);
    // Every source polled once (the scheduler polls a new source at once) and the chain drained.
    await waitFor(async () => {
      const c = await counters();
      return site.sources.every((s) => (c[`fetch_ok:${s.id}`] ?? 0) >= 1) && (await settled());
    }, 'the first poll of every source to be stored', 30_000).catch(async (error: Error) => {
      throw new Error(`${error.message}\ncounters: ${JSON.stringify(await counters())}\nlog: ${log.join('\n')}`);
    });
  }, 60_000);

  afterAll(async () => {
    await pipeline?.close();
    await site?.close();
    await deleteKeys(redis, prefix);
    redis.disconnect();
    await drop?.();
  });

  it('stores each story once, with the analysis `analyze` gives for the same text', async () => {
    expect(await repos.articles.count()).toBe(originals.length);
    const analyzer = createAnalyzer();
    for (const original of originals) {
      const stored = await storyAt(site.articleUrl(original));
      expect(stored, original.slug).not.toBeNull();
      expect(variantsOf(original).map((a) => a.title)).toContain(stored!.title);
      const analysed = analyzer.analyze({ title: stored!.title, body: stored!.body, tickers: original.tickers });
      // The article also carries the tags of the source it was first fetched from (issue #16, item 6).
      const sourceTags = site.sources.find((s) => s.id === stored!.sources[0]!.sourceId)?.tags ?? [];
      expect(sourceTags).toContain('sample-site');
      const expected = { ...analysed, tags: [...new Set([...analysed.tags, ...sourceTags])] };
      // Through JSON: what the API and the CLI print.
      expect(JSON.parse(JSON.stringify(stored!.analysis))).toEqual(JSON.parse(JSON.stringify(expected)));
      expect(stored!.analysis!.events.length).toBeGreaterThan(0);
    }
    expect(log.filter((l) => !l.startsWith('scheduler:'))).toEqual([]);
  });

  it('stores every event of every story, one document per fact, each announced once', async () => {
    let reports = 0;
    for (const original of originals) {
      const stored = (await storyAt(site.articleUrl(original)))!;
      for (const event of stored.analysis!.events) {
        const doc = await repos.events.get((await repos.events.collection.findOne({ factKey: factKeyOf(event) }))?._id ?? '');
        expect(doc, `${event.type} ${event.ticker} of ${original.slug}`).not.toBeNull();
        expect(doc!.reports.some((r) => r.articleId === stored.id)).toBe(true);
        expect(doc!.sentimentLabel).toBe(event.sentiment?.label ?? null);
      }
    }
    for (const doc of await repos.events.withReports(await repos.events.collection.find({}).toArray())) reports += doc.reports.length;
    // Each report of each event is on the stream exactly once.
    const entries = await redis.xrange(storedEventsKey(prefix), '-', '+');
    const announced = entries.map(([, fields]) => fields[fields.indexOf('report') + 1]);
    expect(new Set(announced).size).toBe(entries.length);
    expect(entries.length).toBe(reports);
    expect(reports).toBeGreaterThan(0);
  });

  it('records a syndicated copy and the page source as more sources of the story, not new stories', async () => {
    for (const copy of copies) {
      const original = articles.find((a) => a.id === copy.syndicationOf)!;
      const story = (await storyAt(site.articleUrl(original)))!;
      // One story listing both URLs, whichever of the two was seen first.
      expect(story.sources.map((s) => s.url)).toEqual(expect.arrayContaining([site.articleUrl(original), site.articleUrl(copy)]));
      expect((await storyAt(site.articleUrl(copy)))!.id).toBe(story.id);
    }
    const page = site.sources.find((s) => s.kind === 'page')!;
    const story = await storyAt(page.url);
    expect(story?.sources.map((s) => s.sourceId)).toContain(page.id);
    expect(story!.sources.length).toBeGreaterThanOrEqual(2);
  });

  it('stores nothing new when an unchanged feed is polled again, and only the new item when one is published', async () => {
    const before = { articles: await repos.articles.count(), events: await repos.events.count(), stream: await redis.xlen(storedEventsKey(prefix)), counters: await counters() };
    for (const source of site.sources) await pipeline.producer.add('fetch-source', { sourceId: source.id, slot: 'again' });
    await waitFor(async () => {
      const c = await counters();
      return site.sources.every((s) => (c[`fetch_ok:${s.id}`] ?? 0) > (before.counters[`fetch_ok:${s.id}`] ?? 0)) && (await idle(queue));
    }, 'the second poll');
    expect(await repos.articles.count()).toBe(before.articles);
    expect(await repos.events.count()).toBe(before.events);
    expect((await counters())['items:fetch:new']).toBe(before.counters['items:fetch:new']);

    const [fresh] = generateArticles(1, 99, { baseDate: '2026-03-03T09:00:00Z' });
    site.publish({ ...fresh!, slug: `${fresh!.slug}-late`, id: `${fresh!.id}-late` }, 'markets');
    const markets = site.sources.find((s) => s.url === site.feedUrls.markets)!;
    await pipeline.producer.add('fetch-source', { sourceId: markets.id, slot: 'after-publish' });
    await waitFor(async () => (await repos.articles.count()) === before.articles + 1 && (await idle(queue)), 'the published article to be stored');
    // Its own story: a templated headline about a company we have a story on is not a copy of that story.
    expect((await storyAt(site.articleUrl({ ...fresh!, slug: `${fresh!.slug}-late` })))!.sources).toHaveLength(1);
    expect((await counters())['items:fetch:new']).toBe((before.counters['items:fetch:new'] ?? 0) + 1);
  });
});
