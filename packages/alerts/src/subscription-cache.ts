import type { StoredSubscription, SubscriptionsRepository } from '@tickerwire/store';
import { SubscriptionMatcher } from './matching.ts';

/**
 * The enabled subscriptions, held in memory and reloaded every `refreshMs`: matching each
 * stream entry against the database would cost a query per event. A subscription created,
 * changed or disabled through the API takes effect within one refresh; one disabled here
 * (410 Gone) is dropped at once.
 */
export class SubscriptionCache {
  readonly #repository: SubscriptionsRepository;
  readonly #refreshMs: number;
  readonly #onError: (error: Error) => void;
  #byId = new Map<string, StoredSubscription>();
  #matcher = new SubscriptionMatcher<StoredSubscription>([]);
  #timer: NodeJS.Timeout | undefined;
  #loadedAt = 0;

  constructor(repository: SubscriptionsRepository, refreshMs: number, onError: (error: Error) => void) {
    this.#repository = repository;
    this.#refreshMs = refreshMs;
    this.#onError = onError;
  }

  /** Loads once (failing loudly, so a notifier without its table does not start) and keeps refreshing. */
  async start(): Promise<void> {
    await this.refresh();
    this.#timer = setInterval(() => {
      this.refresh().catch((error: unknown) => this.#onError(error instanceof Error ? error : new Error(String(error))));
    }, this.#refreshMs);
    this.#timer.unref();
  }

  async refresh(): Promise<void> {
    const subscriptions = await this.#repository.listEnabled();
    this.#byId = new Map(subscriptions.map((s) => [s.id, s]));
    this.#matcher = new SubscriptionMatcher(subscriptions);
    this.#loadedAt = Date.now();
  }

  get loadedAt(): number {
    return this.#loadedAt;
  }

  get size(): number {
    return this.#byId.size;
  }

  matcher(): SubscriptionMatcher<StoredSubscription> {
    return this.#matcher;
  }

  /** An enabled subscription from memory, else from the database (created since, or disabled). */
  async get(id: string): Promise<StoredSubscription | null> {
    return this.#byId.get(id) ?? this.#repository.get(id);
  }

  /** Forgets one subscription until the next refresh (it was just disabled). */
  drop(id: string): void {
    if (!this.#byId.delete(id)) return;
    this.#matcher = new SubscriptionMatcher([...this.#byId.values()]);
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
