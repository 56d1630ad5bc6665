import { hostname } from 'node:os';
import { JobProducer, StageMetrics, closeAll, duplicateConnection, startWorker, storedEventsKey, type Closable, type RedisConnection, type StreamEntry } from '@tickerwire/queue';
import type { DeliveriesRepository, DeliveryAttemptRecord, StreamPositionsRepository, SubscriptionsRepository } from '@tickerwire/store';
import { createDeliverHandler, webhookBackoffStrategy, type DeliverJobDeps } from './deliver-job.ts';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy.ts';
import { WebhookSender, type SenderOptions } from './sender.ts';
import { StreamConsumer } from './stream-consumer.ts';
import { SubscriptionCache } from './subscription-cache.ts';
import { BufferedCounters } from './buffered-counters.ts';
import { GroupCommit } from './group-commit.ts';

/** The BullMQ worker, typed through the queue package (which owns the one BullMQ instance). */
type Worker = ReturnType<typeof startWorker>;

/**
 * The notifier: stored-event stream → matching subscriptions → one 'deliver-webhook' job per
 * (subscription, report) → the 'deliver' worker sends it. Two halves in one process by
 * default; either can be switched off to scale them apart.
 */

export interface NotifierOptions {
  /** Consumer group on the stored-event stream: every notifier process of a deployment shares it. */
  group: string;
  /** This process in the group; must differ between live processes. */
  consumer: string;
  /** Where a newly created group starts: '$' (from now) or '0' (every retained entry). */
  startId: string;
  /** Finished deliveries (and their claims) older than this are deleted; dead letters are kept. */
  deliveryRetentionMs: number;
  /** How often the delivering process prunes past the retention. */
  pruneIntervalMs: number;
  /** Stream entries read per XREADGROUP. */
  batchSize: number;
  blockMs: number;
  /** An entry pending this long belongs to a consumer presumed dead, and is claimed. */
  claimIdleMs: number;
  claimIntervalMs: number;
  /** How often (at most) the last acknowledged stream entry is saved outside Redis. */
  positionSaveMs: number;
  subscriptionRefreshMs: number;
  /** Webhooks in flight at once. */
  deliverConcurrency: number;
  /** Multiplies the Standard Webhooks retry schedule (tests: tiny). */
  retryScheduleScale: number;
  retryJitter: number;
  maxRetryAfterMs: number;
  sender: Partial<SenderOptions>;
  /** Run the stream consumer (matching and enqueueing) in this process. */
  consume: boolean;
  /** Run the 'deliver' worker in this process. */
  deliver: boolean;
  /** The stream read; unset: the deployment's stored-event stream, storedEventsKey(prefix). */
  stream?: string;
}

export const defaultNotifierOptions: NotifierOptions = {
  group: 'notifier',
  consumer: `${hostname()}-${process.pid}`,
  startId: '$',
  deliveryRetentionMs: 30 * 24 * 3600 * 1000,
  pruneIntervalMs: 3600 * 1000,
  batchSize: 100,
  blockMs: 2_000,
  claimIdleMs: 60_000,
  claimIntervalMs: 15_000,
  positionSaveMs: 1_000,
  subscriptionRefreshMs: 5_000,
  deliverConcurrency: 50,
  retryScheduleScale: 1,
  retryJitter: 0.1,
  maxRetryAfterMs: 24 * 3600 * 1000,
  sender: {},
  consume: true,
  deliver: true,
};

export interface NotifierDeps {
  /**
   * A connection made for workers (createRedis(url, 'worker', …): maxRetriesPerRequest null).
   * The BullMQ worker and the stream reader each duplicate it for their blocking reads.
   */
  redis: RedisConnection;
  /** BullMQ key prefix, the pipeline's (stage counters live under it too). */
  prefix: string;
  subscriptions: SubscriptionsRepository;
  deliveries: DeliveriesRepository;
  /**
   * Where the stream reader keeps its last acknowledged entry outside Redis, so a consumer
   * group Redis lost is created again from there (unset: from the stream's start).
   */
  positions?: Pick<StreamPositionsRepository, 'get' | 'save'>;
  options?: Partial<NotifierOptions>;
  onError?: (error: Error) => void;
  log?: (message: string) => void;
}

export interface Notifier extends Closable {
  readonly options: NotifierOptions;
  readonly cache: SubscriptionCache;
  readonly producer: JobProducer;
  readonly metrics: StageMetrics;
  readonly consumer: StreamConsumer | null;
  readonly worker: Worker | null;
  /** Hands the counters gathered since the last interval to Redis now. */
  flushCounters(): void;
  /** Matches one stream entry and enqueues its deliveries; resolves to how many. */
  dispatch(entry: StreamEntry): Promise<number>;
}

/**
 * The delivery log as the workers use it, with claims and attempt records of concurrent
 * workers written together (see GroupCommit); reads go straight through.
 */
function batchedDeliveryLog(deliveries: DeliveriesRepository): DeliverJobDeps['deliveries'] {
  const batch = { maxBatch: 100, maxWaitMs: 5 };
  const claims = new GroupCommit<string, boolean>(async (ids) => {
    const claimed = await deliveries.claimMany(ids);
    // The same id twice in one batch cannot happen (one job per id); if it did, only the first wins.
    return ids.map((id) => claimed.delete(id));
  }, batch);
  const records = new GroupCommit<DeliveryAttemptRecord, void>(async (items) => {
    await deliveries.recordAttempts(items);
    return items.map(() => undefined);
  }, batch);
  return {
    claim: (id) => claims.submit(id),
    recordAttempt: (record) => records.submit(record),
    statusOf: (id) => deliveries.statusOf(id),
  };
}

