import { createAfinnScorer, type AfinnScorer } from './afinn.ts';
import { denseFeatureNames, denseFeatureValues, denseFeatures, tokenLexicon, type TokenLexicon } from './dense-features.ts';
import { featureTokens, ngramFeatures, stemToken, vectorize, type SparseVector } from './features.ts';
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
  const dense = denseFeatures(tokens, afinn);
  if (kind === 'entity' && textKindFeatures.enabled) dense.push([entityContextFeature, 1]);
  return vectorize(ngramFeatures(tokens), dense);
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

/** A distinct stem: its unigram row (-1 when the model has none), and the last call that saw it. */
class StemEntry {
  seenAt = 0;
  readonly row: number;
  constructor(row: number) {
    this.row = row;
  }
}

/**
 * A distinct token: its word id for bigrams (-1 when it is in no bigram of the model), its
 * stem, its lexicon entry; `seenAt` and `localId` are scratch for the call that last saw it.
 */
class TokenEntry {
  seenAt = 0;
  localId = 0;
  readonly word: number;
  readonly stem: StemEntry;
  readonly lexicon: TokenLexicon | undefined;
  constructor(word: number, stem: StemEntry, lexicon: TokenLexicon | undefined) {
    this.word = word;
    this.stem = stem;
    this.lexicon = lexicon;
  }
}

/** Tokens and stems outside the model are remembered too, up to this many (then forgotten at once). */
const extraEntryLimit = 100_000;

/**
 * The model's weights laid out for classify: one string lookup per token gives everything the
 * token contributes (its stem's unigram row, its bigram word id, its lexicon entry), and the
 * entries carry per-call scratch so distinct stems and tokens are counted without a set per
 * call. Bigrams sit in an open-addressing table keyed by the two word ids. Rows are slices of
 * one Float64Array holding the model's numbers unchanged (and one more holding the entity
 * rows: whole-text rows plus the model's entity deltas). No token or stem holds a space, so a
 * bigram's name splits at its one space and no feature name can be read as another.
 */
class CompiledWeights {
  readonly values: Float64Array;
  readonly entityValues: Float64Array;
  // The model's tokens and stems, then those met outside the model (`extra` of them, forgotten
  // together when too many): one map each, so a token costs one lookup.
  private tokens = new Map<string, TokenEntry>();
  private stems = new Map<string, StemEntry>();
  private modelTokens: [string, TokenEntry][] = [];
  private modelStems: [string, StemEntry][] = [];
  private extra = 0;
  private readonly firsts: Int32Array;
  private readonly seconds: Int32Array;
  private readonly bigramRows: Int32Array;
  private readonly mask: number;
  private readonly lexicon: (token: string) => TokenLexicon | undefined;

