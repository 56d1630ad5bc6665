import { describe, expect, it } from 'vitest';
import { matchesSubscription, SubscriptionMatcher, type MatchableEvent } from './matching.ts';

const event: MatchableEvent = { ticker: 'MARA', type: 'price_target', action: 'raise', sentimentLabel: 'bullish', sentimentScore: 0.6, novel: true };

describe('matchesSubscription', () => {
  it('an empty filter matches everything', () => {
    expect(matchesSubscription({}, event)).toBe(true);
    expect(matchesSubscription({ novelOnly: false, tickers: [] }, { ...event, ticker: null, sentimentScore: null, sentimentLabel: null })).toBe(true);
  });

  it('each criterion narrows: tickers, types, actions, sentiment labels', () => {
    expect(matchesSubscription({ tickers: ['RIOT', 'MARA'] }, event)).toBe(true);
    expect(matchesSubscription({ tickers: ['RIOT'] }, event)).toBe(false);
    expect(matchesSubscription({ types: ['analyst_rating'] }, event)).toBe(false);
    expect(matchesSubscription({ types: ['analyst_rating', 'price_target'] }, event)).toBe(true);
    expect(matchesSubscription({ actions: ['lower'] }, event)).toBe(false);
    expect(matchesSubscription({ actions: ['raise'] }, event)).toBe(true);
    expect(matchesSubscription({ sentiment: ['bearish', 'neutral'] }, event)).toBe(false);
    expect(matchesSubscription({ sentiment: ['bullish'] }, event)).toBe(true);
  });

  it('all criteria must hold together', () => {
    expect(matchesSubscription({ tickers: ['MARA'], types: ['price_target'], actions: ['raise'], sentiment: ['bullish'], minAbsScore: 0.5, novelOnly: true }, event)).toBe(true);
    expect(matchesSubscription({ tickers: ['MARA'], types: ['price_target'], actions: ['lower'] }, event)).toBe(false);
  });

  it('minAbsScore compares the magnitude, so strong bearish events pass too', () => {
    expect(matchesSubscription({ minAbsScore: 0.6 }, event)).toBe(true);
    expect(matchesSubscription({ minAbsScore: 0.61 }, event)).toBe(false);
    expect(matchesSubscription({ minAbsScore: 0.5 }, { ...event, sentimentScore: -0.7, sentimentLabel: 'bearish' })).toBe(true);
    expect(matchesSubscription({ minAbsScore: 0.1 }, { ...event, sentimentScore: null })).toBe(false);
    expect(matchesSubscription({ minAbsScore: 0 }, { ...event, sentimentScore: null })).toBe(true);
  });

  it('novelOnly drops repeat reports of a fact', () => {
    expect(matchesSubscription({ novelOnly: true }, { ...event, novel: false })).toBe(false);
    expect(matchesSubscription({ novelOnly: false }, { ...event, novel: false })).toBe(true);
  });

  it('a criterion on a missing field is not met (sector events have no ticker, price moves no action)', () => {
    expect(matchesSubscription({ tickers: ['MARA'] }, { ...event, ticker: null })).toBe(false);
    expect(matchesSubscription({ actions: ['raise'] }, { ...event, action: null })).toBe(false);
    expect(matchesSubscription({ sentiment: ['neutral'] }, { ...event, sentimentLabel: null })).toBe(false);
  });
});

describe('SubscriptionMatcher', () => {
  it('finds the same subscriptions as testing every filter', () => {
    const subscriptions = [
      { id: 'a', filter: { tickers: ['MARA'] } },
      { id: 'b', filter: { tickers: ['RIOT', 'MARA'], sentiment: ['bearish' as const] } },
      { id: 'c', filter: { types: ['price_target' as const] } },
      { id: 'd', filter: {} },
      { id: 'e', filter: { tickers: ['CLSK'] } },
      { id: 'f', filter: { tickers: ['MARA', 'MARA'] } },
    ];
    const matcher = new SubscriptionMatcher(subscriptions);
    const events: MatchableEvent[] = [event, { ...event, sentimentLabel: 'bearish' }, { ...event, ticker: 'CLSK', type: 'contract' }, { ...event, ticker: null }];
    for (const e of events) {
      const expected = subscriptions.filter((s) => matchesSubscription(s.filter, e)).map((s) => s.id).sort();
      expect(matcher.match(e).map((s) => s.id).sort()).toEqual(expected);
    }
    expect(matcher.match(event).map((s) => s.id).sort()).toEqual(['a', 'c', 'd', 'f']);
  });
});
