import type { AnalystFinding } from './analyst.ts';
import type { EntityIndex, FirmMention } from './entities.ts';
import { ratingPattern, ratingScore } from './lexicon/ratings.ts';
import { findMoney, type MoneyMention } from './numbers.ts';
import type { Span } from './sentences.ts';

/**
 * The telegraphic grammar of list items in newsletters and broker digests, where no verb is
 * written: "- Ford (F): Jefferies to buy from hold; PT $16 (from $11)", "- $DELL: Morgan
 * Stanley Equal-Weight -> Overweight, PT $165 (prev $128)", "- Initiation, Outperform: Datadog
 * (DDOG), PT $210". A heading line ("Upgrades:", "Initiations:") says what the items under it
 * are when an item gives only the new rating.
 */

export type SectionAction = 'upgrade' | 'downgrade' | 'initiate' | 'maintain';

const headings: readonly [RegExp, SectionAction][] = [
  [/^upgrades?|^upgraded/i, 'upgrade'],
  [/^downgrades?|^downgraded/i, 'downgrade'],
  [/^(?:coverage\s+)?initiations?|^initiated|^initiating|^new\s+coverage/i, 'initiate'],
  [/^reiterations?|^reiterated|^maintained/i, 'maintain'],
];

/** The action a heading line names ("Upgrades:"), null for another heading, undefined for no heading at all. */
export function headingAction(sentence: Span): SectionAction | null | undefined {
  const m = /^\s*([A-Za-z][\w ,&'-]{0,40}?)\s*:\s*$/.exec(sentence.text);
  if (!m) return undefined;
  return headings.find(([re]) => re.test(m[1]!))?.[1] ?? null;
}

// "- ", "• ", "2) ", "3. ", and a thread's "1/ ".
const listMarker = /^\s*(?:[-•*–]|\d{1,2}[.)/])\s+/;
const arrowWord = /\s(?:->|→|=>)\s/;
const R = `(${ratingPattern})`;
const ratingArrow = new RegExp(`(?<![\\w-])${R}\\s*(?:->|→|=>)\\s*${R}(?![\\w-])`, 'i');
const ratingToFrom = new RegExp(`\\bto\\s+${R}\\s+from\\s+${R}(?![\\w-])`, 'i');
// "Visa (V) - Market Perform, from Outperform": the new rating, then the one it left.
const ratingCommaFrom = new RegExp(`(?<![\\w-])${R}\\s*(?:,\\s*|\\(\\s*)(?:from|was|prev(?:iously|\\.)?)\\s+${R}(?![\\w-])`, 'i');
const ratingInitiated = new RegExp(`\\b(?:initiat\\w*|starts?|started|launch\\w*|begins?|began)\\b[^;:]*?(?:\\bat\\b|\\bwith\\b|,)\\s*(?:an?\\s+)?${R}(?![\\w-])`, 'i');
const ratingKept = new RegExp(`(?<![\\w-])${R}\\s+(?:rating\\s+)?\\(?\\s*(?:reiterated|maintained|reaffirmed|kept|unchanged)\\b|\\b(?:reiterat\\w*|maintain\\w*|reaffirm\\w*|stays|remains|keeps|still|(?:both|all|each)(?:\\s+(?:still|rated))?)\\s+(?:at\\s+|an?\\s+)?${R}(?![\\w-])`, 'i');
const ratingAt = new RegExp(`\\b(?:to|at)\\s+${R}(?![\\w-])`, 'i');
const targetNoun = /\b(?:PTs?|POs?|price\s+targets?|targets?(?:\s+price)?|price\s+objectives?)\b\s*:?/i;

// "Mastercard (MA) - Outperform (unchanged).": a note's line for one company, its rating after a dash or colon.
const dashThenRating = new RegExp(`^\\s*(?:\\([A-Z.]{1,8}\\))?\\s*[-–—:]\\s+${R}(?![\\w-])`, 'i');

/** A line that opens with a company's name, then a dash or colon and its rating: a note's item with no marker. */
export function companyHeadsRating(sentence: Span, entities: EntityIndex): boolean {
  const lead = sentence.text.length - sentence.text.trimStart().length;
  const start = sentence.start + lead;
  if (start > 0 && !/\n[ \t]*$/.test(entities.text.slice(Math.max(0, start - 4), start))) return false;
  const name = entities.mentions.find((m) => m.kind === 'name' && m.start === start && !overlapsFirm(entities, m.start, m.end));
  return name !== undefined && dashThenRating.test(entities.text.slice(name.end, sentence.end));
}

/** Whether a sentence is written as a list item, where this grammar applies. */
export function isListItem(sentence: Span): boolean {
  return listMarker.test(sentence.text) || arrowWord.test(sentence.text);
}

interface RatingRead {
  action: SectionAction | 'upgrade' | 'downgrade' | 'terminate';
  ratingTo: string | null;
  ratingFrom: string | null;
}

function byLevels(to: string, from: string, section: SectionAction | null): RatingRead['action'] | null {
  const [a, b] = [ratingScore(from), ratingScore(to)];
  if (a !== null && b !== null && a !== b) return b > a ? 'upgrade' : 'downgrade';
  return section === 'upgrade' || section === 'downgrade' ? section : null;
}

function ratingOf(text: string, section: SectionAction | null, firmEnd: number | null): RatingRead | null {
  const clean = (r: string) => r.toLowerCase().replace(/[\s_]+/g, ' ');
  // "Peloton Interactive (PTON): Piper Sandler drops coverage (was Neutral)."
  const ended = coverageEnded.exec(text);
  if (ended) return { action: 'terminate', ratingTo: null, ratingFrom: ended[1] ? clean(ended[1]) : null };
  let m = ratingArrow.exec(text);
  if (m) {
    const action = byLevels(m[2]!, m[1]!, section);
    return action ? { action, ratingTo: clean(m[2]!), ratingFrom: clean(m[1]!) } : null;
  }
  if ((m = ratingToFrom.exec(text))) {
    const action = byLevels(m[1]!, m[2]!, section);
    return action ? { action, ratingTo: clean(m[1]!), ratingFrom: clean(m[2]!) } : null;
  }
  if ((m = ratingCommaFrom.exec(text))) {
    const action = byLevels(m[1]!, m[2]!, section);
    if (action) return { action, ratingTo: clean(m[1]!), ratingFrom: clean(m[2]!) };
  }
  if ((m = ratingInitiated.exec(text))) return { action: 'initiate', ratingTo: clean(m[1]!), ratingFrom: null };
  if ((m = ratingKept.exec(text))) return { action: 'maintain', ratingTo: clean(m[1] ?? m[2]!), ratingFrom: null };
  if (section && (m = ratingAt.exec(text))) return { action: section, ratingTo: clean(m[1]!), ratingFrom: null };
  // "Bernstein Market Perform, PT $123 -> $119", "MS OW, PT to $250": the firm, then the rating it keeps.
  if (firmEnd !== null && (m = ratingRightAfter.exec(text.slice(firmEnd)))) return { action: section ?? 'maintain', ratingTo: clean(m[1]!), ratingFrom: null };
  return null;
}

const coverageEnded = new RegExp(`\\b(?:drops?|dropped|terminat(?:es|ed)|suspends?|suspended|discontinu(?:es|ed)|ends?|ended)\\s+(?:its\\s+)?(?:coverage|research)\\b(?:[^;]*?\\(?(?:was|from|previously)\\s+${R})?`, 'i');
const ratingRightAfter = new RegExp(`^\\s*:?\\s*${R}(?![\\w-])\\s*[,;:(]`, 'i');

interface TargetRead {
  from: MoneyMention | null;
  to: MoneyMention | null;
  kept: boolean;
}

function targetOf(text: string): TargetRead | null {
  const noun = targetNoun.exec(text);
  if (!noun) return null;
  const rest = text.slice(noun.index + noun[0].length);
  const figures = findMoney(rest);
  const first = figures[0];
  // "PT $16", "PT: $16", "PT to $250", "PT up to $64", "target raised to $260".
  if (!first || !/^\s*(?:[:=]\s*)?(?:(?:up|down|raised|cut|lowered|trimmed|lifted)\s+)?(?:to\s+)?$/i.test(rest.slice(0, first.start))) return null;
  const second = figures[1];
  const between = second ? rest.slice(first.end, second.start) : '';
  // "PT $1,050 -> $920": from, then to. "PT $16 (from $11)", "PT $165 (prev $128)": to, then from.
  if (second && /^\s*(?:->|→|=>|to)\s*$/.test(between)) return { from: first, to: second, kept: false };
  if (second && /^\s*[(,]?\s*(?:from|prev\.?|previous(?:ly)?|was|vs\.?)\s*$/i.test(between)) return { from: second, to: first, kept: false };
  return { from: null, to: first, kept: /^\s*(?:\(?\s*)?(?:unchanged|maintained|reiterated|kept)\b/i.test(rest.slice(first.end)) };
}

/** Whether [start, end) overlaps a research firm's name: a firm is never an item's company. */
function overlapsFirm(entities: EntityIndex, start: number, end: number): boolean {
  return entities.firms.some((f) => start < f.end && end > f.start);
}

type ItemSubject = { company: string | null; ticker: string | null };

/** The fields every finding of an item shares: its company, the firm, the item as evidence. */
function itemBase(subject: ItemSubject, firm: FirmMention | null, sentence: Span) {
  return { ticker: subject.ticker, company: subject.company, firm: firm?.name ?? null, firmId: firm?.id ?? null, evidenceSpan: sentence, confidence: firm ? 0.8 : 0.5 };
}

function ratingFinding(base: ReturnType<typeof itemBase>, rating: RatingRead): AnalystFinding {
  return { ...base, type: 'analyst_rating', analyst: null, action: rating.action, ratingFrom: rating.ratingFrom, ratingTo: rating.ratingTo, ratingScore: ratingScore(rating.ratingTo) } as AnalystFinding;
}

/**
 * "- Capital One (COF), American Express (AXP): targets raised to $260 and $355, respectively":
 * an item whose head names several companies is about each of them, in order.
 */
function companiesOfHead(sentence: Span, entities: EntityIndex): ItemSubject[] {
  const colon = sentence.text.search(/:\s/);
  if (colon < 0) return [];
  const headEnd = sentence.start + colon;
  const named = entities.mentions.filter((m) => m.kind === 'name' && m.start >= sentence.start && m.end <= headEnd && !overlapsFirm(entities, m.start, m.end));
  const distinct = named.filter((m, i) => named.findIndex((n) => (n.ticker ?? n.text) === (m.ticker ?? m.text)) === i);
  return distinct.length > 1 ? distinct.map((m) => ({ company: m.text.replace(/['’]s$/, ''), ticker: m.ticker })) : [];
}

/** The company an item is about: the first one it names, or the ticker it writes. */
function companyOf(sentence: Span, entities: EntityIndex): ItemSubject | null {
  const mention = entities.mentions.find((m) => m.start >= sentence.start && m.end <= sentence.end && !overlapsFirm(entities, m.start, m.end));
  if (mention) return { company: mention.text.replace(/['’]s$/, ''), ticker: mention.ticker };
  const written = entities.tickersIn(sentence.start, sentence.end)[0];
  if (written) return { company: entities.companies.find((c) => c.ticker === written.ticker)?.name ?? null, ticker: written.ticker };
  // "$NVDA PT hikes this morning: 1/ MS OW, PT to $250": an item naming no company is about the one named before the list.
  const before = entities.mentions.findLast((m) => m.end <= sentence.start && !overlapsFirm(entities, m.start, m.end));
  if (before) return { company: before.text.replace(/['’]s$/, ''), ticker: before.ticker };
  const ticker = entities.tickersIn(0, sentence.start).at(-1);
  return ticker ? { company: entities.companies.find((c) => c.ticker === ticker.ticker)?.name ?? null, ticker: ticker.ticker } : null;
}

const targetFor: Record<RatingRead['action'], 'raise' | 'lower' | 'initiate' | 'maintain' | 'remove'> = {
  upgrade: 'raise', downgrade: 'lower', initiate: 'initiate', maintain: 'maintain', terminate: 'remove',
};

/**
 * Rating and target events of one list item (pure). `section`: what the heading above says;
 * `firmBefore`: the firm the text named last before the item, for items that name none
 * ("Bernstein published its outlook. Actions: - Outperform -> Market Perform: ServiceNow").
 */
export function listItemEvents(sentence: Span, section: SectionAction | null, entities: EntityIndex, firmBefore: FirmMention | null): AnalystFinding[] {
  const several = companiesOfHead(sentence, entities);
  if (several.length > 1) return severalCompaniesItem(sentence, several, section, entities, firmBefore);
  const subject = companyOf(sentence, entities);
  if (!subject) return [];
  const named = entities.firms.find((f) => f.start >= sentence.start && f.end <= sentence.end);
  const rating = ratingOf(sentence.text, section, named ? named.end - sentence.start : null);
  const target = targetOf(sentence.text);
  if (!rating && !target?.to) return [];
  const firm = named ?? firmBefore;
  const base = itemBase(subject, firm, sentence);
  const out: AnalystFinding[] = [];
  if (rating) out.push(ratingFinding(base, rating));
  if (target?.to) {
    const { from, to } = target;
    const moved = from ? (to.low > from.low ? 'raise' : to.low < from.low ? 'lower' : 'maintain') : null;
    const action = moved ?? (target.kept ? 'maintain' : rating ? targetFor[rating.action] : section ? targetFor[section] : 'initiate');
    out.push({ ...base, type: 'price_target', action, from: from?.low ?? null, to: to.low, currency: to.currency, changePct: from ? Math.round(((to.low - from.low) / from.low) * 10000) / 100 : null });
  }
  return out;
}

/** One item about several companies: the rating for each, and the figures one each ("respectively") or shared. */
function severalCompaniesItem(sentence: Span, subjects: readonly ItemSubject[], section: SectionAction | null, entities: EntityIndex, firmBefore: FirmMention | null): AnalystFinding[] {
  const named = entities.firms.find((f) => f.start >= sentence.start && f.end <= sentence.end);
  const firm = named ?? firmBefore;
  const rating = ratingOf(sentence.text, section, named ? named.end - sentence.start : null);
  const noun = targetNoun.exec(sentence.text);
  const rest = noun ? sentence.text.slice(noun.index + noun[0].length) : '';
  const end = rest.search(/\brespectively\b/i);
  const figures = noun ? findMoney(end >= 0 ? rest.slice(0, end) : rest) : [];
  const perCompany = end >= 0 && figures.length === subjects.length;
  const shared = !perCompany && figures.length === 1 ? figures[0]! : null;
  const moved = /\b(?:raised|lifted|up|increased|boosted|hiked)\b/i.test(rest) ? 'raise' : /\b(?:cut|lowered|down|trimmed|reduced|slashed)\b/i.test(rest) ? 'lower' : null;
  const out: AnalystFinding[] = [];
  subjects.forEach((subject, i) => {
    const base = itemBase(subject, firm, sentence);
    const to = perCompany ? figures[i]! : shared;
    if (to) out.push({ ...base, type: 'price_target', action: moved ?? (rating ? targetFor[rating.action] : section ? targetFor[section] : 'initiate'), from: null, to: to.low, currency: to.currency, changePct: null } as AnalystFinding);
    if (rating) out.push(ratingFinding(base, rating));
  });
  return out;
}
