import { Queue } from 'bullmq';
import type { RedisConnection } from './redis.ts';
import { parseContract } from '@tickerwire/core';
import { jobCatalogue, queueEventsMaxLen, retentionOf, type JobName, type PayloadOf, type QueueName } from './catalogue.ts';

export class EnqueueTimeoutError extends Error {
  constructor(job: string, timeoutMs: number) {
    super(`adding ${job} did not finish within ${timeoutMs} ms: is Redis reachable?`);
    this.name = 'EnqueueTimeoutError';
  }
}

export interface ProducerOptions {
  connection: RedisConnection;
  /** Redis key prefix; tests use a unique one each. */
  prefix: string;
  /** Bound on each add: BullMQ's add can wait for ever while Redis is down. */
  addTimeoutMs?: number;
  onError: (error: Error) => void;
}

/** Adds catalogue jobs: payload checked, id derived, defaults applied, wait bounded. */
export class JobProducer {
  readonly #queues = new Map<QueueName, Queue>();
  readonly #options: ProducerOptions;

  constructor(options: ProducerOptions) {
    this.#options = options;
  }

  queue(name: QueueName): Queue {
    let queue = this.#queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: this.#options.connection,
        prefix: this.#options.prefix,
        defaultJobOptions: { ...retentionOf(name) },
        streams: { events: { maxLen: queueEventsMaxLen } },
      });
      queue.on('error', this.#options.onError);
      this.#queues.set(name, queue);
    }
    return queue;
  }

  /** Adds the job and resolves to its id; an invalid payload throws before Redis is touched. */
  async add<N extends JobName>(name: N, payload: PayloadOf<N>): Promise<string> {
    const definition = jobCatalogue[name];
    const data = parseContract(definition.payload, payload, `payload of ${name}`);
    const jobId = (definition.jobId as (p: PayloadOf<N>) => string)(data as PayloadOf<N>);
    const timeoutMs = this.#options.addTimeoutMs ?? 5000;
    const adding = this.queue(definition.queue).add(name, data, { ...definition.options, jobId });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new EnqueueTimeoutError(`${name} ${jobId}`, timeoutMs)), timeoutMs);
    });
    try {
      const job = await Promise.race([adding, timeout]);
      return job.id ?? jobId;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.#queues.values()].map((q) => q.close()));
  }
}
