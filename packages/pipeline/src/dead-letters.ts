import type { Queue } from 'bullmq';
import { queueNames, type QueueName } from '@tickerwire/queue';

/**
 * The dead-letter queue is each queue's failed set: jobs that failed permanently
 * (UnrecoverableError: a payload that cannot be valid, a 404 source) or used up their
 * attempts. BullMQ moves them there atomically, so nothing is lost between "failed" and
 * "dead-lettered"; they stay (bounded by `retention.removeOnFail`) until re-driven.
 */
export interface DeadLetter {
  queue: QueueName;
  jobId: string;
  name: string;
  attempts: number;
  failedAt: Date | null;
  reason: string;
  /** What the payload is about, without printing whole articles. */
  summary: string;
}

function summarise(data: unknown): string {
  if (typeof data !== 'object' || data === null) return JSON.stringify(data)?.slice(0, 120) ?? String(data);
  const record = data as Record<string, unknown>;
  if (Array.isArray(record.articles)) return `${record.articles.length} article(s): ${record.articles.map((a) => (a as { url?: string }).url ?? '?').slice(0, 3).join(', ')}`;
  return JSON.stringify(record).slice(0, 160);
}

export async function listDeadLetters(queues: (name: QueueName) => Queue, limit = 100): Promise<DeadLetter[]> {
  const letters: DeadLetter[] = [];
  for (const name of queueNames) {
    for (const job of await queues(name).getFailed(0, limit - 1)) {
      if (!job) continue;
      letters.push({
        queue: name,
        jobId: job.id ?? '',
        name: job.name,
        attempts: job.attemptsMade,
        failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
        reason: job.failedReason ?? '',
        summary: summarise(job.data),
      });
    }
  }
  return letters.sort((a, b) => (b.failedAt?.getTime() ?? 0) - (a.failedAt?.getTime() ?? 0));
}

/**
 * Sends dead letters back to their queue with fresh attempts: one job by id, or all of them.
 * The job keeps its id, so a re-driven job is still the same work (idempotent downstream).
 */
export async function redriveDeadLetters(queues: (name: QueueName) => Queue, which: { jobId: string } | 'all'): Promise<number> {
  let count = 0;
  for (const name of queueNames) {
    const queue = queues(name);
    if (which === 'all') {
      const failed = await queue.getJobCountByTypes('failed');
      if (failed > 0) {
        await queue.retryJobs({ state: 'failed' });
        count += failed;
      }
      continue;
    }
    const job = await queue.getJob(which.jobId);
    if (job && (await job.isFailed())) {
      await job.retry('failed');
      count++;
    }
  }
  return count;
}

export interface QueueDepth {
  queue: QueueName;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export async function queueDepths(queues: (name: QueueName) => Queue): Promise<QueueDepth[]> {
  return Promise.all(
    queueNames.map(async (queue) => {
      const counts = await queues(queue).getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized');
      return {
        queue,
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        failed: counts.failed ?? 0,
        completed: counts.completed ?? 0,
      };
    }),
  );
}

/**
 * True when no stage has work waiting, running or waiting for a retry. The schedulers' next
 * polls (delayed jobs with ids "repeat:…") are not work; the deliver queue is the notifier's.
 */
export async function pipelineIdle(queues: (name: QueueName) => Queue, only: readonly QueueName[] = ['fetch', 'analyze', 'store']): Promise<boolean> {
  for (const depth of (await queueDepths(queues)).filter((d) => only.includes(d.queue))) {
    if (depth.waiting + depth.active > 0) return false;
    if (depth.delayed === 0) continue;
    const delayed = await queues(depth.queue).getDelayed(0, -1);
    if (delayed.some((job) => !job.id?.startsWith('repeat:'))) return false;
  }
  return true;
}
