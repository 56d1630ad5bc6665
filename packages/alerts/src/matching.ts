import type { SubscriptionFilter } from '@tickerwire/core';
import type { StoredEventMessage } from '@tickerwire/queue';

/**
 * Does a stored event match a subscription's filter? Pure, shared by the notifier (webhooks)
 * and the API's server-sent events.
 *
 * Every given criterion must hold (AND); within a list any value may match (OR). An absent or
 * empty list does not constrain. A criterion on a field the event does not have is not met:
 * `tickers` never matches a sector-level event (ticker null), `actions` never matches a
 * type without one, `sentiment` and `minAbsScore > 0` never match an event without sentiment,
 * `minRelevance > 0` never matches one without a relevance. `sources`: the report came from
 * one of them; `tags`: the event carries one of them.
 */
export type MatchFilter = Partial<Omit<SubscriptionFilter, 'novelOnly'>> & { novelOnly?: boolean | undefined };

/** The fields of a stored-event message that filters look at. */
export type MatchableEvent = Pick<StoredEventMessage, 'ticker' | 'type' | 'action' | 'sentimentLabel' | 'sentimentScore' | 'novel'> &
  Partial<Pick<StoredEventMessage, 'sourceIds' | 'tags' | 'relevance'>>;

function anyInList(list: readonly string[] | undefined, values: readonly string[] | undefined): boolean {
  if (list === undefined || list.length === 0) return true;
  return (values ?? []).some((v) => list.includes(v));
}

function inList<T>(list: readonly T[] | undefined, value: T | null): boolean {
  if (list === undefined || list.length === 0) return true;
  return value !== null && list.includes(value);
}

export function matchesSubscription(filter: MatchFilter, message: MatchableEvent): boolean {
  if (filter.novelOnly === true && !message.novel) return false;
  if (!inList(filter.types, message.type)) return false;
  if (!inList(filter.tickers, message.ticker)) return false;
  if (!inList(filter.actions, message.action)) return false;
  if (!inList(filter.sentiment, message.sentimentLabel)) return false;
  if (filter.minAbsScore !== undefined && filter.minAbsScore > 0) {
    if (message.sentimentScore === null || Math.abs(message.sentimentScore) < filter.minAbsScore) return false;
  }
  if (filter.minRelevance !== undefined && filter.minRelevance > 0) {
    if (message.relevance === undefined || message.relevance === null || message.relevance < filter.minRelevance) return false;
  }
  if (!anyInList(filter.sources, message.sourceIds)) return false;
  if (!anyInList(filter.tags, message.tags)) return false;
  return true;
}

/**
 * The subscriptions one message goes to. Subscriptions naming tickers are looked up by the
 * message's ticker; only the ones without a ticker list are tested one by one, so matching
 * against thousands of subscriptions costs a few dozen filter checks per event.
 */
export class SubscriptionMatcher<S extends { id: string; filter: MatchFilter }> {
  readonly #byTicker = new Map<string, S[]>();
  readonly #anyTicker: S[] = [];

  constructor(subscriptions: readonly S[]) {
    for (const subscription of subscriptions) {
      const tickers = subscription.filter.tickers;
      if (!tickers || tickers.length === 0) {
        this.#anyTicker.push(subscription);
        continue;
      }
      for (const ticker of new Set(tickers)) {
        const list = this.#byTicker.get(ticker);
        if (list) list.push(subscription);
        else this.#byTicker.set(ticker, [subscription]);
      }
    }
  }

  match(message: MatchableEvent): S[] {
    const candidates = message.ticker === null ? this.#anyTicker : [...(this.#byTicker.get(message.ticker) ?? []), ...this.#anyTicker];
    return candidates.filter((s) => matchesSubscription(s.filter, message));
  }
}
