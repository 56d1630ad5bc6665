import { Redis } from 'ioredis';
import { checkRedis, defaultCacheDir, provideMongo, redactUri } from '@tickerwire/local-servers';
import { assertNoEviction } from '@tickerwire/queue';
import { connectStore, ensureAllIndexes, repositories } from '@tickerwire/store';
import type { CliConfig } from '../config.ts';

/**
 * The main job. Until the pipeline lands it brings up what the pipeline stands on and shows
 * that it works: Redis (refusing an evicting one), MongoDB (or a throwaway FerretDB) with
 * every index created.
 */
export async function start(config: CliConfig, out: (line: string) => void): Promise<void> {
  await checkRedis(config.REDIS_URL);
  const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await assertNoEviction(redis);
  } finally {
    redis.disconnect();
  }
  out(`redis    ${config.REDIS_URL}  ok (maxmemory-policy noeviction)`);

  const mongo = await provideMongo(config.MONGODB_URI, defaultCacheDir(config.XDG_CACHE_HOME));
  try {
    const store = await connectStore(mongo.uri, config.MONGODB_DB);
    try {
      const repos = repositories(store.db);
      await ensureAllIndexes(repos);
      const kind = config.MONGODB_URI ? '' : ' (throwaway FerretDB)';
      out(`mongodb  ${redactUri(mongo.uri)}${kind}  ok, database ${config.MONGODB_DB}, indexes created`);
    } finally {
      await store.close();
    }
  } finally {
    await mongo.stop();
  }
}
