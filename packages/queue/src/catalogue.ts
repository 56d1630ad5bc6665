import { z } from 'zod';
import type { JobsOptions } from 'bullmq';

/**
 * One entry per job: its queue, its payload schema, how its id is derived and its default
 * options. Queue and job names are frozen strings: renaming one strands the jobs already
 * waiting in Redis under the old name.
 */
export interface JobDefinition<Payload extends z.ZodType = z.ZodType> {
  readonly queue: string;
  readonly payload: Payload;
  /** Deterministic id: adding the same work twice while it is known to Redis adds it once. */
  readonly jobId: (payload: z.output<Payload>) => string;
  readonly options: Pick<JobsOptions, 'attempts' | 'backoff' | 'priority'>;
}

// Transient failures are retried with exponential backoff and jitter, so a burst of
// failures (Redis or MongoDB restarting) does not come back as a burst of retries.
const retried = { attempts: 6, backoff: { type: 'exponential', delay: 1000, jitter: 0.5 } } as const;

const Id = z.string().regex(/^[A-Za-z0-9_.\-]{1,200}$/, 'letters, digits, ".", "-" and "_"');

export const jobCatalogue = {
  /** Fetch one source for one schedule slot (a slot is the scheduler's tick, so a re-run of the same tick is one job). */
  'fetch-source': {
    queue: 'fetch',
    payload: z.object({ sourceId: Id, slot: Id }),
    jobId: (p) => `fetch-source.${p.sourceId}.${p.slot}`,
    options: retried,
  },
  /** Extract and score one stored article. */
  'analyze-article': {
    queue: 'analyze',
    payload: z.object({ articleId: Id }),
    jobId: (p) => `analyze-article.${p.articleId}`,
    options: retried,
  },
  /** Write one article's analysis and events to MongoDB. */
  'store-analysis': {
    queue: 'store',
    payload: z.object({ articleId: Id }),
    jobId: (p) => `store-analysis.${p.articleId}`,
    options: retried,
  },
} as const satisfies Record<string, JobDefinition<z.ZodObject>>;

export type JobCatalogue = typeof jobCatalogue;
export type JobName = keyof JobCatalogue;
export type PayloadOf<N extends JobName> = z.output<JobCatalogue[N]['payload']>;
export type QueueName = JobCatalogue[JobName]['queue'];

export const jobNames = Object.keys(jobCatalogue) as JobName[];
export const queueNames = [...new Set(jobNames.map((n) => jobCatalogue[n].queue))] as QueueName[];

export function jobsOfQueue(queue: QueueName): JobName[] {
  return jobNames.filter((n) => jobCatalogue[n].queue === queue);
}

/**
 * Jobs kept after they finish: enough to inspect recent work, bounded so Redis memory is
 * too. Failed jobs are kept longer: they are the dead letters until re-driven.
 */
export const retention = {
  removeOnComplete: { count: 1000, age: 24 * 3600 },
  removeOnFail: { count: 10_000, age: 14 * 24 * 3600 },
} as const;
