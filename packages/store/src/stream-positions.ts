import type { Collection, Db } from 'mongodb';

/**
 * Where a consumer group stands on a Redis stream, kept outside Redis: the last entry it
 * acknowledged. Redis can lose the stream and its groups (a restart without persistence, a
 * failover, a flush); stream ids are times, so a group recreated at this id reads every entry
 * added since, including those of a stream Redis started again empty.
 */
interface StreamPositionDocument {
  /** `<stream> <group>` */
  _id: string;
  lastAcknowledged: string;
  savedAt: Date;
}

export class StreamPositionsRepository {
  readonly #collection: Collection<StreamPositionDocument>;

  constructor(db: Db) {
    this.#collection = db.collection<StreamPositionDocument>('stream_positions');
  }

  async ensureIndexes(): Promise<void> {
    // Read and written by _id only.
  }

  async get(stream: string, group: string): Promise<string | null> {
    const doc = await this.#collection.findOne({ _id: `${stream} ${group}` });
    return doc?.lastAcknowledged ?? null;
  }

  async save(stream: string, group: string, lastAcknowledged: string): Promise<void> {
    await this.#collection.updateOne({ _id: `${stream} ${group}` }, { $set: { lastAcknowledged, savedAt: new Date() } }, { upsert: true });
  }
}
