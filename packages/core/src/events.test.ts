import { describe, expect, it } from 'vitest';
import { Analysis, ContractError, MarketEvent, Source, Subscription, parseContract } from './index.ts';

const evidence = { text: 'The bank lifted Cipher’s price target to $18 from $12.', start: 10, end: 64 };

const validEvents = [
  { type: 'analyst_rating', ticker: 'CIFR', company: 'Cipher Mining', evidence, confidence: 0.9,
    firm: 'JPMorgan', analyst: null, action: 'upgrade', ratingFrom: 'neutral', ratingTo: 'overweight', ratingScore: 4 },
  { type: 'price_target', ticker: 'CIFR', company: 'Cipher Mining', evidence, confidence: 0.9,
    firm: 'JPMorgan', action: 'raise', from: 12, to: 18, currency: 'USD', changePct: 50,
    sentiment: { label: 'bullish', score: 0.6 } },
  { type: 'contract', ticker: null, company: null, evidence, confidence: 0.7,
    counterparties: ['AWS', 'Fluidstack'], value: { amount: 19_000_000_000, currency: 'USD' }, capacityMw: 600, termYears: null },
  { type: 'capacity', ticker: 'CLSK', company: 'CleanSpark', evidence, confidence: 0.8,
    mw: 200, kind: 'expansion', horizon: null, site: 'Texas' },
  { type: 'valuation', ticker: null, company: null, evidence, confidence: 0.6,
    metric: 'equity_value_per_mw', low: null, high: 19_000_000, currency: 'USD', basis: 'integrated cloud' },
  { type: 'price_move', ticker: 'CIFR', company: 'Cipher', evidence, confidence: 0.8,
    changePct: -45, direction: 'down', reference: 'recent highs' },
];

describe('event contract', () => {
  it.each(validEvents)('accepts a valid $type event', (event) => {
    expect(MarketEvent.parse(event)).toEqual(event);
  });

  it('accepts a full analysis', () => {
    const analysis = {
      tickers: ['CIFR', 'CLSK'],
      sentiment: { label: 'bullish', score: 0.62, confidence: 0.8 },
      tickerSentiment: [{ ticker: 'CIFR', label: 'bullish', score: 0.7, relevance: 1 }],
      events: validEvents,
      tags: ['analyst-rating'],
    };
    expect(Analysis.parse(analysis).events).toHaveLength(6);
  });

  it('rejects a price target given as a string, naming the field', () => {
    const bad = { tickers: ['CIFR'], tags: [], events: [{ ...validEvents[1], to: '18' }] };
    expect(() => parseContract(Analysis, bad, 'analysis')).toThrow(ContractError);
    expect(() => parseContract(Analysis, bad, 'analysis')).toThrow(/events\[0\]\.to: .*expected number/i);
  });

  it('rejects an unknown event type, naming the field', () => {
    const bad = { ...validEvents[0], type: 'merger' };
    let error: unknown;
    try { parseContract(MarketEvent, bad, 'event'); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).issues.map((i) => i.path)).toEqual(['type']);
  });

  it('rejects scores outside [-1, 1] and bad tickers', () => {
    const result = MarketEvent.safeParse({ ...validEvents[1], ticker: 'cifr', sentiment: { label: 'bullish', score: 3 } });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['ticker', 'sentiment.score']));
  });

  it('rejects evidence whose end is before its start', () => {
    const result = MarketEvent.safeParse({ ...validEvents[0], evidence: { text: 'x', start: 9, end: 3 } });
    expect(result.error?.issues[0]?.path).toEqual(['evidence', 'end']);
  });
});

describe('source and subscription', () => {
  it('fills defaults for a minimal source', () => {
    const source = Source.parse({ id: 'miners-feed', kind: 'feed', url: 'https://example.com/feed.xml', interval: 300 });
    expect(source).toMatchObject({ tags: [], fetchFullText: false, enabled: true });
  });

  it('refuses a non-http source url and an unknown kind', () => {
    const result = Source.safeParse({ id: 'x', kind: 'podcast', url: 'file:///etc/passwd', interval: 300 });
    expect(result.error?.issues.map((i) => i.path[0]).sort()).toEqual(['kind', 'url']);
  });

  it('requires whsec_ secrets on subscriptions', () => {
    const base = { id: 's1', url: 'https://hooks.example.com/in', filter: { tickers: ['CIFR'] } };
    expect(Subscription.safeParse({ ...base, secrets: ['hunter2'] }).error?.issues[0]?.path).toEqual(['secrets', 0]);
    expect(Subscription.parse({ ...base, secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'] }).filter.novelOnly).toBe(false);
  });
});
