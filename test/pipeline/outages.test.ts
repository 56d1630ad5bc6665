import { afterEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { Redis } from 'ioredis';
import { generateArticles, startSampleSite, type SampleSite } from '@tickerwire/sample-site';
import { connectStore, ensureAllIndexes, repositories, type Repositories, type StoreConnection } from '@tickerwire/store';
import type { RunningPipeline } from '@tickerwire/pipeline';
import { readCounters } from '@tickerwire/queue';
import { deleteKeys, freshRepositories, testRepositoryOptions, uniquePrefix } from '../support/services.ts';
import { describeRun, idle, testPipeline } from '../support/pipeline.ts';
import { expectEachStoredOnce } from '../support/ledger.ts';
import { ThrowawayRedis } from '@tickerwire/local-servers';
import { CuttableProxy } from '../support/tcp-proxy.ts';
import { waitFor } from '../support/wait.ts';

// Redis or MongoDB going away in the middle of a run: the pipeline waits, retries, and
// once the server is back every article is stored, none twice.
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step().catch(() => {});
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// Enough that the pipeline is still busy when the fault comes (150 were all stored within
// a second once the writer only inserted).
const articles = generateArticles(800, 77);
// Fast recovery settings, so a stalled job comes back within seconds, not BullMQ's 30 s.
const quick = { lockDurationMs: 3000, stalledIntervalMs: 1000, maxItemsPerPoll: articles.length };

async function sampleSite(repos: Repositories): Promise<SampleSite> {
  const site = await startSampleSite({ articles });
  cleanup.push(() => site.close());
  await repos.sources.seed(site.sources);
  return site;
}

describe('outages mid-run', () => {
  it('resumes after Redis restarts and stores every article once', async () => {
    const server = await ThrowawayRedis.start();
    cleanup.push(() => server.stop());
    const { repos, database } = await freshRepositories('redis-restart');
    cleanup.push(() => database.drop());
    await sampleSite(repos);
    const prefix = uniquePrefix('redis-restart');
    const log: string[] = [];
    const pipeline = await testPipeline(database.db, prefix, log, { redisUrl: server.url, ...quick });
    cleanup.push(() => pipeline.close());

    await waitFor(async () => (await repos.articles.count()) > 0, 'the first stories to be stored');
    const storedBefore = await repos.articles.count();
    await server.down();
    await sleep(1500);
    await server.up();

    await waitFor(async () => (await repos.articles.count()) === articles.length && (await idle((q) => pipeline.producer.queue(q))), 'every article after the restart', 90_000).catch(async (error: Error) => {
      throw new Error(`${error.message}\n${await describeRun(pipeline, log, await repos.articles.count())}`);
    });
    expect(storedBefore).toBeLessThan(articles.length);
    expect(log.some((l) => /ECONNREFUSED|Connection is closed|ECONNRESET/.test(l))).toBe(true);
    const redis = new Redis(server.url);
    cleanup.push(async () => redis.disconnect());
    await expectEachStoredOnce(repos, redis, prefix, articles.length);
  }, 120_000);

  it('retries while MongoDB is unreachable and stores every article once it is back', async () => {
    const target = new URL(inject('mongodbUri'));
    const proxy = new CuttableProxy({ host: target.hostname, port: Number(target.port) });
    await proxy.open();
    cleanup.push(() => proxy.cut());
    const direct = await freshRepositories('mongo-outage');
    cleanup.push(() => direct.database.drop());
    // The pipeline reaches the database only through the proxy.
    const store: StoreConnection = await connectStore(`mongodb://127.0.0.1:${proxy.port}/`, direct.database.db.databaseName);
    cleanup.push(() => store.close());
    const repos = repositories(store.db, testRepositoryOptions);
    await ensureAllIndexes(repos);
    await sampleSite(repos);
    const prefix = uniquePrefix('mongo-outage');
    const redis = new Redis(inject('redisUrl'));
    cleanup.push(async () => {
      await deleteKeys(redis, prefix);
      redis.disconnect();
    });
    const log: string[] = [];
    const pipeline: RunningPipeline = await testPipeline(store.db, prefix, log, quick);
    cleanup.push(() => pipeline.close());

    await waitFor(async () => (await direct.repos.articles.count()) > 0, 'the first stories to be stored');
    await proxy.cut();
    // Longer than the driver's 10 s server selection: operations fail, jobs retry.
    await sleep(12_000);
    const storedDuringOutage = await direct.repos.articles.count();
    await proxy.restore();

    await waitFor(async () => (await direct.repos.articles.count()) === articles.length && (await idle((q) => pipeline.producer.queue(q))), 'every article after the outage', 90_000).catch(async (error: Error) => {
      throw new Error(`${error.message}\n${await describeRun(pipeline, log, await direct.repos.articles.count())}`);
    });
    expect(storedDuringOutage).toBeLessThan(articles.length);
    const counters = await readCounters(redis, prefix);
    // The outage was felt: jobs failed and were retried, none was given up on.
    expect(Object.entries(counters).filter(([k]) => k.startsWith('jobs_failed:')).reduce((n, [, v]) => n + v, 0)).toBeGreaterThan(0);
    for (const queue of ['fetch', 'analyze', 'store'] as const) expect(await pipeline.producer.queue(queue).getFailedCount()).toBe(0);
    await expectEachStoredOnce(direct.repos, redis, prefix, articles.length);
  }, 120_000);
});
