import { z } from 'zod';
import { SentimentLabel, SourceIdPattern, Ticker, eventActions, eventTypes, type EventCriterion, type EventType } from '@tickerwire/core';
import { feedTimeFields, type FeedFilter, type FeedTimeField } from '@tickerwire/store';
import type { MatchFilter } from '@tickerwire/alerts';

/** A list parameter: `tickers=A,B`, `tickers=A&tickers=B`, or both. */
function list<T extends z.ZodType<unknown, string>>(item: T, description: string, max = 50) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((value) =>
      (Array.isArray(value) ? value : [value])
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter((v) => v.length > 0),
    )
    .pipe(z.array(item).min(1).max(max))
    .optional()
    .meta({ description });
}

const booleanParam = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

const dateParam = z.iso.datetime({ offset: true }).or(z.iso.date()).transform((v) => new Date(v));

export const feedFormats = ['json', 'ndjson', 'rss', 'atom', 'jsonfeed', 'csv'] as const;
export type FeedFormat = (typeof feedFormats)[number];

/** Fields every authenticated query may carry. */
export const authQuery = {
  api_key: z.string().max(200).optional().meta({ description: 'The API key, for clients that cannot send headers (feed readers). Prefer the Authorization header: URLs end up in logs.' }),
};

const filterShape = {
  tickers: list(z.string().transform((t) => t.toUpperCase()).pipe(Ticker), 'Tickers, any of (comma-separated or repeated).'),
  types: list(z.enum(eventTypes as [EventType, ...EventType[]]), 'Event types, any of.'),
  actions: list(z.enum(eventActions), 'Event actions (upgrade, raise, …; up/down for price moves), any of.'),
  sentiment: list(SentimentLabel, "Sentiment labels, any of. With tickers, on articles: those tickers' own sentiment (tickerSentiment), not the article's."),
  minAbsScore: z.coerce.number().min(0).max(1).optional().meta({ description: "Minimum |sentiment score|, 0 to 1. With tickers, on articles: those tickers' own score." }),
  minRelevance: z.coerce.number().min(0).max(1).optional().meta({ description: 'Minimum relevance of the article to the ticker (one of `tickers`, if given), 0 to 1.' }),
  sources: list(z.string().regex(SourceIdPattern, 'a source id'), 'Source ids, any of.'),
  tags: list(z.string().min(1).max(100), 'Tags, any of.'),
  novel: booleanParam.optional().meta({ description: 'true: first reports of a fact (new information); false: repeats only. The two split the results, no item in both (README: novelty; events without `sources` are all novel).' }),
};
// The query parameters are the shared event criteria (subscriptions' `filter`), spelt as strings.
filterShape satisfies Record<EventCriterion | 'novel', unknown>;

export const FeedQuery = z
  .strictObject({
    ...filterShape,
    since: dateParam.optional().meta({ description: 'Inclusive lower bound (ISO 8601) on timeField.' }),
    until: dateParam.optional().meta({ description: 'Exclusive upper bound (ISO 8601) on timeField.' }),
    order: z
      .enum(feedTimeFields)
      .optional()
      .meta({
        description:
          'Newest first by `publishedAt` (default: when the source published it; items without a publication time come last) or by `firstSeenAt` ' +
          '(when Tickerwire fetched it: for polling clients, as nothing new is ever stored behind a position they have read). A cursor keeps its order.',
      }),
    timeField: z.enum(feedTimeFields).optional().meta({ description: 'Which time since/until apply to; default: the order\'s field. Items without a publication time never match a publishedAt range.' }),
    q: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .meta({ description: 'Words that must all appear, case-insensitive (at most 8 used, each up to 50 characters): in the title or body of articles; in the evidence sentence, company or firm of events.' }),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(800).optional().meta({ description: 'nextCursor of the previous page.' }),
    format: z.enum(feedFormats).optional().meta({ description: 'Output format; overrides the Accept header.' }),
    ...authQuery,
  })
  .refine((q) => !(q.since && q.until) || q.since < q.until, { path: ['until'], message: 'must be after since' });
export type FeedQuery = z.output<typeof FeedQuery>;

/** The store's filter from a parsed query (pure); `order`: the page's order, once the cursor is read. */
export function toFeedFilter(query: FeedQuery, order: FeedTimeField = query.order ?? 'publishedAt'): FeedFilter {
  const filter: FeedFilter = { order, timeField: query.timeField ?? order };
  if (query.tickers) filter.tickers = query.tickers;
  if (query.types) filter.types = query.types;
  if (query.actions) filter.actions = query.actions;
  if (query.sentiment) filter.sentiment = query.sentiment;
  if (query.minAbsScore !== undefined) filter.minAbsScore = query.minAbsScore;
  if (query.minRelevance !== undefined) filter.minRelevance = query.minRelevance;
  if (query.sources) filter.sources = query.sources;
  if (query.tags) filter.tags = query.tags;
  if (query.novel !== undefined) filter.novel = query.novel;
  if (query.q) filter.q = query.q;
  if (query.since) filter.since = query.since;
  if (query.until) filter.until = query.until;
  return filter;
}

export const StreamQuery = z.strictObject({
  ...filterShape,
  lastEventId: z
    .string()
    .regex(/^\d{1,20}-\d{1,20}$/, 'a stream entry id such as 1700000000000-0')
    .optional()
    .meta({ description: 'Same as the Last-Event-ID header, for clients that cannot set it.' }),
  ...authQuery,
});
export type StreamQuery = z.output<typeof StreamQuery>;

/** The alerts matcher's filter from a stream query (pure). `novel=false` is not a matcher option: it keeps repeats only. */
export function toMatchFilter(query: StreamQuery): MatchFilter {
  const filter: MatchFilter = {};
  if (query.tickers) filter.tickers = query.tickers;
  if (query.types) filter.types = query.types;
  if (query.actions) filter.actions = query.actions as MatchFilter['actions'];
  if (query.sentiment) filter.sentiment = query.sentiment;
  if (query.minAbsScore !== undefined) filter.minAbsScore = query.minAbsScore;
  if (query.minRelevance !== undefined) filter.minRelevance = query.minRelevance;
  if (query.sources) filter.sources = query.sources;
  if (query.tags) filter.tags = query.tags;
  if (query.novel === true) filter.novelOnly = true;
  return filter;
}
