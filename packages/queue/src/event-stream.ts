import { z } from 'zod';
import type { RedisConnection } from './redis.ts';
import { MarketEvent, ScoreReason, SentimentLabel, eventTypes, type EventType } from '@tickerwire/core';

/**
 * The hand-off from storage to notification: each report of a stored event, published once
 * on a Redis stream. The notifier reads it with a consumer group (at-least-once, acknowledged
 * after delivery is recorded); the API's server-sent events replay it from a client's
 * Last-Event-ID. Stream entry ids are Redis's own (`<ms>-<seq>`), so they order the entries.
 * Keys live under the deployment's prefix (the BullMQ prefix), like its queues.
 */
export function storedEventsKey(prefix: string): string {
  return `${prefix}:tickerwire:stored-events`;
}

/** The stream's name in the chain's description; its key is storedEventsKey(prefix). */
export const storedEventsStreamName = 'stored-events';

/**
 * Retention: the stream is trimmed to about this many entries (XADD MAXLEN ~), which is what
 * a reconnecting SSE client can still catch up on. At 1,000 events/s that is ~100 s of
 * burst; at the expected few events per minute it is weeks.
 */
export const storedEventsRetention = 100_000;

/** How long a report is remembered as published, so a retried writer does not publish it twice. */
export const publishedMarkerTtlSeconds = 7 * 24 * 3600;

/** One report of one stored event: the canonical event and the article that reported it. */
export const StoredEventMessage = z.object({
  /** Canonical event id (events collection `_id`). */
  eventId: z.string().min(1),
  /** The article whose report this is. */
  articleId: z.string().min(1),
  sourceIds: z.array(z.string()),
  /** True for the first report of the fact; false when another article reports it again. */
  novel: z.boolean(),
  type: z.enum(eventTypes as [EventType, ...EventType[]]),
  ticker: z.string().nullable(),
  action: z.string().nullable(),
  sentimentLabel: SentimentLabel.nullable(),
  sentimentScore: z.number().nullable(),
  tags: z.array(z.string()),
  publishedAt: z.coerce.date().nullable(),
  firstSeenAt: z.coerce.date(),
  reportedAt: z.coerce.date(),
  event: MarketEvent,
  /**
   * The reporting article, so an alert can be read without a lookup. Absent in entries written
   * before it was added (they are still read; payloads then carry nulls).
   */
  article: z
    .object({
      title: z.string(),
      url: z.string(),
      canonicalUrl: z.string(),
      /** The source whose copy this report is (the article's first sighting). */
      sourceId: z.string().nullable(),
    })
    .nullable()
    .optional(),
  /** What moved the event's sentiment (the article's reasons about this event). */
  reasons: z.array(ScoreReason).optional(),
  /** How much the article is about the event's ticker, 0 to 1 (null: no per-ticker reading). */
  relevance: z.number().min(0).max(1).nullable().optional(),
  /** Set only on a subscription's test event (POST /v1/subscriptions/{id}/test), never on a stored one. */
  test: z.literal(true).optional(),
});
export type StoredEventMessage = z.infer<typeof StoredEventMessage>;

/** What one publication identifies: a report is (event, article). */
export function reportKeyOf(message: Pick<StoredEventMessage, 'eventId' | 'articleId'>): string {
  return `${message.eventId}.${message.articleId}`;
}

// Marker and entry in one atomic step: either both happen or neither, so a writer that
// crashes and retries publishes each report exactly once (within the marker's lifetime).
const publishOnce = `
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
  return redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', 'report', ARGV[3], 'data', ARGV[4])
end
return false`;

/** Publishes a report unless it was already published; returns its stream id, or null if it was. */
export async function publishStoredEvent(redis: RedisConnection, prefix: string, input: z.input<typeof StoredEventMessage>): Promise<string | null> {
  const message = StoredEventMessage.parse(input);
  const report = reportKeyOf(message);
  const id = await redis.eval(
    publishOnce,
    2,
    `${prefix}:tickerwire:published:${report}`,
    storedEventsKey(prefix),
    String(publishedMarkerTtlSeconds),
    String(storedEventsRetention),
    report,
    JSON.stringify(message),
  );
  return typeof id === 'string' ? id : null;
}

/**
 * Publishes a store job's reports, each at most once per job however often the job runs:
 * `job` is a hash of the job's reports (field: article and fact), 'p' while pending and 'a'
 * once published, set in the same step as the stream entry. The writer marks its reports
 * pending before it stores them and deletes the hash once the job's reports are all out, so
 * Redis holds markers only for jobs in flight (or failed: then for `pendingTtlSeconds`).
 * Returns each report's stream id, or null for one already published.
 */
export async function publishJobReports(redis: RedisConnection, prefix: string, job: string, reports: readonly { field: string; message: z.input<typeof StoredEventMessage> }[]): Promise<(string | null)[]> {
  const pipeline = redis.pipeline();
  for (const { field, message } of reports) {
    const parsed = StoredEventMessage.parse(message);
    pipeline.eval(publishForJob, 2, job, storedEventsKey(prefix), field, String(storedEventsRetention), reportKeyOf(parsed), JSON.stringify(parsed));
  }
  return ((await pipeline.exec()) ?? []).map(([error, id]) => {
    if (error) throw error;
    return typeof id === 'string' ? id : null;
  });
}

/** How long a failed store job's pending markers are kept (its dead letter's lifetime). */
export const pendingTtlSeconds = 14 * 24 * 3600;

/** The hash of a store job's pending and published reports. */
export function jobReportsKey(prefix: string, jobId: string): string {
  return `${prefix}:tickerwire:announcing:${jobId}`;
}

const publishForJob = `
if redis.call('HGET', KEYS[1], ARGV[1]) == 'a' then return false end
local id = redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', 'report', ARGV[3], 'data', ARGV[4])
redis.call('HSET', KEYS[1], ARGV[1], 'a')
return id`;

export interface StreamEntry {
  /** The stream entry id: the SSE event id and the consumer group's position. */
  streamId: string;
  message: StoredEventMessage;
}

/** Parses one raw stream entry (`[id, [field, value, ...]]`); a malformed entry is reported, not thrown. */
export function parseStreamEntry(entry: [string, string[]]): StreamEntry | { streamId: string; error: string } {
  const [streamId, fields] = entry;
  const dataIndex = fields.indexOf('data');
  const raw = dataIndex >= 0 ? fields[dataIndex + 1] : undefined;
  if (raw === undefined) return { streamId, error: 'entry has no data field' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { streamId, error: 'data is not JSON' };
  }
  const parsed = StoredEventMessage.safeParse(json);
  return parsed.success ? { streamId, message: parsed.data } : { streamId, error: parsed.error.message };
}
