import { lexiconCounts, lexiconGroups, type LexiconGroup } from './finance-lexicon.ts';
import { createAfinnScorer, tokenizeLikeNatural, type AfinnScorer } from './afinn.ts';
import { afinnNegativeFeature, afinnPositiveFeature, featureTokens, ngramFeatures, vectorize, type SparseVector } from './features.ts';
import { textLabels, type TextLabel } from './labels.ts';
import type { TextModelFile } from './model.ts';

export interface TextSentiment {
  readonly label: TextLabel;
  /** p(bullish) − p(bearish), in [−1, 1]. */
  readonly score: number;
  /** Class probabilities in `textLabels` order (bearish, bullish, neutral). */
  readonly probabilities: readonly number[];
}

export interface TextClassifier {
  classify(text: string): TextSentiment;
}

/** Each lexicon group's feature value is this times its count (at most 2); 0.3–1 gave the same CV macro-F1. */
const lexiconScale = 0.6;

/** Dense features beside the n-grams: our finance lexicon's four group counts (finance-lexicon.ts). */
export function lexiconFeatures(tokens: readonly string[]): [string, number][] {
  const counts = lexiconCounts(tokens);
  return lexiconGroups.map((group) => [lexiconFeatureName(group), lexiconScale * Math.min(2, counts[group])]);
}

const lexiconFeatureName = (group: LexiconGroup) => `<lex:${group}>`;

/** The classifier's input for one text; training and inference share it so they cannot drift. */
export function textVector(text: string, afinn: AfinnScorer): SparseVector {
  const words = tokenizeLikeNatural(text);
  const valenceSum = afinn.scoreWords(words) * words.length;
  const tokens = featureTokens(text);
  return vectorize(ngramFeatures(tokens), valenceSum, lexiconFeatures(tokens));
}

export function softmaxInPlace(logits: number[]): number[] {
  const max = Math.max(...logits);
  let total = 0;
  for (let k = 0; k < logits.length; k++) {
    const e = Math.exp((logits[k] as number) - max);
    logits[k] = e;
    total += e;
  }
  for (let k = 0; k < logits.length; k++) logits[k] = (logits[k] as number) / total;
  return logits;
}

export function sentimentFromProbabilities(probabilities: readonly number[]): TextSentiment {
  let best = 0;
  for (let k = 1; k < probabilities.length; k++) if ((probabilities[k] as number) > (probabilities[best] as number)) best = k;
  const bearish = probabilities[textLabels.indexOf('bearish')] ?? 0;
  const bullish = probabilities[textLabels.indexOf('bullish')] ?? 0;
  return { label: textLabels[best] ?? 'neutral', score: bullish - bearish, probabilities };
}

interface WordRows {
  row: readonly number[] | undefined;
  next: Map<string, readonly number[]> | undefined;
}

/** A linear softmax classifier over the model's weights; unknown features weigh nothing. */
export function createTextClassifier(model: TextModelFile, afinn: AfinnScorer = createAfinnScorer()): TextClassifier {
  const weights = new Map(Object.entries(model.weights));
  // Per word: its unigram row and the rows of the bigrams it starts, found with one lookup;
  // `~prefix` rows by their letters. Classify reads them from the tokens without building a
  // string per feature. No token holds a space or starts with "~", so a bigram's name splits
  // at its one space and no name can be read as another.
  const byWord = new Map<string, WordRows>();
  const wordRows = (word: string) => {
    let entry = byWord.get(word);
    if (!entry) byWord.set(word, (entry = { row: undefined, next: undefined }));
    return entry;
  };
  const prefixRows = new Map<string, readonly number[]>();
  for (const [name, row] of weights) {
    const space = name.indexOf(' ');
    if (space >= 0) (wordRows(name.slice(0, space)).next ??= new Map()).set(name.slice(space + 1), row);
    else if (name.startsWith('~')) prefixRows.set(name.slice(1), row);
    else wordRows(name).row = row;
  }
  const afinnPositiveRow = weights.get(afinnPositiveFeature);
  const afinnNegativeRow = weights.get(afinnNegativeFeature);
  const lexiconRows = new Map(lexiconGroups.map((group) => [group, weights.get(lexiconFeatureName(group))]));
  const classCount = textLabels.length;
  const add = (logits: number[], row: readonly number[] | undefined, value: number) => {
    if (!row) return;
    for (let k = 0; k < classCount; k++) logits[k] = (logits[k] as number) + (row[k] as number) * value;
  };
  return {
    /**
     * The same sums as `textVector` then a dot product with the weights, in the same order
     * (distinct unigrams, prefixes, bigrams, each in order of first occurrence; then AFINN and
     * the lexicon groups), so the floating-point result is identical; see classifier.test.ts.
     */
    classify(text) {
      const words = tokenizeLikeNatural(text);
      const valenceSum = afinn.scoreWords(words) * words.length;
      const tokens = featureTokens(text);
      const n = tokens.length;
      // Rows of the distinct n-grams the model knows, in vector order; `distinct` counts them all.
      const rows: (readonly number[])[] = [];
      const idOf = new Map<string, number>();
      const ids: number[] = new Array(n);
      const unique: string[] = [];
      const entries: (WordRows | undefined)[] = [];
      for (let i = 0; i < n; i++) {
        const token = tokens[i] as string;
        let id = idOf.get(token);
        if (id === undefined) {
          id = unique.length;
          idOf.set(token, id);
          unique.push(token);
          const entry = byWord.get(token);
          entries.push(entry);
          if (entry?.row) rows.push(entry.row);
        }
        ids[i] = id;
      }
      let distinct = unique.length;
      const prefixes = new Set<string>();
      for (const token of unique) {
        if (token.length <= 5 || token.startsWith('<')) continue;
        const prefix = token.slice(0, 5);
        if (prefixes.has(prefix)) continue;
        prefixes.add(prefix);
        distinct++;
        const row = prefixRows.get(prefix);
        if (row) rows.push(row);
      }
      const pairs = new Set<number>();
      for (let i = 1; i < n; i++) {
        const first = ids[i - 1] as number;
        const pair = first * n + (ids[i] as number);
        if (pairs.has(pair)) continue;
        pairs.add(pair);
        distinct++;
        const row = entries[first]?.next?.get(tokens[i] as string);
        if (row) rows.push(row);
      }
      const weight = distinct === 0 ? 0 : 1 / Math.sqrt(distinct);
      const logits = model.bias.slice();
      for (const row of rows) add(logits, row, weight);
      const valence = Math.max(-2, Math.min(2, valenceSum / 3));
      if (valence > 0) add(logits, afinnPositiveRow, valence);
      else if (valence < 0) add(logits, afinnNegativeRow, -valence);
      const counts = lexiconCounts(tokens);
      for (const group of lexiconGroups) {
        const value = lexiconScale * Math.min(2, counts[group]);
        if (value !== 0) add(logits, lexiconRows.get(group), value);
      }
      return sentimentFromProbabilities(softmaxInPlace(logits));
    },
  };
}
