/**
 * Trigger words: each line maps a word form, as a regex source matched case-insensitively
 * on word boundaries, to what it means. Add a phrasing: one line.
 */
import type { AnalystRatingEvent, PriceTargetEvent } from '@tickerwire/core';
import { ratingPattern } from './ratings.ts';

type RatingAction = AnalystRatingEvent['action'];
type TargetAction = PriceTargetEvent['action'];

/** Verbs and nouns that are a rating action by themselves. */
/** Each line: a word form, its action, and optionally what the text must hold for the form to be tried at all. */
export const ratingTriggers: readonly [string, RatingAction, RegExp?][] = [
  ['upgrad(?:e|es|ed|ing)', 'upgrade'],
  ['downgrad(?:e|es|ed|ing)', 'downgrade'],
  // "initiated research coverage", "initiates equity research coverage": up to two words between.
  ['initiat(?:e|es|ed|ing)\\s+(?:(?:research|equity|analyst|formal|full)\\s+){0,2}coverage', 'initiate'],
  ['(?:initiat(?:es|ed))(?=\\s+(?:at|with)\\b)', 'initiate'],
  ['(?:begins|began|starts|started|launches|launched|assumes|assumed|picks up|opens|opened)\\s+coverage', 'initiate'],
  // "Initiates Aaron's Coverage: Buy": the company between the verb and the word coverage.
  ['(?:initiat(?:es|ed)|begins|began|starts|started|resumes|resumed)(?=\\s+(?:[A-Z][\\w.&\'’-]*\\s+){1,4}coverage\\b)', 'initiate'],
  // "began covering Rubrik with a buy rating".
  ['(?:begins|began|begun|starts|started|starting|beginning)\\s+covering', 'initiate'],
  // "The bank, which has a buy rating on the stock": the firm's standing rating.
  [`(?:has|have|holds?|carries|carry)(?=\\s+(?:an?\\s+)?(?:${ratingPattern})\\s+(?:rating|recommendation)\\b)`, 'maintain'],
  // "J.P. Morgan began at overweight", "Morgan Stanley opened at equal-weight".
  ['(?:started|starts|initiated|begun|began|begins|opened|opens)(?=\\s+(?:at|with|as)\\s)', 'initiate'],
  // "Initiates Agilent at Buy", "Assumes AbbVie at Equal-weight", "Starts Nike With Neutral": the company between verb and rating.
  [`(?:initiat(?:es|ed|ing)|assum(?:es|ed|ing)|start(?:s|ed|ing)|began|begins|open(?:s|ed))(?=\\s+(?:[\\w.&'’$<>():-]+\\s+){1,6}?(?:at|with)\\s+(?:an?\\s+)?['"“]?(?:${ratingPattern})\\b)`, 'initiate'],
  // "Guggenheim Assumes Advance Auto Parts to Buy".
  [`assum(?:es|ed|ing)(?=\\s+(?:[\\w.&'’$<>():-]+\\s+){1,6}?to\\s+(?:an?\\s+)?['"“]?(?:${ratingPattern})\\b)`, 'initiate'],
  ['coverage\\s+(?:initiated|started|begun|launched)', 'initiate'],
  // "Mizuho's initiation of Rivian at outperform": the noun, its company after "of".
  [`initiation(?=\\s+of\\s+(?!coverage\\b)(?:[A-Z][\\w.&'’-]*\\s+){1,4}(?:at|with)\\s+(?:an?\\s+)?(?:${ratingPattern})\\b)`, 'initiate'],
  // "announced the initiation of coverage of The Cooper Companies".
  ['initiation\\s+of\\s+(?:(?:research|equity|analyst)\\s+)?coverage', 'initiate'],
  // "but stuck with its outperform": kept.
  ['(?:stuck|sticks|stick|sticking)\\s+with', 'maintain'],
  // "held on to its buy rating", "stood by its outperform rating": kept, with the rating right after.
  [`(?:(?:held|holds|hold|holding)\\s+on\\s+to|stood\\s+by|stands\\s+by|standing\\s+by)(?=\\s+(?:its|their|his|her|the|an?)\\s+(?:[\\w-]+\\s+)?(?:rating|recommendation|(?:${ratingPattern})\\b))`, 'maintain'],
  ['(?:maintain(?:s|ed|ing)?|reiterat(?:e|es|ed|ing)|reaffirm(?:s|ed|ing)?|keep(?:s|ing)?|kept|retain(?:s|ed|ing)?)', 'maintain'],
  // "Jefferies reits Buy", "Reit. Outperform": the traders' shorthand, only with a rating right after.
  [`(?:reits?|reit\\.|reiter\\.)(?=\\s+(?:an?\\s+)?(?:${ratingPattern})\\b)`, 'maintain'],
  // "confirm their rating buy", "confirmed its outperform rating": kept; "confirms deal to sell StubHub" is not.
  [`confirm(?:s|ed|ing)?(?=\\s+(?:its|their|his|her|the|an?)\\s+(?:rating|recommendation|(?:${ratingPattern})\\s+(?:rating|recommendation))\\b)`, 'maintain'],
  // "Goldman, which rates Amazon a buy": the firm's standing rating. ("X Rated An Underperform"
  // is as often a first rating as a kept one: not read.)
  ['rates(?=\\s)', 'maintain'],
  // "Analysts at Barclays, who rate Apple overweight": the plural verb, only with a company and a
  // rating after it; "I rate INTC a sell" is a writer's own view.
  [`(?<!\\bI\\s+)rate(?=\\s+(?:[A-Z$][\\w.&'’-]*\\s+){1,4}(?:an?\\s+|at\\s+)?(?:${ratingPattern})\\b)`, 'maintain'],
  // "stayed at outperform", "remains at Buy": the firm keeps its rating.
  ['(?:stay(?:s|ed|ing)?|remain(?:s|ed|ing)?)(?=\\s+(?:at|with)\\s)', 'maintain'],
  // "Palo Alto Networks stays overweight", "remains a buy": the rating right after.
  // "remained negative" is a metric, "remains positive" a view in words.
  [`(?<!\\b(?:my|our)\\s+(?:own\\s+)?(?:rating|view|call|recommendation)\\b[^.;]{0,30})(?:stay(?:s|ed|ing)?|remain(?:s|ed|ing)?)(?=\\s+(?:an?\\s+)?(?!(?:positive|negative|mixed)\\b)(?:${ratingPattern})\\b)`, 'maintain'],
  ['(?:reinstat(?:e|es|ed|ing)|resum(?:e|es|ed|ing))', 'resume'],
  ['(?:terminat(?:e|es|ed|ing)|drop(?:s|ped|ping)?|suspend(?:s|ed|ing)?|discontinu(?:e|es|ed|ing)|cease(?:s|d)?)\\s+(?:(?:its|their|research|equity|analyst)\\s+){0,2}coverage', 'terminate'],
  ['coverage\\s+(?:terminated|dropped|suspended|discontinued)', 'terminate'],
  // "moved the shares to not rated", "moves Snap (SNAP) to Not Rated from Peer Perform": no rating any more.
  ['(?:mov(?:e|es|ed|ing)|shift(?:s|ed)?|cut(?:s)?|lower(?:s|ed)?)(?=\\s+(?:[\\w.&\'’$():-]+\\s+){0,5}?to\\s+(?:not[-\\s]rated|NR)\\b)', 'terminate', /not[-\s]rated|\bNR\b/i],
  // "Booking Holdings was dropped from coverage by Susquehanna".
  ['(?:dropped|removed)\\s+from\\s+(?:its\\s+|their\\s+)?coverage', 'terminate'],
  // "suspending its rating on Peloton", "withdrew its rating": the firm stops rating the stock.
  ['(?:suspend(?:s|ed|ing)?|withdr[ae]w(?:s|n)?|withdrawing|pull(?:s|ed|ing)?)(?=\\s+(?:its|their|his|her|the)\\s+(?:[\\w-]+\\s+)?(?:rating|recommendation)s?\\b)', 'terminate'],
  // "left the stock at equal-weight", "leaves Apple at Buy": kept.
  [`(?:left|leaves|leaving)(?=\\s+(?:[\\w.&'’-]+\\s+){1,4}?at\\s+(?:an?\\s+)?['"“]?(?:${ratingPattern})\\b)`, 'maintain'],
  // "left his outperform rating unchanged": kept.
  ['(?:left|leaves|leaving)(?=\\s+(?:its|their|his|her|the)\\s+(?:[\\w-]+\\s+){0,2}(?:rating|recommendation)s?\\s+(?:on\\s+\\S+\\s+)?unchanged)', 'maintain'],
];

