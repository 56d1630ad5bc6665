import { lexiconGroups, wordFlag, wordInfo, type WordInfo } from './finance-lexicon.ts';

/*
 * The few dense features beside the n-grams, read from our finance lexicon (finance-lexicon.ts,
 * data in lexicon/finance.json), the same for training and for classify:
 *
 * - `<lex:up>`, `<lex:down>`, `<lex:good>`, `<lex:bad>`: how many words of each group the text
 *   holds; a word within `negationScope` words after a negator ("not", "no", "didn't",
 *   "failed to") counts for the opposite group.
 * - `<fin+>`, `<fin->`: a direction word crossed with the metric it governs, the metric looked
 *   for in the few words before it ("operating profit rose", "net loss narrowed"), else just
 *   after it ("increase in net sales", "lower costs"). Up times a good metric (profit, sales,
 *   orders…) or down times a bad one (loss, costs, debt…) is `<fin+>`; the other two `<fin->`;
 *   a negator before the direction turns it around.
 */

export const denseFeatureConfig = {
  /** Each count's feature value is this times the count, at most 2 counted. */
  scale: 0.6,
  /** Words after a negator that it turns around. */
  negationScope: 3,
  negation: true,
  crosses: true,
  /** The value of each `<fin±>` count (the lexicon counts use `scale`). */
  finScale: 0.6,
  /** A direction word whose metric was found counts for `<fin±>` only, not also for `<lex:up/down>`. */
  crossSuppresses: true,
  /** How far before a direction word its metric may be, and how far after. */
  metricBefore: 5,
  metricAfter: 3,
};

export const lexiconFeatureNames = lexiconGroups.map((group) => `<lex:${group}>`);
export const financePositiveFeature = '<fin+>';
export const financeNegativeFeature = '<fin->';
/** Every dense feature name, in the order denseFeatures writes them. */
export const denseFeatureNames: readonly string[] = [...lexiconFeatureNames, financePositiveFeature, financeNegativeFeature];

const opposite = [1, 0, 3, 2]; // up↔down, good↔bad, in lexiconGroups order

/**
 * The dense feature values in `denseFeatureNames` order (0 where absent). `infos` may hold the
 * tokens' lexicon entries when the caller looked them up already.
 */
export function denseFeatureValues(tokens: readonly string[], out: Float64Array = new Float64Array(denseFeatureNames.length)): Float64Array {
  const { scale, finScale, crossSuppresses, negationScope, negation, crosses, metricBefore, metricAfter } = denseFeatureConfig;
  out.fill(0);
  const n = tokens.length;
  let lastNegator = -1000;
  let positive = 0;
  let negative = 0;
  let infos: (WordInfo | undefined)[] | undefined;
  for (let i = 0; i < n; i++) {
    const info = wordInfo(tokens[i] as string);
    if (info === undefined) continue;
    const negated = negation && i - lastNegator <= negationScope;
    if (info.flags & wordFlag.negator) lastNegator = i;
    let crossed = false;
    if (crosses && info.flags & (wordFlag.directionUp | wordFlag.directionDown)) {
      infos ??= tokens.map((t) => wordInfo(t));
      let metric = 0;
      for (let j = i - 1; j >= 0 && j >= i - metricBefore && metric === 0; j--) metric = (infos[j]?.flags ?? 0) & (wordFlag.metricGood | wordFlag.metricBad);
      for (let j = i + 1; j < n && j <= i + metricAfter && metric === 0; j++) metric = (infos[j]?.flags ?? 0) & (wordFlag.metricGood | wordFlag.metricBad);
      if (metric !== 0 && metric !== (wordFlag.metricGood | wordFlag.metricBad)) {
        let sign = (info.flags & wordFlag.directionUp ? 1 : -1) * (metric === wordFlag.metricGood ? 1 : -1);
        if (negated) sign = -sign;
        if (sign > 0) positive++;
        else negative++;
        crossed = crossSuppresses;
      }
    }
    for (const g of info.groups) {
      if (crossed && g < 2) continue; // up/down: the cross said which way this move is good
      const at = negated ? (opposite[g] as number) : g;
      out[at] = (out[at] as number) + 1;
    }
  }
  for (let g = 0; g < lexiconGroups.length; g++) out[g] = scale * Math.min(2, out[g] as number);
  out[lexiconGroups.length] = finScale * Math.min(2, positive);
  out[lexiconGroups.length + 1] = finScale * Math.min(2, negative);
  return out;
}

/** The non-zero dense features as name/value pairs (the training vector's form). */
export function denseFeatures(tokens: readonly string[]): [string, number][] {
  const values = denseFeatureValues(tokens);
  const pairs: [string, number][] = [];
  values.forEach((value, i) => {
    if (value !== 0) pairs.push([denseFeatureNames[i] as string, value]);
  });
  return pairs;
}
