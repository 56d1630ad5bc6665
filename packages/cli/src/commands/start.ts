import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { ServiceUnavailableError, checkRedis, defaultCacheDir, provideMongo, redactUri } from '@tickerwire/local-servers';
import { assertNoEviction, closeAll, createRedis, deleteKeysWithPrefix, parseRedisTarget, readCounters, type Closable } from '@tickerwire/queue';
import { SecretKeyring, StreamPositionsRepository, connectStore, ensureAllIndexes, repositories } from '@tickerwire/store';
import { destinationRefusal } from '@tickerwire/ingest';
import { RedisLedgerCoordination, formatProgress, formatProgressSummary, pipelineIdle, queueDepths, startPipeline, stages, type RunningPipeline, type Snapshot } from '@tickerwire/pipeline';
import { generateArticles, liveArticle, startSampleSite } from '@tickerwire/sample-site';
import { startApi } from '@tickerwire/api';
import { startNotifier } from '@tickerwire/alerts';
import { createApiKey } from '@tickerwire/store';
import { UsageError, type CliConfig } from '../config.ts';
import { runDir, writeDeploymentState } from '../deployment.ts';

export interface StartOptions {
  /** Stop once every sample source has been polled and every stage is idle (CI, demos). */
  untilIdle?: boolean;
  /** Sample articles served at start. */
  articles?: number;
  /** Publish one more sample article this often, so the live view keeps moving (0: never). */
  publishEveryMs?: number;
  progressEveryMs?: number;
  /**
   * `table` (a terminal): four lines per stage at every reading; `line` (a file, a pipe): one
   * summary line per reading, and the table once at the end. Default `table`.
   */
  liveView?: 'table' | 'line';
  /** Resolves when the caller wants to stop (SIGINT/SIGTERM for the command line). */
  stopSignal?: Promise<string>;
}

/**
 * The main job: Redis checked (refusing an evicting one), MongoDB (or a throwaway FerretDB)
 * with every index, the bundled sample site on 127.0.0.1 loaded as sources, and every stage
 * of the pipeline in this one process, with a live view per stage until stopped.
 */
export async function start(config: CliConfig, out: (line: string) => void, options: StartOptions = {}): Promise<void> {
  const resources: Closable[] = [];
  const closeEverything = () => closeAll(resources.reverse());
  try {
    await run(config, out, options, resources);
  } finally {
    await closeEverything();
  }
}

/**
 * The key webhook secrets are sealed with: the configured one, or on a throwaway database a
 * fresh one for the run (that database, and so every secret sealed with it, dies with the run).
 */
function secretKeysFor(config: CliConfig, throwaway: boolean): SecretKeyring {
  if (config.TICKERWIRE_SECRET_KEYS) return config.TICKERWIRE_SECRET_KEYS;
  if (throwaway) return SecretKeyring.generate('quickstart');
  throw new UsageError('TICKERWIRE_SECRET_KEYS is not set: on a real MONGODB_URI webhook secrets are encrypted with it; generate a key with `openssl rand -base64 32` and set TICKERWIRE_SECRET_KEYS=k1:<that key> (README, "Security")');
}