/**
 * A rating the firm holds, said with the rating inside the phrase: each match is a kept
 * rating, the rating its `rating` group. `active`: the firm is named before it ("JPMorgan,
 * which is overweight on the shares"); otherwise after it ("… of a buy rating from Citi").
 */
export const standingRatings: readonly { source: string; active: boolean; hint: RegExp }[] = [
  // "which rates the stock overweight", "who rates the shares a buy".
  { source: `\\brat(?:e|es|ed)\\s+(?:the\\s+(?:stock|shares)|it|them)\\s+(?:an?\\s+|at\\s+)?(?<rating>${ratingPattern})\\b`, active: true , hint: /\brat(?:e|es|ed)\s/i },
  // "which is overweight on the shares", "remains neutral on Apple"; "is negative on" is a view in words.
  // "No changes for American Express (AXP), where she is Neutral": the rating of the company the clause hangs on.
  { source: `\\bwhere\\s+(?:she|he|they|it|the\\s+(?:firm|bank|brokerage|analyst))\\s+(?:is|are|remains|stays)\\s+(?:at\\s+)?(?<rating>${ratingPattern})\\b`, active: false, hint: /\bwhere\s/i },
  // "Wells Fargo still UW on Carvana".
  // "Scotia Capital Has Sector Perform on Barrick Gold".
  { source: `\\b(?:is|are|remains|has|have|holds?|(?:(?:is|are|remains)\\s+)?still)\\s+(?!(?:positive|negative|mixed)\\b)(?<rating>${ratingPattern})\\s+on\\s+(?:the\\s+(?:stock|shares|name)\\b|(?-i:[A-Z$]))`, active: true , hint: /\s(?:is|are|remains|still|has|have|holds?)\s[^.;]{1,30}\son\s/i },
  // "with its outperform rating reiterated", "with the brokerage's buy rating unchanged".
  { source: `\\bwith\\s+(?:its|their|his|her|the\\s+[\\w.&'’-]+['’]s|an?)\\s+(?<rating>${ratingPattern})\\s+(?:rating|recommendation|call)\\s+(?:reiterated|unchanged|maintained|intact|kept|affirmed|reaffirmed)\\b`, active: true , hint: /\bwith\s/i },
  // "Morgan Stanley, with an equal-weight rating, raised its target", ", with a buy rating on the stock,": the firm's rating, said aside.
  { source: `,\\s+with\\s+an?\\s+(?<rating>${ratingPattern})\\s+(?:rating|recommendation)(?:\\s+on\\s+(?:the\\s+)?(?:stock|shares|it|them))?\\s*,`, active: true , hint: /,\s+with\s/i },
  // "Hermes, which it continues to rate outperform".
  { source: `\\bcontinu(?:es|ed|ing)\\s+to\\s+rate\\s+(?:(?:it|them|the\\s+(?:stock|shares))\\s+)?(?:an?\\s+|at\\s+)?(?<rating>${ratingPattern})\\b`, active: true , hint: /continu/i },
  // "the bank's rating remains buy", "the rating stays overweight"; not the writer's own ("my own rating on the stock stays a sell").
  { source: `(?<!\\b(?:my|our)\\s+(?:own\\s+)?)\\b(?:rating|recommendation)\\s+(?:remains|stays|is\\s+still)\\s+(?:an?\\s+|at\\s+)?(?<rating>${ratingPattern})\\b`, active: true , hint: /\b(?:remains|stays|still)\b/i },
  // "a reiteration of an equal weight rating from Wells Fargo on PepsiCo".
  { source: `\\b(?:reiteration|reaffirmation|affirmation)\\s+of\\s+(?:its|their|an?|the)\\s+(?<rating>${ratingPattern})\\s+(?:rating|recommendation)\\b`, active: false , hint: /ffirmation|reiteration/i },
];

