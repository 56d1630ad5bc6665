import { z } from 'zod';
import { createHash } from 'node:crypto';
import type { JobsOptions } from 'bullmq';
import { Article, Ticker } from '@tickerwire/core';
import { StoredEventMessage, reportKeyOf } from './event-stream.ts';

/**
 * One entry per job: its queue, its payload schema, how its id is derived and its default
 * options. Queue and job names are frozen strings: renaming one strands the jobs already
 * waiting in Redis under the old name.
 */
export interface JobDefinition<Payload extends z.ZodType = z.ZodType, Queue extends string = string> {
  readonly queue: Queue;
  readonly payload: Payload;
  /** Deterministic id: adding the same work twice while it is known to Redis adds it once. */
  readonly jobId: (payload: z.output<Payload>) => string;
  readonly options: Pick<JobsOptions, 'attempts' | 'backoff' | 'priority'>;
}

/** Typed entry: infers the payload type for `jobId` from the schema. */
function defineJob<Payload extends z.ZodObject, const Queue extends string>(definition: JobDefinition<Payload, Queue>): JobDefinition<Payload, Queue> {
  return definition;
}

// Transient failures are retried with exponential backoff and jitter, so a burst of
// failures (Redis or MongoDB restarting) does not come back as a burst of retries.
const retried = { attempts: 6, backoff: { type: 'exponential', delay: 1000, jitter: 0.5 } } as const;

/** Most articles one analyze or store job carries. */
export const maxBatch = 50;

/**
 * An article as fetched, before analysis, with the tickers its source covers or its feed
 * tagged: they bind company names the text gives no ticker for.
 */
export const ArticleDraft = Article.omit({ analysis: true }).extend({
  tickerHints: z.array(Ticker).default([]),
  /** The tags of the source it was fetched from: added to the analysis's tags. */
  sourceTags: z.array(z.string().min(1).max(100)).max(50).default([]),
});
/** An article with its analysis, ready to store. */
export const AnalysedArticle = Article.required({ analysis: true });
export type ArticleDraft = z.infer<typeof ArticleDraft>;
export type AnalysedArticle = z.infer<typeof AnalysedArticle>;

/**
 * Standard Webhooks' retry schedule (delays after the first attempt): 5 s, 5 min, 30 min,
 * 2 h, 5 h, 10 h, 10 h. The worker's backoff strategy of the same name applies it.
 */
export const webhookRetrySchedule = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000] as const;

/** A batch's id: the same articles with the same content are the same work. */
function batchKey(articles: readonly { id: string; contentHash: string }[]): string {
  const hash = createHash('sha256');
  for (const a of articles) hash.update(a.id).update('\0').update(a.contentHash).update('\n');
  return hash.digest('hex').slice(0, 32);
}

const Id = z.string().regex(/^[A-Za-z0-9_.\-]{1,200}$/, 'letters, digits, ".", "-" and "_"');

export const jobCatalogue = {
  /**
   * Poll one source. Scheduled polls come from one BullMQ job scheduler per source (whose
   * ids BullMQ derives from the scheduler id and the tick); a poll asked for by hand names
   * its slot, so asking twice for the same slot polls once.
   */
  'fetch-source': defineJob({
    queue: 'fetch',
    payload: z.object({ sourceId: Id, slot: Id.optional() }),
    jobId: (p) => `fetch-source.${p.sourceId}.${p.slot ?? 'now'}`,
    options: retried,
  }),
  /**
   * Extract and score a batch of new articles from one poll. Batches, not single articles:
   * each hop costs ~30 Redis commands, so one job per article caps the chain well below the
   * throughput the analysis itself reaches.
   */
  'analyze-articles': defineJob({
    queue: 'analyze',
    payload: z.object({ articles: z.array(ArticleDraft).min(1).max(maxBatch) }),
    jobId: (p) => `analyze-articles.${batchKey(p.articles)}`,
    options: retried,
  }),
  /** Store a batch of analysed articles, their events, and announce each stored event. */
  'store-articles': defineJob({
    queue: 'store',
    payload: z.object({ articles: z.array(AnalysedArticle).min(1).max(maxBatch) }),
    jobId: (p) => `store-articles.${batchKey(p.articles)}`,
    options: retried,
  }),
  /**
   * Deliver one report of a stored event to one subscription's webhook. Its id is the
   * Standard Webhooks message id, so every retry carries the same `webhook-id`.
   */
  'deliver-webhook': defineJob({
    queue: 'deliver',
    payload: z.object({ subscriptionId: Id, message: StoredEventMessage }),
    jobId: (p) => `deliver-webhook.${p.subscriptionId}.${reportKeyOf(p.message)}`,
    options: { attempts: webhookRetrySchedule.length + 1, backoff: { type: 'standard-webhooks' } },
  }),
} as const;

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

/**
 * Per queue. Jobs that carry articles (analyze, store: ~100 KB to ~1 MB each) are removed as
 * soon as they complete (their work is in MongoDB, their outcome in the counters), and fewer
 * of their dead letters are kept: Redis holds no article once it is stored. A job re-added
 * with the id of a removed one runs again, which the ledger makes harmless.
 */
export function retentionOf(queue: QueueName): { removeOnComplete: boolean | { count: number; age: number }; removeOnFail: { count: number; age: number } } {
  if (queue === 'analyze' || queue === 'store') return { removeOnComplete: true, removeOnFail: { count: 1000, age: 14 * 24 * 3600 } };
  return retention;
}

/** BullMQ's per-queue event stream (what QueueEvents reads) is trimmed to about this many entries. */
export const queueEventsMaxLen = 200;
