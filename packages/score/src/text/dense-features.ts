import type { AfinnScorer } from './afinn.ts';
import { lexiconGroups, wordFlag, wordInfo } from './finance-lexicon.ts';

/*
 * The few dense features beside the n-grams, read per token from our finance lexicon
 * (finance-lexicon.ts, data in lexicon/finance.json) and natural's AFINN financial vocabulary,
 * the same for training and for classify:
 *
 * - `<lex:up>`, `<lex:down>`, `<lex:good>`, `<lex:bad>`: how many words of each group the text
 *   holds; a word within `negationScope` words after a negator ("not", "no", "didn't",
 *   "failed to") counts for the opposite group.
 * - `<fin+>`, `<fin->`: a direction word crossed with the metric it governs, the metric looked
 *   for in the few words before it ("operating profit rose", "net loss narrowed"), else just
 *   after it ("increase in net sales", "lower costs"). Up times a good metric (profit, sales,
 *   orders…) or down times a bad one (loss, costs, debt…) is `<fin+>`; the other two `<fin->`;
 *   a negator before the direction turns it around. Such a word then does not also count as
 *   a plain up or down move ("costs fell" is good news).
 * - `<afinn+>`, `<afinn->`: the sum of the AFINN valences of the tokens (negated in a
 *   negation's scope), capped at ±2 after dividing by 3. Read from our tokens, not by a second
 *   pass of natural's tokenizer over the text (feature set /3 did that: a quarter of classify).
 */

export const denseFeatureConfig = {
  /** Each count's feature value is this times the count, at most 2 counted. */
  scale: 0.6,
  /** The value of each `<fin±>` count. */
  finScale: 0.6,
  /** Words after a negator that it turns around. */
  negationScope: 3,
  negation: true,
  crosses: true,
  /** A direction word whose metric was found counts for `<fin±>` only, not also for `<lex:up/down>`. */
  crossSuppresses: true,
  /** How far before a direction word its metric may be, and how far after. */
  metricBefore: 5,
  metricAfter: 3,
};

export const lexiconFeatureNames = lexiconGroups.map((group) => `<lex:${group}>`);
export const financePositiveFeature = '<fin+>';
export const financeNegativeFeature = '<fin->';
/** Names of the two AFINN features; `<` cannot start a word token, so they never collide. */
export const afinnPositiveFeature = '<afinn+>';
export const afinnNegativeFeature = '<afinn->';
/** Every dense feature name, in the order denseFeatureValues writes them. */
export const denseFeatureNames: readonly string[] = [...lexiconFeatureNames, financePositiveFeature, financeNegativeFeature, afinnPositiveFeature, afinnNegativeFeature];

/** What the dense features read of one token: its lexicon groups and flags, and its AFINN valence. */
export interface TokenLexicon {
  readonly groups: readonly number[];
  readonly flags: number;
  readonly valence: number;
}

const noGroups: readonly number[] = [];

/** A token's entry, or undefined for a token neither list knows. Cached per AFINN vocabulary. */
export function tokenLexicon(afinn: AfinnScorer): (token: string) => TokenLexicon | undefined {
  let lookup = lookups.get(afinn);
  if (!lookup) {
    const vocabulary = afinn.vocabulary;
    lookup = (token) => {
      const info = wordInfo(token);
      const valence = vocabulary.get(token) ?? 0;
      if (!info && valence === 0) return undefined;
      return { groups: info?.groups ?? noGroups, flags: info?.flags ?? 0, valence };
    };
    lookups.set(afinn, lookup);
  }
  return lookup;
}
const lookups = new WeakMap<AfinnScorer, (token: string) => TokenLexicon | undefined>();

const opposite = [1, 0, 3, 2]; // up↔down, good↔bad, in lexiconGroups order
const metricFlags = wordFlag.metricGood | wordFlag.metricBad;
const directionFlags = wordFlag.directionUp | wordFlag.directionDown;
const groupCount = lexiconGroups.length;

/**
 * The dense feature values in `denseFeatureNames` order (0 where absent), from the lexicon
 * entries of a text's `n` tokens in order (undefined for a token no list knows).
 */
export function denseFeatureValues(entries: ArrayLike<TokenLexicon | undefined>, n: number, out: Float64Array = new Float64Array(denseFeatureNames.length)): Float64Array {
  const { scale, finScale, crossSuppresses, negationScope, negation, crosses, metricBefore, metricAfter } = denseFeatureConfig;
  out.fill(0);
  let lastNegator = -1000;
  let positive = 0;
  let negative = 0;
  let valence = 0;
  for (let i = 0; i < n; i++) {
    const entry = entries[i];
    if (entry === undefined) continue;
    const negated = negation && i - lastNegator <= negationScope;
    const flags = entry.flags;
    if (flags & wordFlag.negator) lastNegator = i;
    valence += negated ? -entry.valence : entry.valence;
    let crossed = false;
    if (crosses && flags & directionFlags) {
      let metric = 0;
      for (let j = i - 1; j >= 0 && j >= i - metricBefore && metric === 0; j--) metric = (entries[j]?.flags ?? 0) & metricFlags;
      for (let j = i + 1; j < n && j <= i + metricAfter && metric === 0; j++) metric = (entries[j]?.flags ?? 0) & metricFlags;
      if (metric !== 0 && metric !== metricFlags) {
        let sign = (flags & wordFlag.directionUp ? 1 : -1) * (metric === wordFlag.metricGood ? 1 : -1);
        if (negated) sign = -sign;
        if (sign > 0) positive++;
        else negative++;
        crossed = crossSuppresses;
      }
    }
    for (const g of entry.groups) {
      if (crossed && g < 2) continue; // up/down: the cross said which way this move is good
      const at = negated ? (opposite[g] as number) : g;
      out[at] = (out[at] as number) + 1;
    }
  }
  for (let g = 0; g < groupCount; g++) out[g] = scale * Math.min(2, out[g] as number);
  out[groupCount] = finScale * Math.min(2, positive);
  out[groupCount + 1] = finScale * Math.min(2, negative);
  const afinn = Math.max(-2, Math.min(2, valence / 3));
  out[groupCount + 2] = afinn > 0 ? afinn : 0;
  out[groupCount + 3] = afinn < 0 ? -afinn : 0;
  return out;
}

/** The non-zero dense features of a text's tokens as name/value pairs (the training vector's form). */
export function denseFeatures(tokens: readonly string[], afinn: AfinnScorer): [string, number][] {
  const lookup = tokenLexicon(afinn);
  const values = denseFeatureValues(tokens.map(lookup), tokens.length);
  const pairs: [string, number][] = [];
  values.forEach((value, i) => {
    if (value !== 0) pairs.push([denseFeatureNames[i] as string, value]);
  });
  return pairs;
}
