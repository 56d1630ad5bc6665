import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from 'ioredis';
import type { Notifier } from '@tickerwire/alerts';
import { parseServiceEnv, pipelineIdle, startPipeline, stages, type RunningPipeline } from '@tickerwire/pipeline';
import { assertNoEviction, createRedis, deleteKeysWithPrefix, keyHoldingNodes, metricsKey, parseRedisTarget, readCounters, storedEventsKey, type RedisConnection } from '@tickerwire/queue';
import { generateArticles, startSampleSite, type SampleSite } from '@tickerwire/sample-site';
import { generateWebhookSecret, type Repositories } from '@tickerwire/store';
import { freshRepositories, testPrivateNetwork, uniquePrefix } from './support/services.ts';
import { ThrowawayRedisCluster } from './support/redis-cluster.ts';
import { waitFor } from './support/wait.ts';
import { Receiver } from './alerts/receiver.ts';
import { startTestNotifier } from './support/notifier.ts';

// Issue #18, item 5: the whole pipeline on a Redis Cluster of three masters (redis-server
// processes on 127.0.0.1): feeds on 127.0.0.1 → fetcher → analyzer → writer → MongoDB and the
// stored-event stream → notifier → a signed webhook. Every key of the deployment carries the
// prefix's hash tag, so BullMQ's scripts and ours (several keys each) run on one slot; without
// it the cluster refuses them (CROSSSLOT) and nothing is stored.
const articles = generateArticles(30, 18, { syndicatedCopies: 3 });
// A hash tag: `{name}`. The braces are what puts every key in one slot.
const prefix = `{${uniquePrefix('cluster')}}`;
const log: string[] = [];
let cluster: ThrowawayRedisCluster;
let redis: RedisConnection;
let repos: Repositories;
let database: Awaited<ReturnType<typeof freshRepositories>>['database'];
let site: SampleSite;
let receiver: Receiver;
let notifier: Notifier;
let pipeline: RunningPipeline;

beforeAll(async () => {
  cluster = await ThrowawayRedisCluster.start(3);
  redis = createRedis(cluster.url, 'worker', (error) => log.push(`redis error: ${error.message}`));
  ({ repos, database } = await freshRepositories('cluster'));
  site = await startSampleSite({ articles });
  await repos.sources.seed(site.sources);
  receiver = new Receiver();
  await receiver.start();
  const secret = generateWebhookSecret();
  await repos.subscriptions.create({ url: receiver.route('/all', secret), filter: {}, secrets: [secret] });
  notifier = await startTestNotifier({
    redis,
    prefix,
    repos,
    options: { group: 'notifier', consumer: 'cluster' },
    onError: (e) => log.push(`notifier error: ${e.message}`),
    log: (line) => log.push(line),
  });
  pipeline = await startPipeline(
    {
      redisUrl: cluster.url,
      prefix,
      db: database.db,
      log: (line) => log.push(line),
      resyncMs: 300,
      fetcher: { politenessDelayMs: 0, maxConcurrentPerHost: 8, privateNetwork: testPrivateNetwork },
      pageThreads: 0,
    },
    stages,
  );
}, 120_000);

afterAll(async () => {
  await pipeline?.close();
  await notifier?.close();
  await receiver?.close();
  await site?.close();
  if (redis) {
    await deleteKeysWithPrefix(redis, prefix).catch(() => {});
    redis.disconnect();
  }
  await database?.drop();
  await cluster?.stop();
});

