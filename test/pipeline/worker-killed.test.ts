import { afterAll, beforeAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import { JobProducer } from '@tickerwire/queue';
import type { Repositories } from '@tickerwire/store';
import { deleteKeys, freshRepositories, testRedis, uniquePrefix } from '../support/services.ts';
import { analysedArticles } from '../support/articles.ts';
import { expectEachStoredOnce } from '../support/ledger.ts';
import { startProcess, type ServiceProcess } from '../support/processes.ts';
import { waitFor } from '../support/wait.ts';

// A writer process killed with SIGKILL while a store job is in its hands: BullMQ sees the
// lapsed lock, the job runs again in another writer, and every story is stored once.
const prefix = uniquePrefix('killed');
const redis = testRedis('producer');
const producer = new JobProducer({ connection: redis, prefix, onError: () => {} });
let repos: Repositories;
let database: Awaited<ReturnType<typeof freshRepositories>>['database'];
const processes: ServiceProcess[] = [];

const writer = () =>
  startProcess('services/writer', {
    REDIS_URL: inject('redisUrl'),
    MONGODB_URI: inject('mongodbUri'),
    MONGODB_DB: database.db.databaseName,
    TICKERWIRE_PREFIX: prefix,
    LOCK_DURATION_MS: '1500',
    STALLED_INTERVAL_MS: '500',
  });

beforeAll(async () => {
  ({ repos, database } = await freshRepositories('killed'));
});

afterAll(async () => {
  for (const p of processes) await p.kill('SIGKILL');
  await producer.close();
  await deleteKeys(redis, prefix);
  redis.disconnect();
  await database.drop();
});

it('runs the job of a SIGKILLed writer again and stores exactly one copy of everything', async () => {
  const articles = analysedArticles(30, 404);
  const first = writer();
  processes.push(first);
  await first.saw('writer: running');

  // The write lease is the writer's first step inside a job: holding it from here parks the
  // job in the writer's hands ("active"), so the kill lands mid-job every time.
  const lease = `${prefix}:tickerwire:write-lock`;
  await redis.set(lease, 'held-by-the-test', 'PX', 60_000);
  const jobIds = [
    await producer.add('store-articles', { articles: articles.slice(0, 10) }),
    await producer.add('store-articles', { articles: articles.slice(10, 20) }),
    await producer.add('store-articles', { articles: articles.slice(20) }),
  ];
  const queue = producer.queue('store');
  await waitFor(async () => (await queue.getActiveCount()) > 0, 'a store job to be active in the writer');
  const inHand = (await queue.getActive()).map((j) => j.id);

  expect(await first.kill('SIGKILL')).toBe(null);
  await redis.del(lease);
  const second = writer();
  processes.push(second);

  await waitFor(async () => (await Promise.all(jobIds.map(async (id) => (await queue.getJob(id))?.getState()))).every((s) => s === 'completed'), 'every store job to complete', 30_000);
  // The killed job was taken back from the dead worker, not lost and not failed.
  for (const id of inHand) {
    const job = (await queue.getJob(id!))!;
    expect(await job.getState()).toBe('completed');
    expect(job.stalledCounter).toBeGreaterThanOrEqual(1);
  }
  expect(await queue.getFailedCount()).toBe(0);
  await expectEachStoredOnce(repos, redis, prefix, articles.length);
});
