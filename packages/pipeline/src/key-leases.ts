import { randomUUID } from 'node:crypto';
import type { RedisConnection } from '@tickerwire/queue';
import type { LedgerCoordination } from '@tickerwire/store';

/**
 * What writers share, in Redis: a lease per key a batch could collide on (its story's URL and
 * lock keys, its facts), and a short list of the batches written.
 *
 * Leases: each article's keys are taken all at once or not at all (one script for the batch),
 * so writers never wait on each other in a circle; the batch records the articles it could
 * take and asks again for the rest, waiting a little while it can take none. Unrelated
 * articles never meet. Each lease lasts `leaseMs` and is renewed while the
 * batch runs, so a slow batch keeps it and a killed writer's lapses on its own.
 *
 * The batch list is how the development ledger hears of other writers' batches: each entry is
 * what one batch wrote (its stories' and facts' match data), kept until every reader heard
 * from in the last minute has read it (and never more than `maxBatches`).
 *
 * Keys: `<prefix>:ledger:lease:<key>`, `<prefix>:ledger:batches`, `…:readers`, `…:positions`, all under the
 * deployment's prefix (hash-tagged on Redis Cluster, so one script may take them together).
 */
export class RedisLedgerCoordination implements LedgerCoordination {
  readonly #redis: RedisConnection;
  readonly #prefix: string;
  readonly #leaseMs: number;
  readonly #maxBatches: number;

  constructor(redis: RedisConnection, prefix: string, options: { leaseMs?: number; maxBatches?: number } = {}) {
    this.#redis = redis;
    this.#prefix = `${prefix}:ledger`;
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#maxBatches = options.maxBatches ?? 1000;
  }

  async holdSome<T>(groups: readonly (readonly string[])[], work: (taken: number[]) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const token = randomUUID();
    const keysOf = groups.map((keys) => keys.map((k) => `${this.#prefix}:lease:${k}`));
    let taken: number[] = [];
    for (let wait = 2; ; wait = Math.min(wait * 2, 100)) {
      const all = keysOf.flat();
      taken = all.length === 0 ? groups.map((_, g) => g) : ((await this.#redis.eval(takeSome, all.length, ...all, token, String(this.#leaseMs), ...keysOf.map((k) => String(k.length)))) as number[]).map((g) => g - 1);
      if (taken.length > 0) break;
      signal?.throwIfAborted();
      await new Promise((resolve) => setTimeout(resolve, wait / 2 + Math.random() * wait));
    }
    const leaseKeys = [...new Set(taken.flatMap((g) => keysOf[g]!))];
    const renew = setInterval(() => {
      this.#redis.eval(renewAll, leaseKeys.length, ...leaseKeys, token, String(this.#leaseMs)).catch(() => {});
    }, this.#leaseMs / 3);
    try {
      return await work(taken);
    } finally {
      clearInterval(renew);
      if (leaseKeys.length > 0) await this.#redis.eval(releaseAll, leaseKeys.length, ...leaseKeys, token).catch(() => {});
    }
  }

  async announceBatch(writer: string, batch: string, data: string): Promise<void> {
    await this.#redis.xadd(`${this.#prefix}:batches`, 'MAXLEN', '~', String(this.#maxBatches), '*', 'w', writer, 'b', batch, 'd', data);
  }

  async batchesSince(reader: string, after: string | null): Promise<{ batches: { writer: string; batch: string; data: string | null }[]; last: string | null; gap: boolean }> {
    const key = `${this.#prefix}:batches`;
    if (after === null) {
      const [newest] = await this.#redis.xrevrange(key, '+', '-', 'COUNT', 1);
      const last = newest?.[0] ?? '0-0';
      await this.#readUpTo(reader, last);
      return { batches: [], last, gap: false };
    }
    const [entries, first] = await Promise.all([this.#redis.xrange(key, `(${after}`, '+'), this.#redis.xrange(key, '-', '+', 'COUNT', 1)]);
    const oldest = first[0]?.[0];
    // Our position was trimmed away: batches between it and the oldest kept may never have been read.
    const gap = after !== '0-0' && oldest !== undefined && compareIds(oldest, after) > 0;
    const last = entries.at(-1)?.[0] ?? after;
    await this.#readUpTo(reader, last);
    return {
      batches: entries.map(([, fields]) => {
        const field = (name: string) => {
          const i = fields.indexOf(name);
          return i >= 0 && i % 2 === 0 ? fields[i + 1]! : null;
        };
        return { writer: field('w') ?? '', batch: field('b') ?? '', data: field('d') };
      }),
      last,
      gap,
    };
  }

  /**
   * Notes how far this reader has read; entries every live reader (heard from within
   * `readerTtlMs`) has read are trimmed, so the list holds only what is still in transit.
   */
  async #readUpTo(reader: string, last: string): Promise<void> {
    const now = Date.now();
    const readers = `${this.#prefix}:readers`;
    const positions = `${this.#prefix}:positions`;
    const [, , , live, dropped] = ((await this.#redis
      .multi()
      .zadd(readers, now, reader)
      .hset(positions, reader, last)
      .pexpire(readers, readerTtlMs * 2)
      .zrangebyscore(readers, now - readerTtlMs, '+inf')
      .zrangebyscore(readers, '-inf', `(${now - readerTtlMs}`)
      .exec()) ?? []).map(([error, value]) => {
      if (error) throw error;
      return value;
    }) as [unknown, unknown, unknown, string[], string[]];
    if (dropped.length > 0) await this.#redis.multi().zrem(readers, ...dropped).hdel(positions, ...dropped).exec();
    const at = (await this.#redis.hmget(positions, ...live)).filter((p): p is string => p !== null);
    if (at.length === 0) return;
    const min = at.reduce((a, b) => (compareIds(a, b) <= 0 ? a : b));
    if (min !== '0-0') await this.#redis.xtrim(`${this.#prefix}:batches`, 'MINID', min);
  }
}

/** A reader not heard from for this long (a stopped writer or fetcher) no longer holds entries back. */
const readerTtlMs = 60_000;

function compareIds(a: string, b: string): number {
  const [am, as] = a.split('-').map(Number) as [number, number];
  const [bm, bs] = b.split('-').map(Number) as [number, number];
  return am - bm || as - bs;
}

// Groups in order: a group is taken whole when none of its keys is held by another token.
const takeSome = `
local taken = {}
local k = 1
for g = 3, #ARGV do
  local n = tonumber(ARGV[g])
  local free = true
  for i = k, k + n - 1 do
    local v = redis.call('GET', KEYS[i])
    if v and v ~= ARGV[1] then free = false break end
  end
  if free then
    for i = k, k + n - 1 do redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2]) end
    table.insert(taken, g - 2)
  end
  k = k + n
end
return taken`;

const renewAll = `
for i, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then redis.call('PEXPIRE', key, ARGV[2]) end
end
return 1`;

const releaseAll = `
for i, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then redis.call('DEL', key) end
end
return 1`;
