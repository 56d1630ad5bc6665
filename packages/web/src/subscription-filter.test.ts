import { describe, expect, it } from 'vitest';
import { commaList, describeFilter, filterFromForm, splitList, type FilterFormValues } from './subscription-filter.ts';

const empty: FilterFormValues = { tickers: '', types: [], actions: [], sentiment: [], minAbsScore: '', minRelevance: '', sources: [], tags: '', novelOnly: false };

describe('the filter builder', () => {
  it('splits lists on commas and spaces, upper-cases tickers, drops repeats', () => {
    expect(splitList(' aapl, msft  AAPL,,nvda ', true)).toEqual(['AAPL', 'MSFT', 'NVDA']);
    expect(commaList('sample site, miners,, miners')).toEqual(['sample site', 'miners']);
  });

  it('an empty form is every event (an empty filter)', () => {
    expect(filterFromForm(empty)).toEqual({ filter: {}, problems: [] });
    expect(describeFilter({})).toBe('every event');
  });

  it('builds the API filter from every criterion', () => {
    const { filter, problems } = filterFromForm({
      tickers: 'cifr, nvda',
      types: ['price_target'],
      actions: ['raise', 'down'],
      sentiment: ['bullish'],
      minAbsScore: '0.3',
      minRelevance: '0.5',
      sources: ['wire'],
      tags: 'miners',
      novelOnly: true,
    });
    expect(problems).toEqual([]);
    expect(filter).toEqual({ tickers: ['CIFR', 'NVDA'], types: ['price_target'], actions: ['raise', 'down'], sentiment: ['bullish'], minAbsScore: 0.3, minRelevance: 0.5, sources: ['wire'], tags: ['miners'], novelOnly: true });
    expect(describeFilter(filter)).toBe('tickers CIFR, NVDA · Price target · action raise or down · bullish · |score| ≥ 0.3 · relevance ≥ 0.5 · from wire · tagged miners · first reports only');
  });

  it('names the field of a bad value instead of sending it', () => {
    const { problems } = filterFromForm({ ...empty, tickers: 'AAPL $$$', minAbsScore: '2', minRelevance: 'x' });
    expect(problems).toEqual([
      { field: 'tickers', message: 'not a ticker symbol: $$$' },
      { field: 'minAbsScore', message: 'a number from 0 to 1' },
      { field: 'minRelevance', message: 'a number from 0 to 1' },
    ]);
  });
});
