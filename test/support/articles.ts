import { contentHash, itemId } from '@tickerwire/ingest';
import { generateArticles, type SampleArticle } from '@tickerwire/sample-site';
import { createAnalyzer, type Analyzer } from '@tickerwire/score';
import type { AnalysedArticle } from '@tickerwire/queue';

/** One sample article as the analyzer hands it to the writer, seen at `seenAt` from `sourceId`. */
export function asAnalysedArticle(sample: SampleArticle, sourceId: string, seenAt: Date, analyzer: Analyzer): AnalysedArticle {
  const url = `http://${sourceId}.example/news/${sample.slug}.html`;
  return {
    id: itemId({ guid: null, link: url, sourceId })!,
    url,
    canonicalUrl: url,
    title: sample.title,
    body: sample.body,
    author: sample.author,
    publishedAt: new Date(sample.publishedAt),
    firstSeenAt: seenAt,
    contentHash: contentHash(`${sample.title}\n${sample.body}`),
    sources: [{ sourceId, url, firstSeenAt: seenAt }],
    analysis: analyzer.analyze({ title: sample.title, body: sample.body, tickers: sample.tickers }),
  };
}

/** Sample articles as the analyzer hands them to the writer: what a store job carries. */
export function analysedArticles(count: number, seed: number, sourceId = 'fault-source'): AnalysedArticle[] {
  const analyzer = createAnalyzer();
  const seenAt = new Date();
  return generateArticles(count, seed).map((a) => asAnalysedArticle(a, sourceId, seenAt, analyzer));
}
