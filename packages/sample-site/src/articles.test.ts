import { extractAnalysis } from '@tickerwire/extract';
import { isSameStory } from '@tickerwire/ingest';
import { describe, expect, it } from 'vitest';
import { defaultBaseDate, generateArticles } from './articles.ts';
import { paragraphsOf } from './markup.ts';

describe('generateArticles', () => {
  it('gives the same articles for the same seed and different ones for another seed', () => {
    expect(generateArticles(40, 7)).toEqual(generateArticles(40, 7));
    expect(generateArticles(40, 8).map((a) => a.title)).not.toEqual(generateArticles(40, 7).map((a) => a.title));
  });

  it('spreads dates back from the base date over the given days, newest first', () => {
    const articles = generateArticles(20, 3, { baseDate: '2026-01-10T12:00:00Z', days: 5 });
    const times = articles.map((a) => Date.parse(a.publishedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(Math.max(...times)).toBeLessThanOrEqual(Date.parse('2026-01-10T12:00:00Z'));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse('2026-01-05T12:00:00Z'));
    expect(generateArticles(1, 3)[0]!.publishedAt <= defaultBaseDate).toBe(true);
  });

  it('gives every article a unique id and URL-safe slug, tickers, an author and a body of paragraphs', () => {
    const articles = generateArticles(100, 11, { syndicatedCopies: 3 });
    expect(new Set(articles.map((a) => a.id)).size).toBe(100);
    expect(new Set(articles.map((a) => a.slug)).size).toBe(100);
    for (const article of articles) {
      expect(article.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(article.tickers.length).toBeGreaterThan(0);
      expect(article.author).not.toBe('');
      expect(paragraphsOf(article.body).length).toBeGreaterThanOrEqual(3);
    }
  });

  it('republishes syndicated copies under another slug, edited lightly enough to be the same story', () => {
    const articles = generateArticles(10, 5, { syndicatedCopies: 2 });
    const copies = articles.filter((a) => a.syndicationOf !== undefined);
    expect(copies).toHaveLength(2);
    for (const copy of copies) {
      const original = articles.find((a) => a.id === copy.syndicationOf)!;
      expect(copy.slug).not.toBe(original.slug);
      expect(copy.title).not.toBe(original.title);
      expect(paragraphsOf(copy.body)[0]).not.toBe(paragraphsOf(original.body)[0]);
      const story = (a: typeof copy) => ({ title: a.title, lead: paragraphsOf(a.body)[0]! });
      expect(isSameStory(story(copy), story(original))).toBe(true);
    }
  });

  it('writes articles the extractor reads: a rating or price target event in at least 80% of them', () => {
    const articles = generateArticles(200, 2026);
    const withAnalystEvent = articles.filter((article) =>
      extractAnalysis({ title: article.title, body: article.body }).events.some((event) => event.type === 'analyst_rating' || event.type === 'price_target'),
    );
    expect(withAnalystEvent.length / articles.length).toBeGreaterThanOrEqual(0.8);
  });
});
