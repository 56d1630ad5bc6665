import type { TestProject } from 'vitest/node';
import { ServiceUnavailableError, checkRedis, defaultCacheDir, provideMongo, redactUri } from '@tickerwire/local-servers';
import { loadTestConfig } from './config.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    mongodbUri: string;
  }
}

/**
 * Finds Redis and a MongoDB-compatible server before any integration test runs, or ends
 * the run with one line saying what is missing. Never a silent skip.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = loadTestConfig();
  try {
    await checkRedis(config.REDIS_URL);
    const mongo = await provideMongo(config.MONGODB_URI, defaultCacheDir(config.XDG_CACHE_HOME));
    project.provide('redisUrl', config.REDIS_URL);
    project.provide('mongodbUri', mongo.uri);
    console.log(`integration tests: Redis at ${config.REDIS_URL}, MongoDB-compatible server at ${redactUri(mongo.uri)}${config.MONGODB_URI ? '' : ' (throwaway FerretDB)'}, Node ${process.version}`);
    return mongo.stop;
  } catch (error) {
    if (error instanceof ServiceUnavailableError) {
      // One line, then stop: a stack trace would bury what the person has to do.
      console.error(`\ntickerwire tests cannot run: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
