import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSampleSite, type SampleArticle, type SampleSite } from '@tickerwire/sample-site';
import { readCounters, storedEventsKey } from '@tickerwire/queue';
import type { Repositories } from '@tickerwire/store';
import type { RunningPipeline } from '@tickerwire/pipeline';
import { deleteKeys, freshRepositories, testRedis, uniquePrefix } from '../support/services.ts';
import { idle, testPipeline } from '../support/pipeline.ts';
import { waitFor } from '../support/wait.ts';

// Issue #16 item 9: "a page source at an already-stored URL throws away the extra facts of the
// full page (the feed summary won)". A feed carrying the lead only is stored first; then a page
// source at the same URL brings the whole article with a second fact. End to end, all real.
describe('a page source at a URL a feed summary already stored', () => {
  const lead = 'Marlow Street Capital raised its price target on Copperline Data (NASDAQ: CPLD) to $65 from $54 on Tuesday.';
  const more = 'Harbor Lane Capital upgraded Copperline Data (NASDAQ: CPLD) to buy from hold on Wednesday, citing new hosting contracts in Texas.';
  const article: SampleArticle = {
    id: 'richer-1',
    slug: 'copperline-target-and-upgrade',
    title: 'Copperline Data gets a higher target at Marlow Street',
    body: `${lead}\n\n${more}`,
    publishedAt: new Date(Date.now() - 3_600_000).toISOString(),
    tickers: ['CPLD'],
    author: 'Dana Whitfield',
  };
  const prefix = uniquePrefix('richer');
  const redis = testRedis('producer');
  const log: string[] = [];
  let site: SampleSite;
  let repos: Repositories;
  let drop: () => Promise<void>;
  let pipeline: RunningPipeline;
  const queue = (name: Parameters<RunningPipeline['producer']['queue']>[0]) => pipeline.producer.queue(name);
  const stream = async () => (await redis.xrange(storedEventsKey(prefix), '-', '+')).map(([, fields]) => Object.fromEntries(Array.from({ length: fields.length / 2 }, (_, i) => [fields[2 * i], fields[2 * i + 1]])));

  beforeAll(async () => {
    site = await startSampleSite({ articles: [] });
    // The research feed (Atom) carries each article's lead only.
    site.publish(article, 'research');
    const fresh = await freshRepositories('richer');
    repos = fresh.repos;
    drop = fresh.database.drop;
    await repos.sources.add({ id: 'summaries-atom', kind: 'feed', url: site.feedUrls.research, interval: 3600, tags: ['summaries'] });
    pipeline = await testPipeline(fresh.database.db, prefix, log);
    await waitFor(async () => (await readCounters(redis, prefix))['items:store:stored'] === 1 && (await idle(queue)), 'the feed summary to be stored', 30_000);
  }, 60_000);

  afterAll(async () => {
    await pipeline?.close();
    await site?.close();
    await deleteKeys(redis, prefix);
    redis.disconnect();
    await drop?.();
  });

  it('first holds the summary with its one fact', async () => {
    const [story] = await repos.articles.collection.find({}).toArray();
    expect(story!.body).toBe(lead);
    expect(story!.analysis!.events.map((e) => e.type)).toEqual(['price_target']);
    expect(await repos.events.count()).toBe(1);
    expect(await stream()).toHaveLength(1);
  });

  it('keeps the full page and its second fact, announced once, when the page source reads it', async () => {
    await repos.sources.add({ id: 'full-page', kind: 'page', url: site.articleUrl(article), interval: 3600, tickers: ['CPLD'], tags: ['pages'] });
    await waitFor(async () => (await repos.events.count()) === 2 && (await idle(queue)), 'the page to be recorded', 30_000);
    const stories = await repos.articles.collection.find({}).toArray();
    expect(stories).toHaveLength(1);
    const story = (await repos.articles.get(stories[0]!._id))!;
    expect(story.body).toContain(more);
    expect(story.body).toContain(lead);
    expect(story.analysis!.events.map((e) => [e.type, 'firm' in e ? e.firm : null])).toEqual([
      ['price_target', 'Marlow Street Capital'],
      ['analyst_rating', 'Harbor Lane Capital'],
    ]);
    expect(story.analysis!.tags).toEqual(expect.arrayContaining(['summaries', 'pages']));
    expect(story.sources.map((s) => s.sourceId)).toEqual(['summaries-atom', 'full-page']);
    // The upgrade: first reported by the story, through the page source.
    const upgrade = await repos.events.withReports(await repos.events.collection.find({ type: 'analyst_rating' }).toArray());
    expect(upgrade.map((e) => e.reports.map((r) => [r.articleId, r.sourceIds, r.novel]))).toEqual([[[story.id, ['full-page'], true]]]);
    // Each fact announced once, both under the story.
    const announced = await stream();
    expect(announced).toHaveLength(2);
    expect(announced.map((m) => (JSON.parse(m.data!) as { articleId: string }).articleId)).toEqual([story.id, story.id]);
    expect(log.filter((l) => !l.startsWith('scheduler:'))).toEqual([]);
  });
});
