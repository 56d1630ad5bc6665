import { lexiconCounts, lexiconEntries, lexiconGroups, type LexiconGroup } from './finance-lexicon.ts';
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

/**
 * The model's n-gram weights laid out for classify: every word of the model (alone or in a
 * bigram) or of the finance lexicon has an id; a word's unigram row, its `~prefix`, the
 * prefix's row and its lexicon groups are found by that id, and bigrams in an
 * open-addressing table keyed by the two ids. Rows are slices of
 * one Float64Array holding the model's numbers unchanged. Only one string lookup per token
 * is left. No token holds a space or starts with "~", so a bigram's name splits at its one
 * space and no feature name can be read as another.
 */
class CompiledWeights {
  readonly values: Float64Array;
  readonly wordIds = new Map<string, number>();
  readonly unigramRow: Int32Array;
  /** By word id: the 5-letter prefix feature the word gives (without "~"), if any. */
  readonly prefixOfWord: (string | undefined)[] = [];
  readonly prefixRowOfWord: Int32Array;
  /** By word id: the indexes in `lexiconGroups` of the lexicon groups the word is in, if any. */
  readonly lexiconGroupsOfWord: (readonly number[] | undefined)[];
  /** Prefix rows for words the model does not know. */
  readonly prefixRows = new Map<string, number>();
  private readonly firsts: Int32Array;
  private readonly seconds: Int32Array;
  private readonly bigramRows: Int32Array;
  private readonly mask: number;

