import { expect } from 'vitest';
import type { Redis } from 'ioredis';
import { storedEventsKey } from '@tickerwire/queue';
import { factKeyOf, type Repositories } from '@tickerwire/store';

/**
 * Items in against items stored: every expected story is stored exactly once, each of its
 * facts has exactly one report from it, and each report was announced exactly once.
 */
export async function expectEachStoredOnce(repos: Repositories, redis: Redis, prefix: string, expectedStories: number): Promise<void> {
  const articles = await repos.articles.collection.find({}).toArray();
  expect(articles).toHaveLength(expectedStories);
  expect(new Set(articles.map((a) => a.canonicalUrl)).size).toBe(expectedStories);

  const events = await repos.events.withReports(await repos.events.collection.find({}).toArray());
  const reportsByArticle = new Map<string, string[]>();
  for (const event of events) {
    for (const report of event.reports) reportsByArticle.set(report.articleId, [...(reportsByArticle.get(report.articleId) ?? []), event.factKey]);
  }
  let expectedReports = 0;
  for (const article of articles) {
    const facts = new Set(article.analysis!.events.map(factKeyOf));
    expectedReports += facts.size;
    const reported = reportsByArticle.get(article._id) ?? [];
    expect(reported.length, `reports of ${article.canonicalUrl}`).toBe(facts.size);
    expect(new Set(reported)).toEqual(facts);
  }

  const entries = await redis.xrange(storedEventsKey(prefix), '-', '+');
  const announced = entries.map(([, fields]) => fields[fields.indexOf('report') + 1]);
  expect(new Set(announced).size).toBe(entries.length);
  expect(entries.length).toBe(expectedReports);
}
