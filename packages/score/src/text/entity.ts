import type { MarketEvent } from '@tickerwire/core';
import { creditAgencyName, extractEvents, speaksOfCredit, splitSentences } from '@tickerwire/extract';
import { eventSignal } from '../rules.ts';
import { afinnNeutralBand, labelFromAfinn, type AfinnScorer } from './afinn.ts';
import type { TextClassifier, TextSentiment } from './classifier.ts';
import type { EntityHeadline } from './datasets.ts';
import { featureTokens } from './features.ts';
import { relationFor } from './relations.ts';
import { lexiconCounts } from './finance-lexicon.ts';
import { polarityOf, type EntityPolarity } from './labels.ts';
import { evaluateClassification, type ClassificationReport } from './metrics.ts';

/*
 * Sentiment toward one named entity in a headline. Headlines often carry two stories ("X up,
 * Y down", "X slips after Y downgrades it"), so the entity is scored on its own clause, not
 * the whole line; and an entity that is only the source (the broker that upgrades, the person
 * quoted) gets neutral, since the news is not about it.
 *
 * Before the classifier, two small rules read the words next to the entity: a recommendation
 * ("Buy X", "Bearish on X", "X a good buy") and a move stated of it ("X shares slump", "X Q4 net
 * rises"; our up/down lexicon, finance-lexicon.ts). Together worth ~3.3 points on SEntFiN.
 *
 * The classifier learned tweet vocabulary only; when it calls a clause neutral but natural's
 * financial AFINN lexicon finds valence there (beyond the band tuned on train.csv), the lexicon
 * decides, provided the classifier's own score leans the same way ("net profit at Rs 5 crore"
 * is neutral news with a positive word). On SEntFiN that fallback is worth ~6 points, clause
 * scoring ~3 more.
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
  /** Why: the entity's clause, the whole text (entity not found), a source rule, or a recommendation rule. */
  readonly basis: 'clause' | 'whole-text' | 'source' | 'recommendation' | 'events';
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
/** Whole-word occurrences of the entity, else of its longest word, in order, at most `limit`. */
export function findMentions(text: string, entity: string, limit = 5): Mention[] {
  const haystack = text.toLowerCase();
  const all = (needle: string): Mention[] => {
    const found: Mention[] = [];
    if (needle.length === 0) return found;
    for (let at = haystack.indexOf(needle); at >= 0 && found.length < limit; at = haystack.indexOf(needle, at + 1)) {
      const end = at + needle.length;
      if (!isWordCharacter(haystack[at - 1]) && !isWordCharacter(haystack[end])) found.push({ start: at, end });
    }
    return found;
  };
  const whole = all(entity.trim().toLowerCase());
  if (whole.length > 0) return whole;
  const longest = entity.toLowerCase().split(/\s+/).filter((w) => w.length >= 3).sort((a, b) => b.length - a.length)[0];
  return longest ? all(longest) : [];
}

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
// Written so that each alternative starts at one fixed character (a punctuation mark or one
// space), which lets the engine skip ahead; the spaces before a boundary are trimmed off the
// clause instead of being matched (the same clauses as matching them, several times faster).
const clauseBoundary =
  /[,;|]\s+|\s[-–—]\s+|:\s+|\s(?:but|while|whereas|as|after|amid|despite|on|ahead of|following|even as|though|although|vs\.?|versus)\s+/gi;

