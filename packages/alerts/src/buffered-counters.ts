import type { Counters } from '@tickerwire/queue';

/**
 * Adds up counters in memory and hands them on every `intervalMs`: one Redis round trip per
 * interval instead of one per delivery (at hundreds of deliveries a second the per-delivery
 * HINCRBY pipelines were a visible share of the notifier's Redis traffic).
 */
export class BufferedCounters {
  readonly #target: { add(increments: Counters): void };
  readonly #pending = new Map<string, number>();
  readonly #timer: NodeJS.Timeout;

  constructor(target: { add(increments: Counters): void }, intervalMs: number) {
    this.#target = target;
    this.#timer = setInterval(() => this.flush(), intervalMs);
    this.#timer.unref();
  }

  add(increments: Counters): void {
    for (const [field, by] of Object.entries(increments)) this.#pending.set(field, (this.#pending.get(field) ?? 0) + by);
  }

  flush(): void {
    if (this.#pending.size === 0) return;
    this.#target.add(Object.fromEntries(this.#pending));
    this.#pending.clear();
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    this.flush();
  }
}
