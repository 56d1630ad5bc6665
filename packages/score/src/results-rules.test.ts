import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '@tickerwire/core';
import { createAnalyzer, eventSignal } from './index.ts';

const base = { ticker: 'ACME', company: 'Acme', evidence: { text: 'x', start: 0, end: 1 }, confidence: 0.8 };
const result = (fields: Partial<Extract<MarketEvent, { type: 'financial_result' }>>): MarketEvent => ({
  ...base,
  type: 'financial_result',
  metric: 'revenue',
  period: null,
  value: null,
  prior: null,
  changePct: null,
  direction: null,
  vsEstimates: null,
  ...fields,
});
const guidance = (fields: Partial<Extract<MarketEvent, { type: 'guidance' }>>): MarketEvent => ({
  ...base,
  type: 'guidance',
  action: 'initiate',
  metric: null,
  period: null,
  low: null,
  high: null,
  currency: null,
  ...fields,
});

describe('result rules', () => {
  it('growth is bullish and decline bearish, scaled by size', () => {
    const small = eventSignal(result({ direction: 'up', changePct: 2 })).value;
    const big = eventSignal(result({ direction: 'up', changePct: 25 })).value;
    expect(small).toBeGreaterThan(0);
    expect(big).toBeGreaterThan(small);
    expect(eventSignal(result({ direction: 'down', changePct: -12 })).value).toBeLessThan(0);
  });

  it('a loss that narrowed is good, one that widened bad, and the reason says so', () => {
    const narrowed = eventSignal(result({ metric: 'net_income', value: { amount: -3e6, currency: 'EUR' }, prior: { amount: -8e6, currency: 'EUR' }, changePct: 62.5, direction: 'up' }));
    const widened = eventSignal(result({ metric: 'net_income', value: { amount: -45e6, currency: 'USD' }, prior: { amount: -30e6, currency: 'USD' }, changePct: -50, direction: 'down' }));
    expect(narrowed.value).toBeGreaterThan(0);
    expect(narrowed.reason).toMatch(/loss narrowed/);
    expect(widened.value).toBeLessThan(0);
    expect(widened.reason).toMatch(/loss widened/);
  });

  it('a rising cost ratio is bearish', () => {
    expect(eventSignal(result({ metric: 'medical_care_ratio', value: { amount: 89.9, unit: 'percent' }, prior: { amount: 85.1, unit: 'percent' }, direction: 'up' })).value).toBeLessThan(0);
    // A change under 1% is no news either way.
    expect(eventSignal(result({ metric: 'revenue', value: { amount: 812e6, currency: 'USD' }, prior: { amount: 809e6, currency: 'USD' }, changePct: 0.4, direction: 'up' })).value).toBe(0);
    // Gearing and net debt falling is good news, rising bad; an equity ratio rising good.
    expect(eventSignal(result({ metric: 'gearing', value: { amount: 41, unit: 'percent' }, prior: { amount: 67, unit: 'percent' }, direction: 'down' })).value).toBeGreaterThan(0);
    expect(eventSignal(result({ metric: 'net_debt', value: { amount: 3e8, currency: 'EUR' }, prior: null, direction: 'up' })).value).toBeLessThan(0);
    expect(eventSignal(result({ metric: 'equity_ratio', value: { amount: 46, unit: 'percent' }, prior: { amount: 38, unit: 'percent' }, direction: 'up' })).value).toBeGreaterThan(0);
  });

  it('beats add and misses subtract', () => {
    expect(eventSignal(result({ metric: 'eps', vsEstimates: 'beat' })).value).toBeGreaterThan(0);
    expect(eventSignal(result({ vsEstimates: 'miss' })).value).toBeLessThan(0);
    expect(eventSignal(result({ vsEstimates: 'inline' })).value).toBe(0);
  });
});

describe('guidance rules', () => {
  it('raise is bullish; cut and withdrawal bearish; the range is in the reason', () => {
    const raised = eventSignal(guidance({ action: 'raise', metric: 'revenue', low: 4.1e9, high: 4.3e9, currency: 'USD', period: 'full-year' }));
    expect(raised.value).toBeGreaterThan(0);
    expect(raised.reason).toBe('revenue guidance raised 4,100–4,300M USD (full-year)');
    expect(eventSignal(guidance({ action: 'lower' })).value).toBeLessThan(0);
    expect(eventSignal(guidance({ action: 'withdraw' })).value).toBeLessThan(0);
  });
});

describe('no double counting', () => {
  const analyzer = createAnalyzer();
  it('a guidance cut counts once: the event, not the phrase as well', () => {
    const analysis = analyzer.analyze({ body: 'Apple cuts guidance for the fourth quarter, citing weaker iPhone demand.' });
    const details = analysis.reasons.map((r) => `${r.source} ${r.detail}`);
    expect(details.some((d) => d.startsWith('event') && /guidance cut/.test(d))).toBe(true);
    expect(details.some((d) => d === 'phrase guidance cut')).toBe(false);
  });

  it.each([
    ['The company said cost savings of EUR 12 million would be fully realised by the end of the year.', 'bullish', 'cost savings'],
    ['Production at the mine would be halted for at least two weeks after a leak, the company said.', 'bearish', 'output stopped'],
  ])('reads cost savings as good and stopped output as bad in an article: %j', (body, label, reason) => {
    const analysis = analyzer.analyze({ body });
    expect(analysis.sentiment.label).toBe(label);
    expect(analysis.reasons.some((r) => r.source === 'phrase' && r.detail === reason)).toBe(true);
  });
});
