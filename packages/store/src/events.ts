import { createHash } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { MarketEvent, SentimentLabel } from '@tickerwire/core';
import { ensureIndexes, type IndexDeclaration } from './indexes.ts';
import type { LedgerView } from './ledger.ts';

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
  /** How much the first reporting article is about the ticker (0 to 1); null or absent: unknown. */
  relevance?: number | null;
  event: MarketEvent;
  /** Every report, the novel one first (later ones are added by the ledger with `$addToSet`). */
  reports: EventReport[];
  /** The sources of every report, of the first (novel) one, and of the later ones: the feeds' `sources` and `novel` filters. */
  reportSourceIds?: string[];
  novelSourceIds?: string[];
  repeatSourceIds?: string[];
  /** Whether a later article repeated the fact. */
  repeated?: boolean;
  /** When the ledger last wrote the event, and in which batch (the development ledger's catch-up). */
  recordedAt?: Date;
  recordedBy?: string;
}

export const eventIndexes: readonly IndexDeclaration[] = [
  { key: { firstSeenAt: -1, _id: -1 }, options: { name: 'firstSeenAt_id' }, serves: 'newest-first event feed and its cursor' },
  { key: { ticker: 1, firstSeenAt: -1 }, options: { name: 'ticker_firstSeenAt' }, serves: 'events of one ticker, newest first' },
  { key: { type: 1, action: 1, firstSeenAt: -1 }, options: { name: 'type_action_firstSeenAt' }, serves: 'events by type and action' },
  { key: { sentimentLabel: 1, firstSeenAt: -1 }, options: { name: 'sentiment_firstSeenAt' }, serves: 'events by sentiment label' },
  { key: { publishedAt: -1 }, options: { name: 'publishedAt' }, serves: 'time-range filters on publication time' },
  { key: { factKey: 1, firstSeenAt: -1 }, options: { name: 'factKey_firstSeenAt' }, serves: 'finding the stored copy of a fact reported again' },
];

/** What the feeds filter on: a rating or target action, or a price move's direction. */
export function eventAction(event: MarketEvent): string | null {
  return 'action' in event ? event.action : event.type === 'price_move' ? event.direction : null;
}

/** The event's fields copied to the top level of its document, where the feed indexes are. */
export function eventQueryFields(event: MarketEvent): Pick<StoredEvent, 'type' | 'ticker' | 'action' | 'firm' | 'sentimentLabel' | 'sentimentScore'> {
  return {
    type: event.type,
    ticker: event.ticker,
    action: eventAction(event),
    firm: 'firm' in event ? event.firm : null,
    sentimentLabel: event.sentiment?.label ?? null,
    sentimentScore: event.sentiment?.score ?? null,
  };
}

/** The document of a fact first seen in this report. */
export function storedEventOf(factKey: string, r: EventReportInput): StoredEvent {
  const { event } = r;
  return {
    // One id per fact and article: a retried insert of the same report is a duplicate key.
    _id: `${factKey.slice(0, 20)}-${createHash('sha256').update(r.articleId).digest('hex').slice(0, 12)}`,
    factKey,
    ...eventQueryFields(event),
    publishedAt: r.publishedAt,
    firstSeenAt: r.seenAt,
    tags: r.tags ?? [],
    relevance: r.relevance ?? null,
    event,
    reports: [{ articleId: r.articleId, sourceIds: r.sourceIds, seenAt: r.seenAt, novel: true }],
    reportSourceIds: [...new Set(r.sourceIds)],
    novelSourceIds: [...new Set(r.sourceIds)],
    repeatSourceIds: [],
    repeated: false,
  };
}

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
    case 'financial_result':
      values = [event.metric, event.period, event.value?.amount, event.prior?.amount, event.direction, event.vsEstimates];
      break;
    case 'guidance':
      values = [event.action, event.metric, event.period, event.low, event.high, event.currency];
      break;
  }
  const canonical = JSON.stringify([event.type, subject, firm, values.map(roundValue)]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

export type EventWriteOutcome = {
  status: 'stored' | 'reported-again' | 'already-stored';
  eventId: string;
  novel: boolean;
  /** When the fact was first seen (the first report's time). */
  firstSeenAt: Date;
};

/** What fact matching needs of a stored event: small enough for a lookup index to hold. */
export interface FactCandidate {
  _id: string;
  factKey: string;
  firstSeenAt: Date;
  reports: { articleId: string; novel: boolean }[];
}

export function factCandidateOf(doc: Pick<StoredEvent, '_id' | 'factKey' | 'firstSeenAt' | 'reports'>): FactCandidate {
  return { _id: doc._id, factKey: doc.factKey, firstSeenAt: doc.firstSeenAt, reports: doc.reports.map((r) => ({ articleId: r.articleId, novel: r.novel })) };
}

/** One article's report of one extracted event. */
export interface EventReportInput {
  event: MarketEvent;
  articleId: string;
  sourceIds: string[];
  seenAt: Date;
  publishedAt: Date | null;
  tags?: string[];
  /** The article's relevance to the event's ticker. */
  relevance?: number | null;
}

/** The events: written by the ledger (ledger.ts), read here and by the feeds. Each holds every report. */
export class EventsRepository {
  readonly collection: Collection<StoredEvent>;
  readonly #view: Pick<LedgerView, 'withReports'>;

  constructor(db: Db, view: Pick<LedgerView, 'withReports'> = { withReports: async (docs) => [...docs] }) {
    this.collection = db.collection<StoredEvent>('events');
    this.#view = view;
  }

  /** These events with every report (what the ledger keeps apart on some servers merged in). */
  withReports<T extends Pick<StoredEvent, '_id' | 'reports'>>(docs: readonly T[]): Promise<T[]> {
    return this.#view.withReports(docs);
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.collection, eventIndexes);
  }

  async get(id: string): Promise<StoredEvent | null> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? (await this.withReports([doc]))[0]! : null;
  }

  async count(filter: Partial<Pick<StoredEvent, 'ticker' | 'type'>> = {}): Promise<number> {
    return this.collection.countDocuments(filter);
  }
}
