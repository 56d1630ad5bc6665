import { describe, expect, it } from 'vitest';
import { extractAnalysis } from '@tickerwire/extract';
import { liveArticle } from './articles.ts';

// Issue #16 item 9d: the quick start publishes liveArticle(seed, n) every 20 s; the alert demo
// must keep getting facts the writer has not stored yet (its fact window is 3 days), for hours.
const everyMs = 20_000;
const start = Date.UTC(2026, 2, 2, 15);

/** A fact as the writer keys it: type, ticker, firm, action and values (not the wording). */
function factKeys(title: string, body: string): string[] {
  const { events } = extractAnalysis({ title, body });
  return events.map((e) => {
    const { evidence: _e, confidence: _c, sentiment: _s, company: _co, analyst: _a, ...rest } = e as typeof e & { analyst?: unknown; sentiment?: unknown };
    return JSON.stringify(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)));
  });
}

describe('liveArticle', () => {
  it('is the same for the same seed and index, whatever was generated before; another seed differs', () => {
    const at = new Date(start);
    expect(liveArticle(2026, 500, at)).toEqual(liveArticle(2026, 500, at));
    expect(liveArticle(2026, 500, at).title).not.toBe(liveArticle(2027, 500, at).title);
    expect(liveArticle(2026, 500, at).id).toBe('live-2026-500');
  });

  it('keeps giving new facts, companies and firms after four hours of one article every 20 s', () => {
    const perHour = 3_600_000 / everyMs;
    const seen = new Set<string>();
    const slugs = new Set<string>();
    const newPerHour: number[] = [];
    const tickersLastHour = new Set<string>();
    for (let hour = 0; hour < 4; hour++) {
      let fresh = 0;
      for (let i = hour * perHour; i < (hour + 1) * perHour; i++) {
        const article = liveArticle(2026, i, new Date(start + i * everyMs));
        slugs.add(article.slug);
        let brought = false;
        for (const key of factKeys(article.title, article.body)) {
          if (!seen.has(key)) brought = true;
          seen.add(key);
        }
        if (brought) fresh++;
        if (hour === 3) for (const t of article.tickers) tickersLastHour.add(t);
      }
      newPerHour.push(fresh);
    }
    expect(slugs.size).toBe(4 * perHour);
    // Nearly every article of the fourth hour still states a fact never stated before (all four hours are within one 3-day window).
    for (const fresh of newPerHour) expect(fresh).toBeGreaterThan(perHour * 0.8);
    expect(tickersLastHour.size).toBeGreaterThan(60);
  });

  it('writes companies the extractor links: every article names its tickers', () => {
    for (let i = 0; i < 60; i++) {
      const article = liveArticle(7, i * 97, new Date(start));
      const { tickers } = extractAnalysis({ title: article.title, body: article.body });
      expect(tickers, article.title).toEqual(expect.arrayContaining(article.tickers));
    }
  });
});
