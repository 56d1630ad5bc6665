import type { AnalysedArticle, ArticleDraft } from '@tickerwire/queue';
import type { Analyzer } from '@tickerwire/score';
import type { AnalyzeStageDeps } from './deps.ts';

export interface AnalysedBatch {
  analysed: AnalysedArticle[];
  failed: { article: ArticleDraft; error: Error }[];
}

/** Extraction and scoring of each article; one article that breaks the analyser does not sink the others. */
export function analyzeBatch(analyzer: Analyzer, articles: readonly ArticleDraft[]): AnalysedBatch {
  const result: AnalysedBatch = { analysed: [], failed: [] };
  for (const draft of articles) {
    try {
      const extracted = analyzer.analyze({ title: draft.title, body: draft.body, tickers: draft.tickerHints });
      const { tickerHints: _hints, sourceTags, ...article } = draft;
      // The article carries its source's tags as well as what the text is about.
      const analysis = { ...extracted, tags: [...new Set([...extracted.tags, ...sourceTags])] };
      result.analysed.push({ ...article, analysis });
    } catch (error) {
      result.failed.push({ article: draft, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }
  return result;
}

/**
 * The analyze job: analysed articles go on to storage; an article that failed inside a larger
 * batch is sent back as a batch of its own, so it alone retries and, if it keeps failing,
 * alone reaches the dead letters. A batch of one that fails throws, for the queue's retries.
 */
export async function runAnalyzeJob(deps: AnalyzeStageDeps, articles: readonly ArticleDraft[]): Promise<{ analysed: number; split: number }> {
  const { analysed, failed } = analyzeBatch(deps.analyzer, articles);
  if (articles.length === 1 && failed.length === 1) {
    deps.metrics.add({ 'items:analyze:failed': 1 });
    throw failed[0]!.error;
  }
  if (analysed.length > 0) await deps.producer.add('store-articles', { articles: analysed });
  for (const { article } of failed) await deps.producer.add('analyze-articles', { articles: [article] });
  deps.metrics.add({ 'items:analyze:analysed': analysed.length, 'items:analyze:split': failed.length });
  return { analysed: analysed.length, split: failed.length };
}
