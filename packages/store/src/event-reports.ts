import { createHash } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { ensureIndexes, insertOnce, type IndexDeclaration } from './indexes.ts';

/** One article that reported a fact. The first report of a fact is the novel one. */
export interface EventReport {
  articleId: string;
  sourceIds: string[];
  seenAt: Date;
  novel: boolean;
}

/**
 * A report of a fact that was already stored when the report came: kept in a collection of
 * its own so that recording it is an insert, never an update of the event. FerretDB (the
 * MongoDB-compatible server these machines run) uses no index for an update and rewrites
 * by scanning the whole collection: about 20 ms per update at 3,000 events against 0.1 ms
 * per inserted document. Readers merge these into the event's `reports` (mergeReports).
 */
export interface StoredEventReport extends EventReport {
  /** The event id and the article: a second insert of the same report is a duplicate key. */
  _id: string;
  eventId: string;
}

export const eventReportIndexes: readonly IndexDeclaration[] = [
  { key: { eventId: 1 }, options: { name: 'eventId' }, serves: 'the reports of the events on a feed page' },
  { key: { articleId: 1 }, options: { name: 'articleId' }, serves: 'novelty of articles (did an article only repeat facts?)' },
  { key: { seenAt: 1 }, options: { name: 'seenAt' }, serves: "rebuilding the writer's lookup index from recent facts" },
];

export function eventReportId(eventId: string, articleId: string): string {
  return `${eventId}:${createHash('sha256').update(articleId).digest('hex').slice(0, 16)}`;
}

/** Every report of an event, oldest first, one per article (a report can be both embedded and apart). */
export function mergeReports(embedded: readonly EventReport[], later: readonly EventReport[]): EventReport[] {
  const byArticle = new Map<string, EventReport>();
  for (const report of [...embedded, ...later]) if (!byArticle.has(report.articleId)) byArticle.set(report.articleId, report);
  return [...byArticle.values()].sort((a, b) => a.seenAt.getTime() - b.seenAt.getTime() || Number(b.novel) - Number(a.novel));
}

function groupByEvent(docs: readonly StoredEventReport[]): Map<string, EventReport[]> {
  const byEvent = new Map<string, EventReport[]>();
  for (const { eventId, articleId, sourceIds, seenAt, novel } of docs) {
    byEvent.set(eventId, [...(byEvent.get(eventId) ?? []), { articleId, sourceIds, seenAt, novel }]);
  }
  return byEvent;
}

export class EventReportsRepository {
  readonly collection: Collection<StoredEventReport>;

  constructor(db: Db) {
    this.collection = db.collection<StoredEventReport>('event_reports');
  }

  ensureIndexes(): Promise<void> {
    return ensureIndexes(this.collection, eventReportIndexes);
  }

  /** Stores each report once: one already there (an earlier run of the same job) is left as it is. */
  async insertMany(reports: readonly { eventId: string; report: EventReport }[]): Promise<void> {
    await insertOnce(this.collection, reports.map(({ eventId, report }) => ({ _id: eventReportId(eventId, report.articleId), eventId, ...report })));
  }

  /** The later reports of these events, by event id. */
  async ofEvents(eventIds: readonly string[]): Promise<Map<string, EventReport[]>> {
    if (eventIds.length === 0) return new Map();
    return groupByEvent(await this.collection.find({ eventId: { $in: [...new Set(eventIds)] } }).toArray());
  }

  /** The later reports seen since this moment, by event id. */
  async seenSince(since: Date): Promise<Map<string, EventReport[]>> {
    return groupByEvent(await this.collection.find({ seenAt: { $gte: since } }).toArray());
  }

  /** The later reports made by these articles. */
  async ofArticles(articleIds: readonly string[]): Promise<StoredEventReport[]> {
    if (articleIds.length === 0) return [];
    return this.collection.find({ articleId: { $in: [...new Set(articleIds)] } }).toArray();
  }
}
