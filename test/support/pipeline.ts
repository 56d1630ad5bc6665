import { inject } from 'vitest';
import type { Db } from 'mongodb';
import { pipelineIdle, queueDepths, startPipeline, stages, type PipelineOptions, type RunningPipeline, type Stage } from '@tickerwire/pipeline';
import type { QueueName } from '@tickerwire/queue';
import { testPrivateNetwork } from './services.ts';

/** The whole pipeline in this process, on the run's Redis, quick to poll and to take back stalled jobs. */
export function testPipeline(db: Db, prefix: string, log: string[], overrides: Partial<PipelineOptions> = {}, run: readonly Stage[] = stages): Promise<RunningPipeline> {
  return startPipeline(
    {
      redisUrl: inject('redisUrl'),
      prefix,
      db,
      log: (line) => log.push(line),
      resyncMs: 300,
      fetcher: { politenessDelayMs: 0, maxConcurrentPerHost: 8, privateNetwork: testPrivateNetwork },
      pageThreads: 0,
      ...overrides,
    },
    run,
  );
}

export { pipelineIdle as idle };

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
