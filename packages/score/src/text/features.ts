import { createRequire } from 'node:module';

/*
 * What the trained classifier sees of a text: Porter stems of its lower-cased words as
 * unigrams (natural's PorterStemmer: downgrade/downgraded/downgrades are all "downgrad") and
 * the unstemmed words as bigrams, with cash-tags, percentages and numbers folded into a few
 * shape tokens (the tweets are full of "$XYZ (+4.3% pre)" prefixes whose symbols never recur),
 * plus the dense features of dense-features.ts (AFINN valence, our finance lexicon) so that
 * finance words absent from the training texts still count.
 *
 * Stemmed unigrams replaced the raw words and their 5-letter prefixes (a poor man's stem,
 * feature set /2): in 5-fold cross-validation on train.csv, 3 fold splits × 3 seeds, macro-F1
 * went from 0.779 to 0.784 and accuracy from 0.838 to 0.842, better in 9 of 9 paired runs.
 * Tried and dropped by the same measure, none better than /2: naive-Bayes log-count-ratio
 * feature scaling (NBSVM) and interpolation with a multinomial naive Bayes, character 3–5-grams,
 * "not_" marking of negation scopes, stems also in bigrams, and prefixes beside the stems.
 */

// natural module by module, never through its package root (see afinn.ts); the stemmer is pure.
const porterStemmer: { stem(word: string): string } = createRequire(import.meta.url)('natural/lib/natural/stemmers/porter_stemmer.js');

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

/** `featureTokens` by the regular expression above: the definition the scanner below must match (features.test.ts). */
export function featureTokensByPattern(text: string): string[] {
  let lower = text.toLowerCase();
  if (lower.includes('http')) lower = lower.replace(urlPattern, ' ');
  const matches = lower.match(tokenPattern);
  if (!matches) return [];
  for (let i = 0; i < matches.length; i++) matches[i] = normalizeToken(matches[i] as string);
  return matches;
}

const isLetter = (code: number) => code >= 97 && code <= 122;
const isDigit = (code: number) => code >= 48 && code <= 57;

/**
 * The tokens of `tokenPattern`, normalised, read by one scan of the lower-cased text: shapes
 * (`<ticker>`, `<num>`, `<+pct>`…) without cutting their text out, words cut once (without a
 * trailing "'s"). The same tokens as featureTokensByPattern, at about half its cost.
 */
export function featureTokens(text: string): string[] {
  let lower = text.toLowerCase();
  if (lower.includes('http')) lower = lower.replace(urlPattern, ' ');
  const tokens: string[] = [];
  const n = lower.length;
  let i = 0;
  while (i < n) {
    const c = lower.charCodeAt(i);
    if (isLetter(c)) {
      // [a-z][a-z'&-]*[a-z] (greedy, ending at the run's last letter) or a single letter.
      let j = i + 1;
      let lastLetter = i;
      for (; j < n; j++) {
        const d = lower.charCodeAt(j);
        if (isLetter(d)) lastLetter = j;
        else if (d !== 39 /* ' */ && d !== 38 /* & */ && d !== 45 /* - */) break;
      }
      const possessive = lastLetter - 1 > i && lower.charCodeAt(lastLetter) === 115 /* s */ && lower.charCodeAt(lastLetter - 1) === 39;
      tokens.push(lower.slice(i, possessive ? lastLetter - 1 : lastLetter + 1));
      i = lastLetter + 1;
    } else if (isDigit(c) || ((c === 43 /* + */ || c === 45 /* - */) && i + 1 < n && isDigit(lower.charCodeAt(i + 1)))) {
      // [+-]?\d[\d,.]*%?
      let j = i + 1;
      while (j < n) {
        const d = lower.charCodeAt(j);
        if (isDigit(d) || d === 44 /* , */ || d === 46 /* . */) j++;
        else break;
      }
      if (j < n && lower.charCodeAt(j) === 37 /* % */) {
        tokens.push(c === 43 ? '<+pct>' : c === 45 ? '<-pct>' : '<pct>');
        j++;
      } else {
        tokens.push('<num>');
      }
      i = j;
    } else if (c === 36 /* $ */ && i + 1 < n && isLetter(lower.charCodeAt(i + 1))) {
      // \$[a-z][a-z.]*
      let j = i + 2;
      while (j < n && (isLetter(lower.charCodeAt(j)) || lower.charCodeAt(j) === 46)) j++;
      tokens.push('<ticker>');
      i = j;
    } else {
      if (c === 63) tokens.push('?');
      else if (c === 33) tokens.push('!');
      else if (c === 58) tokens.push(':');
      i++;
    }
  }
  return tokens;
}

// Stems of the words seen so far (the stemmer's regular expressions cost microseconds a word);
// emptied when full, so a long-running worker does not grow it without bound.
const stemCache = new Map<string, string>();
const stemCacheLimit = 100_000;

/**
 * The unigram feature of a token: its Porter stem for a word, the token itself for shapes
 * (`<num>`, `<ticker>`…) and `? ! :`. A stem starts with the word's first letter, so it never
 * starts with "<" nor holds a space.
 */
export function stemToken(token: string): string {
  const first = token.charCodeAt(0);
  if (!(first >= 97 && first <= 122)) return token;
  let stem = stemCache.get(token);
  if (stem === undefined) {
    if (stemCache.size >= stemCacheLimit) stemCache.clear();
    stemCache.set(token, (stem = porterStemmer.stem(token)));
  }
  return stem;
}

/** Stemmed unigrams, then bigrams of the unstemmed tokens (joined by a space, which no token contains). */
export function ngramFeatures(tokens: readonly string[]): string[] {
  const features = tokens.map(stemToken);
  for (let i = 1; i < tokens.length; i++) features.push(`${tokens[i - 1]} ${tokens[i]}`);
  return features;
}

/**
 * A text as a sparse vector: each distinct n-gram weighs 1/√(distinct n-grams), so a long
 * article and a tweet land on the same scale; the dense features (dense-features.ts) follow
 * with their own values.
 */
export interface SparseVector {
  readonly names: string[];
  readonly values: number[];
}

export function vectorize(ngrams: readonly string[], extra: readonly (readonly [name: string, value: number])[] = []): SparseVector {
  const names = [...new Set(ngrams)];
  const weight = names.length === 0 ? 0 : 1 / Math.sqrt(names.length);
  const values = names.map(() => weight);
  for (const [name, value] of extra) {
    if (value === 0) continue;
    names.push(name);
    values.push(value);
  }
  return { names, values };
}
