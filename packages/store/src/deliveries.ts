import type { Collection, Db, Filter, OptionalUnlessRequiredId } from 'mongodb';
import { ContractError } from '@tickerwire/core';
import { ensureIndexes, writeOnce, type IndexDeclaration } from './indexes.ts';

/**
 * The delivery log of webhooks: one document per (subscription, report) — the Standard
 * Webhooks message — with every attempt made to deliver it. A dead delivery (attempts
 * exhausted, or refused for good) is the dead-letter list; re-driving it sends it again under
 * the same id.
 *
 *   pending    enqueued (or re-driven), no attempt recorded since
 *   retrying   an attempt failed; another is scheduled (`attempts[-1].nextAttemptAt`)
 *   delivered  the receiver answered 2xx
 *   dead       no attempt is left, or the address is refused: re-drivable
 *   discarded  not to be sent (the receiver answered 410 Gone, or the subscription is gone)
 */
export const deliveryStatuses = ['pending', 'retrying', 'delivered', 'dead', 'discarded'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** One try: when, what came back, how long it took. */
export interface DeliveryAttempt {
  /** 1-based within the current drive (a re-drive starts again at 1). */
  attempt: number;
  at: Date;
  /** delivered, failed, throttled, network, gone, blocked, skipped. */
  outcome: string;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  /** When the next attempt is due; null when none is scheduled. */
  nextAttemptAt: Date | null;
}

export interface Delivery {
  /** The webhook-id: the same for every attempt and re-drive of this message. */
  id: string;
  subscriptionId: string;
  reportKey: string;
  eventId: string;
  articleId: string;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
  deliveredAt: Date | null;
  deadAt: Date | null;
  redriveCount: number;
  /**
   * The stored-event message, kept so a dead letter can be sent again; null for a message
   * delivered at its first attempt (the log names it by eventId and articleId, and leaving the
   * ~1.5 KB out halves what the common case writes).
   */
  message: Record<string, unknown> | null;
}

export interface DeliveryPage {
  items: Delivery[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface DeliveryAttemptRecord {
  deliveryId: string;
  subscriptionId: string;
  reportKey: string;
  eventId: string;
  articleId: string;
  message: Record<string, unknown>;
  attempt: DeliveryAttempt;
  status: DeliveryStatus;
}

interface DeliveryDocument extends Omit<Delivery, 'id'> {
  _id: string;
}

export const maxDeliveryPage = 500;

export const deliveryIndexes: readonly IndexDeclaration[] = [
  {
    key: { subscriptionId: 1, reportKey: 1 },
    options: { name: 'subscription_report_unique', unique: true },
    serves: 'one delivery per subscription and report, whoever derives the id',
  },
  {
    key: { subscriptionId: 1, createdAt: -1, _id: -1 },
    options: { name: 'subscription_createdAt_id' },
    serves: 'the delivery log of one subscription, newest first, and its cursor',
  },
  {
    key: { status: 1, deadAt: -1, _id: -1 },
    options: { name: 'status_deadAt_id' },
    serves: 'the dead-letter list, newest first',
  },
  {
    key: { subscriptionId: 1, status: 1, deadAt: -1, _id: -1 },
    options: { name: 'subscription_status_deadAt_id' },
    serves: 'the dead-letter list of one subscription',
  },
  {
    key: { status: 1, updatedAt: 1 },
    options: { name: 'status_updatedAt' },
    serves: 'pruning finished deliveries past their retention',
  },
];

// Cursor: the sort key of the last item, [time in ms, id], opaque to clients.
function encodeCursor(time: Date | null, id: string): string {
  return Buffer.from(JSON.stringify([time?.getTime() ?? 0, id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { time: Date; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && Number.isFinite(value[0]) && typeof value[1] === 'string') {
      return { time: new Date(value[0]), id: value[1] };
    }
  } catch {
    // fall through to the contract error
  }
  throw new ContractError('deliveries', [{ path: 'cursor', message: 'not a cursor this API returned' }]);
}

function pageLimit(limit: number | undefined): number {
  return Math.min(Math.max(1, Math.floor(limit ?? 50)), maxDeliveryPage);
}

function newDeliveryDocument(record: DeliveryAttemptRecord): DeliveryDocument {
  const { attempt, status } = record;
  return {
    _id: record.deliveryId,
    subscriptionId: record.subscriptionId,
    reportKey: record.reportKey,
    eventId: record.eventId,
    articleId: record.articleId,
    message: status === 'delivered' ? null : record.message,
    createdAt: attempt.at,
    redriveCount: 0,
    status,
    updatedAt: attempt.at,
    lastError: attempt.error,
    deliveredAt: status === 'delivered' ? attempt.at : null,
    deadAt: status === 'dead' ? attempt.at : null,
    attempts: [attempt],
  };
}

/**
 * Inserts documents without stopping at a duplicate; returns the indexes refused as
 * duplicates. Any other failure throws.
 */
async function insertUnordered<T extends { _id: string }>(collection: Collection<T>, documents: readonly T[]): Promise<Set<number>> {
  if (documents.length === 0) return new Set();
  try {
    await collection.insertMany(documents as OptionalUnlessRequiredId<T>[], { ordered: false });
    return new Set();
  } catch (error) {
    const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
    const list = (Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : []) as { code?: number; index?: number }[];
    if (list.length === 0 || list.some((e) => e.code !== 11000 || typeof e.index !== 'number')) throw error;
    return new Set(list.map((e) => e.index!));
  }
}

function toDelivery({ _id, ...rest }: DeliveryDocument): Delivery {
  return { id: _id, ...rest };
}

export class DeliveriesRepository {
  readonly collection: Collection<DeliveryDocument>;
  /** One document per re-drive (`<deliveryId>#<n>`): who re-drives first, and when each happened. */
  readonly redrives: Collection<{ _id: string; deliveryId: string; at: Date }>;
  /** One document per message whose first attempt was taken (see claim). */
  readonly claims: Collection<{ _id: string; at: Date }>;

  constructor(db: Db) {
    this.collection = db.collection<DeliveryDocument>('deliveries');
    this.redrives = db.collection('delivery_redrives');
    this.claims = db.collection('delivery_claims');
  }

  async ensureIndexes(): Promise<void> {
    await ensureIndexes(this.collection, deliveryIndexes);
    const byTime: IndexDeclaration = { key: { at: 1 }, options: { name: 'at' }, serves: 'pruning past the retention' };
    await ensureIndexes(this.claims, [byTime]);
    await ensureIndexes(this.redrives, [byTime]);
  }

  /**
   * Claims the first attempt of a message for its first job: true once per message (until a
   * re-drive releases it), false for a job added again later. Its own small collection, and an
   * insert, because on FerretDB's SQLite backend an insert is checked against the unique _id
   * index in constant time while every lookup or update by _id scans the collection: the
   * happy path of a delivery is two inserts and no lookup.
   */
  async claim(deliveryId: string, now = new Date()): Promise<boolean> {
    return (await writeOnce(() => this.claims.insertOne({ _id: deliveryId, at: now }))) === 'stored';
  }

  /**
   * claim() for many messages in one write (the notifier batches its workers' claims); returns
   * the ids claimed now. An unordered insert: each duplicate fails alone.
   */
  async claimMany(deliveryIds: readonly string[], now = new Date()): Promise<Set<string>> {
    const unique = [...new Set(deliveryIds)];
    const refused = await insertUnordered(this.claims, unique.map((id) => ({ _id: id, at: now })));
    return new Set(unique.filter((_, i) => !refused.has(i)));
  }

  /** Appends one attempt and sets the status; the first attempt creates the delivery. */
  async recordAttempt(record: DeliveryAttemptRecord): Promise<void> {
    await this.recordAttempts([record]);
  }

  /**
   * recordAttempt() for many in as few writes as possible: first attempts (usually new
   * deliveries) in one unordered insert; the rest, and first attempts of a delivery that
   * exists (a re-drive), one update each.
   */
  async recordAttempts(records: readonly DeliveryAttemptRecord[]): Promise<void> {
    const first = records.filter((r) => r.attempt.attempt === 1);
    const refused = await insertUnordered(this.collection, first.map(newDeliveryDocument));
    const updates = [...records.filter((r) => r.attempt.attempt !== 1), ...first.filter((_, i) => refused.has(i))];
    for (const record of updates) await this.#appendAttempt(record);
  }

  async #appendAttempt(record: DeliveryAttemptRecord): Promise<void> {
    const { attempt, status } = record;
    await this.collection.updateOne(
      { _id: record.deliveryId },
      {
        $setOnInsert: {
          subscriptionId: record.subscriptionId,
          reportKey: record.reportKey,
          eventId: record.eventId,
          articleId: record.articleId,
          message: record.message,
          createdAt: attempt.at,
          redriveCount: 0,
        },
        $set: {
          status,
          updatedAt: attempt.at,
          lastError: attempt.error,
          deliveredAt: status === 'delivered' ? attempt.at : null,
          deadAt: status === 'dead' ? attempt.at : null,
        },
        $push: { attempts: attempt },
      },
      { upsert: true },
    );
  }

  async get(id: string): Promise<Delivery | null> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? toDelivery(doc) : null;
  }

  /** The status alone (the worker's "already done?" check before sending). */
  async statusOf(id: string): Promise<DeliveryStatus | null> {
    const doc = await this.collection.findOne({ _id: id }, { projection: { status: 1 } });
    return doc?.status ?? null;
  }

  /** The delivery log of one subscription, newest first; optionally only one status. */
  async log(subscriptionId: string, options: { limit?: number; cursor?: string; status?: DeliveryStatus } = {}): Promise<DeliveryPage> {
    const query: Filter<DeliveryDocument> = { subscriptionId };
    if (options.status) query.status = options.status;
    return this.#newestFirst(query, 'createdAt', options);
  }

  /** The dead letters, newest first, of one subscription or of all. */
  async listDead(subscriptionId?: string, options: { limit?: number; cursor?: string } = {}): Promise<DeliveryPage> {
    const query: Filter<DeliveryDocument> = { status: 'dead' };
    if (subscriptionId !== undefined) query.subscriptionId = subscriptionId;
    return this.#newestFirst(query, 'deadAt', options);
  }

  /** One keyset page of the query, newest first by `field` then id, with the next cursor. */
  async #newestFirst(query: Filter<DeliveryDocument>, field: 'createdAt' | 'deadAt', options: { limit?: number; cursor?: string }): Promise<DeliveryPage> {
    const limit = pageLimit(options.limit);
    if (options.cursor) {
      const after = decodeCursor(options.cursor);
      query.$or = [{ [field]: { $lt: after.time } }, { [field]: after.time, _id: { $lt: after.id } }];
    }
    const docs = await this.collection.find(query).sort({ [field]: -1, _id: -1 }).limit(limit + 1).toArray();
    const items = docs.slice(0, limit).map(toDelivery);
    const last = items.at(-1);
    return { items, nextCursor: docs.length > limit && last ? encodeCursor(last[field], last.id) : null };
  }

  /**
   * Takes a dead delivery off the dead-letter list to be sent again; returns it, or null when
   * it is not dead (never was, already re-driven by someone else, or unknown). Two concurrent
   * re-drives send it once: FerretDB does not make a conditional update atomic (two
   * `updateOne({ status: 'dead' })` racing both modify), so the winner is whoever inserts the
   * re-drive's record first; an _id is unique on every backend. The records are also the
   * audit trail of re-drives.
   */
  async markRedriven(id: string, now = new Date()): Promise<Delivery | null> {
    const dead = await this.collection.findOne({ _id: id, status: 'dead' });
    if (!dead) return null;
    const redriveCount = (dead.redriveCount ?? 0) + 1;
    const claimed = await writeOnce(() => this.redrives.insertOne({ _id: `${id}#${redriveCount}`, deliveryId: id, at: now }));
    if (claimed === 'already-stored') return null;
    await this.collection.updateOne({ _id: id }, { $set: { status: 'pending', updatedAt: now, deadAt: null, redriveCount } });
    await this.claims.deleteOne({ _id: id });
    return toDelivery({ ...dead, status: 'pending', updatedAt: now, deadAt: null, redriveCount });
  }

  /**
   * Forgets what is finished and older than `before`: deliveries delivered or discarded, and
   * the claims and re-drive marks of that age. Dead letters stay until re-driven (an operator
   * decides), and so do deliveries still pending or retrying. FerretDB has no TTL index, so
   * the notifier calls this on a timer instead.
   */
  async prune(before: Date): Promise<{ deliveries: number; claims: number; redrives: number }> {
    const [deliveries, claims, redrives] = await Promise.all([
      this.collection.deleteMany({ status: { $in: ['delivered', 'discarded'] }, updatedAt: { $lt: before } }),
      this.claims.deleteMany({ at: { $lt: before } }),
      this.redrives.deleteMany({ at: { $lt: before } }),
    ]);
    return { deliveries: deliveries.deletedCount, claims: claims.deletedCount, redrives: redrives.deletedCount };
  }

  /** Puts a delivery back on the dead-letter list (a re-drive that could not be enqueued). */
  async markDead(id: string, reason: string, now = new Date()): Promise<void> {
    await this.collection.updateOne({ _id: id }, { $set: { status: 'dead', deadAt: now, updatedAt: now, lastError: reason } });
  }
}
