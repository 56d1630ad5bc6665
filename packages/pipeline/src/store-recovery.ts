import type { Job, Queue, Worker } from 'bullmq';
import type { QueueName } from '@tickerwire/queue';
import { isStoreUnavailable } from '@tickerwire/store';
import type { Log } from './deps.ts';

/**
 * Work that failed only because the database was away is re-driven once it is back, without
 * an operator's `dlq redrive`: a job whose last attempt failed that way is remembered, and
 * when the database answers a ping again it goes back to its queue with fresh attempts. Its
 * id is kept, so the work downstream is still done once.
 */

/** The failure reason of a job that failed because the database could not be reached. */
export const storeUnavailablePrefix = 'database unavailable: ';

/** Rethrows a database-unreachable error with a reason that says so (kept in the failed job). */
export function markStoreOutage<A extends unknown[], R>(handler: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (isStoreUnavailable(error)) throw new Error(`${storeUnavailablePrefix}${(error as Error).message}`, { cause: error });
      throw error;
    }
  };
}

export function failedForStoreOutage(reason: string | undefined | null): boolean {
  return typeof reason === 'string' && reason.startsWith(storeUnavailablePrefix);
}

/** Whether the job has no attempt left after this failure (BullMQ moved it to the failed set). */
function isFinalFailure(job: Job): boolean {
  return job.attemptsMade >= (job.opts.attempts ?? 1);
}

export interface StoreRecoveryOptions {
  /** The queues worked in this process, with their workers. */
  workers: readonly { queue: QueueName; worker: Worker }[];
  queues: (name: QueueName) => Queue;
  /** Resolves once the database answers. */
  ping: () => Promise<unknown>;
  log: Log;
  /** How often a pending re-drive checks whether the database is back. */
  intervalMs?: number;
  /** Failed jobs looked at once at start (left from a run that stopped during an outage). */
  scanAtStart?: number;
}

export class StoreRecovery {
  readonly #options: StoreRecoveryOptions;
  readonly #pending = new Map<string, { queue: QueueName; jobId: string }>();
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(options: StoreRecoveryOptions) {
    this.#options = options;
    for (const { queue, worker } of options.workers) {
      worker.on('failed', (job, error) => {
        if (job?.id && isFinalFailure(job) && failedForStoreOutage(error.message)) this.#remember(queue, job.id);
      });
    }
  }

  start(): this {
    this.#running = this.#scan().catch((error: Error) => this.#options.log(`store recovery: ${error.message}`));
    this.#timer = setInterval(() => {
      if (this.#pending.size === 0) return;
      this.#running = this.#running.then(async () => void (await this.redrive())).catch((error: Error) => this.#options.log(`store recovery: ${error.message}`));
    }, this.#options.intervalMs ?? 2_000);
    this.#timer.unref();
    return this;
  }

  get pending(): number {
    return this.#pending.size;
  }

  #remember(queue: QueueName, jobId: string): void {
    this.#pending.set(`${queue}\0${jobId}`, { queue, jobId });
  }

  async #scan(): Promise<void> {
    for (const { queue } of this.#options.workers) {
      for (const job of await this.#options.queues(queue).getFailed(0, (this.#options.scanAtStart ?? 1000) - 1)) {
        if (job?.id && failedForStoreOutage(job.failedReason)) this.#remember(queue, job.id);
      }
    }
  }

  /** When the database answers, sends every remembered job back; resolves to how many went. */
  async redrive(): Promise<number> {
    if (this.#pending.size === 0 || this.#closed) return 0;
    try {
      await this.#options.ping();
    } catch {
      return 0; // Still away: the next round asks again.
    }
    const perQueue = new Map<QueueName, number>();
    for (const [key, { queue, jobId }] of [...this.#pending]) {
      this.#pending.delete(key);
      const job = await this.#options.queues(queue).getJob(jobId);
      if (!job || !(await job.isFailed())) continue;
      try {
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        perQueue.set(queue, (perQueue.get(queue) ?? 0) + 1);
      } catch {
        // Re-driven meanwhile by another process or by hand.
      }
    }
    const total = [...perQueue.values()].reduce((a, b) => a + b, 0);
    if (total > 0) this.#options.log(`database back: re-drove ${total} job(s) that failed while it was away (${[...perQueue].map(([q, n]) => `${q} ${n}`).join(', ')})`);
    return total;
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    await this.#running;
  }
}
