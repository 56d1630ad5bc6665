import { extractDocument, type ArticleInput, type ExtractOptions } from '@tickerwire/extract';
import { decisionScore, scoreAnalysis, type ScoredAnalysis } from './combine.ts';
import { createTextSentimentScorer, type TextSentimentScorer } from './text/index.ts';

export * from './combine.ts';
export * from './rules.ts';
export * from './text/index.ts';

/** Extraction and scoring together: the full analysis of the contract for one article. */
export interface Analyzer {
  analyze(input: ArticleInput): ScoredAnalysis;
  readonly text: TextSentimentScorer;
}

/** Built once per process: loading the model costs tens of milliseconds, analysing does not. */
export function createAnalyzer(options: { text?: TextSentimentScorer; extract?: ExtractOptions } = {}): Analyzer {
  const text = options.text ?? createTextSentimentScorer();
  const textScore = (s: string, kind?: 'text' | 'entity') => decisionScore(text.classifier.classify(s, kind));
  return {
    text,
    analyze(input) {
      const { analysis, document } = extractDocument(input, options.extract);
      return scoreAnalysis(input, analysis, textScore, document);
    },
  };
}
export { createSentenceScorer, sentenceEventThreshold, type SentenceSentiment } from './sentence.ts';
