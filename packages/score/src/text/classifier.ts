import { createAfinnScorer, type AfinnScorer } from './afinn.ts';
import { denseFeatureNames, denseFeatureValues, denseFeatures } from './dense-features.ts';
import { afinnNegativeFeature, afinnPositiveFeature, featureTokens, ngramFeatures, stemToken, vectorize, type SparseVector } from './features.ts';
import { textLabels, type TextLabel } from './labels.ts';
import type { TextModelFile } from './model.ts';

export interface TextSentiment {
  readonly label: TextLabel;
  /** p(bullish) − p(bearish), in [−1, 1]. */
  readonly score: number;
  /** Class probabilities in `textLabels` order (bearish, bullish, neutral). */
  readonly probabilities: readonly number[];
}

/** What a text is: a whole text (a tweet, a sentence), or the context around one named entity. */
export type TextKind = 'text' | 'entity';

export interface TextClassifier {
  classify(text: string, kind?: TextKind): TextSentiment;
}

/** Present (value 1) when the text is an entity's context: per-entity labels lean less neutral than whole texts. */
export const entityContextFeature = '<ctx:entity>';

/** The classifier's input for one text; training and inference share it so they cannot drift. */
export function textVector(text: string, afinn: AfinnScorer, kind: TextKind = 'text'): SparseVector {
  const tokens = featureTokens(text);
  const dense = denseFeatures(tokens);
  if (kind === 'entity' && textKindFeatures.enabled) dense.push([entityContextFeature, 1]);
  return vectorize(ngramFeatures(tokens), afinn.valenceSum(text), dense);
}

export const textKindFeatures = { enabled: true };

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
 * The model's n-gram weights laid out for classify. Every word of the model's bigrams has a
 * word id; every stem (a unigram row of the model, or the stem of a word with an id) has a
 * stem id. By word id: its stem id; by stem id: its
 * unigram row; bigrams in an open-addressing table keyed by the two word ids. Rows are slices
 * of one Float64Array holding the model's numbers unchanged. A word the table lacks is stemmed
 * at classify time (stemToken caches). Only a string lookup or two per token is left. No token
 * or stem holds a space, so a bigram's name splits at its one space and no feature name can be
 * read as another.
 */
class CompiledWeights {
  readonly values: Float64Array;
  readonly wordIds = new Map<string, number>();
  readonly stemIds = new Map<string, number>();
  /** By word id: the id of the word's stem. */
  readonly stemOfWord: Int32Array;
  /** By stem id: the stem's unigram row, or -1. */
  readonly unigramRow: Int32Array;
  private readonly firsts: Int32Array;
  private readonly seconds: Int32Array;
  private readonly bigramRows: Int32Array;
  private readonly mask: number;

  /** The same rows for an entity's context: `values` plus the model's entity deltas (or `values` itself when it has none). */
  readonly entityValues: Float64Array;

