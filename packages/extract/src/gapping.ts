import { targetActionForRating, type AnalystFinding } from './analyst.ts';
import type { EntityIndex } from './entities.ts';
import { ratingPattern, ratingScore } from './lexicon/ratings.ts';
import { findMoney, moneySource } from './numbers.ts';
import type { Span } from './sentences.ts';

/**
 * Gapped objects: one verb, several companies, each with its own rating or figures and the
 * verb left out after the first. "Wedbush initiated coverage of Texas Roadhouse with an
 * Outperform rating and a $215 price target, Darden Restaurants at Outperform with a $230
 * target, and Wingstop with a Neutral rating and a $290 target"; "lowered its price target on
 * Delta Air Lines by $7 to $68 and on United Airlines by $10 to $104". Each later company,
 * right after a list's comma or "and", that carries a rating or a figure of its own gets the
 * firm and the action of the sentence's first event.
 */

const R = `(${ratingPattern})`;
const FIG = `(${moneySource.replace(/\(\?<\w+>/g, '(?:')})`;
// What one gapped object may carry, right after the company (and its ticker in parentheses).
const segment = new RegExp(
  '^\\s*(?:\\([^)]{1,30}\\)\\s*)?' +
    `(?:(?:at|to)\\s+${R}(?:\\s+from\\s+${R})?|with\\s+an?\\s+${R}\\s+(?:rating|recommendation))?` +
    `(?:\\s*,?\\s*(?:and\\s+|with\\s+)(?:an?\\s+)?${FIG}\\s+(?:price\\s+)?target|\\s+(?:by\\s+${FIG}\\s+)?to\\s+${FIG}(?:\\s+from\\s+${FIG})?|\\s+with\\s+an?\\s+${FIG}\\s+(?:price\\s+)?target)?` +
    '(?=\\s*(?:[,;.)]|\\s+and\\b|$))',
  'i',
);
const gappedRatingBefore = new RegExp(`(?:,|\\band)\\s+(?:its|their|his|her|an?)\\s+${R}(?:\\s+(?:rating|recommendation))?\\s+(?:on|for)\\s+$`, 'i');
const ownFigure = new RegExp(`(?:and|with)\\s+(?:an?\\s+)?${FIG}\\s+(?:price\\s+)?target`, 'i');
const segmentStart = /^\s*(?:\([^)]{1,30}\)\s*)?(?:at\s|to\s|with\s|by\s|,?\s*(?:and\s+)?(?:with\s+)?(?:an?\s+)?[$€£¥₹]|,?\s*(?:and\s+)?(?:an?\s+)?\d)/i;
// A list's joint right before the company: ", ", ", and ", " and ", with "on"/"for"/"of" after it.
const joint = /(?:,|\band)\s+(?:(?:on|for|of)\s+)?$/i;