export async function startNotifier(deps: NotifierDeps): Promise<Notifier> {
  const options: NotifierOptions = { ...defaultNotifierOptions, ...deps.options, sender: { ...defaultNotifierOptions.sender, ...deps.options?.sender } };
  const stream = options.stream ?? storedEventsKey(deps.prefix);
  const onError = deps.onError ?? ((error: Error) => console.error(`notifier: ${error.message}`));
  const log = deps.log ?? ((message: string) => console.error(message));
  const policy: RetryPolicy = { ...defaultRetryPolicy, scale: options.retryScheduleScale, jitter: options.retryJitter, maxRetryAfterMs: options.maxRetryAfterMs };

  const metrics = new StageMetrics(deps.redis, deps.prefix, onError);
  // The notifier's own counters (webhook:<outcome>, items:notify:*) go out in batches.
  const counters = new BufferedCounters(metrics, 500);
  const producer = new JobProducer({ connection: deps.redis, prefix: deps.prefix, onError });
  const cache = new SubscriptionCache(deps.subscriptions, options.subscriptionRefreshMs, onError);
  try {
    await cache.start();
  } catch (error) {
    await closeAll([counters, producer]);
    throw error;
  }

  const dispatch = async (entry: StreamEntry): Promise<number> => {
    const matches = cache.matcher().match(entry.message);
    await Promise.all(matches.map((s) => producer.add('deliver-webhook', { subscriptionId: s.id, message: entry.message })));
    counters.add({ 'webhook:enqueued': matches.length, 'items:notify:entries': 1 });
    return matches.length;
  };

  const closables: Closable[] = [];
  let sender: WebhookSender | null = null;
  let worker: Worker | null = null;
  if (options.deliver) {
    sender = new WebhookSender(options.sender);
    const send = sender.send.bind(sender);
    const handler = createDeliverHandler({ subscriptions: cache, subscriptionsRepository: deps.subscriptions, deliveries: batchedDeliveryLog(deps.deliveries), send, policy, metrics: counters });
    worker = startWorker('deliver', { 'deliver-webhook': handler }, {
      connection: deps.redis,
      prefix: deps.prefix,
      concurrency: options.deliverConcurrency,
      metrics,
      backoffStrategy: webhookBackoffStrategy(policy),
      onError,
    });
  }

  let consumer: StreamConsumer | null = null;
  let consumerRedis: RedisConnection | null = null;
  if (options.consume) {
    const connection = duplicateConnection(deps.redis);
    connection.on('error', onError);
    consumerRedis = connection;
    consumer = new StreamConsumer({
      redis: connection,
      stream,
      group: options.group,
      consumer: options.consumer,
      startId: options.startId,
      batchSize: options.batchSize,
      blockMs: options.blockMs,
      claimIdleMs: options.claimIdleMs,
      claimIntervalMs: options.claimIntervalMs,
      positionSaveMs: options.positionSaveMs,
      handle: async (entry) => {
        await dispatch(entry);
      },
      onMalformed: (streamId, error) => {
        counters.add({ 'items:notify:malformed': 1 });
        onError(new Error(`stream entry ${streamId} skipped: ${error}`));
      },
      onError,
      warn: log,
      ...(deps.positions ? { positions: { load: () => deps.positions!.get(stream, options.group), save: (id: string) => deps.positions!.save(stream, options.group, id) } } : {}),
    });
  }

  // The delivery log would grow with every webhook: FerretDB has no TTL index, so prune here.
  let pruning: NodeJS.Timeout | null = null;
  if (options.deliver) {
    const prune = () => {
      deps.deliveries
        .prune(new Date(Date.now() - options.deliveryRetentionMs))
        .then((pruned) => {
          if (pruned.deliveries + pruned.claims + pruned.redrives > 0) log(`notifier: pruned ${pruned.deliveries} deliveries, ${pruned.claims} claims and ${pruned.redrives} re-drive marks older than the retention`);
        })
        .catch((error: unknown) => onError(error instanceof Error ? error : new Error(String(error))));
    };
    prune();
    pruning = setInterval(prune, options.pruneIntervalMs);
    pruning.unref();
    closables.push({ close: async () => clearInterval(pruning!) });
  }

  // Close order: stop taking entries, then let in-flight deliveries finish, then the rest.
  if (consumer) closables.push(consumer);
  if (worker) closables.push(worker);
  closables.push({ close: async () => cache.stop() }, counters, producer);
  if (sender) closables.push(sender);
  if (consumerRedis) {
    const connection = consumerRedis;
    closables.push({ close: async () => void (await connection.quit().catch(() => connection.disconnect())) });
  }

  try {
    await consumer?.start();
  } catch (error) {
    // No consumer group (Redis away, or the key is not a stream): undo what was started.
    await closeAll(closables);
    throw error;
  }
  log(`notifier: ${cache.size} enabled subscriptions; ${options.consume ? `reading ${stream} as ${options.group}/${options.consumer}` : 'not reading the stream'}; ${options.deliver ? `delivering with concurrency ${options.deliverConcurrency}` : 'not delivering'}`);

  return {
    options,
    cache,
    producer,
    metrics,
    consumer,
    worker,
    dispatch,
    flushCounters: () => counters.flush(),
    close: () => closeAll(closables),
  };
}
