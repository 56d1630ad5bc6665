import { Redis } from 'ioredis';
import { ServiceUnavailableError, reasonOf } from './errors.ts';

/** Fails with a one-line ServiceUnavailableError unless Redis answers PING within the timeout. */
export async function checkRedis(url: string, timeoutMs = 3000): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // The socket error (ECONNREFUSED…) says more than the "Connection is closed" that connect() rejects with.
  let socketError: unknown;
  redis.on('error', (error) => (socketError ??= error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new ServiceUnavailableError(
      `Redis is not reachable at ${url} (${reasonOf(socketError ?? error)}): start it (redis-server --daemonize yes) or set REDIS_URL`,
      { cause: error },
    );
  } finally {
    redis.disconnect();
  }
}
