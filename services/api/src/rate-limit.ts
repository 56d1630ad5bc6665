import type { RedisConnection } from '@tickerwire/queue';

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds until a request is allowed again (0 when allowed). */
  retryAfterMs: number;
}

// One round trip: count this request in the current window, read the previous window.
const hitScript = `
local current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
return {current, previous}`;

// The same two counts without counting this request.
const peekScript = `
return {tonumber(redis.call('GET', KEYS[1]) or '0'), tonumber(redis.call('GET', KEYS[2]) or '0')}`;

/**
 * Per-key sliding-window limit (the two-window approximation): the estimate is this window's
 * count plus the previous window's, weighted by how much of it still overlaps the last
 * `windowMs`. Unlike a plain fixed window it does not let a client send twice the limit
 * around a window boundary. Written here (~30 lines) rather than adding @fastify/rate-limit:
 * the limit is keyed by the API key id known only after our own authentication, and one
 * Redis script is all it takes. A rejected request still counts, so hammering does not help.
 */
export class RateLimiter {
  readonly #redis: RedisConnection;
  readonly #prefix: string;
  readonly limit: number;
  readonly windowMs: number;

  constructor(redis: RedisConnection, prefix: string, limit: number, windowMs: number) {
    this.#redis = redis;
    this.#prefix = prefix;
    this.limit = limit;
    this.windowMs = windowMs;
  }

  async hit(keyId: string, now = Date.now()): Promise<RateLimitResult> {
    return this.#run(hitScript, keyId, now);
  }

  /** Whether one more request would be allowed now, without counting it. */
  async peek(keyId: string, now = Date.now()): Promise<RateLimitResult> {
    return this.#run(peekScript, keyId, now, 1);
  }

  /** `uncounted`: requests to add to the estimate that the script did not count. */
  async #run(script: string, keyId: string, now: number, uncounted = 0): Promise<RateLimitResult> {
    const window = Math.floor(now / this.windowMs);
    const key = (w: number) => `${this.#prefix}:tickerwire:ratelimit:${keyId}:${w}`;
    const [current, previous] = (await this.#redis.eval(script, 2, key(window), key(window - 1), String(this.windowMs * 2))) as [number, number];
    const elapsed = (now % this.windowMs) / this.windowMs;
    const estimate = current + uncounted + previous * (1 - elapsed);
    const allowed = estimate <= this.limit;
    const remaining = Math.max(0, Math.floor(this.limit - estimate));
    let retryAfterMs = 0;
    if (!allowed) {
      // When the previous window's weight has shrunk enough, or at the latest the next window.
      const excess = estimate - this.limit;
      const untilWeightDrops = previous > 0 ? (excess / previous) * this.windowMs : Infinity;
      retryAfterMs = Math.ceil(Math.min(untilWeightDrops, this.windowMs - (now % this.windowMs)));
    }
    return { allowed, limit: this.limit, remaining, retryAfterMs };
  }
}
