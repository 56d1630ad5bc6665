import { loadAliasTable } from '@tickerwire/extract';
import { EvictionPolicyError, assertNoEviction, closeOnSignals, createRedis } from '@tickerwire/queue';
import { connectStore, ensureAllIndexes, repositories } from '@tickerwire/store';
import { startPipeline, type Stage } from './chain.ts';
import type { ServiceConfig } from './service-config.ts';
import type { Log } from './deps.ts';

/**
 * What `node services/<stage>` does: refuse an evicting Redis, connect MongoDB and create
 * the indexes, run the stage's workers, close cleanly on SIGTERM/SIGINT (active jobs finish
 * or go back to their queue).
 */
export async function runService(config: ServiceConfig, stage: Stage, log: Log = (line) => console.error(line)): Promise<void> {
  // The socket's error (ECONNREFUSED…) says more than the retry limit the probe's command ends on.
  let socketError: Error | undefined;
  const probe = createRedis(config.REDIS_URL, 'producer', (error) => (socketError ??= error));
  try {
    await assertNoEviction(probe);
  } catch (error) {
    throw socketError && !(error instanceof EvictionPolicyError) ? new Error(`Redis is not reachable: ${socketError.message}`, { cause: error }) : error;
  } finally {
    probe.disconnect();
  }
  const store = await connectStore(config.MONGODB_URI, config.MONGODB_DB);
  await ensureAllIndexes(repositories(store.db));
  const concurrency = config.CONCURRENCY;
  const pipeline = await startPipeline(
    {
      redisUrl: config.REDIS_URL,
      prefix: config.TICKERWIRE_PREFIX,
      db: store.db,
      log: (line) => log(`${stage}: ${line}`),
      pageThreads: config.PAGE_THREADS,
      fetcher: { privateNetwork: config.TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST },
      ...(config.TICKERWIRE_COMPANY_ALIASES ? { extract: { companyAliases: loadAliasTable(config.TICKERWIRE_COMPANY_ALIASES) } } : {}),
      ...(config.LOCK_DURATION_MS ? { lockDurationMs: config.LOCK_DURATION_MS } : {}),
      ...(config.STALLED_INTERVAL_MS ? { stalledIntervalMs: config.STALLED_INTERVAL_MS } : {}),
      ...(concurrency && stage !== 'scheduler' ? { concurrency: { [stage]: concurrency } } : {}),
    },
    [stage],
  );
  log(`${stage}: running (prefix ${config.TICKERWIRE_PREFIX}, database ${config.MONGODB_DB})`);
  closeOnSignals([pipeline, { close: () => store.close() }], log);
}
