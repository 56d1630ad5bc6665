/**
 * The articles this fetcher process sent to analysis lately, per source: they are not stored
 * yet (the ledger does not know them), so without this every poll until they are stored finds
 * them "new" again and sends them in a batch of another make-up (another job id), to be
 * analysed and stored a second and third time. Measured with bench:latency at 100 articles/s,
 * a third of the writer's articles were such repeats on a healthy run; on a loaded machine the
 * repeats outgrew the news and the backlog never drained. An entry lapses after `ttlMs`: an
 * article whose job was lost is sent again by the first poll after that (if its feed still
 * lists it). At most `maxEntries` are kept; the oldest go first.
 */
export class RecentlySent {
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  /** `source \0 url` → when sent; insertion order is sending order, so the oldest lead. */
  readonly #sentAt = new Map<string, number>();

  constructor(options: { ttlMs?: number; maxEntries?: number } = {}) {
    this.#ttlMs = options.ttlMs ?? 5 * 60_000;
    this.#maxEntries = options.maxEntries ?? 100_000;
  }

  get size(): number {
    return this.#sentAt.size;
  }

  /** Whether any of the article's URLs was sent within the last `ttlMs`. */
  has(sourceId: string, urls: readonly string[], now: number): boolean {
    return urls.some((url) => {
      const at = this.#sentAt.get(`${sourceId}\0${url}`);
      return at !== undefined && now - at < this.#ttlMs;
    });
  }

  add(sourceId: string, urls: readonly string[], now: number): void {
    for (const url of urls) {
      const key = `${sourceId}\0${url}`;
      // Re-inserted, so it moves to the back of the order.
      this.#sentAt.delete(key);
      this.#sentAt.set(key, now);
    }
    for (const [key, at] of this.#sentAt) {
      if (this.#sentAt.size <= this.#maxEntries && now - at < this.#ttlMs) break;
      this.#sentAt.delete(key);
    }
  }
}
