import type { Redis } from 'ioredis';
import { parseStreamEntry, type StreamEntry } from '@tickerwire/queue';

/**
 * Reads the stored-event stream with a Redis consumer group: each entry goes to one consumer
 * of the group, and stays pending until acknowledged. An entry is acknowledged only after
 * `handle` resolved for it (its delivery jobs are in Redis); one whose handling failed stays
 * pending and is taken again. Entries pending longer than `claimIdleMs` — read by a consumer
 * that died before acknowledging — are claimed with XAUTOCLAIM and handled here.
 */

export interface StreamConsumerOptions {
  /** A connection of its own: XREADGROUP BLOCK holds it while waiting. */
  redis: Redis;
  stream: string;
  group: string;
  consumer: string;
  /** Where a group created now starts: '$' (new entries only) or '0' (everything retained). */
  startId: string;
  batchSize: number;
  blockMs: number;
  claimIdleMs: number;
  claimIntervalMs: number;
  /** Handles one entry; resolves once it may be acknowledged. */
  handle(entry: StreamEntry): Promise<void>;
  /** An entry that is not a stored-event message: acknowledged and reported, never retried. */
  onMalformed(streamId: string, error: string): void;
  onError(error: Error): void;
}

type RawEntry = [string, string[]];

export class StreamConsumer {
  readonly #options: StreamConsumerOptions;
  #running = false;
  #loop: Promise<void> | undefined;
  #nextClaimAt = 0;

  constructor(options: StreamConsumerOptions) {
    this.#options = options;
  }

  async start(): Promise<void> {
    await this.ensureGroup();
    this.#running = true;
    this.#loop = this.#run();
  }

  async ensureGroup(): Promise<void> {
    const { redis, stream, group, startId } = this.#options;
    try {
      await redis.xgroup('CREATE', stream, group, startId, 'MKSTREAM');
    } catch (error) {
      if (!(error instanceof Error && error.message.includes('BUSYGROUP'))) throw error;
    }
  }

  async #run(): Promise<void> {
    const { redis, stream, group, consumer, batchSize, blockMs } = this.#options;
    while (this.#running) {
      try {
        if (Date.now() >= this.#nextClaimAt) {
          this.#nextClaimAt = Date.now() + this.#options.claimIntervalMs;
          await this.claimStale();
        }
        const reply = (await redis.xreadgroup('GROUP', group, consumer, 'COUNT', batchSize, 'BLOCK', blockMs, 'STREAMS', stream, '>')) as [string, RawEntry[]][] | null;
        const entries = reply?.[0]?.[1] ?? [];
        if (entries.length > 0) await this.#handleAll(entries);
      } catch (error) {
        if (!this.#running) break;
        this.#options.onError(error instanceof Error ? error : new Error(String(error)));
        // Redis away or a handler failing at every entry: do not spin.
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  /** Takes over entries another consumer read and never acknowledged; returns how many were handled. */
  async claimStale(): Promise<number> {
    const { redis, stream, group, consumer, batchSize, claimIdleMs } = this.#options;
    let cursor = '0-0';
    let handled = 0;
    do {
      const [next, entries, deleted] = (await redis.xautoclaim(stream, group, consumer, claimIdleMs, cursor, 'COUNT', batchSize)) as [string, (RawEntry | null)[], string[]?];
      // Entries trimmed from the stream while pending can never be handled: let them go.
      if (deleted && deleted.length > 0) await redis.xack(stream, group, ...deleted);
      const live = entries.filter((e): e is RawEntry => e !== null && Array.isArray(e[1]));
      if (live.length > 0) handled += await this.#handleAll(live);
      cursor = next;
    } while (cursor !== '0-0' && this.#running);
    return handled;
  }

  async #handleAll(entries: RawEntry[]): Promise<number> {
    const { redis, stream, group } = this.#options;
    const done: string[] = [];
    const results = await Promise.allSettled(
      entries.map(async (raw) => {
        const parsed = parseStreamEntry(raw);
        if ('error' in parsed) {
          this.#options.onMalformed(parsed.streamId, parsed.error);
          done.push(parsed.streamId);
          return;
        }
        await this.#options.handle(parsed);
        done.push(parsed.streamId);
      }),
    );
    for (const result of results) if (result.status === 'rejected') this.#options.onError(result.reason instanceof Error ? result.reason : new Error(String(result.reason)));
    if (done.length > 0) await redis.xack(stream, group, ...done);
    return done.length;
  }

  /** Stops reading; the batch in hand is finished (and acknowledged) first. */
  async close(): Promise<void> {
    this.#running = false;
    await this.#loop;
  }
}
