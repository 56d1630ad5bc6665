import { readFileSync } from 'node:fs';

/*
 * Our own finance word lists, kept as data in packages/score/lexicon/finance.json (see its
 * "about"): four groups (a price or business moved up or down; news good or bad for a
 * company), negators, and direction words and metric words whose crossing gives the sign of a
 * reported figure ("operating profit rose", "loss narrowed", "costs fell"). The tweets the
 * classifier learns from use only some of these words ("jumps", "falls") and headlines
 * elsewhere use others ("zooms", "tanks", "slumps"); mapping them to a few group features
 * lets weight learned on the common words carry to the rare ones. Matching is on lower-cased
 * word tokens (as featureTokens gives them), exact forms.
 */

export type LexiconGroup = 'up' | 'down' | 'good' | 'bad';

/** The groups in the order their features are written. */
export const lexiconGroups: readonly LexiconGroup[] = ['up', 'down', 'good', 'bad'];

interface LexiconFile {
  readonly groups: Readonly<Record<LexiconGroup, string>>;
  readonly negators: string;
  readonly directions: { readonly up: string; readonly down: string };
  readonly metrics: { readonly good: string; readonly bad: string };
}

export const lexiconPath = new URL('../../lexicon/finance.json', import.meta.url);
const lexicon = JSON.parse(readFileSync(lexiconPath, 'utf8')) as LexiconFile;
const wordsOf = (list: string) => list.split(/\s+/).filter((w) => w !== '');

/** Bits of `WordInfo.flags`. */
export const wordFlag = {
  negator: 1,
  directionUp: 2,
  directionDown: 4,
  metricGood: 8,
  metricBad: 16,
} as const;

/** What the lexicon knows of one word: its groups (indexes in `lexiconGroups`) and flags. */
export interface WordInfo {
  readonly groups: readonly number[];
  readonly flags: number;
}

const infoOf = new Map<string, { groups: number[]; flags: number }>();
const entry = (word: string) => infoOf.get(word) ?? infoOf.set(word, { groups: [], flags: 0 }).get(word)!;
lexiconGroups.forEach((group, g) => {
  for (const word of wordsOf(lexicon.groups[group])) {
    const e = entry(word);
    if (!e.groups.includes(g)) e.groups.push(g);
  }
});
const flag = (list: string, bit: number) => {
  for (const word of wordsOf(list)) entry(word).flags |= bit;
};
flag(lexicon.negators, wordFlag.negator);
flag(lexicon.directions.up, wordFlag.directionUp);
flag(lexicon.directions.down, wordFlag.directionDown);
flag(lexicon.metrics.good, wordFlag.metricGood);
flag(lexicon.metrics.bad, wordFlag.metricBad);

/** The lexicon's entry for a token, if any (a token ending in "n't" is a negator). */
export function wordInfo(token: string): WordInfo | undefined {
  return infoOf.get(token) ?? (token.endsWith("n't") ? negatorInfo : undefined);
}
const negatorInfo: WordInfo = { groups: [], flags: wordFlag.negator };

/** Every word of the lexicon with what it knows of it. */
export function lexiconWords(): IterableIterator<[string, WordInfo]> {
  return infoOf.entries();
}

/** How many tokens of each group the text holds (tokens as `featureTokens` gives them). */
export function lexiconCounts(tokens: readonly string[]): Record<LexiconGroup, number> {
  const counts: Record<LexiconGroup, number> = { up: 0, down: 0, good: 0, bad: 0 };
  for (const token of tokens) {
    const found = infoOf.get(token);
    if (found) for (const g of found.groups) counts[lexiconGroups[g]!] += 1;
  }
  return counts;
}
