import { FetchError } from './errors.ts';
import { allowEverything, disallowEverything, isPathAllowed, parseRobots, type RobotsPolicy } from './robots.ts';

/** How the cache gets a robots.txt: through the same guarded fetcher as everything else. */
export type RobotsFetch = (robotsUrl: string) => Promise<string>;

export interface RobotsVerdict {
  allowed: boolean;
  /** True when we are refusing only because robots.txt could not be read (5xx, timeout): retry later. */
  transient: boolean;
}

interface CachedPolicy {
  policy: RobotsPolicy;
  transient: boolean;
  expiresAt: number;
}

const maxCachedOrigins = 10_000;
// RFC 9309 §2.3.1.4: while robots.txt is unreachable, assume complete disallow, and look again soon.
const unreachableRetryMs = 5 * 60_000;

/** robots.txt per origin, fetched once and kept for `ttlMs` (RFC 9309 suggests at most 24 h). */
export class RobotsCache {
  readonly #fetchRobots: RobotsFetch;
  readonly #productToken: string;
  readonly #ttlMs: number;
  readonly #cache = new Map<string, CachedPolicy>();
  readonly #inFlight = new Map<string, Promise<CachedPolicy>>();

  constructor(fetchRobots: RobotsFetch, productToken: string, ttlMs: number) {
    this.#fetchRobots = fetchRobots;
    this.#productToken = productToken;
    this.#ttlMs = ttlMs;
  }

  async check(url: URL): Promise<RobotsVerdict> {
    const entry = await this.#policyFor(url.origin);
    const allowed = isPathAllowed(entry.policy, `${url.pathname}${url.search}`);
    return { allowed, transient: !allowed && entry.transient };
  }

  async #policyFor(origin: string): Promise<CachedPolicy> {
    const cached = this.#cache.get(origin);
    if (cached && cached.expiresAt > Date.now()) return cached;
    const pending = this.#inFlight.get(origin);
    if (pending) return pending;
    const loading = this.#load(origin).finally(() => this.#inFlight.delete(origin));
    this.#inFlight.set(origin, loading);
    const entry = await loading;
    this.#cache.delete(origin);
    if (this.#cache.size >= maxCachedOrigins) {
      const oldest = this.#cache.keys().next();
      if (!oldest.done) this.#cache.delete(oldest.value);
    }
    this.#cache.set(origin, entry);
    return entry;
  }

  async #load(origin: string): Promise<CachedPolicy> {
    const now = Date.now();
    try {
      const text = await this.#fetchRobots(`${origin}/robots.txt`);
      return { policy: parseRobots(text, this.#productToken), transient: false, expiresAt: now + this.#ttlMs };
    } catch (error) {
      if (!(error instanceof FetchError)) throw error;
      // A refused address is the page's problem too: let the caller see that, not "disallowed".
      if (error.kind === 'blocked-address' || error.kind === 'bad-url') throw error;
      // 4xx (including 401/403) means "no robots.txt": everything is allowed (RFC 9309 §2.3.1.3).
      if (error.kind === 'http-status' && error.status !== undefined && error.status < 500 && error.status !== 429) {
        return { policy: allowEverything, transient: false, expiresAt: now + this.#ttlMs };
      }
      return { policy: disallowEverything, transient: true, expiresAt: now + Math.min(this.#ttlMs, unreachableRetryMs) };
    }
  }
}