/**
 * Direction words: with a rating noun ("raised its ratings", "cuts to Hold") they make an
 * upgrade or downgrade; with a target noun ("price target slashed") a raise or lower.
 * "ups" is case-sensitive: in capitals it is the ticker of United Parcel Service ("UPS cut to
 * underperform"), not the verb.
 */
export const directionWords: readonly [string, 'up' | 'down' | 'set' | 'keep' | 'remove'][] = [
  ['(?:rais(?:e|es|ed|ing)|lift(?:s|ed|ing)?|increas(?:e|es|ed|ing)|boost(?:s|ed|ing)?|hik(?:e|es|ed|ing)|bump(?:s|ed|ing)?(?:\\s+up)?|(?-i:ups|Ups)|upped|lifts?|elevat(?:e|es|ed)|push(?:es|ed)\\s+up|nudg(?:e|es|ed|ing)(?:\\s+up)?)', 'up'],
  ['(?:lower(?:s|ed|ing)?|cut(?:s|ting)?|trim(?:s|med|ming)?|slash(?:es|ed|ing)?|reduc(?:e|es|ed|ing)|decreas(?:e|es|ed|ing)|lop(?:s|ped)?|chop(?:s|ped)?|tak(?:e|es)\\s+down|took\\s+down|pares?|pared|halv(?:e|es|ed)|shav(?:e|es|ed|ing)|drop(?:s|ped)?|knock(?:s|ed|ing)?)', 'down'],
  // "Her price target goes to $150 from $165": a move the figures tell.
  ['(?:announc(?:e|es|ed|ing)|set(?:s|ting)?|assign(?:s|ed|ing)?|plac(?:e|es|ed|ing)|put(?:s|ting)?|establish(?:es|ed)?|introduc(?:e|es|ed)|issu(?:e|es|ed)|goes|went|moves|moved|flip(?:s|ped)?)', 'set'],
  // "left its $575 target unchanged": kept ("left" needs a target noun after it to count at all).
  ['(?:maintain(?:s|ed|ing)?|reiterat(?:e|es|ed|ing)|reaffirm(?:s|ed|ing)?|confirm(?:s|ed|ing)?|keep(?:s|ing)?|kept|holds?|left|leaves|leaving)', 'keep'],
  // "no longer carries a price target on the retailer": the firm has none any more.
  ['(?:remov(?:e|es|ed|ing)|withdr[ae]w(?:s|n)?|suspend(?:s|ed|ing)?|pull(?:s|ed)?|no\\s+longer\\s+(?:carr(?:y|ies)|ha(?:s|ve)|publish(?:es)?|gives?|assigns?|sets?))', 'remove'],
];