  constructor(weights: Readonly<Record<string, readonly number[]>>, classCount: number, entityDeltas?: Readonly<Record<string, readonly number[]>>) {
    const names = Object.keys(weights);
    if (entityDeltas) for (const name of Object.keys(entityDeltas)) if (!(name in weights)) names.push(name);
    this.values = new Float64Array(names.length * classCount);
    this.entityValues = entityDeltas ? new Float64Array(names.length * classCount) : this.values;
    const unigrams: [number, number][] = [];
    const bigrams: [number, number, number][] = [];
    const idIn = (ids: Map<string, number>, key: string) => {
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = ids.size));
      return id;
    };
    const wordId = (word: string) => idIn(this.wordIds, word);
    names.forEach((name, row) => {
      const values = weights[name];
      const delta = entityDeltas?.[name];
      for (let k = 0; k < classCount; k++) {
        this.values[row * classCount + k] = values?.[k] ?? 0;
        if (entityDeltas) this.entityValues[row * classCount + k] = (values?.[k] ?? 0) + (delta?.[k] ?? 0);
      }
      const space = name.indexOf(' ');
      if (space >= 0) bigrams.push([wordId(name.slice(0, space)), wordId(name.slice(space + 1)), row]);
      else unigrams.push([idIn(this.stemIds, name), row]);
    });
    const wordCount = this.wordIds.size;
    this.stemOfWord = new Int32Array(wordCount);
    for (const [word, id] of this.wordIds) this.stemOfWord[id] = idIn(this.stemIds, stemToken(word));
    this.unigramRow = new Int32Array(this.stemIds.size).fill(-1);
    for (const [id, row] of unigrams) this.unigramRow[id] = row;
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
  const compiled = new CompiledWeights(model.weights, classCount, model.entityWeights);
  const { wordIds, stemIds, stemOfWord, unigramRow } = compiled;
  // The few named rows, per kind of text: a whole text's, and an entity context's (with its delta).
  const rowsFor = (kind: TextKind) => {
    const row = (name: string): readonly number[] | undefined => {
      const text = model.weights[name];
      const delta = kind === 'entity' ? model.entityWeights?.[name] : undefined;
      if (!delta) return text;
      return delta.map((d, k) => (text?.[k] ?? 0) + d);
    };
    return {
      values: kind === 'entity' ? compiled.entityValues : compiled.values,
      afinnPositive: row(afinnPositiveFeature),
      afinnNegative: row(afinnNegativeFeature),
      dense: denseFeatureNames.map(row),
      entityContext: kind === 'entity' ? row(entityContextFeature) : undefined,
    };
  };
  const byKind = { text: rowsFor('text'), entity: rowsFor('entity') };
  const dense = new Float64Array(denseFeatureNames.length);
  const add = (logits: number[], row: readonly number[] | undefined, value: number) => {
    if (!row) return;
    for (let k = 0; k < classCount; k++) logits[k] = (logits[k] as number) + (row[k] as number) * value;
  };
  // Which words and stems this call has seen, without a set per call: seen when the stamp is the call's.
  const wordSeenAt = new Int32Array(wordIds.size);
  const localIdOf = new Int32Array(wordIds.size);
  const stemSeenAt = new Int32Array(stemIds.size);
  let stamp = 0;
  // Per token, reused across calls: its word id (-1 for words the table lacks) and its id among this text's distinct tokens.
  let wordOf = new Int32Array(64);
  let localIds = new Int32Array(64);
  return {
    /**
     * The same sums as `textVector` then a dot product with the weights, in the same order
     * (distinct stems, then distinct bigrams, each in order of first occurrence; then AFINN, the
     * dense lexicon features and the entity-context feature), so the floating-point result is
     * identical; see classifier.test.ts. An entity's context reads the entity rows (whole-text
     * rows plus the model's entity deltas).
     */
    classify(text, kind = 'text') {
      const { values, afinnPositive: afinnPositiveRow, afinnNegative: afinnNegativeRow, dense: denseRows, entityContext: entityContextRow } = byKind[kind];
      const valenceSum = afinn.valenceSum(text);
      const tokens = featureTokens(text);
      const n = tokens.length;
      if (stamp === 0x7fffffff) {
        wordSeenAt.fill(0);
        stemSeenAt.fill(0);
        stamp = 0;
      }
      stamp++;
      // Rows of the distinct n-grams the model knows, in vector order; `distinct` counts them all.
      const rows: number[] = [];
      if (n > wordOf.length) {
        wordOf = new Int32Array(n * 2);
        localIds = new Int32Array(n * 2);
      }
      let unknownWords: Map<string, number> | undefined;
      let unknownStems: Set<string> | undefined;
      let distinctTokens = 0;
      let distinct = 0;
      for (let i = 0; i < n; i++) {
        const token = tokens[i] as string;
        const word = wordIds.get(token);
        let stem: number | undefined;
        if (word !== undefined) {
          wordOf[i] = word;
          if (wordSeenAt[word] !== stamp) {
            wordSeenAt[word] = stamp;
            localIdOf[word] = distinctTokens++;
          }
          localIds[i] = localIdOf[word] as number;
          stem = stemOfWord[word] as number;
        } else {
          wordOf[i] = -1;
          let id = (unknownWords ??= new Map()).get(token);
          if (id === undefined) unknownWords.set(token, (id = distinctTokens++));
          localIds[i] = id;
          const stemText = stemToken(token);
          stem = stemIds.get(stemText);
          if (stem === undefined) {
            if (!(unknownStems ??= new Set()).has(stemText)) {
              unknownStems.add(stemText);
              distinct++;
            }
            continue;
          }
        }
        if (stemSeenAt[stem] !== stamp) {
          stemSeenAt[stem] = stamp;
          distinct++;
          const unigram = unigramRow[stem] as number;
          if (unigram >= 0) rows.push(unigram);
        }
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
      denseFeatureValues(tokens, dense);
      for (let d = 0; d < dense.length; d++) if (dense[d] !== 0) add(logits, denseRows[d], dense[d] as number);
      if (entityContextRow && textKindFeatures.enabled) add(logits, entityContextRow, 1);
      return sentimentFromProbabilities(softmaxInPlace(logits));
    },
  };
}
