import { createHash } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { MarketEvent, SentimentLabel } from '@tickerwire/core';
import { ensureIndexes, isDuplicateKeyError, type IndexDeclaration } from './indexes.ts';

/** One article that reported a fact. The first report of a fact is the novel one. */
export interface EventReport {
  articleId: string;
  sourceIds: string[];
  seenAt: Date;
  novel: boolean;
}

/**
 * One fact, however many articles reported it: the event as first extracted, with the fields
 * the feeds filter on copied to the top level so each query is one indexed lookup.
 */
export interface StoredEvent {
  _id: string;
  factKey: string;
  type: MarketEvent['type'];
  ticker: string | null;
  action: string | null;
  firm: string | null;
  sentimentLabel: SentimentLabel | null;
  sentimentScore: number | null;
  publishedAt: Date | null;
  firstSeenAt: Date;
  tags: string[];
  event: MarketEvent;
  reports: EventReport[];
}

export const eventIndexes: readonly IndexDeclaration[] = [
  { key: { firstSeenAt: -1, _id: -1 }, options: { name: 'firstSeenAt_id' }, serves: 'newest-first event feed and its cursor' },
  { key: { ticker: 1, firstSeenAt: -1 }, options: { name: 'ticker_firstSeenAt' }, serves: 'events of one ticker, newest first' },
  { key: { type: 1, action: 1, firstSeenAt: -1 }, options: { name: 'type_action_firstSeenAt' }, serves: 'events by type and action' },
  { key: { sentimentLabel: 1, firstSeenAt: -1 }, options: { name: 'sentiment_firstSeenAt' }, serves: 'events by sentiment label' },
  { key: { publishedAt: -1 }, options: { name: 'publishedAt' }, serves: 'time-range filters on publication time' },
  { key: { factKey: 1, firstSeenAt: -1 }, options: { name: 'factKey_firstSeenAt' }, serves: 'finding the stored copy of a fact reported again' },
];

/** Reports of one fact within this long of its first sighting are the same event. */
export const sameFactWindowMs = 3 * 24 * 3600 * 1000;

function roundValue(value: unknown): unknown {
  return typeof value === 'number' ? Math.round(value * 1000) / 1000 : value;
}

/**
 * What makes two extracted events the same fact: ticker (or company for unlisted names),
 * firm, type, action and values. Wording, evidence and confidence do not count.
 */
export function factKeyOf(event: MarketEvent): string {
  const subject = event.ticker ?? event.company?.toLowerCase() ?? '-';
  const firm = 'firm' in event ? (event.firm ?? '').toLowerCase().replace(/[^a-z0-9]/g, '') : '';
  let values: unknown[];
  switch (event.type) {
    case 'analyst_rating':
      values = [event.action, event.ratingFrom, event.ratingTo];
      break;
    case 'price_target':
      values = [event.action, event.from, event.to, event.currency];
      break;
    case 'contract':
      values = [event.value?.amount, event.value?.currency, event.capacityMw, [...event.counterparties].sort()];
      break;
    case 'capacity':
      values = [event.mw, event.kind, event.horizon, event.site];
      break;
    case 'valuation':
      values = [event.metric, event.low, event.high, event.currency, event.basis];
      break;
    case 'price_move':
      values = [event.direction, event.changePct, event.reference];
      break;
  }
  const canonical = JSON.stringify([event.type, subject, firm, values.map(roundValue)]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

export type EventWriteOutcome = { status: 'stored' | 'reported-again' | 'already-stored'; eventId: string; novel: boolean };

export class EventsRepository {
  readonly collection: Collection<StoredEvent>;

  constructor(db: Db) {
    this.collection = db.collection<StoredEvent>('events');
  }

  ensureIndexes(): Promise<void> {
    return ensureIndexes(this.collection, eventIndexes);
  }

  /**
   * Records that an article reported an event. A fact first seen is stored (novel); the same
   * fact from another article within the window adds a report; the same article again changes
   * nothing, so a re-run of the writer is harmless.
   */
  async record(event: MarketEvent, report: { articleId: string; sourceIds: string[]; seenAt: Date; publishedAt: Date | null; tags?: string[] }): Promise<EventWriteOutcome> {
    const factKey = factKeyOf(event);
    for (let attempt = 0; ; attempt++) {
      const existing = await this.collection.findOne(
        { factKey, firstSeenAt: { $gte: new Date(report.seenAt.getTime() - sameFactWindowMs), $lte: new Date(report.seenAt.getTime() + sameFactWindowMs) } },
        { sort: { firstSeenAt: 1 } },
      );
      if (existing) {
        if (existing.reports.some((r) => r.articleId === report.articleId)) return { status: 'already-stored', eventId: existing._id, novel: existing.reports[0]?.articleId === report.articleId };
        // The filter makes the push idempotent under concurrent writers of the same article.
        await this.collection.updateOne(
          { _id: existing._id, 'reports.articleId': { $ne: report.articleId } },
          { $push: { reports: { articleId: report.articleId, sourceIds: report.sourceIds, seenAt: report.seenAt, novel: false } } },
        );
        return { status: 'reported-again', eventId: existing._id, novel: false };
      }
      // One id per fact and article: a retried insert of the same report is a duplicate key.
      const eventId = `${factKey.slice(0, 20)}-${createHash('sha256').update(report.articleId).digest('hex').slice(0, 12)}`;
      try {
        await this.collection.insertOne({
          _id: eventId,
          factKey,
          type: event.type,
          ticker: event.ticker,
          action: 'action' in event ? event.action : event.type === 'price_move' ? event.direction : null,
          firm: 'firm' in event ? event.firm : null,
          sentimentLabel: event.sentiment?.label ?? null,
          sentimentScore: event.sentiment?.score ?? null,
          publishedAt: report.publishedAt,
          firstSeenAt: report.seenAt,
          tags: report.tags ?? [],
          event,
          reports: [{ articleId: report.articleId, sourceIds: report.sourceIds, seenAt: report.seenAt, novel: true }],
        });
        return { status: 'stored', eventId, novel: true };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        if (attempt > 0) return { status: 'already-stored', eventId, novel: true };
        // Another writer stored it first: look again, once.
      }
    }
  }

  async get(id: string): Promise<StoredEvent | null> {
    return this.collection.findOne({ _id: id });
  }

  async count(filter: Partial<Pick<StoredEvent, 'ticker' | 'type'>> = {}): Promise<number> {
    return this.collection.countDocuments(filter);
  }
}