export const targetActionOf: Record<'up' | 'down' | 'set' | 'keep' | 'remove', TargetAction> = {
  up: 'raise', down: 'lower', set: 'initiate', keep: 'maintain', remove: 'remove',
};

/** Nouns that name a price target. */
// "lifted its objective to $450": a bare "objective" names the target only with a figure after
// it (a lookahead: a lookbehind here made every expression built on these nouns several times slower).
export const targetNouns = '(?:fair\\s+values?(?:\\s+estimates?)?(?=(?:\\s+(?:for|on|of)(?:\\s+[A-Z][\\w.&\'’-]*){1,4}?)?\\s+(?:to|of|at|from|by)\\s+\\S{0,4}\\s?\\d)|price\\s+targets?|price\\s+objectives?|target\\s+prices?|PTs?|POs?|Tgts?|targets?|objectives?(?=\\s+(?:to|of|at|from|by)\\s+\\S{0,4}\\s?\\d))';

/** Nouns that name a rating, for "raised its rating on". */
export const ratingNouns = '(?:ratings?|recommendations?|stance|view)';

/**
 * Words that may stand right before the noun "upgrade"/"downgrade" of an analyst's action
 * ("Gets Upgrade", "on a double upgrade"). Any other lower-case word there makes a compound
 * noun of something else ("amid system upgrade", "a network upgrade").
 */
export const beforeActionNoun = new Set([
  // Not "the", "this", "that": "the downgrade would not affect its liquidity" points back at one already told.
  'a', 'an', 'to', 'get', 'gets', 'got', 'getting', 'receive', 'receives', 'received', 'on', 'after', 'with', 'its', 'their',
  'his', 'her', 'rare', 'double', 'first', 'second', 'third', 'big', 'surprise', 'rating', 'analyst', 'stock', 'another', 'latest',
  'new', 'fresh', 'key', 'major', 'notable', 'of', 'from', 'by', 'and', 'or', 'sees', 'see', 'earns', 'earn', 'wins', 'win', 'lands',
  'two-notch', 'one-notch', 'broker', 'brokerage', 'sell-side', 'wall', 'street', 'for', 'following', 'despite', 'in', 'as', 'at',
  'into', 'says', 'said', 'cites', 'citing', 'rare', 'possible', 'potential', 'recent', 'last', 'an', 'upon',
  'earlier', 'mid-day', 'midday', 'intraday', 'overnight', 'weekend', 'morning', 'bullish', 'bearish',
]);
