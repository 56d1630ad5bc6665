import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { RedisConnection } from './redis.ts';
import { formatIssues } from '@tickerwire/core';
import type { StageMetrics } from './stage-metrics.ts';
import { jobCatalogue, jobsOfQueue, type JobName, type PayloadOf, type QueueName } from './catalogue.ts';

/** Context a handler gets beside its payload. */
export interface JobContext {
  jobId: string;
  attempt: number;
  signal?: AbortSignal;
}

export type JobHandler<N extends JobName> = (payload: PayloadOf<N>, context: JobContext) => Promise<unknown>;

/** One handler per job of the queue: a missing handler is a compile error. */
export type HandlersFor<Q extends QueueName> = {
  [N in JobName as (typeof jobCatalogue)[N]['queue'] extends Q ? N : never]: JobHandler<N>;
};

export interface WorkerOptions {
  connection: RedisConnection;
  prefix: string;
  concurrency?: number;
  /** Counts completions, failures and time per job into the shared counters. */
  metrics?: StageMetrics;
  /** Named backoff strategies (BullMQ `settings.backoffStrategy`), e.g. the webhook schedule. */
  backoffStrategy?: (attemptsMade: number, type?: string, error?: Error) => number;
  /** How long a job's lock lasts without renewal: a killed worker's job is taken back after about this. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  onError: (error: Error) => void;
}

/**
 * Works the jobs of one queue. Each payload is checked again when taken: a payload that
 * does not fit its schema can never succeed, so it fails at once as UnrecoverableError
 * instead of burning its retries. Handler errors propagate, so BullMQ's retries happen.
 */
export function startWorker<Q extends QueueName>(queue: Q, handlers: HandlersFor<Q>, options: WorkerOptions): Worker {
  const table = handlers as unknown as Record<string, JobHandler<JobName>>;
  const expected = jobsOfQueue(queue);
  const missing = expected.filter((name) => typeof table[name] !== 'function');
  if (missing.length > 0) throw new Error(`queue ${queue}: no handler for ${missing.join(', ')}`);

  const worker = new Worker(
    queue,
    async (job: Job, _token?: string, signal?: AbortSignal) => {
      const name = job.name as JobName;
      const handler = table[name];
      if (!handler || jobCatalogue[name]?.queue !== queue) {
        throw new UnrecoverableError(`queue ${queue} has no job named "${job.name}"`);
      }
      const parsed = jobCatalogue[name].payload.safeParse(job.data);
      if (!parsed.success) {
        throw new UnrecoverableError(`invalid payload for ${name}: ${formatIssues(parsed.error)}`);
      }
      return handler(parsed.data as never, { jobId: job.id ?? '', attempt: job.attemptsMade + 1, ...(signal ? { signal } : {}) });
    },
    {
      connection: options.connection,
      prefix: options.prefix,
      concurrency: options.concurrency ?? 10,
      ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
      ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
      ...(options.backoffStrategy ? { settings: { backoffStrategy: options.backoffStrategy } } : {}),
    },
  );
  worker.on('error', options.onError);
  const metrics = options.metrics;
  if (metrics) {
    worker.on('completed', (job) => {
      const ms = job.finishedOn && job.processedOn ? job.finishedOn - job.processedOn : 0;
      metrics.add({ [`jobs_completed:${queue}`]: 1, [`job_ms_sum:${queue}`]: ms });
    });
    worker.on('failed', () => metrics.add({ [`jobs_failed:${queue}`]: 1 }));
  }
  return worker;
}
