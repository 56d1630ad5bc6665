import type { Db } from 'mongodb';
import type { RedisConnection } from '@tickerwire/queue';

export interface Readiness {
  ready: boolean;
  checks: { redis: string; mongodb: string };
}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Both stores answer a ping within the time (checked together). */
export async function checkReadiness(redis: RedisConnection, db: Db, timeoutMs: number): Promise<Readiness> {
  const describe = (r: PromiseSettledResult<unknown>) => (r.status === 'fulfilled' ? 'ok' : `unreachable: ${(r.reason as Error).message}`);
  const [redisCheck, mongoCheck] = await Promise.allSettled([within(redis.ping(), timeoutMs, 'Redis'), within(db.command({ ping: 1 }), timeoutMs, 'MongoDB')]);
  return { ready: redisCheck.status === 'fulfilled' && mongoCheck.status === 'fulfilled', checks: { redis: describe(redisCheck), mongodb: describe(mongoCheck) } };
}