const exchangeBefore = /\(\s*[A-Za-z][A-Za-z.]{1,9}$/;

export interface Clause {
  readonly start: number;
  readonly end: number;
}

function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

export function clausesOf(text: string): Clause[] {
  const clauses: Clause[] = [];
  let start = 0;
  for (const match of text.matchAll(clauseBoundary)) {
    // "(NYSE: BA)", "(HKEX: 2015)": the colon of an exchange code ends no clause.
    if (entityRules.exchangeColon && match[0].charCodeAt(0) === 58 /* : */ && exchangeBefore.test(text.slice(Math.max(0, match.index - 12), match.index))) continue;
    let end = match.index;
    // A colon ends its clause right there; the other boundaries take the spaces before them.
    if (match[0].charCodeAt(0) !== 58 /* : */) while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    clauses.push({ start, end });
    start = match.index + match[0].length;
  }
  clauses.push({ start, end: text.length });
  return clauses.filter((c) => c.end > c.start);
}

const letterOrDigit = /[\p{L}\p{N}]/u;

/** Space-separated words holding a letter or digit (any script), counted by code unit. */
function wordCount(text: string): number {
  let count = 0;
  let inWord = false;
  let counted = false;
  let wordStart = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 32;
    if (isSpace(code)) {
      // A word of other scripts is judged whole (letters outside the BMP are two code units).
      if (inWord && !counted && letterOrDigit.test(text.slice(wordStart, i))) count++;
      inWord = false;
      continue;
    }
    if (!inWord) {
      inWord = true;
      counted = false;
      wordStart = i;
    }
    if (!counted && code < 128 && ((code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122))) {
      counted = true;
      count++;
    }
  }
  return count;
}

/**
 * The clause holding the mention, grown into its neighbours while it has fewer than two words
 * besides the entity: a list ("A, B rise 4%") shares the verb of its last clause.
 */
// A sentence naming several companies is asked once per company: the caller may split it once
// (`clausesOf`) and pass the clauses; nothing is kept between calls.
export function clauseAround(text: string, mention: Mention, clauses: readonly Clause[] = clausesOf(text)): string {
  let first = clauses.findIndex((c) => mention.start < c.end && mention.end > c.start);
  if (first < 0) return text;
  let last = first;
  const entityWords = wordCount(text.slice(mention.start, mention.end));
  // "Barclays, by contrast, reported record profits": an aside says nothing of the company; read on to its verb.
  const ownWords = (): number => wordCount(text.slice(clauses[first]!.start, clauses[last]!.end).replace(discourseAside, ' ')) - entityWords;
  while (ownWords() < 2 && last + 1 < clauses.length) last++;
  while (ownWords() < 2 && first > 0) first--;
  return text.slice(clauses[first]!.start, clauses[last]!.end);
}

const discourseAside = /,\s+(?:which|who)\s[^,;]*(?:,|$)|\b(?:by\s+contrast|in\s+contrast|however|meanwhile|for\s+its\s+part|on\s+the\s+other\s+hand|instead|likewise|similarly|too|also|though|in\s+turn)\b/gi;

