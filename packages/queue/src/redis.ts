import { Redis } from 'ioredis';

export type RedisRole = 'worker' | 'producer';

/**
 * An ioredis connection set up the way BullMQ wants it for its role. Workers block on
 * Redis and must retry for ever (`maxRetriesPerRequest: null`); a producer's command fails
 * after one retry, and JobProducer bounds each add, so a caller is not left waiting while
 * Redis is down.
 */
export function createRedis(url: string, role: RedisRole, onError: (error: Error) => void): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    connectTimeout: 5000,
    // Reconnect with a capped backoff for ever: Redis restarts are survived, not fatal.
    retryStrategy: (times) => Math.min(200 * 2 ** Math.min(times, 5), 5000),
  });
  redis.on('error', onError);
  return redis;
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
export async function assertNoEviction(redis: Redis): Promise<void> {
  const info = await redis.info('memory');
  const policy = /^maxmemory_policy:(\S+)/m.exec(info)?.[1] ?? 'unknown';
  if (policy !== 'noeviction') throw new EvictionPolicyError(policy);
}

/** Deletes every key under a prefix: a throwaway run's queues, counters, stream and index. */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