  constructor(
    weights: Readonly<Record<string, readonly number[]>>,
    classCount: number,
    entityDeltas: Readonly<Record<string, readonly number[]>> | undefined,
    lexicon: (token: string) => TokenLexicon | undefined,
  ) {
    this.lexicon = lexicon;
    const names = Object.keys(weights);
    if (entityDeltas) for (const name of Object.keys(entityDeltas)) if (!(name in weights)) names.push(name);
    this.values = new Float64Array(names.length * classCount);
    this.entityValues = entityDeltas ? new Float64Array(names.length * classCount) : this.values;
    const bigramWords = new Map<string, number>();
    const wordId = (word: string) => bigramWords.get(word) ?? bigramWords.set(word, bigramWords.size).get(word)!;
    const bigrams: [number, number, number][] = [];
    names.forEach((name, row) => {
      const values = weights[name];
      const delta = entityDeltas?.[name];
      for (let k = 0; k < classCount; k++) {
        this.values[row * classCount + k] = values?.[k] ?? 0;
        if (entityDeltas) this.entityValues[row * classCount + k] = (values?.[k] ?? 0) + (delta?.[k] ?? 0);
      }
      const space = name.indexOf(' ');
      if (space >= 0) bigrams.push([wordId(name.slice(0, space)), wordId(name.slice(space + 1)), row]);
      else this.stems.set(name, new StemEntry(row));
    });
    for (const [word, id] of bigramWords) this.tokens.set(word, new TokenEntry(id, this.stemEntry(stemToken(word)), lexicon(word)));
    this.modelTokens = [...this.tokens];
    this.modelStems = [...this.stems];
    this.extra = 0;
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

  private stemEntry(stem: string): StemEntry {
    let entry = this.stems.get(stem);
    if (entry === undefined) {
      this.stems.set(stem, (entry = new StemEntry(-1)));
      this.extra++;
    }
    return entry;
  }

  /** Everything classify needs of a token, looked up once. */
  entry(token: string): TokenEntry {
    let entry = this.tokens.get(token);
    if (entry === undefined) {
      this.tokens.set(token, (entry = new TokenEntry(-1, this.stemEntry(stemToken(token)), this.lexicon(token))));
      this.extra++;
    }
    return entry;
  }

  /** Forgets the tokens and stems outside the model once there are too many (between calls only). */
  trim(): void {
    if (this.extra < extraEntryLimit) return;
    this.tokens = new Map(this.modelTokens);
    this.stems = new Map(this.modelStems);
    this.extra = 0;
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
  const compiled = new CompiledWeights(model.weights, classCount, model.entityWeights, tokenLexicon(afinn));
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
      dense: denseFeatureNames.map(row),
      entityContext: kind === 'entity' ? row(entityContextFeature) : undefined,
    };
  };
  const byKind = { text: rowsFor('text'), entity: rowsFor('entity') };
  const dense = new Float64Array(denseFeatureNames.length);
  let stamp = 0;
  // Per token, reused across calls: its word id, its id among this text's distinct tokens, its lexicon entry.
  let wordOf = new Int32Array(64);
  let localIds = new Int32Array(64);
  let lexicon: (TokenLexicon | undefined)[] = new Array(64);
  let pairCapacity = 128;
  let pairKeys = new Int32Array(pairCapacity);
  let pairStamps = new Float64Array(pairCapacity);
  return {
    /**
     * The same sums as `textVector` then a dot product with the weights, in the same order
     * (distinct stems, then distinct bigrams, each in order of first occurrence; then the dense
     * features and the entity-context feature), so the floating-point result is identical; see
     * classifier.test.ts. An entity's context reads the entity rows.
     */
    classify(text, kind = 'text') {
      const { values, dense: denseRows, entityContext: entityContextRow } = byKind[kind];
      const tokens = featureTokens(text);
      const n = tokens.length;
      compiled.trim();
      stamp++;
      if (n > wordOf.length) {
        wordOf = new Int32Array(n * 2);
        localIds = new Int32Array(n * 2);
        lexicon = new Array(n * 2);
      }
      // Rows of the distinct n-grams the model knows, in vector order; `distinct` counts them all.
      const rows: number[] = [];
      let distinctTokens = 0;
      let distinct = 0;
      for (let i = 0; i < n; i++) {
        const entry = compiled.entry(tokens[i] as string);
        wordOf[i] = entry.word;
        lexicon[i] = entry.lexicon;
        if (entry.seenAt !== stamp) {
          entry.seenAt = stamp;
          entry.localId = distinctTokens++;
          const stem = entry.stem;
          if (stem.seenAt !== stamp) {
            stem.seenAt = stamp;
            distinct++;
            if (stem.row >= 0) rows.push(stem.row);
          }
        }
        localIds[i] = entry.localId;
      }
      // Distinct bigrams by their two local token ids, in a table reused across calls (a slot
      // is taken when its stamp is this call's).
      if (pairCapacity < n * 2) {
        while (pairCapacity < n * 2) pairCapacity *= 2;
        pairKeys = new Int32Array(pairCapacity);
        pairStamps = new Float64Array(pairCapacity);
      }
      const pairMask = pairCapacity - 1;
      for (let i = 1; i < n; i++) {
        const pair = (localIds[i - 1] as number) * n + (localIds[i] as number);
        let slot = Math.imul(pair, 0x9e3779b1) >>> 0 & pairMask;
        while (pairStamps[slot] === stamp && pairKeys[slot] !== pair) slot = (slot + 1) & pairMask;
        if (pairStamps[slot] === stamp) continue;
        pairStamps[slot] = stamp;
        pairKeys[slot] = pair;
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
      denseFeatureValues(lexicon, n, dense);
      for (let d = 0; d < dense.length; d++) {
        const value = dense[d] as number;
        const row = denseRows[d];
        if (value === 0 || !row) continue;
        for (let k = 0; k < classCount; k++) logits[k] = (logits[k] as number) + (row[k] as number) * value;
      }
      if (entityContextRow && textKindFeatures.enabled) for (let k = 0; k < classCount; k++) logits[k] = (logits[k] as number) + (entityContextRow[k] as number);
      return sentimentFromProbabilities(softmaxInPlace(logits));
    },
  };
}