export function gappedObjects(sentence: Span, found: readonly AnalystFinding[], entities: EntityIndex): AnalystFinding[] {
  const first = found.find((f) => f.firm !== null);
  if (!first || !/,|\band\b/.test(sentence.text)) return [];
  // What each company already has: a gapped object adds only what the sentence grammar left out.
  const rated = new Set(found.filter((f) => f.type === 'analyst_rating').map((f) => f.ticker ?? f.company));
  const targeted = new Set(found.filter((f) => f.type === 'price_target').map((f) => f.ticker ?? f.company));
  const rating = found.find((f): f is Extract<AnalystFinding, { type: 'analyst_rating' }> => f.type === 'analyst_rating' && f.firm === first.firm);
  const target = found.find((f): f is Extract<AnalystFinding, { type: 'price_target' }> => f.type === 'price_target' && f.firm === first.firm);
  const out: AnalystFinding[] = [];
  for (const mention of entities.mentions) {
    if (mention.start < sentence.start || mention.end > sentence.end || mention.kind !== 'name') continue;
    if (rated.has(mention.ticker) && targeted.has(mention.ticker)) continue;
    if (entities.firms.some((f) => mention.start < f.end && mention.end > f.start)) continue;
    // "kept its hold rating on Ford and its buy rating on GM": the later rating named before its company.
    const ratedBefore = rating ? gappedRatingBefore.exec(entities.text.slice(Math.max(sentence.start, mention.start - 60), mention.start)) : null;
    if (ratedBefore && rating && !rated.has(mention.ticker)) {
      rated.add(mention.ticker);
      const ratingTo = clean(ratedBefore[1]!);
      out.push({ ticker: mention.ticker, company: mention.text.replace(/['’]s$/, ''), firm: first.firm, firmId: first.firmId, evidenceSpan: sentence, confidence: first.confidence, type: 'analyst_rating', analyst: rating.analyst, action: rating.action, ratingFrom: null, ratingTo, ratingScore: ratingScore(ratingTo) });
      continue;
    }
    if (!joint.test(entities.text.slice(Math.max(sentence.start, mention.start - 12), mention.start))) continue;
    const after = entities.text.slice(mention.end, Math.min(sentence.end, mention.end + 160));
    // Most names after a comma carry nothing of their own: one cheap test before the long expression.
    if (!segmentStart.test(after)) continue;
    const m = segment.exec(after);
    if (!m) continue;
    const [, to, from, withRating, andFigure, byFigure, toFigure, fromFigure, withFigure] = m;
    const ratingTo = to ?? withRating ?? null;
    const figure = andFigure ?? toFigure ?? withFigure ?? null;
    if (!ratingTo && !figure) continue;
    const base = { ticker: mention.ticker, company: mention.text.replace(/['’]s$/, ''), firm: first.firm, firmId: first.firmId, evidenceSpan: sentence, confidence: first.confidence };
    if (ratingTo && !rated.has(mention.ticker)) {
      rated.add(mention.ticker);
      const [a, b] = [ratingScore(from ?? null), ratingScore(ratingTo)];
      const action = a !== null && b !== null && a !== b ? (b > a ? 'upgrade' : 'downgrade') : rating?.action ?? 'maintain';
      out.push({ ...base, type: 'analyst_rating', analyst: rating?.analyst ?? null, action, ratingFrom: from ? clean(from) : null, ratingTo: clean(ratingTo), ratingScore: b });
    }
    if (figure && !targeted.has(mention.ticker)) {
      targeted.add(mention.ticker);
      const value = findMoney(figure)[0];
      if (!value) continue;
      // The first company's own target read this company's figure (the only "with a $230 target" with a verb of its
      // own): give it back the figure written beside it, before the list went on.
      for (const taken of found) {
        if (taken.type !== 'price_target' || taken.to !== value.low || taken.ticker === mention.ticker) continue;
        const own = entities.mentions.find((x) => x.ticker === taken.ticker && x.start >= sentence.start && x.end <= mention.start);
        const between = own ? entities.text.slice(own.end, mention.start) : '';
        const written = ownFigure.exec(between);
        const money = written ? findMoney(written[1]!)[0] : undefined;
        if (money) Object.assign(taken, { to: money.low, currency: money.currency });
      }
      const before = fromFigure ? findMoney(fromFigure)[0] : undefined;
      const by = byFigure ? findMoney(byFigure)[0] : undefined;
      const way = target?.action ?? (rating ? targetActionForRating[rating.action] : undefined) ?? 'initiate';
      const prior = before?.low ?? (by && (way === 'raise' || way === 'lower') ? value.low + (way === 'raise' ? -by.low : by.low) : null);
      const action = prior !== null ? (value.low > prior ? 'raise' : value.low < prior ? 'lower' : 'maintain') : way;
      out.push({ ...base, type: 'price_target', action, from: prior, to: value.low, currency: value.currency, changePct: prior ? Math.round(((value.low - prior) / prior) * 10000) / 100 : null });
    }
  }
  return out;
}

function clean(rating: string): string {
  return rating.toLowerCase().replace(/\s+/g, ' ');
}

// "Mizuho Initiates AbbVie, Biohaven With Buy Ratings, Eli Lilly, Alkermes With Neutral Ratings":
// groups of companies, each closed by the rating they share.
const groupRating = new RegExp(`\\s+(?:with|at)\\s+(?:an?\\s+)?${R}\\s+(?:ratings?|recommendations?)\\b(?:\\s*,\\s*(?:an?\\s+)?${FIG}\\s+(?:price\\s+)?target\\b)?`, 'gi');
const groupVerb = /\b(initiat\w*|start\w*|launch\w*|assum\w*|upgrad\w*|downgrad\w*|reiterat\w*|maintain\w*|resum\w*)\b/i;
const groupAction: readonly [RegExp, 'initiate' | 'upgrade' | 'downgrade' | 'maintain' | 'resume'][] = [
  [/^(?:initiat|start|launch|assum)/i, 'initiate'], [/^upgrad/i, 'upgrade'], [/^downgrad/i, 'downgrade'], [/^(?:reiterat|maintain)/i, 'maintain'], [/^resum/i, 'resume'],
];

export function groupedRatings(sentence: Span, found: readonly AnalystFinding[], entities: EntityIndex): AnalystFinding[] {
  if (!/ratings?\b|recommendations?\b/i.test(sentence.text) || !/,/.test(sentence.text)) return [];
  const firm = found.find((f) => f.firm)?.firm ?? entities.firms.find((f) => f.start >= sentence.start && f.start - sentence.start <= 2)?.name ?? null;
  const firmMention = entities.firms.find((f) => f.name === firm && f.start >= sentence.start && f.end <= sentence.end);
  const verb = groupVerb.exec(sentence.text.slice(firmMention ? firmMention.end - sentence.start : 0));
  const action = found.find((f) => f.type === 'analyst_rating')?.action ?? (verb ? groupAction.find(([re]) => re.test(verb[1]!))?.[1] : undefined);
  if (!firm || !action || !verb) return [];
  const done = new Set(found.filter((f) => f.type === 'analyst_rating').map((f) => f.ticker ?? f.company));
  const out: AnalystFinding[] = [];
  let from = sentence.start + (firmMention ? firmMention.end - sentence.start : 0) + verb.index + verb[0].length;
  groupRating.lastIndex = 0;
  for (let m = groupRating.exec(sentence.text); m; m = groupRating.exec(sentence.text)) {
    const at = sentence.start + m.index;
    const members = entities.mentions.filter((x) => x.kind === 'name' && x.start >= from && x.end <= at && !entities.firms.some((f) => x.start < f.end && x.end > f.start));
    from = at + m[0].length;
    if (members.length === 0) continue;
    const ratingTo = clean(m[1]!);
    const money = m[2] && members.length === 1 ? findMoney(m[2])[0] : undefined;
    for (const x of members) {
      if (done.has(x.ticker) || done.has(x.text)) continue;
      done.add(x.ticker);
      const base = { ticker: x.ticker, company: x.text.replace(/['’]s$/, ''), firm, firmId: firmMention?.id ?? firm, evidenceSpan: sentence, confidence: 0.75 };
      out.push({ ...base, type: 'analyst_rating', analyst: null, action, ratingFrom: null, ratingTo, ratingScore: ratingScore(ratingTo) });
      const targetAction = targetActionForRating[action];
      if (money && targetAction) out.push({ ...base, type: 'price_target', action: targetAction, from: null, to: money.low, currency: money.currency, changePct: null });
    }
  }
  return out;
}
