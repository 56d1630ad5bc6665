import type { Db } from 'mongodb';
import type { Worker } from 'bullmq';
import { Fetcher, PagePool, type FetcherOptions } from '@tickerwire/ingest';
import { JobProducer, StageMetrics, createRedis, startWorker, storedEventsStreamName, type Closable, type QueueName } from '@tickerwire/queue';
import { createAnalyzer } from '@tickerwire/score';
import type { ExtractOptions } from '@tickerwire/extract';
import { openLedger, repositories, type LedgerKind } from '@tickerwire/store';
import { pollSource } from './fetch-stage.ts';
import { runAnalyzeJob } from './analyze-stage.ts';
import { storeArticles } from './store-stage.ts';
import { syncSchedules } from './schedule.ts';
import { RedisLedgerCoordination } from './key-leases.ts';
import { RecentlySent } from './in-flight.ts';
import { StoreRecovery, markStoreOutage } from './store-recovery.ts';
import type { Log } from './deps.ts';

/**
 * The chain, in one place:
 *
 *   scheduler  sources (MongoDB) → job schedulers on queue "fetch"
 *   fetcher    "fetch"   fetch-source      → analyze-articles (new articles, ≤ 50 per job)
 *   analyzer   "analyze" analyze-articles  → store-articles
 *   writer     "store"   store-articles    → MongoDB (articles, events) → stream "tickerwire:stored-events"
 *   notifier   stream → "deliver" deliver-webhook (packages/alerts)
 *
 * Each service runs some of these stages (services/<stage>); the quick start runs them all
 * in one process. Which job feeds which is decided here and nowhere else.
 */
export const stages = ['scheduler', 'fetcher', 'analyzer', 'writer'] as const;
export type Stage = (typeof stages)[number];

export const chain: readonly { stage: Stage; takes: string; emits: string }[] = [
  { stage: 'scheduler', takes: 'sources collection', emits: 'fetch-source' },
  { stage: 'fetcher', takes: 'fetch-source', emits: 'analyze-articles' },
  { stage: 'analyzer', takes: 'analyze-articles', emits: 'store-articles' },
  { stage: 'writer', takes: 'store-articles', emits: storedEventsStreamName },
];

export interface PipelineOptions {
  redisUrl: string;
  /** BullMQ key prefix (and of the counters): deployments and tests keep apart by it. */
  prefix: string;
  db: Db;
  log: Log;
  /** Jobs worked at once per stage in this process. */
  concurrency?: Partial<Record<Exclude<Stage, 'scheduler'>, number>>;
  /** A job whose worker stops renewing its lock (killed) is taken back after about this long. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** How often the scheduler re-reads the sources. */
  resyncMs?: number;
  fetcher?: FetcherOptions;
  /** Page-parsing worker threads for the fetcher (0: parse in process). */
  pageThreads?: number;
  /** Most articles one poll takes from a source (default: ingest's 200). */
  maxItemsPerPoll?: number;
  /** How often jobs that failed while the database was away check whether it is back. */
  storeRecoveryMs?: number;
  /** Extraction settings of the analyzer: an operator's company aliases, more research firms. */
  extract?: ExtractOptions;
  /** The ledger implementation; default: chosen from what the database server is. */
  ledger?: LedgerKind;
}

export interface RunningPipeline extends Closable {
  readonly stages: readonly Stage[];
  readonly producer: JobProducer;
  readonly metrics: StageMetrics;
  readonly workers: readonly Worker[];
  readonly recovery: StoreRecovery;
}

