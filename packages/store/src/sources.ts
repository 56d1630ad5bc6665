import type { Collection, Db } from 'mongodb';
import { ContractError, Source, parseContract } from '@tickerwire/core';
import { refuseEveryDestination, type DestinationCheck } from './destinations.ts';
import { ensureIndexes, writeOnce, type IndexDeclaration, type WriteOutcome } from './indexes.ts';

/** HTTP validators from a source's last fetch, sent back as If-None-Match / If-Modified-Since. */
export interface FetchValidators {
  etag: string | null;
  lastModified: string | null;
}

/**
 * How a source is doing, as an operator checks it: written by the fetch stage at each poll
 * (times, error) and by the store stage for what its articles added (counts).
 */
export interface SourceHealth {
  /** When the last poll finished, well or not; null: never polled. */
  lastPollAt: Date | null;
  /** When a poll last succeeded (a 304 Not Modified is a success). */
  lastSuccessAt: Date | null;
  /** The last poll's error; null when the last poll succeeded (or none ran). */
  lastError: string | null;
  lastErrorAt: Date | null;
  /** Polls recorded, and how many of them failed. */
  polls: number;
  failures: number;
  /** Stories this source's copies added to the store (new stories and new sources of one). */
  itemsStored: number;
  /** Event reports stored from this source's articles (first reports and reports again). */
  eventsStored: number;
}

export const noHealth: SourceHealth = { lastPollAt: null, lastSuccessAt: null, lastError: null, lastErrorAt: null, polls: 0, failures: 0, itemsStored: 0, eventsStored: 0 };

/** An error message as kept in the health record: one line, bounded (feeds can answer anything). */
const maxErrorChars = 500;

/** A source as stored: `_id` is the source id, so one id is one document. */
interface SourceDocument extends Omit<Source, 'id'> {
  _id: string;
  createdAt: Date;
  updatedAt: Date;
  validators?: FetchValidators;
  health?: Partial<SourceHealth>;
}

export const sourceIndexes: readonly IndexDeclaration[] = [
  {
    key: { enabled: 1, _id: 1 },
    options: { name: 'enabled_id' },
    serves: 'the scheduler listing enabled sources',
  },
];

function healthOf(doc: Pick<SourceDocument, 'health'>): SourceHealth {
  return { ...noHealth, ...doc.health };
}

function toSource({ _id, createdAt: _c, updatedAt: _u, validators: _v, health: _h, ...rest }: SourceDocument): Source {
  // An older version stored `allowPrivateNetwork`; private hosts are the operator's allowlist
  // now, so the stored switch is dropped on read rather than failing the strict schema.
  const { allowPrivateNetwork: _legacy, ...current } = rest as typeof rest & { allowPrivateNetwork?: unknown };
  return parseContract(Source, { id: _id, ...current }, `stored source ${_id}`);
}

export class SourcesRepository {
  readonly collection: Collection<SourceDocument>;
  readonly #destinations: DestinationCheck;

  /** `destinations`: the fetcher's SSRF guard, asked before a URL is stored (none given: no URL is stored). */
  constructor(db: Db, destinations: DestinationCheck = refuseEveryDestination) {
    this.collection = db.collection<SourceDocument>('sources');
    this.#destinations = destinations;
  }

