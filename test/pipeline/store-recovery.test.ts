import { testPrivateNetwork } from '../support/services.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { generateArticles, startSampleSite } from '@tickerwire/sample-site';
import { Fetcher } from '@tickerwire/ingest';
import { RecentlySent, pollSource, type RunningPipeline } from '@tickerwire/pipeline';
import { JobProducer, QueueEvents, StageMetrics, readCounters } from '@tickerwire/queue';
import { connectStore, localCoordination, openLedger } from '@tickerwire/store';
import { deleteKeys, freshRepositories, testRedis, uniquePrefix } from '../support/services.ts';
import { testPipeline } from '../support/pipeline.ts';
import { CuttableProxy } from '../support/tcp-proxy.ts';
import { waitFor } from '../support/wait.ts';

// What the database being away leaves behind must not need an operator: jobs that died of
// it run again once it is back, and a poll never counts as new what it could not enqueue.
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step().catch(() => {});
});

/** The clients of a fetch stage run alone (no analyzer or writer), closed by the test's cleanup. */
function fetchStageClients(prefix: string) {
  const redis = testRedis('producer');
  const fetcher = new Fetcher({ politenessDelayMs: 0, privateNetwork: testPrivateNetwork });
  const producer = new JobProducer({ connection: redis, prefix, onError: () => {} });
  const metrics = new StageMetrics(redis, prefix, () => {});
  cleanup.push(async () => {
    await producer.close();
    await fetcher.close();
    await deleteKeys(redis, prefix);
    redis.disconnect();
  });
  return { redis, fetcher, producer, metrics };
}

describe('after the database was away', () => {
  it('re-drives a job that failed because the database was unreachable, once it answers again', async () => {
    const target = new URL(inject('mongodbUri'));
    const proxy = new CuttableProxy({ host: target.hostname, port: Number(target.port) });
    await proxy.open();
    cleanup.push(() => proxy.cut());
    const direct = await freshRepositories('store-recovery');
    cleanup.push(() => direct.database.drop());
    const store = await connectStore(`mongodb://127.0.0.1:${proxy.port}/`, direct.database.db.databaseName);
    cleanup.push(() => store.close());
    const articles = generateArticles(12, 5);
    const site = await startSampleSite({ articles });
    cleanup.push(() => site.close());
    await direct.repos.sources.seed(site.sources);
    const feed = site.sources.find((s) => s.kind === 'feed')!;
    const prefix = uniquePrefix('store-recovery');
    const redis = testRedis('producer');
    cleanup.push(async () => {
      await deleteKeys(redis, prefix);
      redis.disconnect();
    });
    const log: string[] = [];
    // No scheduler: the one poll below is the only work.
    const pipeline: RunningPipeline = await testPipeline(store.db, prefix, log, { storeRecoveryMs: 200 }, ['fetcher', 'analyzer', 'writer']);
    cleanup.push(() => pipeline.close());
    const eventsConnection = testRedis('worker');
    const events = new QueueEvents('fetch', { connection: eventsConnection, prefix });
    cleanup.push(async () => {
      await events.close();
      eventsConnection.disconnect();
    });
    await events.waitUntilReady();

    await proxy.cut();
    // One attempt, so it dies of the outage at once instead of after six.
    const job = await pipeline.producer.queue('fetch').add('fetch-source', { sourceId: feed.id }, { jobId: `fetch-source.${feed.id}.outage`, attempts: 1 });
    await expect(job.waitUntilFinished(events, 30_000)).rejects.toThrow(/^database unavailable: /);
    expect(await job.getState()).toBe('failed');
    await proxy.restore();

    await waitFor(async () => (await pipeline.producer.queue('fetch').getJobState(job.id!)) === 'completed', 'the dead poll to run again and complete', 60_000);
    await waitFor(async () => (await direct.repos.articles.count()) > 0, 'its articles to be stored', 30_000);
    expect(log).toContainEqual(expect.stringMatching(/^database back: re-drove 1 job\(s\) that failed while it was away \(fetch 1\)$/));
    expect(await pipeline.producer.queue('fetch').getFailedCount()).toBe(0);
  }, 120_000);

  it('counts articles whose batch job exists already apart, not as new', async () => {
    const { repos, database } = await freshRepositories('existing-job');
    cleanup.push(() => database.drop());
    const site = await startSampleSite({ articles: generateArticles(12, 6) });
    cleanup.push(() => site.close());
    await repos.sources.seed(site.sources);
    const feed = site.sources.find((s) => s.kind === 'feed')!;
    const prefix = uniquePrefix('existing-job');
    const { redis, fetcher, producer, metrics } = fetchStageClients(prefix);
    // No analyzer or writer runs: what the first poll enqueued is not stored, so the second
    // poll finds the same articles "fresh" again, in the same batches.
    const deps = { repos, ledger: await openLedger(database.db, localCoordination()), fetcher, producer, metrics };
    const first = await pollSource(deps, feed.id);
    expect(first.enqueued).toBeGreaterThan(0);
    await repos.sources.saveValidators(feed.id, { etag: null, lastModified: null });
    const second = await pollSource(deps, feed.id);

    expect(second).toMatchObject({ status: 'polled', found: first.found, enqueued: 0, inExistingJob: first.enqueued });
    const counters = await readCounters(redis, prefix);
    expect(counters['items:fetch:new']).toBe(first.enqueued);
    expect(counters['items:fetch:in_existing_job']).toBe(first.enqueued);
  }, 60_000);

  it('does not send again what an earlier poll sent and is not stored yet, even in a batch of another make-up; once lapsed, it does', async () => {
    const { repos, database } = await freshRepositories('in-flight');
    cleanup.push(() => database.drop());
    const [later, ...articles] = generateArticles(13, 7);
    const site = await startSampleSite({ articles });
    cleanup.push(() => site.close());
    await repos.sources.seed(site.sources);
    const feed = site.sources.find((s) => s.url === site.feedUrls.markets)!;
    const prefix = uniquePrefix('in-flight');
    const { redis, fetcher, producer, metrics } = fetchStageClients(prefix);
    // No analyzer or writer: what a poll sends stays unstored, as while the chain is behind.
    const ttlMs = 1500;
    const deps = { repos, ledger: await openLedger(database.db, localCoordination()), fetcher, producer, metrics, recentlySent: new RecentlySent({ ttlMs }) };
    const first = await pollSource(deps, feed.id);
    expect(first.enqueued).toBeGreaterThan(0);

    // A new article: the next poll's batch would differ from the first (another job id).
    site.publish(later!, 'markets');
    const second = await pollSource(deps, feed.id);
    expect(second).toMatchObject({ status: 'polled', found: first.found + 1, enqueued: 1, inFlight: first.enqueued, inExistingJob: 0 });
    const analyze = producer.queue('analyze');
    const sent = (await analyze.getJobs(['waiting', 'prioritized'])).flatMap((job) => (job.data as { articles: { canonicalUrl: string }[] }).articles.map((a) => a.canonicalUrl));
    expect(sent).toHaveLength(first.enqueued + 1);
    expect(new Set(sent).size).toBe(sent.length);
    expect((await readCounters(redis, prefix))['items:fetch:in_flight']).toBe(first.enqueued);

    // Lapsed (its job lost, say): the next poll sends it again.
    await new Promise((resolve) => setTimeout(resolve, ttlMs));
    await repos.sources.saveValidators(feed.id, { etag: null, lastModified: null });
    const third = await pollSource(deps, feed.id);
    expect(third.enqueued + third.inExistingJob).toBe(first.enqueued + 1);
    expect(third.inFlight).toBe(0);
  }, 60_000);
});
