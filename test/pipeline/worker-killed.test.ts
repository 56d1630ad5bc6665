import { afterAll, beforeAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import { JobProducer, QueueEvents } from '@tickerwire/queue';
import { leaseKeysOf, type Repositories } from '@tickerwire/store';
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

  // A lease on the first article's URL (as another writer storing it would hold) parks the
  // first job in the writer's hands ("active") before it writes, so the kill lands mid-job.
  const lease = `${prefix}:ledger:lease:${leaseKeysOf(articles[0]!)[0]}`;
  await redis.set(lease, 'held-by-the-test', 'PX', 60_000);
  const queue = producer.queue('store');
  const events = new QueueEvents('store', { connection: testRedis('worker'), prefix });
  await events.waitUntilReady();
  const stalled = new Set<string>();
  events.on('stalled', ({ jobId }) => stalled.add(jobId));
  const jobIds = [
    await producer.add('store-articles', { articles: articles.slice(0, 10) }),
    await producer.add('store-articles', { articles: articles.slice(10, 20) }),
    await producer.add('store-articles', { articles: articles.slice(20) }),
  ];
  await waitFor(async () => (await queue.getActiveCount()) > 0, 'a store job to be active in the writer');
  const inHand = (await queue.getActive()).map((j) => j.id);

  expect(await first.kill('SIGKILL')).toBe(null);
  await redis.del(lease);
  const second = writer();
  processes.push(second);

  // A completed store job is removed at once (its articles are in MongoDB): done when none is left.
  await waitFor(async () => (await Promise.all(jobIds.map((id) => queue.getJob(id)))).every((job) => job === undefined), 'every store job to complete', 30_000);
  // The killed job was taken back from the dead worker, not lost and not failed.
  for (const id of inHand) expect(stalled).toContain(id);
  expect(await queue.getFailedCount()).toBe(0);
  await events.close();
  await expectEachStoredOnce(repos, redis, prefix, articles.length);
});
