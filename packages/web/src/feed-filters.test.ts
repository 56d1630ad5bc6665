import { describe, expect, it } from 'vitest';
import { describeFilters, feedFilters, filtersToForm, formToFilters, nextDay, streamFilters } from './feed-filters.ts';

describe('feed filters in the URL', () => {
  it('normalises the URL: lists joined and de-duplicated, tickers upper case, blanks dropped, unknown names ignored', () => {
    const filters = feedFilters(new URLSearchParams('tickers=cifr,%20aapl&tickers=CIFR&types=guidance&sentiment=&q=%20revenue%20&limit=5&cursor=x'));
    expect(filters.toString()).toBe('q=revenue&tickers=CIFR%2CAAPL&types=guidance');
  });

  it("turns the form's inclusive day range into the API's since and exclusive until, and back", () => {
    const form = { q: '', tickers: 'mara nvda', types: ['contract'], sentiment: ['bullish'], minAbsScore: '0', novel: 'true', sources: 'wire, blog', tags: '', from: '2026-02-27', to: '2026-02-28' };
    const filters = formToFilters(form);
    expect(Object.fromEntries(filters)).toEqual({ tickers: 'MARA,NVDA', types: 'contract', sentiment: 'bullish', novel: 'true', sources: 'wire,blog', since: '2026-02-27', until: '2026-03-01' });
    expect(filtersToForm(filters)).toMatchObject({ tickers: 'MARA, NVDA', from: '2026-02-27', to: '2026-02-28', minAbsScore: '', sources: 'wire, blog' });
    expect(nextDay('2024-12-31')).toBe('2025-01-01');
  });

  it('names the filters in force, and passes the stream only the filters it shares with articles', () => {
    const filters = new URLSearchParams('q=cut&types=guidance,financial_result&novel=false&until=2026-03-01&tickers=CIFR&sentiment=bearish');
    expect(describeFilters(filters)).toBe('Filtered: words “cut”; tickers CIFR; types Guidance, Results; sentiment bearish; repeats only; published to 2026-02-28');
    expect(describeFilters(new URLSearchParams())).toBe('All stories');
    expect(streamFilters(filters).toString()).toBe('tickers=CIFR&types=guidance%2Cfinancial_result');
  });
});
