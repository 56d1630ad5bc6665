import { describe, expect, it } from 'vitest';
import { eventBadge, eventLean, money, segments, sortedReasons, tickerChips } from './format.ts';
import type { MarketEvent } from './types.ts';

const evidence = { text: '', start: 0, end: 0 };

describe('badges', () => {
  it('names the firm, the direction and the rating, or the target move', () => {
    const rating = { type: 'analyst_rating', ticker: 'JPM', company: null, confidence: 1, evidence, firm: 'JPMorgan', analyst: null, action: 'upgrade', ratingFrom: 'Neutral', ratingTo: 'Overweight', ratingScore: 4 } satisfies MarketEvent;
    expect(eventBadge(rating)).toBe('JPMorgan ↑ overweight');
    const target = { type: 'price_target', ticker: 'X', company: null, confidence: 1, evidence, firm: null, action: 'raise', from: 12, to: 18, currency: 'USD', changePct: null } satisfies MarketEvent;
    expect(eventBadge(target)).toBe('PT $12 → $18');
    const contract = { type: 'contract', ticker: 'X', company: null, confidence: 1, evidence, counterparties: [], value: { amount: 19e9, currency: 'USD' }, capacityMw: null, termYears: null } satisfies MarketEvent;
    expect(eventBadge(contract)).toBe('$19B contract');
    expect(money(2.5e6)).toBe('$2.5M');
  });
  it('writes results and guidance as a reader scans for them: "guidance cut", a beat', () => {
    const guidance = { type: 'guidance', ticker: 'X', company: null, confidence: 1, evidence, action: 'lower', metric: null, period: null, low: null, high: null, currency: null } satisfies MarketEvent;
    expect(eventBadge(guidance)).toBe('guidance cut');
    expect(eventLean(guidance)).toBe('bearish');
    expect(eventBadge({ ...guidance, action: 'raise', metric: 'revenue', low: 4.1e9, high: 4.3e9, currency: 'USD' })).toBe('revenue guidance raised $4.1B–$4.3B');
    expect(eventBadge({ ...guidance, action: 'reaffirm', metric: 'gross_margin', low: 40, high: 40 })).toBe('gross margin guidance reaffirmed 40%');
    const result = { type: 'financial_result', ticker: 'X', company: null, confidence: 1, evidence, metric: 'eps', period: 'Q3', value: { amount: 1.25, currency: 'USD' }, prior: null, changePct: null, direction: null, vsEstimates: 'miss' } satisfies MarketEvent;
    expect(eventBadge(result)).toBe('EPS $1.25 missed');
    expect(eventLean(result)).toBe('bearish');
    expect(eventBadge({ ...result, metric: 'operating_profit', value: { amount: 12.5, unit: 'percent' }, direction: 'up', changePct: 4, vsEstimates: null })).toBe('operating profit 12.5% ↑ 4%');
  });
});

describe('evidence segments', () => {
  it('splits text into runs, overlapping evidence giving runs of several events', () => {
    expect(segments('abcdefgh', [{ start: 1, end: 4 }, { start: 3, end: 6 }])).toEqual([
      { text: 'a', events: [] },
      { text: 'bc', events: [0] },
      { text: 'd', events: [0, 1] },
      { text: 'ef', events: [1] },
      { text: 'gh', events: [] },
    ]);
  });
  it('clamps offsets past the end and skips empty ranges', () => {
    expect(segments('abc', [{ start: 2, end: 99 }, { start: 1, end: 1 }])).toEqual([
      { text: 'ab', events: [] },
      { text: 'c', events: [0] },
    ]);
  });
});

describe('chips and reasons', () => {
  it("colours each ticker by its own sentiment, not the article's", () => {
    const chips = tickerChips({ tickers: ['A', 'B', 'C'], tickerSentiment: [{ ticker: 'A', label: 'bullish', score: 0.5, relevance: 1 }, { ticker: 'B', label: 'bearish', score: -0.4, relevance: 1 }], sentiment: { label: 'bullish', score: 0.3, confidence: 1 }, events: [], tags: [] });
    expect(chips.map((c) => c.label)).toEqual(['bullish', 'bearish', null]);
  });
  it('orders reasons by the size of their contribution, sign kept', () => {
    const reason = (contribution: number) => ({ ticker: null, source: 'text' as const, detail: String(contribution), evidence: null, contribution });
    expect(sortedReasons([reason(0.2), reason(-0.9), reason(0.5)]).map((r) => r.contribution)).toEqual([-0.9, 0.5, 0.2]);
  });
});
