import { z } from 'zod';
import { Cluster, Redis } from 'ioredis';

export type RedisRole = 'worker' | 'producer';

/**
 * A connection to one Redis server or to a Redis Cluster. Both answer the same commands; on a
 * cluster every command touching several keys (a script, MULTI, DEL of many) must name keys
 * of one hash slot, which the deployment's hash-tagged key prefix guarantees (see RedisEnv).
 */
export type RedisConnection = Redis | Cluster;

/** Where Redis is: one server (a redis:// or rediss:// URL) or a cluster's seed nodes. */
export type RedisTarget =
  | { kind: 'server'; url: string }
  | { kind: 'cluster'; nodes: { host: string; port: number }[]; username: string | undefined; password: string | undefined; tls: boolean };

const clusterScheme = /^(rediss?)-cluster:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?#]+)\/?$/;
const seedNode = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

/**
 * Parses REDIS_URL: `redis://` / `rediss://` for one server, or
 * `redis-cluster://[user:password@]host:port[,host:port…]` (`rediss-cluster://` with TLS) for a
 * Redis Cluster, naming a few of its nodes (the client learns the rest from them).
 * Returns null when it is neither.
 */
export function parseRedisTarget(url: string): RedisTarget | null {
  const cluster = clusterScheme.exec(url);
  if (cluster) {
    const nodes = cluster[4]!.split(',').map((node) => seedNode.exec(node));
    if (nodes.some((n) => n === null || Number(n[2]) < 1 || Number(n[2]) > 65535)) return null;
    let username: string | undefined;
    let password: string | undefined;
    try {
      username = cluster[2] ? decodeURIComponent(cluster[2]) : undefined;
      password = cluster[3] ? decodeURIComponent(cluster[3]) : undefined;
    } catch {
      return null; // a malformed %-escape
    }
    return { kind: 'cluster', nodes: nodes.map((n) => ({ host: n![1]!.replace(/^\[|\]$/g, ''), port: Number(n![2]) })), username, password, tls: cluster[1] === 'rediss' };
  }
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'redis:' || parsed.protocol === 'rediss:' ? { kind: 'server', url } : null;
  } catch {
    return null;
  }
}

/**
 * REDIS_URL and TICKERWIRE_PREFIX, as every service's and the command line's configuration
 * reads them (extend with `.shape`, then `.superRefine(requireHashTagOnCluster)`).
 *
 * TICKERWIRE_PREFIX is the key prefix of one deployment (queues, counters, stream, leases,
 * rate limits). On a Redis Cluster it must be a hash tag, `{name}`: every key then hashes to
 * one slot, so BullMQ's scripts and ours, which take several keys at once, run there.
 */
export const RedisEnv = z.object({
  REDIS_URL: z
    .string()
    .refine((url) => parseRedisTarget(url) !== null, 'a redis:// or rediss:// URL, or redis-cluster://host:port[,host:port…] for a Redis Cluster')
    .default('redis://127.0.0.1:6379'),
  TICKERWIRE_PREFIX: z
    .string()
    .regex(/^(?:[A-Za-z0-9_-]{1,40}|\{[A-Za-z0-9_-]{1,40}\})$/, 'letters, digits, "-" and "_" (at most 40), or those in braces as a hash tag: {tw}')
    .default('tw'),
});

/** Whether every key under this prefix hashes to one cluster slot (the prefix opens with a hash tag). */
export function isHashTagged(prefix: string): boolean {
  return /^\{[^{}]+\}/.test(prefix);
}

/** Refuses a cluster REDIS_URL with a prefix that is not a hash tag, naming TICKERWIRE_PREFIX. */
export function requireHashTagOnCluster(config: { REDIS_URL: string; TICKERWIRE_PREFIX: string }, context: z.RefinementCtx): void {
  if (parseRedisTarget(config.REDIS_URL)?.kind === 'cluster' && !isHashTagged(config.TICKERWIRE_PREFIX)) {
    context.addIssue({ code: 'custom', path: ['TICKERWIRE_PREFIX'], message: `on a Redis Cluster the prefix must be a hash tag, e.g. {${config.TICKERWIRE_PREFIX}}, so each deployment's keys share one slot` });
  }
}