  constructor(weights: Readonly<Record<string, readonly number[]>>, classCount: number) {
    const names = Object.keys(weights);
    this.values = new Float64Array(names.length * classCount);
    const unigrams: [number, number][] = [];
    const bigrams: [number, number, number][] = [];
    const idOf = (word: string) => {
      let id = this.wordIds.get(word);
      if (id === undefined) this.wordIds.set(word, (id = this.wordIds.size));
      return id;
    };
    names.forEach((name, row) => {
      const values = weights[name]!;
      for (let k = 0; k < classCount; k++) this.values[row * classCount + k] = values[k] as number;
      const space = name.indexOf(' ');
      if (space >= 0) bigrams.push([idOf(name.slice(0, space)), idOf(name.slice(space + 1)), row]);
      else if (name.startsWith('~')) this.prefixRows.set(name.slice(1), row);
      else unigrams.push([idOf(name), row]);
    });
    // Lexicon words are words too (most have no rows), so one lookup also gives their groups.
    const lexicon = [...lexiconEntries()].map(([word, groups]) => [idOf(word), groups] as const);
    const wordCount = this.wordIds.size;
    this.lexiconGroupsOfWord = new Array(wordCount);
    for (const [id, groups] of lexicon) this.lexiconGroupsOfWord[id] = groups.map((group) => lexiconGroups.indexOf(group));
    this.unigramRow = new Int32Array(wordCount).fill(-1);
    for (const [id, row] of unigrams) this.unigramRow[id] = row;
    this.prefixRowOfWord = new Int32Array(wordCount).fill(-1);
    for (const [word, id] of this.wordIds) {
      if (word.length <= 5 || word.startsWith('<')) continue;
      const prefix = word.slice(0, 5);
      this.prefixOfWord[id] = prefix;
      this.prefixRowOfWord[id] = this.prefixRows.get(prefix) ?? -1;
    }
    let capacity = 16;
    while (capacity < bigrams.length * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.firsts = new Int32Array(capacity).fill(-1);
    this.seconds = new Int32Array(capacity);
    this.bigramRows = new Int32Array(capacity);
    for (const [first, second, row] of bigrams) {
      let slot = this.slotOf(first, second);
      while (this.firsts[slot] !== -1 && !(this.firsts[slot] === first && this.seconds[slot] === second)) slot = (slot + 1) & this.mask;
      this.firsts[slot] = first;
      this.seconds[slot] = second;
      this.bigramRows[slot] = row;
    }
  }

  private slotOf(first: number, second: number): number {
    let h = Math.imul(first ^ Math.imul(second, 0x9e3779b1), 0x85ebca77);
    h ^= h >>> 15;
    return h & this.mask;
  }

  /** The row of the bigram of two known words, or -1. */
  bigramRow(first: number, second: number): number {
    for (let slot = this.slotOf(first, second); ; slot = (slot + 1) & this.mask) {
      const at = this.firsts[slot] as number;
      if (at === -1) return -1;
      if (at === first && this.seconds[slot] === second) return this.bigramRows[slot] as number;
    }
  }
}

/** A linear softmax classifier over the model's weights; unknown features weigh nothing. */
export function createTextClassifier(model: TextModelFile, afinn: AfinnScorer = createAfinnScorer()): TextClassifier {
  const classCount = textLabels.length;
  const compiled = new CompiledWeights(model.weights, classCount);
  const { values, wordIds, unigramRow, prefixOfWord, prefixRowOfWord, prefixRows, lexiconGroupsOfWord } = compiled;
  const row = (name: string) => model.weights[name];
  const afinnPositiveRow = row(afinnPositiveFeature);
  const afinnNegativeRow = row(afinnNegativeFeature);
  const lexiconRows = new Map(lexiconGroups.map((group) => [group, row(lexiconFeatureName(group))]));
  const add = (logits: number[], row: readonly number[] | undefined, value: number) => {
    if (!row) return;
    for (let k = 0; k < classCount; k++) logits[k] = (logits[k] as number) + (row[k] as number) * value;
  };
  // Which words this call has seen, without a set per call: a word is seen when its stamp is the call's.
  const seenAt = new Int32Array(wordIds.size);
  const localIdOf = new Int32Array(wordIds.size);
  let stamp = 0;
  // Per token, reused across calls: its word id (-1 for words the table lacks) and its id among this text's distinct tokens.
  let wordOf = new Int32Array(64);
  let localIds = new Int32Array(64);
  return {
    /**
     * The same sums as `textVector` then a dot product with the weights, in the same order
     * (distinct unigrams, prefixes, bigrams, each in order of first occurrence; then AFINN and
     * the lexicon groups), so the floating-point result is identical; see classifier.test.ts.
     */
    classify(text) {
      const valenceSum = afinn.valenceSum(text);
      const tokens = featureTokens(text);
      const n = tokens.length;
      if (stamp === 0x7fffffff) {
        seenAt.fill(0);
        stamp = 0;
      }
      stamp++;
      // Rows of the distinct n-grams the model knows, in vector order; `distinct` counts them all.
      const rows: number[] = [];
      if (n > wordOf.length) {
        wordOf = new Int32Array(n * 2);
        localIds = new Int32Array(n * 2);
      }
      const firstAt: number[] = [];
      let unknown: Map<string, number> | undefined;
      let distinct = 0;
      // Lexicon group counts over every token, in `lexiconGroups` order (what lexiconCounts gives).
      const counts = lexiconGroups.map(() => 0);
      for (let i = 0; i < n; i++) {
        const token = tokens[i] as string;
        const word = wordIds.get(token);
        if (word !== undefined) {
          wordOf[i] = word;
          const groups = lexiconGroupsOfWord[word];
          if (groups) for (const group of groups) counts[group] = (counts[group] as number) + 1;
          if (seenAt[word] !== stamp) {
            seenAt[word] = stamp;
            localIdOf[word] = distinct++;
            firstAt.push(i);
            const unigram = unigramRow[word] as number;
            if (unigram >= 0) rows.push(unigram);
          }
          localIds[i] = localIdOf[word] as number;
        } else {
          wordOf[i] = -1;
          let id = (unknown ??= new Map()).get(token);
          if (id === undefined) {
            unknown.set(token, (id = distinct++));
            firstAt.push(i);
          }
          localIds[i] = id;
        }
      }
      let prefixes: Set<string> | undefined;
      for (const i of firstAt) {
        const word = wordOf[i] as number;
        let prefix: string | undefined;
        let prefixRow = -1;
        if (word >= 0) {
          prefix = prefixOfWord[word];
          prefixRow = prefixRowOfWord[word] as number;
        } else {
          const token = tokens[i] as string;
          if (token.length > 5 && !token.startsWith('<')) {
            prefix = token.slice(0, 5);
            prefixRow = prefixRows.get(prefix) ?? -1;
          }
        }
        if (prefix === undefined || (prefixes ??= new Set()).has(prefix)) continue;
        prefixes.add(prefix);
        distinct++;
        if (prefixRow >= 0) rows.push(prefixRow);
      }
      const pairs = new Set<number>();
      for (let i = 1; i < n; i++) {
        const pair = (localIds[i - 1] as number) * n + (localIds[i] as number);
        if (pairs.has(pair)) continue;
        pairs.add(pair);
        distinct++;
        const first = wordOf[i - 1] as number;
        const second = wordOf[i] as number;
        if (first < 0 || second < 0) continue;
        const bigram = compiled.bigramRow(first, second);
        if (bigram >= 0) rows.push(bigram);
      }
      const weight = distinct === 0 ? 0 : 1 / Math.sqrt(distinct);
      const logits = model.bias.slice();
      for (const r of rows) {
        const base = r * classCount;
        for (let k = 0; k < classCount; k++) logits[k] = (logits[k] as number) + (values[base + k] as number) * weight;
      }
      const valence = Math.max(-2, Math.min(2, valenceSum / 3));
      if (valence > 0) add(logits, afinnPositiveRow, valence);
      else if (valence < 0) add(logits, afinnNegativeRow, -valence);
      lexiconGroups.forEach((group, g) => {
        const value = lexiconScale * Math.min(2, counts[g] as number);
        if (value !== 0) add(logits, lexiconRows.get(group), value);
      });
      return sentimentFromProbabilities(softmaxInPlace(logits));
    },
  };
}
