import { createRequire } from 'node:module';
import type { TextLabel } from './labels.ts';

/*
 * The baseline: natural's SentimentAnalyzer with its `afinnFinancialMarketNews` vocabulary
 * (English, natural's own negation list). natural is loaded module by module with require,
 * never through its package root, which reads `.env` files and prints to stdout (see
 * shared/notes.md), and so that the vocabulary shim below runs first.
 */

type SentimentAnalyzerClass = typeof import('natural/lib/natural/sentiment/index.js').SentimentAnalyzer;
type AggressiveTokenizerClass = typeof import('natural/lib/natural/tokenizers/index.js').AggressiveTokenizer;
type Stemmer = typeof import('natural/lib/natural/stemmers/index.js').PorterStemmer;

const requireFromHere = createRequire(import.meta.url);
// natural's own dependencies resolve from natural's directory (pnpm keeps them out of ours).
const requireFromNatural = createRequire(requireFromHere.resolve('natural'));

/**
 * natural 8.1.1 reads `require('afinn-165-financialmarketnews').afinnFinancialMarketNews`,
 * but afinn-165-financialmarketnews 3.x exports `afinn165FinancialMarketNews`: the
 * vocabulary comes out empty and every text scores 0. Aliasing the export on the cached
 * module before natural's SentimentAnalyzer module first loads fixes it and keeps natural's
 * own code path (stemming included); when natural fixes the name, the alias is unused.
 */
function aliasFinancialVocabulary(): void {
  const vocabularyModule: Record<string, unknown> = requireFromNatural('afinn-165-financialmarketnews');
  if (vocabularyModule.afinnFinancialMarketNews === undefined) {
    vocabularyModule.afinnFinancialMarketNews = vocabularyModule.afinn165FinancialMarketNews;
  }
}

aliasFinancialVocabulary();
const SentimentAnalyzer: SentimentAnalyzerClass = requireFromHere('natural/lib/natural/sentiment/SentimentAnalyzer.js');
const AggressiveTokenizer: AggressiveTokenizerClass = requireFromHere('natural/lib/natural/tokenizers/aggressive_tokenizer.js');

const tokenizer = new AggressiveTokenizer();

export interface AfinnScorer {
  /** natural's score: the sum of word valences (−5…5, sign flipped after a negation) over the word count. */
  score(text: string): number;
  /** Same, over words already tokenized (so callers can score a window of a longer text). */
  scoreWords(words: readonly string[]): number;
  /** `scoreWords(words) * words.length` for natural's words of `text`: natural's valence sum. */
  valenceSum(text: string): number;
  /** natural's financial vocabulary: lower-cased word → valence (−5…5). */
  readonly vocabulary: ReadonlyMap<string, number>;
}

/**
 * Stemming is off by default: the vocabulary is keyed by unstemmed words, so a Porter
 * stemmer only adds matches for inflections AFINN lacks, and costs ~6× the time (5 → 30 µs per tweet)
 * with no macro-F1 gain on dev.csv (measured by scripts/afinn-stemming.ts).
 */
export function createAfinnScorer(options: { stemmed?: boolean } = {}): AfinnScorer {
  const stemmer: Stemmer | undefined = options.stemmed
    ? requireFromHere('natural/lib/natural/stemmers/porter_stemmer.js')
    : undefined;
  const analyzer = new SentimentAnalyzer('English', stemmer, 'afinnFinancialMarketNews');
  if (analyzer.getSentiment(['bankruptcy']) >= 0) {
    throw new Error('natural loaded an empty afinnFinancialMarketNews vocabulary (was its sentiment module imported before ours?)');
  }
  const scoreWords = (words: readonly string[]): number => (words.length === 0 ? 0 : analyzer.getSentiment([...words]));
  const valenceSum = stemmer
    ? (text: string) => {
        const words = tokenizer.tokenize(text);
        return scoreWords(words) * words.length;
      }
    : unstemmedValenceSum(analyzer);
  const vocabulary = new Map(Object.entries((analyzer as unknown as { vocabulary: Readonly<Record<string, number>> }).vocabulary));
  return { scoreWords, valenceSum, vocabulary, score: (text) => scoreWords(tokenizer.tokenize(text)) };
}

// The characters of natural's AggressiveTokenizer words: it splits at /[^a-zA-Z0-9'\-/]+/.
const naturalWordCharacters = new Uint8Array(128);
for (const ch of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'-/") naturalWordCharacters[ch.charCodeAt(0)] = 1;

/**
 * natural's tokenize then getSentiment, unstemmed, fused into one pass over the text: the same
 * words, natural's own vocabulary and negation list, the same sums in the same order, without
 * an array of words or a callback per word (the classifier calls this for every sentence).
 * classifier.test.ts and afinn.test.ts compare it with natural's path.
 */
function unstemmedValenceSum(analyzer: InstanceType<SentimentAnalyzerClass>): (text: string) => number {
  const { vocabulary, negations } = analyzer as unknown as { vocabulary: Readonly<Record<string, number>>; negations: readonly string[] };
  // The same entries in a Map: an object keyed by a fresh string costs a string-table lookup first.
  const valences = new Map(Object.entries(vocabulary));
  const isWordCharacter = (code: number) => code < 128 && naturalWordCharacters[code] === 1;
  return (text) => {
    let score = 0;
    let negator = 1;
    let count = 0;
    const length = text.length;
    let at = 0;
    for (;;) {
      while (at < length && !isWordCharacter(text.charCodeAt(at))) at++;
      if (at >= length) break;
      const start = at;
      while (at < length && isWordCharacter(text.charCodeAt(at))) at++;
      count++;
      const lowerCased = text.slice(start, at).toLowerCase();
      if (negations.indexOf(lowerCased) > -1) {
        negator = -1;
      } else {
        const value = valences.get(lowerCased);
        if (value !== undefined) score += negator * value;
      }
    }
    return count === 0 ? 0 : (score / count) * count;
  };
}

/**
 * natural's scores average over every word, so a headline with one strong word lands near
 * ±0.2–0.5 and a long article near 0. 0.055 maximised macro-F1 on train.csv (the only file
 * we tune on); any non-zero score already means at least one valenced word.
 */
export const afinnNeutralBand = 0.055;

export function labelFromAfinn(score: number, neutralBand: number = afinnNeutralBand): TextLabel {
  if (score > neutralBand) return 'bullish';
  if (score < -neutralBand) return 'bearish';
  return 'neutral';
}

export function tokenizeLikeNatural(text: string): string[] {
  return tokenizer.tokenize(text);
}
