import { startNotifier } from '@tickerwire/alerts';
import { assertNoEviction, closeOnSignals, createRedis } from '@tickerwire/queue';
import { StreamPositionsRepository, connectStore, repositories } from '@tickerwire/store';
import { ConfigError, loadNotifierConfig } from './config.ts';

// Webhook notifier: reads the stored-event stream, delivers signed webhooks. The wiring lives
// in @tickerwire/alerts (startNotifier), so the all-in-one process runs the same thing.
async function main(): Promise<void> {
  const config = loadNotifierConfig();
  const log = (message: string) => console.error(message);
  const redis = createRedis(config.REDIS_URL, 'worker', (error) => log(`redis: ${error.message}`));
  await assertNoEviction(redis);
  const store = await connectStore(config.MONGODB_URI, config.MONGODB_DB);
  const repos = repositories(store.db, { secretKeys: config.TICKERWIRE_SECRET_KEYS });
  await Promise.all([repos.subscriptions.ensureIndexes(), repos.deliveries.ensureIndexes()]);
  const resealed = await repos.subscriptions.sealSecrets();
  if (resealed > 0) log(`webhook secrets of ${resealed} subscription(s) sealed with key "${config.TICKERWIRE_SECRET_KEYS.currentKeyId}"`);

  const notifier = await startNotifier({
    redis,
    prefix: config.TICKERWIRE_PREFIX,
    subscriptions: repos.subscriptions,
    deliveries: repos.deliveries,
    positions: new StreamPositionsRepository(store.db),
    options: {
      group: config.NOTIFIER_GROUP,
      consumer: config.NOTIFIER_CONSUMER,
      startId: config.NOTIFIER_START,
      claimIdleMs: config.NOTIFIER_CLAIM_IDLE_MS,
      subscriptionRefreshMs: config.NOTIFIER_SUBSCRIPTION_REFRESH_MS,
      deliverConcurrency: config.NOTIFIER_CONCURRENCY,
      sender: { totalTimeoutMs: config.WEBHOOK_TIMEOUT_MS, privateNetwork: config.TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST },
      deliveryRetentionMs: config.DELIVERY_RETENTION_DAYS * 24 * 3600 * 1000,
      consume: config.NOTIFIER_ROLE !== 'deliver',
      deliver: config.NOTIFIER_ROLE !== 'consume',
    },
    log,
  });
  closeOnSignals([notifier, { close: () => store.close() }, { close: async () => void (await redis.quit()) }], log);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