describe('on a Redis Cluster of three masters', () => {
  it('stores every story from feeds on 127.0.0.1 and delivers each stored report as a signed webhook', async () => {
    expect(redis).toBeInstanceOf(Cluster);
    await assertNoEviction(redis);
    const stories = articles.length - articles.filter((a) => a.syndicationOf).length;
    await waitFor(async () => (await repos.articles.count()) === stories && (await pipelineIdle((q) => pipeline.producer.queue(q))), 'every story stored', 90_000);

    // One webhook per report announced on the stream: every event's every report, signed.
    const events = await repos.events.withReports(await repos.events.collection.find({}).toArray());
    const reports = events.flatMap((e) => e.reports.map((r) => `${e._id} ${r.articleId}`));
    expect(reports.length).toBeGreaterThan(0);
    await receiver.waitFor('/all', reports.length, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const received = receiver.on('/all');
    expect(received.filter((r) => !r.verified).map((r) => r.verifyError)).toEqual([]);
    expect(received.map((r) => JSON.parse(r.body) as { data: { eventId: string; articleId: string } }).map((b) => `${b.data.eventId} ${b.data.articleId}`).sort()).toEqual([...reports].sort());

    const counters = await readCounters(redis, prefix);
    expect(counters['items:store:stored']).toBe(stories);
    expect(counters['jobs_failed:store'] ?? 0).toBe(0);
    expect(log.filter((l) => /error/i.test(l))).toEqual([]);

    // The deployment's keys are all on one node: the prefix's hash tag put them in one slot.
    const nodesHolding = [];
    for (const node of await keyHoldingNodes(redis)) {
      const [, keys] = await node.scan('0', 'MATCH', `${prefix.replace(/[{}]/g, '\\$&')}:*`, 'COUNT', 10_000);
      if (keys.length > 0) nodesHolding.push({ port: node.options.port, keys });
    }
    expect(nodesHolding).toHaveLength(1);
    expect(nodesHolding[0]!.keys).toEqual(expect.arrayContaining([storedEventsKey(prefix), metricsKey(prefix), `${prefix}:store:meta`]));
    expect(nodesHolding[0]!.port).toBe(await cluster.portOfKey(storedEventsKey(prefix)));
  }, 180_000);
});

describe('configuring Redis Cluster', () => {
  const env = { MONGODB_URI: 'mongodb://127.0.0.1:27017' };

  it('reads redis-cluster:// seed nodes, with credentials, and refuses what is neither a server nor a cluster', () => {
    expect(parseRedisTarget('redis-cluster://127.0.0.1:7000,127.0.0.1:7001')).toEqual({
      kind: 'cluster',
      nodes: [{ host: '127.0.0.1', port: 7000 }, { host: '127.0.0.1', port: 7001 }],
      username: undefined,
      password: undefined,
      tls: false,
    });
    expect(parseRedisTarget('rediss-cluster://app:s%40cret@redis-a.internal:6379')).toMatchObject({ kind: 'cluster', username: 'app', password: 's@cret', tls: true, nodes: [{ host: 'redis-a.internal', port: 6379 }] });
    expect(parseRedisTarget('redis://127.0.0.1:6379')).toEqual({ kind: 'server', url: 'redis://127.0.0.1:6379' });
    expect(parseRedisTarget('redis-cluster://127.0.0.1')).toBeNull();
    expect(parseRedisTarget('redis-cluster://app:%E0%A4%A@127.0.0.1:7000')).toBeNull();
    expect(parseRedisTarget('http://127.0.0.1:6379')).toBeNull();
  });

  it('refuses a cluster with a prefix that is not a hash tag, naming TICKERWIRE_PREFIX; one server keeps the plain prefix', () => {
    expect(() => parseServiceEnv({ ...env, REDIS_URL: 'redis-cluster://127.0.0.1:7000' })).toThrow(/TICKERWIRE_PREFIX.*hash tag, e\.g\. \{tw\}/);
    expect(() => parseServiceEnv({ ...env, REDIS_URL: 'redis-cluster://127.0.0.1:7000', TICKERWIRE_PREFIX: 'prod' })).toThrow(/TICKERWIRE_PREFIX.*\{prod\}/);
    expect(parseServiceEnv({ ...env, REDIS_URL: 'redis-cluster://127.0.0.1:7000', TICKERWIRE_PREFIX: '{prod}' }).TICKERWIRE_PREFIX).toBe('{prod}');
    expect(parseServiceEnv(env).TICKERWIRE_PREFIX).toBe('tw');
    expect(() => parseServiceEnv({ ...env, REDIS_URL: 'redis-cluster://127.0.0.1' })).toThrow(/REDIS_URL/);
    expect(() => parseServiceEnv({ ...env, TICKERWIRE_PREFIX: '{a}b{c}' })).toThrow(/TICKERWIRE_PREFIX/);
  });
});