// Verbs and nouns that make the entity before them a broker or commentator, not the subject.
// ("X upgraded" is passive, X is the subject; "X maintains" is a source only with a rating.)
const sourceAfter =
  /^\s*(?:'s\s+)?(?:upgrades?|downgrades?|initiates?|reiterates?|maintains?\s+(?:['"‘“]|(?:its\s+|a\s+|an\s+)?(?:buy|sell|hold|neutral|overweight|underweight|outperform|underperform|equal|market|rating|target|price target|\w+\s+target))|rates|raises target|cuts target|sets target|target|price target|recommends|report|research|analysts?|survey|poll)\b/i;
// Speech verbs: "Jane Doe says…" is a source, but "Contoso sees better first half" is the company's own news.
const speechAfter = /^\s*(?:'s\s+)?(?:says|said|sees|expects|predicts)\b/i;
// Prepositions that introduce the source: "cut at Berenberg", "upgrade by CLSA", "according to".
const sourceBefore = /\b(?:at|by|from|according to|says|via|per|with)\s*$/i;
// "lifted by X", "led by X", "dragged down by X": after these, X is the cause of the move, not a source.
const causeBefore =
  /\b(?:led|lifted|driven|dragged|pulled|weighed|boosted|supported|helped|powered|propelled|buoyed|hit|hurt|fuelled|fueled|spurred)\s+(?:down\s+|up\s+)?by\s*$|\blook(?:ing)?\s+at\s*$/i;

// Words a byline may hold besides names: "Jane Doe, Some Capital", "Firm.com".
const bylineConnector = /^(?:of|and|&|the|de|da|von|van|at|for|-|–)$/;

/** "Headline text: Jane Doe, Some Capital": few words, each a capitalised name, a connector or a domain. */
function isByline(segment: string): boolean {
  const words = segment.split(/[\s,]+/).filter((w) => w !== '');
  if (words.length === 0 || words.length > 8) return false;
  return words.every((w) => /^[\p{Lu}\p{N}'"‘“(]/u.test(w) || w.includes('.') || bylineConnector.test(w.toLowerCase()));
}

// Who keeps an index: "S&P Dow Jones Indices said", "FTSE Russell will add".
const indexProvider = /^(?:S&P\s+Dow\s+Jones\s+Indices|FTSE\s+Russell|MSCI|Stoxx|Nasdaq\s+Indexes)$/i;

function isSource(text: string, mention: Mention): boolean {
  const after = text.slice(mention.end);
  // A credit-rating agency rating another company's debt, an index provider changing an index.
  const name = text.slice(mention.start, mention.end);
  if ((creditAgencyName.test(name) || creditAgencyName.test(`${name}'s`)) && speaksOfCredit(text)) return true;
  if (indexProvider.test(name)) return true;
  if (sourceAfter.test(after)) return true;
  if (entityRules.speechSource && speechAfter.test(after)) return true;
  // The source and cause patterns end at the mention and span a few words: read the last 80
  // characters from a word start, not the whole line (an end-anchored pattern tries every position).
  let from = Math.max(0, mention.start - 80);
  if (from > 0) while (from < mention.start && !isSpace(text.charCodeAt(from - 1))) from++;
  const before = text.slice(from, mention.start);
  if (sourceBefore.test(before) && !causeBefore.test(before)) return true;
  const lastColon = text.lastIndexOf(':');
  if (lastColon < 0 || mention.start <= lastColon) return false;
  const byline = text.slice(lastColon + 1);
  // A byline follows a longer headline ("…, target Rs 1,200: Jane Doe"); after a short tag the
  // words are the headline ("UPDATE: Contoso Profit Up Strongly", "Broker tips: A, B, C").
  return isByline(byline) && (!entityRules.bylineAfterLongerHeadline || wordCount(text.slice(0, lastColon)) > wordCount(byline));
}

/*
 * Recommendations name their subject next to the verb: "Buy X", "Prefer X", "Bearish on X",
 * "X a good buy", "X is a sell". A negation just before ("not bullish on", "too early to buy")
 * leaves the decision to the classifier.
 */
const buyBefore =
  /\b(?:buy|accumulate|add|prefer|bullish on|positive on|overweight on|bet on|go long on|long on|stay invested in|buy into)\s+(?:the\s+)?$/i;
const sellBefore =
  /\b(?:sell|avoid|short|exit|bearish on|negative on|underweight on|book profits? in|stay away from|go short on|stay off)\s+(?:the\s+)?$/i;
const buyAfter = /^\s*(?:'s\s+)?(?::\s*|is\s+|looks\s+|remains\s+)?(?:a\s+|an\s+)?(?:good\s+|strong\s+)?(?:buy|accumulate|outperform)\b(?!\s+or\b)/i;
const sellAfter = /^\s*(?:'s\s+)?(?::\s*|is\s+|looks\s+|remains\s+)?(?:a\s+|an\s+)?(?:sell|short sale|avoid|underperform)\b/i;
const negatedBefore = /\b(?:not|no|never|n't|don't|too early to|wait(?:ing)? to)\s+(?:\w+\s+){0,2}$/i;

// Words between a subject and its verb that say nothing of direction: "X shares jump", "X Q4 net rises".
const subjectFiller = new Set(['shares', 'share', 'stock', 'stocks', 'price', 'prices', 'q1', 'q2', 'q3', 'q4', 'net', 'profit', 'futures', 'index', 'scrip']);
const negation = new Set(['not', 'no', "n't", 'never', 'fails', 'failed', 'unlikely', 'may', 'could', 'might', 'to', 'will']);
/*
 * "X jumps 5%", "X shares slump", "X Q4 net rises": the first few words after the entity (in
 * its clause, fillers skipped) holding a word of our up/down lexicon give the entity's direction.
 */
export function movementAfter(text: string, mention: Mention): EntityPolarity | undefined {
  // "Rival Reckitt Benckiser, which reports next week, slipped 1.2%": past a relative clause or an aside to the verb.
  const after = text.slice(mention.end);
  // "Applied Materials and Lam Research, which had expected orders, fell 2% each": past the rest of a list too.
  const aside = entityRules.movementPastAside ? /^(?:\s+and\s+\p{Lu}[\p{L}\d&.'’-]*(?:\s+\p{Lu}[\p{L}\d&.'’-]*){0,3})?\s*,\s*(?:which|who|whose|the|a|an|another|one\s+of|until|once|long|still|now)\s[^,;]{1,80},\s*/u.exec(after) : null;
  const rest = after.slice(aside ? aside[0].length : 0).split(/[,;:|]|\s[-–—]\s/)[0] ?? '';
  const tokens = featureTokens(rest).filter((t) => !subjectFiller.has(t) && !t.startsWith('<')).slice(0, 3);
  if (tokens.some((t) => negation.has(t) || t.endsWith("n't"))) return undefined;
  const counts = lexiconCounts(tokens);
  if (counts.up > counts.down) return 'positive';
  if (counts.down > counts.up) return 'negative';
  return undefined;
}

export function recommendationFor(text: string, mention: Mention): EntityPolarity | undefined {
  const before = text.slice(0, mention.start);
  const after = text.slice(mention.end);
  const buy = buyBefore.exec(before);
  const sell = sellBefore.exec(before);
  const match = buy ?? sell;
  if (match && !negatedBefore.test(before.slice(0, match.index))) return buy ? 'positive' : 'negative';
  if (buyAfter.test(after)) return 'positive';
  if (sellAfter.test(after)) return 'negative';
  return undefined;
}

const neutralSentiment: TextSentiment = { label: 'neutral', score: 0, probabilities: [0, 0, 1] };

/** The classifier's verdict, or the lexicon's where the classifier abstains (see the top). */
export function classifyWithLexiconFallback(
  scorers: EntityScorers,
  text: string,
): TextSentiment & { decidedBy: 'classifier' | 'lexicon' } {
  const sentiment = scorers.classifier.classify(text, 'entity');
  if (sentiment.label !== 'neutral' || !entityRules.lexiconFallback || (sentiment.probabilities[2] as number) > entityRules.fallbackMaxNeutral) return { ...sentiment, decidedBy: 'classifier' };
  const lexiconLabel = labelFromAfinn(scorers.afinn.score(text), entityRules.fallbackBand);
  if (lexiconLabel === 'neutral') return { ...sentiment, decidedBy: 'classifier' };
  // The lexicon decides only where the classifier leans its way too (p(bullish) − p(bearish) of that sign).
  if ((lexiconLabel === 'bullish' ? sentiment.score : -sentiment.score) <= entityRules.fallbackLean) return { ...sentiment, decidedBy: 'classifier' };
  return { ...sentiment, label: lexiconLabel, decidedBy: 'lexicon' };
}

/**
 * The clause of `text` around a mention (offsets into `text`), and whether the mention is only
 * the source of the news there (a broker that upgrades, a person quoted): what a sentence
 * naming several companies says of one of them.
 */
export function entityClause(text: string, mention: Mention, clauses: readonly Clause[] = clausesOf(text)): { context: string; source: boolean; said?: EntityPolarity } {
  // What the sentence says of the company outright, as the per-entity scorer reads it: a relation
  // to the other company ("a setback for Sanofi", "won a price increase from Dalby Stores") or a
  // move stated of it ("Rival Reckitt Benckiser, which reports next week, slipped 1.2%").
  const said = (entityRules.relations ? relationFor(text, mention.start, mention.end) : undefined) ?? (entityRules.movement ? movementAfter(text, mention) : undefined);
  return { context: clauseAround(text, mention, clauses), source: entityRules.source && isSource(text, mention), ...(said ? { said } : {}) };
}

/** The part of `text` the classifier reads for `entity`: the clause naming it, else the whole text. */
export function entityContext(text: string, entity: string): string {
  const found = findMention(text, entity);
  if (!found) return text;
  const { sentence, mention } = sentenceAround(text, found);
  return clauseAround(sentence, mention);
}

/** Texts shorter than this are read as one sentence (headlines: "SAIL sets rs. 7,000-crore FPO" is one). */
const paragraphLength = 120;

/**
 * In a paragraph ("Contoso rose 3% on Monday. Fabrikam fell after its outlook…"), the sentence
 * holding the mention, with the mention's offsets into it: clauses do not split at periods,
 * so without this every company of a paragraph would share one reading.
 */
export function sentenceAround(text: string, mention: Mention): { sentence: string; mention: Mention } {
  if (text.length < paragraphLength) return { sentence: text, mention };
  const sentence = splitSentences(text).find((s) => mention.start >= s.start && mention.start < s.end);
  if (!sentence || sentence.text.length === text.length) return { sentence: text, mention };
  return { sentence: sentence.text, mention: { start: mention.start - sentence.start, end: Math.min(mention.end, sentence.end) - sentence.start } };
}

/** Which of the rules above run (all by default; scripts/experiment.ts measures each). */
export const entityRules = {
  source: true,
  /** "X says/sees/expects" makes X a source: right for SEntFiN's quoted experts, wrong for a company's own news. */
  speechSource: false,
  /** A byline after a colon only when the headline before the colon is longer (see isSource). */
  bylineAfterLongerHeadline: true,
  /** The colon of "(NYSE: BA)" is not a clause boundary. */
  exchangeColon: true,
  /** In a paragraph, every sentence naming the entity is read (scoreMentions), not only the first. */
  allMentions: true,
  /** Later sentences' short forms of a name ("Couche-Tard", "Anglo") are mentions too. */
  shortForms: true,
  /** A move stated past a relative clause or an aside ("Reckitt Benckiser, which reports next week, slipped"). */
  movementPastAside: true,
  /** Events extraction finds about the entity in its sentence (a rating, a target, its results) decide it. */
  events: true,
  /** Only ratings and targets among those events (measured against all types). */
  analystEventsOnly: false,
  recommendation: true,
  /** Relations between two companies (relations.ts): "lost a customer to X", "cancelled an order from X". */
  relations: true,
  movement: true,
  lexiconFallback: true,
  fallbackBand: afinnNeutralBand,
  /** The lexicon decides only where the classifier leans its way by more than this… */
  fallbackLean: 0,
  /** …and is unsure: p(neutral) at most this (the lexicon called IPO filings bullish at p(neutral) 0.95). */
  fallbackMaxNeutral: 0.7,
};

/** Sentiment toward `entity` (a name as a watch list gives it) in `text`. */
export function scoreEntity(scorers: EntityScorers, whole: string, entity: string): EntitySentiment {
  if (!entityRules.allMentions || whole.length < paragraphLength) return scoreMention(scorers, whole, findMention(whole, entity));
  const named = findMentions(whole, entity);
  return scoreMentions(scorers, whole, entityRules.shortForms ? withShortForms(whole, entity, named) : named);
}

// Words too common to stand for a company alone ("American" for American Express, "China" for China Evergrande).
const genericFirstWords = new Set(['american', 'general', 'united', 'national', 'international', 'first', 'royal', 'china', 'chinese', 'new', 'global', 'bank', 'banco', 'british', 'japan', 'canadian', 'great', 'southern', 'northern', 'western', 'eastern', 'north', 'south', 'east', 'west', 'best', 'digital', 'energy', 'the', 'air', 'red', 'blue', 'green', 'golden', 'standard', 'central', 'capital', 'pacific', 'atlantic']);

/**
 * "Alimentation Couche-Tard … Couche-Tard shares fell 4%", "Anglo American … Anglo shares fell":
 * later sentences name a company by a short form, and often say there what happened to it. The
 * short forms: the name's first word (not a common one) and a hyphenated word in it, written
 * with its capital, outside the full name's own occurrences.
 */
function withShortForms(text: string, entity: string, named: readonly Mention[], limit = 5): Mention[] {
  const words = entity.trim().split(/\s+/);
  if (words.length < 2) return [...named];
  const forms = new Set<string>();
  const first = words[0]!.replace(/['’]s$/, '');
  if (first.length >= 3 && /^\p{Lu}/u.test(first) && !genericFirstWords.has(first.toLowerCase())) forms.add(first);
  for (const w of words.slice(1)) if (/^\p{Lu}[\p{L}]+-\p{Lu}[\p{L}]+$/u.test(w)) forms.add(w);
  const found = [...named];
  for (const form of forms) {
    for (let at = text.indexOf(form); at >= 0 && found.length < limit; at = text.indexOf(form, at + 1)) {
      const end = at + form.length;
      if (isWordCharacter(text[at - 1]) || isWordCharacter(text[end]) || text[at - 1] === '-' || text[end] === '-') continue;
      // "Anglo American" again, or "Samsung Electronics'": the full name is already counted there.
      if (found.some((m) => at < m.end && end > m.start)) continue;
      found.push({ start: at, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * In a paragraph, the entity's reading in each sentence that names it (a title that only lists
 * it, then a sentence saying what happened to it): the sentences that are not only a source
 * and say something either way decide, by the sign of their summed scores; when none does, the
 * first reading stands.
 */
function scoreMentions(scorers: EntityScorers, whole: string, mentions: readonly Mention[]): EntitySentiment {
  if (mentions.length <= 1) return scoreMention(scorers, whole, mentions[0]);
  const readings: EntitySentiment[] = [];
  const sentenceStarts = new Set<number>();
  for (const mention of mentions) {
    const { sentence, mention: inSentence } = sentenceAround(whole, mention);
    const start = mention.start - inSentence.start;
    if (sentenceStarts.has(start) && sentence.length < whole.length) continue; // one reading per sentence
    sentenceStarts.add(start);
    readings.push(scoreMention(scorers, whole, mention));
  }
  const decided = readings.filter((r) => r.basis !== 'source' && r.label !== 'neutral');
  if (decided.length === 0) return readings.find((r) => r.basis !== 'source') ?? readings[0]!;
  const sum = decided.reduce((total, r) => total + r.score, 0);
  const side = decided.filter((r) => (sum >= 0 ? r.score > 0 : r.score < 0));
  return side.reduce((best, r) => (Math.abs(r.score) > Math.abs(best.score) ? r : best), side[0] ?? decided[0]!);
}

/** Events whose summed signal × confidence reaches this decide an entity, as createSentenceScorer decides a sentence. */
const entityEventThreshold = 0.05;

// The events of the last sentence asked about: a sentence naming several companies is asked once per company.
let lastEventsText: string | undefined;
let lastEvents: MarketEvent[] = [];

const significantWords = (name: string) => name.toLowerCase().split(/[^\p{L}\p{N}&]+/u).filter((w) => w.length >= 3 && !companySuffixes.has(w));
const companySuffixes = new Set(['inc', 'corp', 'corporation', 'ltd', 'limited', 'plc', 'group', 'holdings', 'company', 'the', 'and', 'co']);

/**
 * The summed signal × confidence of the events extraction finds in `sentence` about the company
 * named `name` (an event whose company shares a significant word with it): "Example Bank
 * upgraded Contoso to buy" is a rating of Contoso, positive for it whatever the words around;
 * and whether `name` is the firm of a rating or target there (Example Bank: the source).
 */
function eventsAbout(sentence: string, name: string): { signal: number; firm: boolean } {
  if (sentence !== lastEventsText) {
    lastEvents = extractEvents({ body: sentence });
    lastEventsText = sentence;
  }
  const words = significantWords(name);
  let signal = 0;
  let firm = false;
  if (words.length === 0) return { signal, firm };
  const names = (other: string | null | undefined) => !!other && significantWords(other).some((w) => words.includes(w));
  for (const event of lastEvents) {
    if (names(event.company)) {
      if (!entityRules.analystEventsOnly || event.type === 'analyst_rating' || event.type === 'price_target') signal += eventSignal(event).value * event.confidence;
    } else if ('firm' in event && names(event.firm)) {
      firm = true;
    }
  }
  return { signal, firm };
}

/** The entity's reading at one mention (undefined: not found, the whole text is read). */
function scoreMention(scorers: EntityScorers, whole: string, found: Mention | undefined): EntitySentiment {
  const { sentence: text, mention } = found ? sentenceAround(whole, found) : { sentence: whole, mention: undefined };
  // "lost a major customer to Oakhurst", "cancelled an order … from Corvane": the other company's story, read for this one.
  const related = mention && entityRules.relations ? relationFor(text, mention.start, mention.end) : undefined;
  if (mention && related) {
    const label = related === 'positive' ? 'bullish' : related === 'negative' ? 'bearish' : 'neutral';
    const probabilities = label === 'bullish' ? [0, 1, 0] : label === 'bearish' ? [1, 0, 0] : [0, 0, 1];
    return { label, score: label === 'bullish' ? 1 : label === 'bearish' ? -1 : 0, probabilities, polarity: related, context: text.slice(mention.start, mention.end), basis: 'recommendation', decidedBy: 'rule' };
  }
  if (mention && entityRules.source && isSource(text, mention)) {
    return { ...neutralSentiment, polarity: 'neutral', context: text.slice(mention.start, mention.end), basis: 'source', decidedBy: 'rule' };
  }
  if (mention && entityRules.events) {
    const { signal, firm } = eventsAbout(text, text.slice(mention.start, mention.end));
    if (firm && Math.abs(signal) < entityEventThreshold) {
      return { ...neutralSentiment, polarity: 'neutral', context: text.slice(mention.start, mention.end), basis: 'source', decidedBy: 'rule' };
    }
    if (Math.abs(signal) >= entityEventThreshold) {
      const label = signal > 0 ? 'bullish' : 'bearish';
      const score = Math.max(-1, Math.min(1, signal));
      return { label, score, probabilities: label === 'bullish' ? [0, 1, 0] : [1, 0, 0], polarity: polarityOf(label), context: text.slice(mention.start, mention.end), basis: 'events', decidedBy: 'rule' };
    }
  }
  const recommended = mention
    ? ((entityRules.recommendation ? recommendationFor(text, mention) : undefined) ?? (entityRules.movement ? movementAfter(text, mention) : undefined))
    : undefined;
  if (mention && recommended) {
    // A recommendation or a move stated of the entity itself outweighs the rest of the line.
    const label = recommended === 'positive' ? 'bullish' : 'bearish';
    const probabilities = label === 'bullish' ? [0, 1, 0] : [1, 0, 0];
    return { label, score: label === 'bullish' ? 1 : -1, probabilities, polarity: recommended, context: text.slice(mention.start, mention.end), basis: 'recommendation', decidedBy: 'rule' };
  }
  const context = mention ? clauseAround(text, mention) : text;
  // The lexicon's fallback was fitted to headlines; in a paragraph's clause it finds some word of
  // valence in most ("won", "expand", "cleared") and the classifier's neutral is the better reading.
  const sentiment = whole.length >= paragraphLength ? { ...scorers.classifier.classify(context, 'entity'), decidedBy: 'classifier' as const } : classifyWithLexiconFallback(scorers, context);
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