/**
 * A connection set up the way BullMQ wants it for its role, to the server or cluster REDIS_URL
 * names. Workers block on Redis and must retry for ever (`maxRetriesPerRequest: null`); a
 * producer's command fails after one retry, and JobProducer bounds each add, so a caller is
 * not left waiting while Redis is down.
 */
export function createRedis(url: string, role: RedisRole, onError: (error: Error) => void): RedisConnection {
  const target = parseRedisTarget(url);
  if (!target) throw new RangeError('REDIS_URL is not a redis://, rediss:// or redis-cluster:// URL');
  // Reconnect with a capped backoff for ever: Redis restarts are survived, not fatal.
  const backoff = (times: number) => Math.min(200 * 2 ** Math.min(times, 5), 5000);
  const common = { maxRetriesPerRequest: role === 'worker' ? null : 1, connectTimeout: 5000 };
  const redis: RedisConnection =
    target.kind === 'server'
      ? new Redis(url, { ...common, retryStrategy: backoff })
      : new Cluster(target.nodes, {
          clusterRetryStrategy: backoff,
          redisOptions: { ...common, username: target.username, password: target.password, ...(target.tls ? { tls: {} } : {}) },
        });
  redis.on('error', onError);
  return redis;
}

/**
 * A second connection to the same server or cluster, for a blocking read (XREADGROUP BLOCK,
 * XREAD BLOCK) that would otherwise hold up every other command on the first.
 */
export function duplicateConnection(redis: RedisConnection, options: { maxRetriesPerRequest?: number | null } = {}): RedisConnection {
  return redis instanceof Cluster ? redis.duplicate(undefined, { redisOptions: { ...redis.options.redisOptions, ...options } }) : redis.duplicate(options);
}

/** The nodes that hold keys: the server itself, or each master of a cluster. */
export async function keyHoldingNodes(redis: RedisConnection): Promise<Redis[]> {
  if (!(redis instanceof Cluster)) return [redis];
  // The masters are known once the client has read the slot map; a first command waits for that.
  await redis.ping();
  return redis.nodes('master');
}

export class EvictionPolicyError extends Error {
  constructor(policy: string) {
    super(
      `Redis maxmemory-policy is "${policy}", not "noeviction": Redis could silently drop queued jobs. ` +
        'Set it (redis-cli CONFIG SET maxmemory-policy noeviction, and in redis.conf) before starting.',
    );
    this.name = 'EvictionPolicyError';
  }
}

/**
 * Refuses to go on unless Redis keeps every key. BullMQ only warns; we stop, because an
 * evicted job is lost without a trace. Read from INFO, which works where CONFIG is disabled.
 */
export async function assertNoEviction(redis: RedisConnection): Promise<void> {
  // A cluster answers INFO from one node: ask every master, any of which may hold the keys.
  for (const node of await keyHoldingNodes(redis)) {
    const info = await node.info('memory');
    const policy = /^maxmemory_policy:(\S+)/m.exec(info)?.[1] ?? 'unknown';
    if (policy !== 'noeviction') throw new EvictionPolicyError(policy);
  }
}

/** Deletes every key under a prefix: a throwaway run's queues, counters, stream and index. */
export async function deleteKeysWithPrefix(redis: RedisConnection, prefix: string): Promise<void> {
  // SCAN walks one node; on a cluster, each master. A braced prefix is escaped for the pattern.
  const pattern = `${prefix.replace(/[\\*?[\]{}]/g, '\\$&')}:*`;
  for (const node of await keyHoldingNodes(redis)) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      // One key per DEL: keys of one node may still lie in different slots.
      if (keys.length > 0) await Promise.all(keys.map((key) => node.del(key)));
      cursor = next;
    } while (cursor !== '0');
  }
}
