import { z } from 'zod';
import { Analysis, MarketEvent, SentimentLabel, describeSentiment, eventHeadline, eventTypeTag, eventTypes, type EventType } from '@tickerwire/core';
import type { StoredArticle, StoredEvent } from '@tickerwire/store';
import type { FeedCategory, FeedEntry } from './formats.ts';

const Iso = z.iso.datetime();

/** An article as the API returns it. */
export const ApiArticle = z
  .object({
    id: z.string(),
    url: z.string(),
    canonicalUrl: z.string(),
    title: z.string(),
    body: z.string(),
    author: z.string().nullable(),
    publishedAt: Iso.nullable(),
    firstSeenAt: Iso,
    sources: z.array(z.object({ sourceId: z.string(), url: z.string(), firstSeenAt: Iso })),
    firstReport: z
      .boolean()
      .nullable()
      .meta({ description: 'true: the story was the first to report at least one of its facts (what `novel=true` selects); false: it only repeated facts reported before, or has none; null: stored without the count.' }),
    analysis: Analysis.nullable(),
  })
  .meta({ id: 'Article' });
export type ApiArticle = z.infer<typeof ApiArticle>;

/** An event (one fact, however many articles reported it) as the API returns it. */
export const ApiEvent = z
  .object({
    id: z.string(),
    type: z.enum(eventTypes as [EventType, ...EventType[]]),
    ticker: z.string().nullable(),
    company: z.string().nullable(),
    action: z.string().nullable(),
    firm: z.string().nullable(),
    sentiment: z.object({ label: SentimentLabel, score: z.number() }).nullable(),
    relevance: z.number().nullable().meta({ description: "How much the first reporting article is about the ticker, 0 to 1 (null: unknown)" }),
    publishedAt: Iso.nullable(),
    firstSeenAt: Iso,
    tags: z.array(z.string()),
    /** The article that first reported it, when it is still stored. */
    article: z.object({ id: z.string(), url: z.string(), title: z.string() }).nullable(),
    reports: z.array(z.object({ articleId: z.string(), sourceIds: z.array(z.string()), seenAt: Iso, novel: z.boolean() })),
    event: MarketEvent,
  })
  .meta({ id: 'Event' });
export type ApiEvent = z.infer<typeof ApiEvent>;

export function pageSchema<T extends z.ZodType>(item: T, id: string) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() }).meta({ id });
}

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

export function toApiArticle(doc: StoredArticle): ApiArticle {
  return {
    id: doc._id,
    url: doc.url,
    canonicalUrl: doc.canonicalUrl,
    title: doc.title,
    body: doc.body,
    author: doc.author ?? null,
    publishedAt: iso(doc.publishedAt),
    firstSeenAt: doc.firstSeenAt.toISOString(),
    sources: doc.sources.map((s) => ({ sourceId: s.sourceId, url: s.url, firstSeenAt: s.firstSeenAt.toISOString() })),
    firstReport: typeof doc.novelReports === 'number' ? doc.novelReports > 0 : null,
    analysis: doc.analysis ?? null,
  };
}

export function toApiEvent(doc: StoredEvent, links: ReadonlyMap<string, { url: string; title: string }>): ApiEvent {
  const firstArticle = doc.reports[0]?.articleId;
  const link = firstArticle ? links.get(firstArticle) : undefined;
  return {
    id: doc._id,
    type: doc.type,
    ticker: doc.ticker,
    company: doc.event.company,
    action: doc.action,
    firm: doc.firm,
    sentiment: doc.sentimentLabel !== null && doc.sentimentScore !== null ? { label: doc.sentimentLabel, score: doc.sentimentScore } : null,
    relevance: doc.relevance ?? null,
    publishedAt: iso(doc.publishedAt),
    firstSeenAt: doc.firstSeenAt.toISOString(),
    tags: doc.tags,
    article: link && firstArticle ? { id: firstArticle, url: link.url, title: link.title } : null,
    reports: doc.reports.map((r) => ({ articleId: r.articleId, sourceIds: r.sourceIds, seenAt: r.seenAt.toISOString(), novel: r.novel })),
    event: doc.event,
  };
}

/** The tags that name an event type: an event is tagged by its own type only. */
const typeTags = new Set(eventTypes.map(eventTypeTag));

function sentimentCategory(sentiment: { label: string; score: number } | null | undefined): FeedCategory[] {
  return sentiment ? [{ term: sentiment.label, kind: 'sentiment', label: describeSentiment(sentiment)! }] : [];
}

function uniqueCategories(categories: FeedCategory[]): FeedCategory[] {
  const seen = new Set<string>();
  return categories.filter((c) => !seen.has(c.term) && seen.add(c.term));
}

export function articleEntry(article: ApiArticle): FeedEntry {
  const analysis = article.analysis;
  const sentiment = describeSentiment(analysis?.sentiment);
  const lead = article.body.length > 500 ? `${article.body.slice(0, 497)}…` : article.body;
  const facts = [sentiment ? `Sentiment: ${sentiment}` : null, analysis?.tickers.length ? `Tickers: ${analysis.tickers.join(', ')}` : null].filter((f) => f !== null);
  return {
    id: article.id,
    title: article.title,
    url: article.url,
    summary: [facts.join(' · '), lead].filter((p) => p).join('\n\n') || null,
    content: article.body || null,
    published: article.publishedAt ? new Date(article.publishedAt) : null,
    updated: new Date(article.firstSeenAt),
    categories: uniqueCategories([
      ...(analysis?.tickers ?? []).map((term): FeedCategory => ({ term, kind: 'ticker' })),
      ...sentimentCategory(analysis?.sentiment),
      ...(analysis?.tags ?? []).map((term): FeedCategory => ({ term, kind: typeTags.has(term) ? 'event-type' : 'tag' })),
    ]),
    author: article.author,
    data: article,
  };
}

export function eventEntry(event: ApiEvent): FeedEntry {
  return {
    id: event.id,
    title: eventHeadline(event.event),
    url: event.article?.url ?? null,
    summary: event.event.evidence.text || null,
    content: null,
    published: event.publishedAt ? new Date(event.publishedAt) : null,
    updated: new Date(event.firstSeenAt),
    categories: uniqueCategories([
      ...(event.ticker ? [{ term: event.ticker, kind: 'ticker' } as const] : []),
      ...sentimentCategory(event.sentiment),
      { term: eventTypeTag(event.type), kind: 'event-type' },
      // The article's tags, less the event types: a capacity event is not an analyst rating.
      ...event.tags.filter((t) => !typeTags.has(t)).map((term): FeedCategory => ({ term, kind: 'tag' })),
    ]),
    author: null,
    data: event,
  };
}
