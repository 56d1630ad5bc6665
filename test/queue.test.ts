import { afterEach, describe, expect, it } from 'vitest';
import { QueueEvents } from '@tickerwire/queue';
import {
  ContractError,
} from '@tickerwire/core';
import {
  EvictionPolicyError,
  JobProducer,
  assertNoEviction,
  startWorker,
  closeAll,
  type Closable,
  type PayloadOf,
} from '@tickerwire/queue';
import { deleteKeys, testRedis, uniquePrefix } from './support/services.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function setup(label: string) {
  const prefix = uniquePrefix(label);
  const errors: Error[] = [];
  const producerRedis = testRedis('producer', errors);
  const workerRedis = testRedis('worker', errors);
  const producer = new JobProducer({ connection: producerRedis, prefix, onError: (e) => errors.push(e) });
  const closables: Closable[] = [];
  cleanup.push(async () => {
    await closeAll(closables);
    await producer.close();
    await deleteKeys(producerRedis, prefix);
    producerRedis.disconnect();
    workerRedis.disconnect();
  });
  return { prefix, errors, producer, producerRedis, workerRedis, closables };
}

describe('BullMQ on the real Redis', () => {
  it('refuses Redis whose maxmemory-policy could evict jobs', async () => {
    const { producerRedis } = setup('eviction');
    await expect(assertNoEviction(producerRedis)).resolves.toBeUndefined();
    const original = ((await producerRedis.config('GET', 'maxmemory-policy')) as string[])[1]!;
    await producerRedis.config('SET', 'maxmemory-policy', 'allkeys-lru');
    try {
      await expect(assertNoEviction(producerRedis)).rejects.toThrow(EvictionPolicyError);
    } finally {
      await producerRedis.config('SET', 'maxmemory-policy', original);
    }
  });

  it('adds a job from the catalogue and works it to completion', async () => {
    const { prefix, producer, workerRedis, closables, errors } = setup('roundtrip');
    const seen: PayloadOf<'fetch-source'>[] = [];
    const worker = startWorker(
      'fetch',
      {
        'fetch-source': async (payload) => {
          seen.push(payload);
          return { items: 3 };
        },
      },
      { connection: workerRedis, prefix, onError: (e) => errors.push(e) },
    );
    const events = new QueueEvents('fetch', { connection: workerRedis.duplicate(), prefix });
    closables.push(worker, events);
    await events.waitUntilReady();

    const jobId = await producer.add('fetch-source', { sourceId: 'miners', slot: '1764000000' });
    expect(jobId).toBe('fetch-source.miners.1764000000');
    const job = await producer.queue('fetch').getJob(jobId);
    const result = await job!.waitUntilFinished(events, 10_000);

    expect(result).toEqual({ items: 3 });
    expect(seen).toEqual([{ sourceId: 'miners', slot: '1764000000' }]);
    expect(errors).toEqual([]);
  });

  it('adds the same work once: the job id is derived from the payload', async () => {
    const { producer } = setup('dedupe');
    const first = await producer.add('fetch-source', { sourceId: 'a1', slot: 's1' });
    const second = await producer.add('fetch-source', { sourceId: 'a1', slot: 's1' });
    expect(second).toBe(first);
    expect(await producer.queue('fetch').getJobCounts('waiting')).toEqual({ waiting: 1 });
  });

  it('checks payloads on add: a bad payload never reaches Redis', async () => {
    const { producer } = setup('badadd');
    await expect(producer.add('fetch-source', { sourceId: 'has spaces' } as never)).rejects.toThrow(ContractError);
    await expect(producer.add('fetch-source', {} as never)).rejects.toThrow(/sourceId/);
    expect(await producer.queue('fetch').count()).toBe(0);
  });

  it('checks payloads on take: a poison job fails once, without retries', async () => {
    const { prefix, producer, workerRedis, closables, errors } = setup('poison');
    let handled = 0;
    const worker = startWorker('fetch', { 'fetch-source': async () => void handled++ }, {
      connection: workerRedis, prefix, onError: (e) => errors.push(e),
    });
    closables.push(worker);
    // Written around the catalogue, as a stale producer or a hand edit would.
    const raw = producer.queue('fetch');
    const failed = new Promise<{ reason: string; attempts: number }>((resolve) =>
      worker.on('failed', (job, error) => resolve({ reason: error.message, attempts: job?.attemptsMade ?? -1 })),
    );
    await raw.add('fetch-source', { sourceId: 42 }, { attempts: 5 });
    const outcome = await failed;
    expect(outcome.reason).toMatch(/invalid payload for fetch-source: sourceId/);
    expect(outcome.attempts).toBe(1);
    expect(handled).toBe(0);
  });

  it('bounds add when Redis cannot be reached', async () => {
    const prefix = uniquePrefix('down');
    const { createRedis } = await import('@tickerwire/queue');
    const dead = createRedis('redis://127.0.0.1:1', 'producer', () => {});
    const producer = new JobProducer({ connection: dead, prefix, addTimeoutMs: 300, onError: () => {} });
    const started = Date.now();
    await expect(producer.add('fetch-source', { sourceId: 'x' })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3000);
    dead.disconnect();
  });
});
