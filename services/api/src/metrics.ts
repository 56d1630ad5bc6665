import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Queue } from 'bullmq';
import type { RedisConnection } from '@tickerwire/queue';
import { readCounters, type Counters } from '@tickerwire/queue';
import type { SourcesRepository } from '@tickerwire/store';

const jobStates = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed', 'completed'] as const;

/** Splits `items:<stage>:<outcome>` style fields; the last part may hold colons of its own. */
function parts(field: string, count: number): string[] | null {
  const split = field.split(':');
  if (split.length < count) return null;
  return [...split.slice(0, count - 1), split.slice(count - 1).join(':')];
}

/**
 * Prometheus metrics of the whole pipeline, read at scrape time: the shared stage counters
 * (one Redis hash every process adds to) and BullMQ's live queue depths. A registry per API
 * instance, so two instances in one process (tests, the all-in-one CLI) do not collide.
 */
export class PipelineMetrics {
  readonly registry = new Registry();
  readonly #redis: RedisConnection;
  readonly #queues: readonly Queue[];
  readonly #prefix: string;
  readonly #depth: Gauge;
  readonly #completed: Counter;
  readonly #failed: Counter;
  readonly #jobSeconds: Counter;
  readonly #items: Counter;
  readonly #fetches: Counter;
  readonly #webhooks: Counter;
  readonly #scrapeErrors: Counter;
  readonly #sources: Pick<SourcesRepository, 'listWithHealth'> | null;
  readonly #sourceLastPoll: Gauge;
  readonly #sourceLastSuccess: Gauge;
  readonly #sourceFailing: Gauge;
  readonly #sourceItems: Counter;
  readonly #sourceEvents: Counter;

  /** `sources`: the per-source health gauges come from it (none given: no such gauges). */
  constructor(redis: RedisConnection, queues: readonly Queue[], prefix: string, sources: Pick<SourcesRepository, 'listWithHealth'> | null = null) {
    this.#sources = sources;
    this.#redis = redis;
    this.#queues = queues;
    this.#prefix = prefix;
    const registers = [this.registry];
    this.#depth = new Gauge({ name: 'tickerwire_queue_jobs', help: 'Jobs in each BullMQ queue by state', labelNames: ['queue', 'state'], registers });
    this.#completed = new Counter({ name: 'tickerwire_jobs_completed_total', help: 'Jobs completed per queue', labelNames: ['queue'], registers });
    this.#failed = new Counter({ name: 'tickerwire_jobs_failed_total', help: 'Job attempts failed per queue', labelNames: ['queue'], registers });
    this.#jobSeconds = new Counter({ name: 'tickerwire_job_duration_seconds_total', help: 'Time spent in jobs per queue (divide by completed + failed for the mean)', labelNames: ['queue'], registers });
    this.#items = new Counter({ name: 'tickerwire_stage_items_total', help: 'Items through each stage by outcome', labelNames: ['stage', 'outcome'], registers });
    this.#fetches = new Counter({ name: 'tickerwire_source_fetches_total', help: 'Source polls by outcome', labelNames: ['source', 'outcome'], registers });
    this.#webhooks = new Counter({ name: 'tickerwire_webhook_deliveries_total', help: 'Webhook delivery attempts by outcome', labelNames: ['outcome'], registers });
    this.#scrapeErrors = new Counter({ name: 'tickerwire_metrics_scrape_errors_total', help: 'Scrapes that could not read Redis or the sources', registers });
    const source = ['source'];
    this.#sourceLastPoll = new Gauge({ name: 'tickerwire_source_last_poll_timestamp_seconds', help: 'When each source was last polled (Unix seconds; absent: never)', labelNames: source, registers });
    this.#sourceLastSuccess = new Gauge({ name: 'tickerwire_source_last_success_timestamp_seconds', help: 'When a poll of each source last succeeded (Unix seconds; absent: never)', labelNames: source, registers });
    this.#sourceFailing = new Gauge({ name: 'tickerwire_source_failing', help: "1 when a source's last poll failed, else 0", labelNames: source, registers });
    this.#sourceItems = new Counter({ name: 'tickerwire_source_items_stored_total', help: "Stories each source's copies added to the store", labelNames: source, registers });
    this.#sourceEvents = new Counter({ name: 'tickerwire_source_events_stored_total', help: "Event reports stored from each source's articles", labelNames: source, registers });
    collectDefaultMetrics({ register: this.registry, prefix: 'tickerwire_api_' });
  }

  #setCounters(counters: Counters): void {
    for (const metric of [this.#completed, this.#failed, this.#jobSeconds, this.#items, this.#fetches, this.#webhooks]) metric.reset();
    for (const [field, value] of Object.entries(counters)) {
      if (value < 0) continue;
      const [kind] = field.split(':', 1);
      const rest = field.slice((kind?.length ?? 0) + 1);
      if (!rest) continue;
      switch (kind) {
        case 'jobs_completed':
          this.#completed.inc({ queue: rest }, value);
          break;
        case 'jobs_failed':
          this.#failed.inc({ queue: rest }, value);
          break;
        case 'job_ms_sum':
          this.#jobSeconds.inc({ queue: rest }, value / 1000);
          break;
        case 'items': {
          const p = parts(rest, 2);
          if (p) this.#items.inc({ stage: p[0]!, outcome: p[1]! }, value);
          break;
        }
        case 'fetch_ok':
          this.#fetches.inc({ source: rest, outcome: 'ok' }, value);
          break;
        case 'fetch_errors':
          this.#fetches.inc({ source: rest, outcome: 'error' }, value);
          break;
        case 'webhook':
          this.#webhooks.inc({ outcome: rest }, value);
          break;
      }
    }
  }

  async #setSourceHealth(): Promise<void> {
    if (!this.#sources) return;
    const listed = await this.#sources.listWithHealth();
    for (const metric of [this.#sourceLastPoll, this.#sourceLastSuccess, this.#sourceFailing, this.#sourceItems, this.#sourceEvents]) metric.reset();
    for (const { id, health } of listed) {
      const labels = { source: id };
      if (health.lastPollAt) this.#sourceLastPoll.set(labels, health.lastPollAt.getTime() / 1000);
      if (health.lastSuccessAt) this.#sourceLastSuccess.set(labels, health.lastSuccessAt.getTime() / 1000);
      this.#sourceFailing.set(labels, health.lastError === null ? 0 : 1);
      this.#sourceItems.inc(labels, health.itemsStored);
      this.#sourceEvents.inc(labels, health.eventsStored);
    }
  }

  /** Reads Redis (bounded by `timeoutMs`) and renders the exposition text. */
  async render(timeoutMs = 3000): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const [counters, depths] = await Promise.race([
        Promise.all([
          readCounters(this.#redis, this.#prefix),
          Promise.all(this.#queues.map(async (q) => [q.name, await q.getJobCounts(...jobStates)] as const)),
          this.#setSourceHealth(),
        ]),
        timeout,
      ]);
      this.#setCounters(counters);
      this.#depth.reset();
      for (const [queue, counts] of depths) for (const state of jobStates) this.#depth.set({ queue, state }, counts[state] ?? 0);
    } catch {
      // Serve what the process knows (its own metrics) and count the failure.
      this.#scrapeErrors.inc();
    } finally {
      clearTimeout(timer);
    }
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
