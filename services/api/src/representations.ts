import { z } from 'zod';
import { Analysis, MarketEvent, SentimentLabel, eventTypes, type EventType } from '@tickerwire/core';
import type { StoredArticle, StoredEvent } from '@tickerwire/store';
import type { FeedEntry } from './formats.ts';

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
    publishedAt: iso(doc.publishedAt),
    firstSeenAt: doc.firstSeenAt.toISOString(),
    tags: doc.tags,
    article: link && firstArticle ? { id: firstArticle, url: link.url, title: link.title } : null,
    reports: doc.reports.map((r) => ({ articleId: r.articleId, sourceIds: r.sourceIds, seenAt: r.seenAt.toISOString(), novel: r.novel })),
    event: doc.event,
  };
}

const money = (n: number | null, currency: string) => (n === null ? '?' : `${currency === 'USD' ? '$' : `${currency} `}${n}`);

/** A one-line headline for an event (feed entry titles). */
export function describeEvent(event: MarketEvent): string {
  const who = event.ticker ?? event.company ?? 'sector';
  switch (event.type) {
    case 'analyst_rating':
      return `${event.firm ?? 'Analyst'} ${event.action}${event.ratingTo ? ` ${event.ratingTo}` : ''} on ${who}${event.ratingFrom ? ` (from ${event.ratingFrom})` : ''}`;
    case 'price_target':
      return `${event.firm ?? 'Analyst'} ${event.action} ${who} price target${event.to !== null ? ` to ${money(event.to, event.currency)}` : ''}${event.from !== null ? ` from ${money(event.from, event.currency)}` : ''}`;
    case 'contract':
      return `${who} contract${event.counterparties.length > 0 ? ` with ${event.counterparties.join(', ')}` : ''}${event.capacityMw !== null ? `, ${event.capacityMw} MW` : ''}${event.value ? `, ${money(event.value.amount, event.value.currency)}` : ''}`;
    case 'capacity':
      return `${who} capacity ${event.kind}: ${event.mw} MW${event.horizon ? ` by ${event.horizon}` : ''}`;
    case 'valuation':
      return `${who} valuation ${event.metric.replaceAll('_', ' ')}: ${event.low ?? '…'}–${event.high} ${event.currency}`;
    case 'price_move':
      return `${who} ${event.direction}${event.changePct !== null ? ` ${Math.abs(event.changePct)}%` : ''}${event.reference ? ` vs ${event.reference}` : ''}`;
    case 'financial_result': {
      const value = event.value ? ('unit' in event.value ? `${event.value.amount}%` : money(event.value.amount, event.value.currency)) : null;
      return `${who} ${event.metric.replaceAll('_', ' ')}${event.period ? ` (${event.period})` : ''}${value ? ` ${value}` : ''}${event.direction ? ` ${event.direction}` : ''}${event.changePct !== null ? ` ${event.changePct}%` : ''}${event.vsEstimates ? `, ${event.vsEstimates} estimates` : ''}`;
    }
    case 'guidance':
      return `${who} guidance ${event.action}${event.metric ? ` ${event.metric.replaceAll('_', ' ')}` : ''}${event.period ? ` (${event.period})` : ''}${event.low !== null || event.high !== null ? `: ${event.low ?? '…'}–${event.high ?? '…'}${event.currency ? ` ${event.currency}` : '%'}` : ''}`;
  }
}

export function articleEntry(article: ApiArticle): FeedEntry {
  const analysis = article.analysis;
  return {
    id: article.id,
    title: article.title,
    url: article.url,
    summary: article.body.length > 500 ? `${article.body.slice(0, 497)}…` : article.body || null,
    content: article.body || null,
    published: article.publishedAt ? new Date(article.publishedAt) : null,
    updated: new Date(article.firstSeenAt),
    tags: [...new Set([...(analysis?.tickers ?? []), ...(analysis?.tags ?? [])])],
    author: article.author,
    data: article,
  };
}

export function eventEntry(event: ApiEvent): FeedEntry {
  return {
    id: event.id,
    title: describeEvent(event.event),
    url: event.article?.url ?? null,
    summary: event.event.evidence.text || null,
    content: null,
    published: event.publishedAt ? new Date(event.publishedAt) : null,
    updated: new Date(event.firstSeenAt),
    tags: [...new Set([event.type, ...(event.ticker ? [event.ticker] : []), ...event.tags])],
    author: null,
    data: event,
  };
}