  /** Refuses (ContractError on `url`) a source the fetcher would refuse at every poll. */
  async #checkDestination(source: Source): Promise<void> {
    const refusal = await this.#destinations(source.url);
    if (refusal !== null) throw new ContractError(`source ${source.id}`, [{ path: 'url', message: refusal }]);
  }

  ensureIndexes(): Promise<void> {
    return ensureIndexes(this.collection, sourceIndexes);
  }

  /** Adds a new source; an id that exists already is reported, not overwritten. */
  async add(input: unknown, now = new Date()): Promise<WriteOutcome> {
    const source = parseContract(Source, input, 'source');
    await this.#checkDestination(source);
    const { id, ...rest } = source;
    return writeOnce(() => this.collection.insertOne({ _id: id, ...rest, createdAt: now, updatedAt: now }));
  }

  /**
   * Creates or replaces a source (seeding from a file is repeatable). A new URL is checked; an
   * unchanged one is not, so a source can still be disabled after the allowlist shrank.
   */
  async upsert(input: unknown, now = new Date()): Promise<void> {
    const source = parseContract(Source, input, 'source');
    const stored = await this.collection.findOne({ _id: source.id }, { projection: { url: 1 } });
    if (stored?.url !== source.url) await this.#checkDestination(source);
    const { id, ...rest } = source;
    await this.collection.updateOne(
      { _id: id },
      { $set: { ...rest, updatedAt: now }, $setOnInsert: { createdAt: now } },
      { upsert: true },
    );
  }

  async get(id: string): Promise<Source | null> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? toSource(doc) : null;
  }

  async list(filter: { enabled?: boolean } = {}): Promise<Source[]> {
    const query = filter.enabled === undefined ? {} : { enabled: filter.enabled };
    const docs = await this.collection.find(query).sort({ _id: 1 }).toArray();
    return docs.map(toSource);
  }

  /** Creates or replaces every source of a seed file; returns how many there were. */
  async seed(sources: readonly unknown[], now = new Date()): Promise<number> {
    for (const source of sources) await this.upsert(source, now);
    return sources.length;
  }

  /** Keeps the validators of the last fetch, so the next one can be conditional. */
  async saveValidators(id: string, validators: FetchValidators): Promise<void> {
    await this.collection.updateOne({ _id: id }, { $set: { validators: { etag: validators.etag, lastModified: validators.lastModified } } });
  }

  async validators(id: string): Promise<FetchValidators | null> {
    const doc = await this.collection.findOne({ _id: id }, { projection: { validators: 1 } });
    return doc?.validators ?? null;
  }

  /** Every source with its health, by id (the API's GET /v1/sources, /metrics). */
  async listWithHealth(): Promise<(Source & { health: SourceHealth })[]> {
    const docs = await this.collection.find({}).sort({ _id: 1 }).toArray();
    return docs.map((doc) => ({ ...toSource(doc), health: healthOf(doc) }));
  }

  async health(id: string): Promise<SourceHealth | null> {
    const doc = await this.collection.findOne({ _id: id }, { projection: { health: 1 } });
    return doc ? healthOf(doc) : null;
  }

  /** Records one finished poll: `error` null when it succeeded. A removed source records nothing. */
  async recordPoll(id: string, outcome: { at: Date; error: string | null }): Promise<void> {
    const { at, error } = outcome;
    const update =
      error === null
        ? { $set: { 'health.lastPollAt': at, 'health.lastSuccessAt': at, 'health.lastError': null }, $inc: { 'health.polls': 1 } }
        : {
            $set: { 'health.lastPollAt': at, 'health.lastError': error.replace(/\s+/g, ' ').trim().slice(0, maxErrorChars), 'health.lastErrorAt': at },
            $inc: { 'health.polls': 1, 'health.failures': 1 },
          };
    await this.collection.updateOne({ _id: id }, update);
  }

  /** Adds what a store job kept from each source's articles. */
  async countStored(bySource: ReadonlyMap<string, { items: number; events: number }>): Promise<void> {
    const counted = [...bySource].filter(([, c]) => c.items > 0 || c.events > 0);
    if (counted.length === 0) return;
    await this.collection.bulkWrite(
      counted.map(([id, c]) => ({ updateOne: { filter: { _id: id }, update: { $inc: { 'health.itemsStored': c.items, 'health.eventsStored': c.events } } } })),
      { ordered: false },
    );
  }

  async remove(id: string): Promise<boolean> {
    return (await this.collection.deleteOne({ _id: id })).deletedCount === 1;
  }
}
