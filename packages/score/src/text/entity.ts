import { labelFromAfinn, type AfinnScorer } from './afinn.ts';
import type { TextClassifier, TextSentiment } from './classifier.ts';
import type { EntityHeadline } from './datasets.ts';
import { polarityOf, type EntityPolarity } from './labels.ts';
import { evaluateClassification, type ClassificationReport } from './metrics.ts';

/*
 * Sentiment toward one named entity in a headline. Headlines often carry two stories ("X up,
 * Y down", "X slips after Y downgrades it"), so the entity is scored on its own clause, not
 * the whole line; and an entity that is only the source (the broker that upgrades, the person
 * quoted) gets neutral, since the news is not about it.
 *
 * The classifier learned tweet vocabulary only; when it calls a clause neutral but natural's
 * financial AFINN lexicon finds valence there (beyond the band tuned on train.csv), the lexicon
 * decides. On SEntFiN that fallback is worth ~6 points, clause scoring ~3 more.
 */

/** What scoring an entity needs: the trained classifier and the AFINN lexicon scorer. */
export interface EntityScorers {
  readonly classifier: TextClassifier;
  readonly afinn: AfinnScorer;
}

export interface EntitySentiment extends TextSentiment {
  readonly polarity: EntityPolarity;
  /** The part of the headline that was scored. */
  readonly context: string;
  /** Why: the entity's clause, the whole text (entity not found), or a source rule. */
  readonly basis: 'clause' | 'whole-text' | 'source';
  /** Which scorer gave the label: the classifier, or the lexicon where the classifier said neutral. */
  readonly decidedBy: 'classifier' | 'lexicon' | 'rule';
}

export interface Mention {
  readonly start: number;
  readonly end: number;
}

function isWordCharacter(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

/** First case-insensitive whole-word occurrence of the entity; else of its longest word. */
export function findMention(text: string, entity: string): Mention | undefined {
  const haystack = text.toLowerCase();
  const tryFind = (needle: string): Mention | undefined => {
    if (needle.length === 0) return undefined;
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
      const end = at + needle.length;
      if (!isWordCharacter(haystack[at - 1]) && !isWordCharacter(haystack[end])) return { start: at, end };
    }
    return undefined;
  };
  const whole = tryFind(entity.trim().toLowerCase());
  if (whole) return whole;
  const words = entity.toLowerCase().split(/\s+/).filter((w) => w.length >= 3);
  const longest = words.sort((a, b) => b.length - a.length)[0];
  return longest ? tryFind(longest) : undefined;
}

// Where one story ends and another begins: punctuation, contrast words, and the
// connectives that introduce a cause ("X falls after Y cuts…", "X up as Y down").
const clauseBoundary =
  /\s*[,;|]\s+|\s+[-–—]\s+|:\s+|\s+(?:but|while|whereas|as|after|amid|despite|on|ahead of|following|even as|though|although|vs\.?|versus)\s+/gi;

interface Clause {
  readonly start: number;
  readonly end: number;
}

function clausesOf(text: string): Clause[] {
  const clauses: Clause[] = [];
  let start = 0;
  for (const match of text.matchAll(clauseBoundary)) {
    clauses.push({ start, end: match.index });
    start = match.index + match[0].length;
  }
  clauses.push({ start, end: text.length });
  return clauses.filter((c) => c.end > c.start);
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * The clause holding the mention, grown into its neighbours while it has fewer than two words
 * besides the entity: a list ("A, B rise 4%") shares the verb of its last clause.
 */
export function clauseAround(text: string, mention: Mention): string {
  const clauses = clausesOf(text);
  let first = clauses.findIndex((c) => mention.start < c.end && mention.end > c.start);
  if (first < 0) return text;
  let last = first;
  const entityWords = wordCount(text.slice(mention.start, mention.end));
  const ownWords = (): number => wordCount(text.slice(clauses[first]!.start, clauses[last]!.end)) - entityWords;
  while (ownWords() < 2 && last + 1 < clauses.length) last++;
  while (ownWords() < 2 && first > 0) first--;
  return text.slice(clauses[first]!.start, clauses[last]!.end);
}

// Verbs and nouns that make the entity before them a broker or commentator, not the subject.
const sourceAfter =
  /^\s*(?:'s\s+)?(?:upgrades?|downgrades?|upgraded|downgraded|initiates?|reiterates?|maintains?|rates|raises target|cuts target|sets target|target|price target|says|said|sees|expects|predicts|recommends|report|research|analysts?|survey|poll)\b/i;
// Prepositions that introduce the source: "cut at Berenberg", "upgrade by CLSA", "according to".
const sourceBefore = /\b(?:at|by|from|according to|says|via|per|with)\s*$/i;

function isSource(text: string, mention: Mention): boolean {
  if (sourceAfter.test(text.slice(mention.end))) return true;
  if (sourceBefore.test(text.slice(0, mention.start))) return true;
  // "Headline text: Jane Doe, Some Capital": the byline after the last colon.
  const lastColon = text.lastIndexOf(':');
  return lastColon >= 0 && mention.start > lastColon && wordCount(text.slice(lastColon + 1)) <= 8;
}

const neutralSentiment: TextSentiment = { label: 'neutral', score: 0, probabilities: [0, 0, 1] };

/** The classifier's verdict, or the lexicon's where the classifier abstains (see the top). */
export function classifyWithLexiconFallback(
  scorers: EntityScorers,
  text: string,
): TextSentiment & { decidedBy: 'classifier' | 'lexicon' } {
  const sentiment = scorers.classifier.classify(text);
  if (sentiment.label !== 'neutral') return { ...sentiment, decidedBy: 'classifier' };
  const lexiconLabel = labelFromAfinn(scorers.afinn.score(text));
  if (lexiconLabel === 'neutral') return { ...sentiment, decidedBy: 'classifier' };
  return { ...sentiment, label: lexiconLabel, decidedBy: 'lexicon' };
}

/** Sentiment toward `entity` (a name as a watch list gives it) in `text`. */
export function scoreEntity(scorers: EntityScorers, text: string, entity: string): EntitySentiment {
  const mention = findMention(text, entity);
  if (mention && isSource(text, mention)) {
    return { ...neutralSentiment, polarity: 'neutral', context: text.slice(mention.start, mention.end), basis: 'source', decidedBy: 'rule' };
  }
  const context = mention ? clauseAround(text, mention) : text;
  const sentiment = classifyWithLexiconFallback(scorers, context);
  return { ...sentiment, polarity: polarityOf(sentiment.label), context, basis: mention ? 'clause' : 'whole-text' };
}

export const entityPolarities = ['negative', 'positive', 'neutral'] as const satisfies readonly EntityPolarity[];

export type EntityPolarityScorer = (text: string, entity: string) => { readonly polarity: EntityPolarity };

/** Per-entity accuracy (and the rest of the report) over SEntFiN-style headlines. */
export function evaluateEntities(
  headlines: readonly EntityHeadline[],
  score: EntityPolarityScorer,
): ClassificationReport<EntityPolarity> {
  const expected: EntityPolarity[] = [];
  const predicted: EntityPolarity[] = [];
  for (const headline of headlines) {
    for (const [entity, polarity] of headline.entities) {
      expected.push(polarity);
      predicted.push(score(headline.text, entity).polarity);
    }
  }
  return evaluateClassification(entityPolarities, expected, predicted);
}