export async function startPipeline(options: PipelineOptions, run: readonly Stage[]): Promise<RunningPipeline> {
  const onError = (what: string) => (error: Error) => options.log(`${what}: ${error.message}`);
  const connection = createRedis(options.redisUrl, 'producer', onError('redis'));
  const producer = new JobProducer({ connection, prefix: options.prefix, onError: onError('queue') });
  const metrics = new StageMetrics(connection, options.prefix, onError('metrics'));
  const repos = repositories(options.db);
  // The one owner of "is this story or fact already stored?", for the stages that ask.
  const ledger = run.includes('fetcher') || run.includes('writer') ? await openLedger(options.db, new RedisLedgerCoordination(connection, options.prefix), options.ledger ? { kind: options.ledger } : {}) : null;
  const workers: Worker[] = [];
  const closables: Closable[] = [];
  const workerConnections: Closable[] = [];
  const workerOptions = (concurrency: number) => {
    const workerConnection = createRedis(options.redisUrl, 'worker', onError('redis'));
    workerConnections.push({ close: async () => void workerConnection.disconnect() });
    return {
      connection: workerConnection,
      prefix: options.prefix,
      concurrency,
      metrics,
      onError: onError('worker'),
      ...(options.lockDurationMs ? { lockDurationMs: options.lockDurationMs } : {}),
      ...(options.stalledIntervalMs ? { stalledIntervalMs: options.stalledIntervalMs } : {}),
    };
  };

  if (run.includes('fetcher')) {
    const fetcher = new Fetcher(options.fetcher);
    const threads = options.pageThreads ?? 1;
    const pagePool = threads > 0 ? new PagePool({ size: threads }) : undefined;
    const deps = { repos, ledger: ledger!, fetcher, producer, metrics, recentlySent: new RecentlySent(), ...(pagePool ? { pagePool } : {}), ...(options.maxItemsPerPoll ? { maxItemsPerPoll: options.maxItemsPerPoll } : {}) };
    workers.push(startWorker('fetch', { 'fetch-source': markStoreOutage((p, c) => pollSource(deps, p.sourceId, c.signal)) }, workerOptions(options.concurrency?.fetcher ?? 8)));
    closables.push({ close: async () => { await pagePool?.close(); await fetcher.close(); } });
  }
  if (run.includes('analyzer')) {
    const deps = { analyzer: createAnalyzer(options.extract ? { extract: options.extract } : {}), producer, metrics };
    workers.push(startWorker('analyze', { 'analyze-articles': (p) => runAnalyzeJob(deps, p.articles) }, workerOptions(options.concurrency?.analyzer ?? 2)));
  }
  if (run.includes('writer')) {
    const deps = { ledger: ledger!, sources: repos.sources, redis: connection, prefix: options.prefix, metrics };
    workers.push(startWorker('store', { 'store-articles': markStoreOutage((p, c) => storeArticles(deps, p.articles, c.jobId, c.signal)) }, workerOptions(options.concurrency?.writer ?? 1)));
  }
  if (run.includes('scheduler')) closables.push(startScheduler(repos, producer, options));
  const recovery = new StoreRecovery({
    workers: workers.map((worker) => ({ queue: worker.name as QueueName, worker })),
    queues: (name) => producer.queue(name),
    ping: () => options.db.command({ ping: 1 }),
    log: options.log,
    ...(options.storeRecoveryMs ? { intervalMs: options.storeRecoveryMs } : {}),
  }).start();

  return {
    stages: run,
    producer,
    metrics,
    workers,
    recovery,
    // Workers first (active jobs finish or go back), then what they used, then the connections.
    async close() {
      await recovery.close();
      await Promise.all(workers.map((w) => w.close()));
      for (const c of closables) await c.close();
      for (const c of workerConnections) await c.close();
      await producer.close();
      connection.disconnect();
    },
  };
}

function startScheduler(repos: ReturnType<typeof repositories>, producer: JobProducer, options: PipelineOptions): Closable {
  const queue = producer.queue('fetch');
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const sync = async () => {
    try {
      const changes = await syncSchedules(queue, await repos.sources.list());
      const said = [...changes.added.map((s) => `+${s}`), ...changes.changed.map((s) => `~${s}`), ...changes.removed.map((s) => `-${s}`)];
      if (said.length > 0) options.log(`scheduler: ${said.join(' ')}`);
    } catch (error) {
      // Redis or MongoDB away for a moment: the next round tries again.
      options.log(`scheduler: ${(error as Error).message}`);
    }
  };
  running = sync();
  const timer = setInterval(() => {
    if (!stopped) running = running.then(sync);
  }, options.resyncMs ?? 10_000);
  return {
    async close() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
