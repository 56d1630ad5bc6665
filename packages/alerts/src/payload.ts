import { z } from 'zod';
import { MarketEvent, ScoreReason, SentimentLabel, eventHeadline, eventTypes, type EventType } from '@tickerwire/core';
import type { StoredEventMessage } from '@tickerwire/queue';

/** The version of the payload below; bumped on any change a receiver could notice. */
export const eventPayloadSchema = 'tickerwire.event.v2';

const Iso = z.iso.datetime();

/**
 * What a webhook (`data`) and an SSE `stored-event` frame carry: one report of one stored
 * event, readable as it is (headline, article title and URL, source, times, reasons).
 * v1 had no `schema`, `headline`, `title`, `url`, `canonicalUrl`, `source`, `relevance` or
 * `reasons`; every v1 field is still here with the same meaning.
 */
export const EventPayload = z
  .object({
    schema: z.literal(eventPayloadSchema),
    eventId: z.string().meta({ description: 'GET /v1/events/{eventId}' }),
    articleId: z.string().meta({ description: 'The reporting article: GET /v1/articles/{articleId}' }),
    headline: z.string().meta({ description: 'The event in words, with its sentiment: "Marlow Street Capital raises CPLD price target to $65 from $54 — bullish +0.37"' }),
    title: z.string().nullable().meta({ description: "The article's title (null in reports stored before v2)" }),
    url: z.string().nullable().meta({ description: "The article's canonical URL" }),
    canonicalUrl: z.string().nullable(),
    source: z.string().nullable().meta({ description: 'Id of the source this report came from' }),
    sourceIds: z.array(z.string()),
    novel: z.boolean().meta({ description: 'First report of the fact (false: reported again)' }),
    type: z.enum(eventTypes as [EventType, ...EventType[]]),
    ticker: z.string().nullable(),
    action: z.string().nullable(),
    sentimentLabel: SentimentLabel.nullable(),
    sentimentScore: z.number().nullable(),
    relevance: z.number().nullable().meta({ description: "The article's relevance to the ticker, 0 to 1" }),
    tags: z.array(z.string()),
    publishedAt: Iso.nullable().meta({ description: 'When the article says it was published' }),
    firstSeenAt: Iso.meta({ description: 'When the fact was first seen (fetched)' }),
    reportedAt: Iso.meta({ description: 'When this report was seen' }),
    reasons: z.array(ScoreReason).meta({ description: "What moved the event's sentiment" }),
    event: MarketEvent,
  })
  .meta({ id: 'EventPayload' });
export type EventPayload = z.infer<typeof EventPayload>;

/** The payload of one stream message (pure). */
export function eventPayload(message: StoredEventMessage): EventPayload {
  const article = message.article ?? null;
  return {
    schema: eventPayloadSchema,
    eventId: message.eventId,
    articleId: message.articleId,
    headline: eventHeadline(message.event),
    title: article?.title ?? null,
    url: article?.canonicalUrl ?? null,
    canonicalUrl: article?.canonicalUrl ?? null,
    source: article?.sourceId ?? message.sourceIds[0] ?? null,
    sourceIds: message.sourceIds,
    novel: message.novel,
    type: message.type,
    ticker: message.ticker,
    action: message.action,
    sentimentLabel: message.sentimentLabel,
    sentimentScore: message.sentimentScore,
    relevance: message.relevance ?? null,
    tags: message.tags,
    publishedAt: message.publishedAt ? message.publishedAt.toISOString() : null,
    firstSeenAt: message.firstSeenAt.toISOString(),
    reportedAt: message.reportedAt.toISOString(),
    reasons: message.reasons ?? [],
    event: message.event,
  };
}

/** The webhook body: a typed envelope around the payload. */
export const WebhookEnvelope = z
  .object({
    type: z.literal('event.stored'),
    schema: z.literal(eventPayloadSchema),
    test: z.literal(true).optional().meta({ description: 'Present (true) only on a test event sent by POST /v1/subscriptions/{id}/test: made-up data, not a stored event' }),
    timestamp: Iso,
    data: EventPayload,
  })
  .meta({ id: 'WebhookEnvelope' });