async function run(config: CliConfig, out: (line: string) => void, options: StartOptions, resources: Closable[]): Promise<void> {
  // A throwaway database starts empty, so its queues must too: a fresh prefix per run
  // (removed at the end), or jobs remembered from the last run would be skipped as done.
  const throwaway = !config.MONGODB_URI;
  const secretKeys = secretKeysFor(config, throwaway);
  // The sample site is served on 127.0.0.1, which the operator's allowlist may not name.
  const privateNetwork = config.TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST.with('127.0.0.1');
  // The quick start is one process on one Redis server; a cluster is for the services.
  if (parseRedisTarget(config.REDIS_URL)?.kind === 'cluster') throw new UsageError('start runs everything on one Redis server (redis://); on a Redis Cluster run the services, node services/<stage> (README, "Scaling out")');
  await checkRedis(config.REDIS_URL);
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
  resources.push({ close: async () => void redis.disconnect() });
  await assertNoEviction(redis);

  // The throwaway FerretDB is watched: started again on its data if it dies, or `start` stops
  // with its one line when it cannot be brought back.
  let giveUp: (line: string) => void = () => {};
  const serverLost = new Promise<never>((_, reject) => (giveUp = (line) => reject(new ServiceUnavailableError(line))));
  serverLost.catch(() => {});
  const mongo = await provideMongo(config.MONGODB_URI, defaultCacheDir(config.XDG_CACHE_HOME), { onRestart: out, onGiveUp: giveUp });
  resources.push({ close: () => mongo.stop() });
  const store = await connectStore(mongo.uri, config.MONGODB_DB);
  resources.push({ close: () => store.close() });
  const prefix = throwaway ? `${config.TICKERWIRE_PREFIX}-quickstart-${randomUUID().slice(0, 8)}` : config.TICKERWIRE_PREFIX;
  // The writers' batch list: on FerretDB the API's feeds keep the stories' order from it.
  const repos = repositories(store.db, { secretKeys, destinations: (url) => destinationRefusal(url, privateNetwork), ledgerCoordination: new RedisLedgerCoordination(redis, prefix) });
  await ensureAllIndexes(repos);
  const resealed = await repos.subscriptions.sealSecrets();
  if (throwaway) resources.push({ close: () => deleteKeysWithPrefix(redis, prefix) });
  out(`redis    ${config.REDIS_URL}  ok (noeviction), key prefix ${prefix}`);
  out(`mongodb  ${redactUri(mongo.uri)}${throwaway ? ` (throwaway FerretDB, pid ${mongo.pid})` : ''}  database ${config.MONGODB_DB}, indexes ok`);
  out(`secrets  webhook secrets sealed with key "${secretKeys.currentKeyId}"${throwaway && !config.TICKERWIRE_SECRET_KEYS ? ' (made for this run)' : ''}${resealed > 0 ? `, ${resealed} subscription(s) re-sealed` : ''}`);

  const count = options.articles ?? 60;
  // The first `count` of count + 20: the same stories (and dates) the tests and demos count on
  // since the 20 spares went (the live stream below replaced them).
  const initial = generateArticles(count + 20, 2026, { syndicatedCopies: Math.floor(count / 10) }).slice(0, count);
  const site = await startSampleSite({ articles: initial });
  resources.push(site);
  await repos.sources.seed(site.sources);
  out(`sources  sample site ${site.origin}: ${site.sources.map((s) => `${s.id} (${s.kind}, every ${s.interval}s)`).join(', ')}`);
  out(`         private network allowed: ${privateNetwork.toString()} (TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST, plus 127.0.0.1 for the sample site)`);

  // The sample site is our own server on 127.0.0.1: no need for the 1 s politeness gap per request.
  const fetcher = { politenessDelayMs: 50, maxConcurrentPerHost: 4, privateNetwork };
  const pipeline = await startPipeline({ redisUrl: config.REDIS_URL, prefix, db: store.db, fetcher, log: (line) => out(`         ${line}`) }, stages);
  resources.push(pipeline);
  const notifierRedis = createRedis(config.REDIS_URL, 'worker', (error) => out(`         notifier redis: ${error.message}`));
  resources.push({ close: async () => void notifierRedis.disconnect() });
  const notifier = await startNotifier({
    redis: notifierRedis,
    prefix,
    subscriptions: repos.subscriptions,
    deliveries: repos.deliveries,
    options: { sender: { privateNetwork } },
    positions: new StreamPositionsRepository(store.db),
    log: (line) => out(`         ${line}`),
    onError: (error) => out(`         notifier: ${error.message}`),
  });
  resources.push(notifier);

  const apiRedis = createRedis(config.REDIS_URL, 'producer', (error) => out(`         api redis: ${error.message}`));
  resources.push({ close: async () => void apiRedis.disconnect() });
  const api = await startApi({
    repos,
    db: store.db,
    redis: apiRedis,
    queuePrefix: prefix,
    host: config.API_HOST,
    // --until-idle (tests, CI) must not collide with an API already on the port.
    port: options.untilIdle ? 0 : config.API_PORT,
    options: { logger: false },
  });
  resources.push(api);
  const key = throwaway ? await createApiKey(repos, { name: 'quick start', scopes: ['read', 'admin'] }) : null;
  out(`web      ${api.url}/  (the research page; sign in with an API key)`);
  out(`api      ${api.url}/docs${key ? `  key (this run only): ${key.key}` : '  (keys: node services/api/src/main.ts create-key NAME)'}`);
  if (key) out(`         e.g. curl -H 'Authorization: Bearer ${key.key}' '${api.url}/v1/events?sentiment=bullish&format=ndjson'`);

  // Other shells' `./tickerwire queues | sources | dlq` find this run through its state file.
  const state = await writeDeploymentState(runDir(config), {
    redisUrl: config.REDIS_URL,
    mongodbUri: mongo.uri,
    mongodbDb: config.MONGODB_DB,
    prefix,
    apiUrl: api.url,
    throwaway,
  });
  resources.push({ close: state.remove });
  out(`state    ${state.path} (removed at exit): ./tickerwire queues, sources and dlq in another shell use this run`);
  out(`         or set REDIS_URL=${redactUri(config.REDIS_URL)} MONGODB_URI=${redactUri(mongo.uri)} MONGODB_DB=${config.MONGODB_DB} TICKERWIRE_PREFIX=${prefix}`);

  out(`pipeline ${stages.join(' → ')} → stream → notifier; live view every ${((options.progressEveryMs ?? 2000) / 1000).toFixed(0)} s${oneLineNote(options)}${options.untilIdle ? '' : ', Ctrl-C to stop'}`);

  let published = 0;
  const publishEveryMs = options.publishEveryMs ?? (options.untilIdle ? 0 : 20_000);
  // An endless seeded stream dated now (liveArticle): a new fact with every article for ~94 hours
  // at one per 20 s, so the alert demo never goes quiet (the 20 spare articles ran out in ~7 min).
  const publisher = publishEveryMs > 0 ? setInterval(() => site.publish(liveArticle(2026, published++, new Date())), publishEveryMs) : undefined;
  resources.push({ close: async () => clearInterval(publisher) });

  let before: Snapshot | undefined;
  const oneLine = options.liveView === 'line';
  const read = async (): Promise<Snapshot> => ({ at: Date.now(), counters: await readCounters(redis, prefix), depths: await queueDepths((q) => pipeline.producer.queue(q)) });
  const report = async (): Promise<Snapshot> => {
    const now = await read();
    if (oneLine) out(`  ${formatProgressSummary(now, before)}`);
    else for (const line of formatProgress(now, before)) out(`  ${line}`);
    before = now;
    return now;
  };
  // Where each reading was one line, the totals per stage once at the end.
  const finalTable = async () => {
    if (!oneLine) return;
    try {
      for (const line of formatProgress(await read())) out(`  ${line}`);
    } catch (error) {
      out(`progress: ${(error as Error).message}`);
    }
  };

  if (options.untilIdle) {
    const stopped = await Promise.race([
      waitUntilIdle(pipeline, site.sources.map((s) => s.id), report, options.progressEveryMs ?? 2000).then(() => null),
      options.stopSignal ?? new Promise<never>(() => {}),
      serverLost,
    ]);
    await finalTable();
    if (stopped) {
      out(`${stopped}: stopping before everything was stored`);
      return;
    }
    const articles = await repos.articles.count();
    const events = await repos.events.count();
    out(`done     ${articles} stories and ${events} events stored from ${site.sources.length} sources`);
    return;
  }
  const timer = setInterval(() => void report().catch((error: Error) => out(`progress: ${error.message}`)), options.progressEveryMs ?? 2000);
  resources.push({ close: async () => clearInterval(timer) });
  const signal = await Promise.race([options.stopSignal ?? new Promise<string>(() => {}), serverLost]);
  await finalTable();
  out(`${signal}: stopping (active jobs finish or go back to their queue)`);
}

async function waitUntilIdle(pipeline: RunningPipeline, sourceIds: string[], report: () => Promise<Snapshot>, everyMs: number): Promise<void> {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    const { counters } = await report();
    const polled = sourceIds.every((id) => (counters[`fetch_ok:${id}`] ?? 0) + (counters[`fetch_errors:${id}`] ?? 0) > 0);
    if (polled && (await pipelineIdle((q) => pipeline.producer.queue(q)))) return;
  }
}

/** Says, where the output is not a terminal, that the live view is one line per reading. */
function oneLineNote(options: StartOptions): string {
  return options.liveView === 'line' ? ' (one line per reading: the output is not a terminal)' : '';
}
