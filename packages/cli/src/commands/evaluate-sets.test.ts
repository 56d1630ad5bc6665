import { describe, expect, it } from 'vitest';
import { scoreEntities, type ProseRecord } from './evaluate-sets.ts';

const record = (tickers: string[], tickerSentiment: Record<string, string>): ProseRecord =>
  ({ id: 'r1', title: 't', body: 'b', tickers, tickerSentiment, events: [] }) as unknown as ProseRecord;

describe('scoreEntities', () => {
  it('takes one listing written with and without its venue suffix, or as its US line, as the same company', () => {
    const score = scoreEntities([record(['8035', 'TM', 'AAPL'], { '8035': 'bullish', TM: 'bearish' })], () => ({
      tickers: ['8035.T', '7203.T', 'MSFT'],
      tickerSentiment: [{ ticker: '8035.T', label: 'bullish' }, { ticker: '7203.T', label: 'bearish' }],
    }));
    expect(score).toMatchObject({ tp: 2, fp: 1, fn: 1, labelCorrect: 2, labelTotal: 2 });
    expect(score.misses).toEqual([{ id: 'r1', missing: ['AAPL'], extra: ['MSFT'] }]);
  });
});
