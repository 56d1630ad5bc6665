import { parseServiceEnv, type ServiceConfig } from '@tickerwire/pipeline';

/** The analyzer's settings: REDIS_URL, MONGODB_URI (required), MONGODB_DB, TICKERWIRE_PREFIX, CONCURRENCY, PAGE_THREADS. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServiceConfig {
  return parseServiceEnv(env);
}
