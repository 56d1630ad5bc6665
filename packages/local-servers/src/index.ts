import { homedir } from 'node:os';
import { join } from 'node:path';
import { checkMongo } from './mongo.ts';
import { startFerretDb, type RunningServer, type Supervision } from './ferretdb.ts';

export { ServiceUnavailableError } from './errors.ts';
export { checkRedis } from './redis.ts';
export { checkMongo, redactUri } from './mongo.ts';
export { startFerretDb, ferretDbBinary, FERRETDB_VERSION, type RunningServer, type Supervision } from './ferretdb.ts';

/** Where built tools (FerretDB) are kept between runs: outside the repo, shared by clones. */
export function defaultCacheDir(xdgCacheHome: string | undefined): string {
  return join(xdgCacheHome || join(homedir(), '.cache'), 'tickerwire');
}

/**
 * The MongoDB-compatible server to use: the one at `uri` when given (checked to answer),
 * otherwise a throwaway FerretDB that `stop()` removes.
 */
export async function provideMongo(uri: string | undefined, cacheDir: string, supervision: Supervision = {}): Promise<RunningServer> {
  if (uri) {
    await checkMongo(uri);
    return { uri, stop: async () => {} };
  }
  return startFerretDb(cacheDir, undefined, supervision);
}
export { ThrowawayRedis } from './redis-server.ts';
