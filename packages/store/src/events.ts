import { createHash } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { MarketEvent, SentimentLabel } from '@tickerwire/core';
import { ensureIndexes, isOnlyDuplicates, stampSkewMs, type IndexDeclaration } from './indexes.ts';
import { EventReportsRepository, mergeReports, type EventReport } from './event-reports.ts';

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
  /**
   * The reports known when the event was stored (the novel one first). Later reports are in
   * `event_reports`; every reader gets both through withReports.
   */
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
function storedEventOf(factKey: string, r: EventReportInput): StoredEvent {
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

/**
 * Where recordMany looks facts up. The default asks MongoDB; the writer passes an index in
 * Redis, because FerretDB scans the whole collection for each query and each update.
 */
export interface FactLookup {
  find(factKeys: readonly string[], seenFrom: Date, seenTo: Date): Promise<FactCandidate[]>;
  remember(facts: readonly FactCandidate[]): Promise<void>;
}

function factCandidateOf(doc: Pick<StoredEvent, '_id' | 'factKey' | 'firstSeenAt' | 'reports'>): FactCandidate {
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

export class EventsRepository {
  readonly collection: Collection<StoredEvent>;
  /** Reports of facts already stored: inserts, so that no report updates an event. */
  readonly laterReports: EventReportsRepository;

  constructor(db: Db) {
    this.collection = db.collection<StoredEvent>('events');
    this.laterReports = new EventReportsRepository(db);
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.collection, eventIndexes);
    await this.laterReports.ensureIndexes();
  }

  /** These events with every report, the later ones included. */
  async withReports<T extends Pick<StoredEvent, '_id' | 'reports'>>(events: readonly T[], later?: Map<string, EventReport[]>): Promise<T[]> {
    later ??= await this.laterReports.ofEvents(events.map((e) => e._id));
    return events.map((event) => ({ ...event, reports: mergeReports(event.reports, later.get(event._id) ?? []) }));
  }

  /**
   * Records that an article reported an event. A fact first seen is stored (novel); the same
   * fact from another article within the window adds a report; the same article again changes
   * nothing, so a re-run of the writer is harmless.
   */
  async record(event: MarketEvent, report: Omit<EventReportInput, 'event'>): Promise<EventWriteOutcome> {
    const [outcome] = await this.recordMany([{ event, ...report }]);
    return outcome!;
  }

  /**
   * record() for a batch in three round trips: one lookup of the facts, one insert of the new
   * ones, one insert of the later reports. Reports of one fact within the batch are matched to
   * each other. Nothing is updated: every write is an insert with an id of its own (fact and
   * article), so a re-run or a concurrent writer of the same report gets a duplicate key,
   * which counts as already stored.
   */
  async recordMany(reports: readonly EventReportInput[], lookup: FactLookup = this.mongoLookup): Promise<EventWriteOutcome[]> {
    if (reports.length === 0) return [];
    const keyed = reports.map((r) => ({ ...r, factKey: factKeyOf(r.event) }));
    const times = keyed.map((r) => r.seenAt.getTime());
    const known = (
      await lookup.find([...new Set(keyed.map((r) => r.factKey))], new Date(Math.min(...times) - sameFactWindowMs), new Date(Math.max(...times) + sameFactWindowMs))
    ).sort((a, b) => a.firstSeenAt.getTime() - b.firstSeenAt.getTime());
    const changed = new Map<string, FactCandidate>();

    const inserts: StoredEvent[] = [];
    const later: { eventId: string; report: EventReport }[] = [];
    const outcomes: EventWriteOutcome[] = [];
    for (const r of keyed) {
      const seen = r.seenAt.getTime();
      // The earliest stored copy of the fact within the window of this report.
      const existing = known.find((e) => e.factKey === r.factKey && Math.abs(e.firstSeenAt.getTime() - seen) <= sameFactWindowMs);
      if (existing) {
        const own = existing.reports.find((x) => x.articleId === r.articleId);
        if (own) {
          outcomes.push({ status: 'already-stored', eventId: existing._id, novel: own.novel, firstSeenAt: existing.firstSeenAt });
          continue;
        }
        const report = { articleId: r.articleId, sourceIds: r.sourceIds, seenAt: r.seenAt, novel: false };
        existing.reports.push({ articleId: r.articleId, novel: false });
        changed.set(existing._id, existing);
        const inserted = inserts.find((d) => d._id === existing._id);
        if (inserted) inserted.reports.push(report);
        else later.push({ eventId: existing._id, report });
        outcomes.push({ status: 'reported-again', eventId: existing._id, novel: false, firstSeenAt: existing.firstSeenAt });
        continue;
      }
      const doc = storedEventOf(r.factKey, r);
      inserts.push(doc);
      const candidate = factCandidateOf(doc);
      known.push(candidate);
      changed.set(doc._id, candidate);
      known.sort((a, b) => a.firstSeenAt.getTime() - b.firstSeenAt.getTime());
      outcomes.push({ status: 'stored', eventId: doc._id, novel: true, firstSeenAt: doc.firstSeenAt });
    }

    if (inserts.length > 0) {
      try {
        await this.collection.insertMany(inserts, { ordered: false });
      } catch (error) {
        // One id per fact and article: a duplicate is this very report, stored by a concurrent or earlier run.
        if (!isOnlyDuplicates(error)) throw error;
        await this.#settleRaced(inserts, outcomes);
      }
    }
    // One id per event and article: a re-run's or a concurrent writer's copy is a duplicate, left alone.
    await this.laterReports.insertMany(later);
    await lookup.remember([...changed.values()]);
    return outcomes;
  }

  /** The default lookup: MongoDB's own indexes. */
  readonly mongoLookup: FactLookup = {
    find: async (factKeys, seenFrom, seenTo) => {
      const docs = await this.collection
        .find({ factKey: { $in: [...factKeys] }, firstSeenAt: { $gte: seenFrom, $lte: seenTo } }, { projection: { factKey: 1, firstSeenAt: 1, reports: 1 } })
        .toArray();
      return (await this.withReports(docs)).map(factCandidateOf);
    },
    remember: async () => {},
  };

  /** Every fact first seen since this moment, as candidates: to rebuild a lookup index. */
  async factsSince(since: Date): Promise<FactCandidate[]> {
    const [docs, later] = await Promise.all([
      this.collection.find({ firstSeenAt: { $gte: since } }, { projection: { factKey: 1, firstSeenAt: 1, reports: 1 } }).toArray(),
      // A later report comes after its fact was first seen (give or take the fetches of one
      // poll, which stamp in any order), so no list of ids needs sending.
      this.laterReports.seenSince(new Date(since.getTime() - stampSkewMs)),
    ]);
    return (await this.withReports(docs, later)).map(factCandidateOf);
  }

  /** After a duplicate on insert: a report that another run stored first is "already-stored". */
  async #settleRaced(inserts: readonly StoredEvent[], outcomes: EventWriteOutcome[]): Promise<void> {
    const docs = await this.collection.find({ _id: { $in: inserts.map((d) => d._id) } }, { projection: { _id: 1, reports: 1 } }).toArray();
    const byId = new Map(docs.map((d) => [d._id, d]));
    for (const insert of inserts) {
      const stored = byId.get(insert._id);
      const outcome = outcomes.find((o) => o.eventId === insert._id && o.status === 'stored');
      // Ours if it holds exactly the report we wrote (same first-seen time); otherwise an earlier run wrote it.
      if (outcome && stored && stored.reports[0]?.seenAt.getTime() !== insert.reports[0]?.seenAt.getTime()) outcome.status = 'already-stored';
    }
  }

  async get(id: string): Promise<StoredEvent | null> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? (await this.withReports([doc]))[0]! : null;
  }

  async count(filter: Partial<Pick<StoredEvent, 'ticker' | 'type'>> = {}): Promise<number> {
    return this.collection.countDocuments(filter);
  }
}
