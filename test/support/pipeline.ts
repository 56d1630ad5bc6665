import { inject } from 'vitest';
import type { Db } from 'mongodb';
import { queueDepths, startPipeline, stages, type PipelineOptions, type RunningPipeline, type Stage } from '@tickerwire/pipeline';
import type { JobProducer, QueueName } from '@tickerwire/queue';

type Queue = ReturnType<JobProducer['queue']>;

/** The whole pipeline in this process, on the run's Redis, quick to poll and to take back stalled jobs. */
export function testPipeline(db: Db, prefix: string, log: string[], overrides: Partial<PipelineOptions> = {}, run: readonly Stage[] = stages): Promise<RunningPipeline> {
  return startPipeline(
    {
      redisUrl: inject('redisUrl'),
      prefix,
      db,
      log: (line) => log.push(line),
      resyncMs: 300,
      fetcher: { politenessDelayMs: 0, maxConcurrentPerHost: 8 },
      pageThreads: 0,
      ...overrides,
    },
    run,
  );
}

/**
 * True when no stage has work waiting, running or waiting for a retry. The schedulers' next
 * polls (delayed jobs with ids "repeat:…") do not count.
 */
export async function idle(queues: (name: QueueName) => Queue, only: QueueName[] = ['fetch', 'analyze', 'store']): Promise<boolean> {
  const depths = await queueDepths(queues);
  for (const depth of depths.filter((d) => only.includes(d.queue))) {
    if (depth.waiting + depth.active > 0) return false;
    if (depth.delayed === 0) continue;
    const delayed = await queues(depth.queue).getDelayed(0, -1);
    if (delayed.some((job) => !job.id?.startsWith('repeat:'))) return false;
  }
  return true;
}

/** What a stuck run looks like: queue depths, failed and delayed jobs with reasons, the log's tail. */
export async function describeRun(pipeline: RunningPipeline, log: readonly string[], stored: number): Promise<string> {
  const queues = (q: QueueName) => pipeline.producer.queue(q);
  const lines = [`stored ${stored}`];
  for (const d of await queueDepths(queues)) lines.push(JSON.stringify(d));
  for (const q of ['fetch', 'analyze', 'store'] as const) {
    for (const job of await queues(q).getFailed(0, 5)) lines.push(`failed ${q} ${job.id}: ${job.failedReason}`);
    for (const job of await queues(q).getDelayed(0, 5)) lines.push(`delayed ${q} ${job.id} attempts ${job.attemptsMade}: ${job.failedReason ?? ''}`);
    for (const job of await queues(q).getActive(0, 5)) lines.push(`active ${q} ${job.id} attempts ${job.attemptsMade}`);
  }
  lines.push(...log.slice(-15));
  return lines.join('\n');
}
