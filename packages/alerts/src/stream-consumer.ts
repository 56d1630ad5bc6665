import type { RedisConnection } from '@tickerwire/queue';
import { parseStreamEntry, type StreamEntry } from '@tickerwire/queue';

/**
 * Reads the stored-event stream with a Redis consumer group: each entry goes to one consumer
 * of the group, and stays pending until acknowledged. An entry is acknowledged only after
 * `handle` resolved for it (its delivery jobs are in Redis); one whose handling failed stays
 * pending and is taken again. Entries pending longer than `claimIdleMs` — read by a consumer
 * that died before acknowledging — are claimed with XAUTOCLAIM and handled here.
 *
 * Redis can lose the stream and its group (a restart without persistence, a failover, a
 * flush). The last acknowledged id is therefore also kept outside Redis (`positions`): a
 * group found missing — at start, or as NOGROUP while reading — is created again from there,
 * so entries added since are read, those already handled are not (stream ids are times).
 * Without a kept position a lost group starts again at '0': every entry of the new stream;
 * the delivery claims in the database keep a webhook from being sent twice either way.
 */

/** The last acknowledged stream id, kept outside Redis. */
export interface StreamPositions {
  load(): Promise<string | null>;
  save(id: string): Promise<void>;
}

/** Orders stream ids (`<ms>-<seq>`) as Redis does. */
export function compareStreamIds(a: string, b: string): number {
  const [am = 0n, as = 0n] = a.split('-').map((part) => BigInt(part));
  const [bm = 0n, bs = 0n] = b.split('-').map((part) => BigInt(part));
  return am === bm ? (as === bs ? 0 : as < bs ? -1 : 1) : am < bm ? -1 : 1;
}

export function isNoGroupError(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOGROUP');
}

export interface StreamConsumerOptions {
  /** A connection of its own: XREADGROUP BLOCK holds it while waiting. */
  redis: RedisConnection;
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
  /** Where the last acknowledged id is kept outside Redis; unset: nowhere. */
  positions?: StreamPositions;
  /** How often the last acknowledged id is saved (at most). */
  positionSaveMs?: number;
  /** One line for the operator when the group had to be created again. */
  warn?(line: string): void;
}

type RawEntry = [string, string[]];

export class StreamConsumer {
  readonly #options: StreamConsumerOptions;
  #running = false;
  #loop: Promise<void> | undefined;
  #nextClaimAt = 0;
  #acknowledged: string | null = null;
  #saved: string | null = null;
  #saving: Promise<void> | null = null;
  #nextSaveAt = 0;

  constructor(options: StreamConsumerOptions) {
    this.#options = options;
  }

  async start(): Promise<void> {
    await this.ensureGroup();
    this.#running = true;
    this.#loop = this.#run();
  }

  /**
   * Creates the group unless it exists: from the kept position when there is one (the group
   * was lost with Redis's data), otherwise from `startId`.
   */
  async ensureGroup(): Promise<void> {
    const { redis, startId, positions } = this.#options;
    const kept = positions ? await positions.load() : null;
    if (!(await this.#createGroup(kept ?? startId))) return;
    if (kept) {
      this.#warn(`was missing at start (Redis lost its data?): created again from ${kept}, the last acknowledged entry kept in the database`);
      return;
    }
    if (positions && startId === '$') {
      // A first start: keep "now" as the position, so a group lost before any entry was
      // acknowledged still starts again from here and not from the next restart.
      const [seconds, micros] = await redis.time();
      this.#acknowledged = `${Number(seconds) * 1000 + Math.floor(Number(micros) / 1000)}-0`;
      await this.#savePosition();
    }
  }

  /** True when created, false when it existed already. */
  async #createGroup(from: string): Promise<boolean> {
    const { redis, stream, group } = this.#options;
    try {
      await redis.xgroup('CREATE', stream, group, from, 'MKSTREAM');
      return true;
    } catch (error) {
      if (error instanceof Error && error.message.includes('BUSYGROUP')) return false;
      throw error;
    }
  }

  /** The group vanished under a running reader: create it again from the best position known. */
  async #recreateGroup(): Promise<void> {
    let kept: string | null = null;
    try {
      kept = (await this.#options.positions?.load()) ?? null;
    } catch (error) {
      this.#options.onError(error instanceof Error ? error : new Error(String(error)));
    }
    const known = [kept, this.#acknowledged].filter((id): id is string => id !== null).sort(compareStreamIds).at(-1);
    const from = known ?? '0';
    if (await this.#createGroup(from)) {
      this.#warn(`was gone (Redis lost its data?): created again from ${known ? `${from}, the last acknowledged entry` : "the stream's start"}; webhooks already sent are not sent again`);
    }
  }

  #warn(what: string): void {
    const { stream, group } = this.#options;
    const line = `notifier: WARNING consumer group ${group} of ${stream} ${what}`;
    if (this.#options.warn) this.#options.warn(line);
    else console.error(line);
  }

  #noteAcknowledged(ids: readonly string[]): void {
    for (const id of ids) if (this.#acknowledged === null || compareStreamIds(id, this.#acknowledged) > 0) this.#acknowledged = id;
    if (Date.now() >= this.#nextSaveAt && !this.#saving) {
      this.#nextSaveAt = Date.now() + (this.#options.positionSaveMs ?? 1000);
      this.#saving = this.#savePosition().finally(() => (this.#saving = null));
    }
  }

  async #savePosition(): Promise<void> {
    const { positions } = this.#options;
    const id = this.#acknowledged;
    if (!positions || id === null || id === this.#saved) return;
    try {
      await positions.save(id);
      this.#saved = id;
    } catch (error) {
      // The database away for a moment: the next acknowledgement saves it.
      this.#options.onError(error instanceof Error ? error : new Error(String(error)));
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
        if (isNoGroupError(error)) {
          try {
            await this.#recreateGroup();
            continue;
          } catch (recreating) {
            error = recreating;
          }
        }
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
      if (deleted && deleted.length > 0) {
        await redis.xack(stream, group, ...deleted);
        this.#noteAcknowledged(deleted);
      }
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
    if (done.length > 0) {
      await redis.xack(stream, group, ...done);
      this.#noteAcknowledged(done);
    }
    return done.length;
  }

  /** Stops reading; the batch in hand is finished (and acknowledged) first. */
  async close(): Promise<void> {
    this.#running = false;
    await this.#loop;
    await this.#saving;
    await this.#savePosition();
  }
}
