import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { formatIssues } from '@tickerwire/core';
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
  connection: Redis;
  prefix: string;
  concurrency?: number;
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
    },
  );
  worker.on('error', options.onError);
  return worker;
}
