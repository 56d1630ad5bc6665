// The API service: `node services/api` (or `node services/api/src/main.ts`).
// First admin key: `node services/api/src/main.ts create-key <name> [read,admin]` prints the
// plaintext once; only its hash is stored. The same is `createApiKey(repos, { name, scopes })`.
import { connectStore, createApiKey, ensureAllIndexes, repositories, apiKeyScopes, type ApiKeyScope } from '@tickerwire/store';
import { destinationRefusal } from '@tickerwire/ingest';
import { assertNoEviction, createRedis } from '@tickerwire/queue';
import { RedisLedgerCoordination } from '@tickerwire/pipeline/key-leases';
import { startApi } from './app.ts';
import { ConfigError, loadApiConfig } from './config.ts';

async function main(argv: string[]): Promise<number> {
  const config = loadApiConfig();
  const store = await connectStore(config.MONGODB_URI, config.MONGODB_DB);
  const allowlist = config.TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST;
  const repositoryOptions = { secretKeys: config.TICKERWIRE_SECRET_KEYS, destinations: (url: string) => destinationRefusal(url, allowlist) };

  if (argv[0] === 'create-key') {
    const repos = repositories(store.db, repositoryOptions);
    const name = argv[1];
    const scopes = (argv[2] ?? 'read,admin').split(',').filter((s) => s.length > 0);
    if (!name || scopes.some((s) => !(apiKeyScopes as readonly string[]).includes(s))) {
      console.error('usage: create-key <name> [read|admin|read,admin]');
      await store.close();
      return 2;
    }
    await repos.apiKeys.ensureIndexes();
    const created = await createApiKey(repos, { name, scopes: scopes as ApiKeyScope[] });
    console.log(JSON.stringify({ id: created.id, name: created.name, scopes: created.scopes, key: created.key }));
    console.error('keep the key now: it is not stored and cannot be shown again');
    await store.close();
    return 0;
  }

  const redis = createRedis(config.REDIS_URL, 'producer', (error) => console.error(`redis: ${error.message}`));
  await assertNoEviction(redis);
  // The writers' batch list: on the development server the feeds keep the stories' order from it.
  const repos = repositories(store.db, { ...repositoryOptions, ledgerCoordination: new RedisLedgerCoordination(redis, config.TICKERWIRE_PREFIX) });
  await ensureAllIndexes(repos);
  const resealed = await repos.subscriptions.sealSecrets();
  if (resealed > 0) console.error(`webhook secrets of ${resealed} subscription(s) sealed with key "${config.TICKERWIRE_SECRET_KEYS.currentKeyId}"`);
  const api = await startApi({
    repos,
    db: store.db,
    redis,
    queuePrefix: config.TICKERWIRE_PREFIX,
    host: config.API_HOST,
    port: config.API_PORT,
    options: {
      ...(config.API_PUBLIC_URL ? { publicUrl: config.API_PUBLIC_URL } : {}),
      rateLimit: { limit: config.API_RATE_LIMIT, windowMs: config.API_RATE_WINDOW_SECONDS * 1000 },
      unauthenticatedRateLimit: { limit: config.API_UNAUTHENTICATED_RATE_LIMIT, windowMs: config.API_RATE_WINDOW_SECONDS * 1000 },
      maxStreams: config.API_MAX_STREAMS,
      maxStreamsPerKey: config.API_MAX_STREAMS_PER_KEY,
      logger: config.API_LOG === 'silent' ? false : { level: config.API_LOG },
    },
  });
  const stop = async () => {
    await api.close();
    redis.disconnect();
    await store.close();
  };
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await stop();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
