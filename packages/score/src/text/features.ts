/*
 * What the trained classifier sees of a text: lower-cased word unigrams and bigrams, 5-letter
 * word prefixes (a poor man's stem: downgrade/downgraded/downgrades share "~downg"), with
 * cash-tags, percentages and numbers folded into a few shape tokens (the tweets are full of
 * "$XYZ (+4.3% pre)" prefixes whose symbols never recur), plus natural's AFINN valence and our
 * finance lexicon's group counts (passed in as extra features) so that finance words absent
 * from the training tweets still count.
 */

const urlPattern = /https?:\/\/\S+/g;
// Cash-tag | signed number with optional % | word (inner ' & - allowed) | single letter |
// ? ! : (questions and "Source: headline" layouts lean neutral; each was worth a little in CV).
const tokenPattern = /\$[a-z][a-z.]*|[+-]?\d[\d,.]*%?|[a-z][a-z'&-]*[a-z]|[a-z]|[?!:]/g;

/** Shape token for numbers: the sign of a percentage carries sentiment, its digits do not. */
function foldNumber(token: string): string {
  if (!token.endsWith('%')) return '<num>';
  if (token.startsWith('+')) return '<+pct>';
  if (token.startsWith('-')) return '<-pct>';
  return '<pct>';
}

function normalizeToken(token: string): string {
  const first = token.charCodeAt(0);
  if (first === 36 /* $ */) return '<ticker>';
  if (first === 63 /* ? */ || first === 33 /* ! */ || first === 58 /* : */) return token;
  if (first === 43 || first === 45 || (first >= 48 && first <= 57)) return foldNumber(token);
  return token.endsWith("'s") ? token.slice(0, -2) : token;
}

export function featureTokens(text: string): string[] {
  const matches = text.toLowerCase().replace(urlPattern, ' ').match(tokenPattern);
  return matches ? matches.map(normalizeToken) : [];
}

/** Unigrams, `~prefix` of longer words, then bigrams (joined by a space, which no token contains). */
export function ngramFeatures(tokens: readonly string[]): string[] {
  const features = tokens.slice();
  for (const token of tokens) if (token.length > 5 && !token.startsWith('<')) features.push(`~${token.slice(0, 5)}`);
  for (let i = 1; i < tokens.length; i++) features.push(`${tokens[i - 1]} ${tokens[i]}`);
  return features;
}

/** Names of the two AFINN features; `<` cannot start a word token, so they never collide. */
export const afinnPositiveFeature = '<afinn+>';
export const afinnNegativeFeature = '<afinn->';

/**
 * A text as a sparse vector: each distinct n-gram weighs 1/√(distinct n-grams), so a long
 * article and a tweet land on the same scale; the AFINN valence sum (natural's average times
 * the word count, negations applied) is added unscaled, capped at ±2 after dividing by 3.
 */
export interface SparseVector {
  readonly names: string[];
  readonly values: number[];
}

export function vectorize(
  ngrams: readonly string[],
  afinnValenceSum: number,
  extra: readonly (readonly [name: string, value: number])[] = [],
): SparseVector {
  const names = [...new Set(ngrams)];
  const weight = names.length === 0 ? 0 : 1 / Math.sqrt(names.length);
  const values = names.map(() => weight);
  const afinn = Math.max(-2, Math.min(2, afinnValenceSum / 3));
  if (afinn > 0) {
    names.push(afinnPositiveFeature);
    values.push(afinn);
  } else if (afinn < 0) {
    names.push(afinnNegativeFeature);
    values.push(-afinn);
  }
  for (const [name, value] of extra) {
    if (value === 0) continue;
    names.push(name);
    values.push(value);
  }
  return { names, values };
}
