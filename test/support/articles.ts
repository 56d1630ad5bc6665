import { contentHash, itemId } from '@tickerwire/ingest';
import { generateArticles } from '@tickerwire/sample-site';
import { createAnalyzer } from '@tickerwire/score';
import type { AnalysedArticle } from '@tickerwire/queue';

/** Sample articles as the analyzer hands them to the writer: what a store job carries. */
export function analysedArticles(count: number, seed: number, sourceId = 'fault-source'): AnalysedArticle[] {
  const analyzer = createAnalyzer();
  const seenAt = new Date();
  return generateArticles(count, seed).map((a) => {
    const url = `http://news.example/news/${a.slug}.html`;
    return {
      id: itemId({ guid: null, link: url, sourceId })!,
      url,
      canonicalUrl: url,
      title: a.title,
      body: a.body,
      author: a.author,
      publishedAt: new Date(a.publishedAt),
      firstSeenAt: seenAt,
      contentHash: contentHash(`${a.title}\n${a.body}`),
      sources: [{ sourceId, url, firstSeenAt: seenAt }],
      analysis: analyzer.analyze({ title: a.title, body: a.body, tickers: a.tickers }),
    };
  });
}
