import { creditAgencyName, creditAgencyNamed, creditWords } from './lexicon/credit-agencies.ts';
import type { AnalystRatingEvent, PriceTargetEvent } from '@tickerwire/core';
import { beforeActionNoun, directionWords, ratingNouns, ratingTriggers, standingRatings, targetActionOf, targetNouns } from './lexicon/actions.ts';
import { ratingPattern, ratingScore } from './lexicon/ratings.ts';
import { lowerCaseGroup, namesGroup } from './lexicon/groups.ts';
import { sentenceOpeners } from './lexicon/openers.ts';
import { currencyCodeThenFigure, findMoney, moneySource, type MoneyMention } from './numbers.ts';
import { isFirmAnaphor, type EntityIndex, type FirmMention } from './entities.ts';
import { analystFor, type Analyst } from './entity/people.ts';
import { mostNamedBefore, type CompanyMention } from './entity/link.ts';
import { allNames, nameAt, nameEndingAt, type NameSpan } from './names.ts';
import { allMatches } from './matches.ts';
import { splitClauses, type Span } from './sentences.ts';

type Rating = Omit<AnalystRatingEvent, 'evidence' | 'confidence' | 'sentiment'>;
type Target = Omit<PriceTargetEvent, 'evidence' | 'confidence' | 'sentiment'>;
export type AnalystFinding = (Rating | Target) & { evidenceSpan: Span; confidence: number; firmId: string | null; unsettled?: boolean };

const rx = (source: string) => new RegExp(source, 'gi');
const dirSource = directionWords.map(([s]) => s).join('|');
const directionMatchers = directionWords.map(([source, dir]) => [new RegExp(`^(?:${source})$`, 'i'), dir] as const);
const dirOf = (word: string) => directionMatchers.find(([re]) => re.test(word))?.[1] ?? null;
const quote = `[‘'"“]?`;
// Not the verb: "an offer to buy the company", "to sell its stake".
const ratingCapture = `${quote}(${ratingPattern})${quote}(?![\\w-])(?!\\s+(?:the|a|an|its|their|his|her|our|shares|stock|stakes?|back|out|up|into|more|some|it|them)\\b)`;

// Lead-ins that are not part of the sentence's grammar: "UPDATE:", "$GM:", "$DELL $HPE -", list
// items ("2) Morgan Stanley …", "• Citi …").
const leadIn = /^(?:(?:UPDATE|UDPATE|Update|BREAKING|Breaking|ALERT|Alert|Hearing|Analyst Ratings?|Earnings Update: Here's Why)\b:?\s+|(?:\d{1,2}[).]|[-•*–])\s+|(?:\$[A-Z.]+\s*)+(?:\([^)]*\)\s*)?[:\-–—]?\s+)+/;
// "Others held firm: Citi reiterated …", "Upgrades: Mizuho lifted …": a short phrase before a colon
// (with a lower-case word, or a column's name) introduces the sentence; "Coverage: Buy" does not.
const colonLeadIn = new RegExp(
  `^(?:[A-Z][\\w'’-]*(?:\\s+[\\w'’-]+){0,4}?\\s+[a-z][\\w'’-]*|Upgrades|Downgrades|Targets|Initiations|Price [Tt]argets):\\s+(?=[A-Z$])(?!(?:${ratingPattern})\\b)`,
);

/** How many characters of `text` are lead-in, not grammar. */
function leadInLength(text: string): number {
  const first = leadIn.exec(text)?.[0].length ?? 0;
  // Only a text with a colon early on can have a phrase before one.
  const colon = text.indexOf(':', first);
  if (colon < 0 || colon - first > 60) return first;
  return first + (colonLeadIn.exec(text.slice(first))?.[0].length ?? 0);
}

// Subjects that are people, not firms: "Analysts Just Lifted Their ... Price Target".
// Also countries and stock indexes, which news names like companies ("U.S", "the Nikkei").
const genericActors = /^(?:analysts?|the street|wall street|brokers?|brokerages?|traders?|investors?|they|it|we|he|she|i|gold|silver|oil|crude(?:\s+oil)?|brent|WTI|copper|bitcoin|ether|ethereum|natural\s+gas|U\.?S\.?|U\.?K\.?|EU|(?:the\s+)?(?:Nikkei|Dow|Nasdaq(?:\s+Composite)?|S&P(?:\s+500)?|FTSE(?:\s+100)?|DAX|CAC(?:\s+40)?|Hang\s+Seng|Kospi|KOSPI|Sensex|Nifty|STOXX(?:\s+600)?|TSX|ASX(?:\s+200)?))$/i;

// "target for adjusted operating margin", "target of doubling revenue": a goal for a business metric.
const goalForMetric = /^\s+(?:for|of)\s+(?:[\w-]+\s+){0,3}?(?:margins?|revenues?|sales|growth|earnings|EPS|profit|income|cash\s+flow|returns?|costs?|savings|capacity|production|output|store\s+count|stores|doubling|tripling|reaching)\b/i;
// Bare "target" after these words is a business goal, not a price target.
const businessTargets = /\b(?:takeover|acquisition|buyout|sales|revenue|margin|production|output|emissions?|growth|guidance|earnings|deployment|capacity|hashrate|inflation|cost|savings|profit|debt|leverage|delivery|subscriber|user|capex|spending|investment|dividend|buyback|payout)\s+targets?$/i;

// Compiled once: these run for every clause.
const wholeRating = new RegExp(`^(?:${ratingPattern})$`, 'i');
const ratingAfterTo = new RegExp(`\\b(?:to|at|as|with)\\s+(?:an?\\s+)?${ratingCapture}`, 'i');
const ratingRightAfter = new RegExp(`^\\s*(?:(?:its|their|his|her|our|the|a|an)\\s+)?${ratingCapture}`, 'i');
const afterColon = new RegExp(`^[^,;:]{1,60}?:\\s*(?:an?\\s+)?${ratingCapture}`, 'i');
const ratingWith = new RegExp(`\\bwith\\s+(?:an?\\s+)?${ratingCapture}\\s+rating`, 'i');
const ratingFrom = new RegExp(`\\b(?:from|vs\\.?|versus)\\s+${ratingCapture}`, 'i');
const ratingNear = new RegExp(`^\\s*(?:(?:its|their|the|a|an)\\s+)?(?:${ratingCapture}|(?:[^,;]{0,60}?\\s)?(?:at|to|with(?:\\s+an?)?|as)\\s+${ratingCapture}|(?:[^,;]{0,60}?\\s)?${ratingNouns}\\b)`, 'i');
// On word boundaries: "positive" holds the letters of "PO" (price objective).
const targetNounPattern = new RegExp(`\\b(?:${targetNouns})\\b`, 'i');
const ownRating = new RegExp(`^\\s+(?:its|their|our)\\s+(?:[\\w-]+\\s+){0,2}?(?:${ratingNouns}|${ratingPattern}|stock|shares)\\b`, 'i');
const scaledFigure = /(?:million|billion|trillion|\b(?:bn|mln|mn|m|b|k)\b|\d[mbk]\b)/i;
const objectPosition = /\b(?:on|of|for|upgrad(?:es|ed)|downgrad(?:es|ed))\s+$/i;
const ratingsOnObject = new RegExp(`^(?:${ratingPattern})\\s+ratings?\\s+(?:on|for)\\s`, 'i');
const firmRatingOn = new RegExp(`^\\s+(${ratingPattern})(?=\\s+(?:on|about)\\s+(?:shares\\s+of\\s+)?[A-Z$])`, 'i');
const ratingAfterObject = new RegExp(`^\\s+(?:(?-i:[A-Z])[\\w.&'’-]*\\s+){1,5}?(?:\\([^)]*\\)\\s+)?(?:an?\\s+)?${ratingCapture}(?=\\s*(?:[,;:.]|$|rating\\b)|\\s+(?:as|on|after|ahead|amid|citing|and|but|despite|following|while|in)\\b)`, 'i');
const ratedAdjective = new RegExp(`\\b(${ratingPattern})-rated(?=\\s+[A-Z$])`, 'gi');
const ratingWordIn = new RegExp(`\\b(?:${ratingPattern})\\b`, 'i');
const ratingBeforeComma = new RegExp(`^(?:${ratingPattern})\\s*,`, 'i');
// "downgraded property portal Rightmove", "its target for chip-equipment maker ASML Holding": a kind of company before its name.
const kindBeforeName = `(?:(?-i:[a-z])[\\w-]*\\s+){0,2}?(?:maker|portal|group|giant|retailer|grocer|chain|lender|bank|insurer|producer|miner|operator|developer|specialist|supplier|provider|platform|designer|carrier|airline|brand|owner|conglomerate|manufacturer|utility|outfit|firm)\\s+(?=(?-i:[A-Z$]))`;
const ratingObjectPatterns = [
  new RegExp(`^\\s*(?:(?:its|their|his|her|an?)\\s+)?(?:${ratingCapture}\\s+)?(?:ratings?\\s+)?(?:on|for|of)\\s+(?:(?:rival|peer|fellow|smaller|larger|bigger)\\s+)*(?:${kindBeforeName})?`, 'i'),
  new RegExp(`^\\s+${kindBeforeName}`, 'i'),
  /^\s*/,
];
// "gives big boost to Deere PT": the company between the move's noun and the target's.
const moveNounObject = /^(?:boost|hike|lift|bump|raise|increase|cut|trim|reduction|haircut)\s+(?:to|in)\s+/i;
const targetObjectPatterns = [
  moveNounObject,
  /^(?:\S+\s+){0,2}?(?:its|their|the)\s+(?=.*?\b(?:price\s+targets?|PTs?|targets?|price\s+objectives?)\b)/i,
  new RegExp(`^\\S+\\s+(?=[A-Z])(?!(?:${targetNouns})\\b)`, ''),
  // Not across "and" ("Lowers PT To $42 And Awaits Clarity On Macro"): that "on" is another verb's.
  // "its target for the Hong Kong-listed shares of Alibaba Group": the shares of the company after the first "on/for/of".
  new RegExp(`^.*?\\b${targetNouns}\\b(?:(?!\\s(?:and|on|for|of)\\s)[^,;])*?\\s(?:on|for|of)\\s+(?:the\\s+)?(?:[\\w-]+\\s+){0,3}?(?:shares|stock|ADRs?)\\s+(?:of|in)\\s+(?=(?-i:[A-Z$]))`, 'i'),
  new RegExp(`^.*?\\b${targetNouns}\\b(?:(?!\\sand\\s)[^,;])*?\\s(?:on|for|of)\\s+(?=[A-Z$])`, 'i'),
  new RegExp(`^.*?\\b${targetNouns}\\b(?:(?!\\sand\\s)[^,;])*?\\s(?:on|for|of)\\s+${kindBeforeName}`, 'i'),
  // "raised its price target on the iPhone maker": a description the entity layer resolved.
  new RegExp(`^.*?\\b${targetNouns}\\b(?:(?!\\sand\\s)[^,;])*?\\s(?:on|for|of)\\s+(?=the\\s)`, 'i'),
  new RegExp(`^.*?\\b${targetNouns}\\s+(?=[A-Z])`, 'i'),
];

interface Trigger {
  kind: 'rating' | 'target';
  action: Rating['action'] | Target['action'];
  start: number;
  end: number;
  /** Active voice: the firm comes before the verb and the company after it. */
  active: boolean;
  /** For targets: where the target noun is, so values are read after it. */
  nounEnd: number;
  /** A rating the trigger itself carries ("overweight-rated Microsoft"). */
  rating?: string;
  /** "with a $165 price target": a figure with no verb of its own, moving as the clause's rating does. */
  besideRating?: boolean;
  /** "sees the shares reaching $115": a target only when a research firm says it (not "a fund manager"). */
  needsFirm?: boolean;
  /** For such a figure: the target action the rating before it implies. */
  ratingImplies?: Target['action'];
  /** "Macquarie moved AIA Group to neutral": a move whose way the sentence does not tell; the rating it left, told after, settles it (extract.ts). */
  unsettled?: boolean;
}

/** Rating and price-target events of one sentence. */
/** What a document's earlier sentences established: the company its analyst events were about. */
export interface DocumentContext {
  lastSubjects: NameSpan[];
  lastSentence: Span | null;
}

export function analystEvents(
  sentence: Span,
  entities: EntityIndex,
  clauses: readonly Span[] = splitClauses(sentence),
  document: DocumentContext = { lastSubjects: [], lastSentence: null },
): AnalystFinding[] {
  // "Is an upgrade coming for Starbucks?", "Will Goldman cut Apple?": a question asks, it reports nothing.
  if (speculativeQuestion.test(sentence.text)) return [];
  const findings: AnalystFinding[] = [];
  // The names of a clause's text, read once for all its triggers (this call only).
  const namesByText = new Map<string, NameSpan[]>();
  const namesIn = (text: string) => namesByText.get(text) ?? namesByText.set(text, allNames(text)).get(text)!;
  // What earlier clauses of the sentence established, resolved once: their subjects' spans are
  // relative to their own clause, so a later clause reuses the resolved companies.
  // "Goldman Bullish On Agilent, Raises Price Target To $53": the firm that opens the sentence acts in all of it.
  const opening = leadInLength(sentence.text);
  const openingFirm = entities.firms.find((f) => f.start === sentence.start + opening) ?? null;
  let carried: { firm: FirmMention | null; firmName: string | null; companies: NameSpan[]; resolved: { company: string | null; ticker: string | null }[] } = { firm: openingFirm, firmName: null, companies: [], resolved: [] };
  for (const clause of clauses) {
    const lead = leadInLength(clause.text);
    // "…, including Piper Sandler, which moved to $72": a clause opening with "which" has the firm before its comma as subject.
    const firmEndsAt = (at: number) => entities.firms.some((f) => f.end === clause.start + at || (at === 0 && f.end <= clause.start && /^\s*,\s*$/.test(entities.text.slice(f.end, clause.start))));
    const triggers = findTriggers(clause.text, lead, (at) => insideCompanyName(entities, clause.start + at), firmEndsAt, openingFirm !== null, sentence.text);
    // "Goldman Sachs Neutral On Agilent": a firm, its rating, the company; no verb.
    if (openingFirm && openingFirm.start >= clause.start && openingFirm.end <= clause.end) {
      const from = openingFirm.end - clause.start;
      const m = firmRatingOn.exec(clause.text.slice(from));
      // "Positive On", "Negative On" are views said in words, not ratings, before a verb.
      if (m && !/^(?:positive|negative|mixed)$/i.test(m[1]!) && !triggers.some((t) => t.start < from + m[0].length)) {
        const start = from + m[0].length - m[1]!.length;
        triggers.unshift({ kind: 'rating', action: 'maintain', start, end: start + m[1]!.length, active: true, nounEnd: start + m[1]!.length, rating: m[1]! });
      }
    }
    for (const trigger of triggers) {
      // "had downgraded the streamer", "Last spring, a handful of brokers downgraded": an action
      // told as history is background, not news of this text.
      if (toldAsHistory(sentence, clause.start + trigger.start, latestYearOf(entities))) continue;
      // "I could see a couple of the big houses downgrading it", "said a downgrade was possible": not done.
      if (speculative(clause.text, trigger)) continue;
      // "what does 'initiated at market perform' mean?", "our \"most-upgraded stocks\" list": words quoted as words.
      if (quotedAsWords(clause.text, trigger.start)) continue;
      // "I'm upgrading my own view of the drugmaker to a buy": a writer's own view, no firm's rating.
      if (/^\s+(?:my|our)\s+own\b/i.test(clause.text.slice(trigger.end))) continue;
      // "Nobody upgraded or downgraded anything", "no broker has cut it": nothing was done.
      if (/\b(?:nobody|no\s+one|none\s+of\s+(?:the|them)|no\s+(?:firm|broker|brokerage|bank|analyst)s?)\b[^,;]*$/i.test(clause.text.slice(0, trigger.start))) continue;
      // "at least four brokers lowered targets", "target raised at two brokers": a group of
      // unnamed firms acted; each named one ("including Piper Sandler, which …") is its own event.
      if (unnamedGroupActs(clause.text, trigger)) continue;
      // "Whitcombe reiterated overweight ratings on Nvidia": an analyst named before the verb acts.
      if (!trigger.active && entities.analysts.length > 0) {
        const subject = nameEndingAt(clause.text, clause.text.slice(0, trigger.start).trimEnd().length);
        if (subject && analystFor(subject.name, clause.start + trigger.start, entities.analysts)) trigger.active = true;
      }
      const found = firmOf(clause, trigger, lead, entities) ?? (carried.firm ? { mention: carried.firm, name: carried.firm.name } : carried.firmName ? { mention: null, name: carried.firmName } : null);
      // "Mercado", read as a firm by its place in the sentence, is an analyst: the firm is theirs.
      const speaker = found && !found.mention ? analystFor(found.name, clause.start + trigger.start, entities.analysts) : null;
      const firm = speaker ? (speaker.firm ? { mention: speaker.firm, name: speaker.firm.name } : null) : found;
      // A credit-rating agency rates debt, not the stock: not an analyst's rating or target.
      // The whole sentence: "Moody's Affirms Agilent Ratings; Outlook Lowered from Stable to Negative".
      if ((firm && creditAgencyName.test(firm.name)) || creditAgencyActs(clause, entities) || creditAgencyActs(sentence, entities)) continue;
      if (trigger.needsFirm && !firm?.mention) continue;
      if (trigger.kind === 'rating' && creditWords.test(clause.text)) continue;
      const analyst = analystOf(clause, trigger, lead, sentence, firm, entities);
      const companies = companiesOf(clause, trigger, lead, firm?.mention ?? null, entities, firm?.name ?? null, namesIn);
      // "The firm lifted its price target": "its" points back to the company of the sentence before.
      const pointsBack = /\b(?:its|his|her|their|our|the company['’]s)\s+(?:[\w$.,-]+\s+){0,3}?(?:price\s+targets?|targets?|PTs?|ratings?)\b|\b(?:kept|keeps|keeping|reiterat\w*|maintain\w*)\s+(?:its|his|her|their)\s+(?:[\w-]+\s+)?\w+(?:\s+rating)?\b/i.test(clause.text);
      // "Reiterates Buy Rating, $48 PT on Agilent": the object comes in a later clause of the sentence.
      // "Bernstein lifts Robinhood target; Compass Point goes to sell on Coinbase": a clause with a firm of its own
      // does not carry the companies of another firm's clause.
      const ownFirm = firm?.mention != null && carried.firm != null && firm.mention.start >= clause.start && firm.mention.id !== carried.firm.id;
      const carriedCompanies = ownFirm ? [] : carried.companies;
      const later = companies.length === 0 && carriedCompanies.length === 0 ? laterObject(sentence, clause.start + trigger.end, entities) : [];
      // "Goldman Bullish On Ford, Raises Price Target To $53": the one company the sentence names.
      // Not the subject of this very verb: "Microsoft upgrades its data centers" is the company acting.
      const sole = companies.length === 0 && carriedCompanies.length === 0 && later.length === 0 ? soleCompanyOrObject(entities, sentence).filter((n) => !(trigger.active && n.end === clause.start + clause.text.slice(0, trigger.start).trimEnd().length)) : [];
      // "It set a $190 target.": a sentence that names no company continues the one before.
      // A firm's own name ("Citi", also Citigroup's) is not a company the sentence is about.
      const namesNone = sole.length === 0 && !entities.mentions.some((m) => m.start >= sentence.start && m.end <= sentence.end && !entities.firms.some((f) => m.start < f.end && m.end > f.start));
      // "Darden shares fell. Others held firm: Citi reiterated buy.": a firm's action in a sentence
      // naming no company is about the company the text has named most so far.
      const firmActsOnNone = namesNone && firm !== null;
      // "Ulta Beauty added 2%; Morgan Stanley raised its target": "its" is the company this sentence named, before the one the text named last.
      const ownEarlier = pointsBack && sole.length === 1 && sole[0]!.end <= clause.start + trigger.start ? sole : null;
      // "Q: And Nintendo (7974.T)? A: We moved it to neutral": "it" is the company named since the last event's sentence.
      // "The more interesting one is Salesforce. KeyBanc went to sector weight": a firm's move with no object
      // in a sentence naming no company is about the one company named since the last event's sentence.
      const pronounObject = objectIsPronoun(clause.text, trigger);
      const since = !ownEarlier && (pronounObject || (namesNone && firm !== null && document.lastSentence !== null)) ? namedSince(entities, document.lastSentence?.end ?? 0, clause.start + trigger.start) : null;
      const sameAsLast = since !== null && !pronounObject && document.lastSubjects.some((n) => entities.companyAt(n.start)?.ticker === entities.companyAt(since[0]!.start)?.ticker);
      const pronounNamed = sameAsLast ? null : since;
      const before = ownEarlier ?? pronounNamed ?? (pointsBack || pronounObject || (namesNone && document.lastSubjects.length > 0) || firmActsOnNone ? (document.lastSubjects.length > 0 ? document.lastSubjects : mainCompany(entities, sentence)) : sole);
      // "less kind to Target Corp, which it downgraded to underperform": the company the relative clause hangs on.
      // "MARA lost 8% and Riot 6.5% after Compass Point lowered its targets on the two miners": the companies counted back.
      const count = countedObject.exec(clause.text.slice(trigger.end));
      const back = count ? countedBack(count, sentence, clause.start + trigger.start, entities) : null;
      // "cutting its ratings on two lenders …" with the lenders named only later: the later sentences carry the events.
      if (count && !back) continue;
      const antecedent = back ?? (companies.length === 0 ? relativeAntecedent(clause, entities) : null);
      const subjects = back ? back : companies.length > 0 ? companies : antecedent ? antecedent : carriedCompanies.length > 0 ? carried.companies : later.length > 0 ? later : entities.tickersIn(sentence.start, sentence.end).length === 0 ? before : [];
      if (subjects.length === 0 && trigger.kind === 'rating' && !ratingToOf(clause.text, trigger)) {
        continue; // "Top Upgrades, Downgrades For October 4": no company, no rating: a list, not an event.
      }
      const fromBefore = subjects === document.lastSubjects && document.lastSentence !== null;
      // "We think upgrades to 5G are inevitable": borrowed company, no firm, no rating — not an action.
      if (fromBefore && trigger.kind === 'rating' && !firm && !ratingToOf(clause.text, trigger)) continue;
      const fromText = subjects === before && !fromBefore;
      const scope = fromBefore ? document.lastSentence! : subjects === later || fromText ? wholeText(entities) : clause;
      const tickers = subjects === carried.companies && companies.length === 0 ? carried.resolved : fromText ? subjects.map((n) => ({ company: n.name, ticker: entities.companyAt(n.start)?.ticker ?? entities.tickersIn(n.start, n.end)[0]?.ticker ?? null })) : tickersOf(scope, subjects, entities, fromBefore ? document.lastSentence! : sentence);
      const firstOfTrigger = findings.length;
      // "lifting her targets to $345 from $320 and to $125 from $110, respectively".
      const respective = trigger.kind === 'target' && tickers.length > 1 ? respectivePairs(clause.text, trigger) : [];
      // "cut targets on several homebuilders: D.R. Horton (DHI) to $150 from $170 and Lennar (LEN) to $112 from $125".
      const pairs = respective.length === 0 && trigger.kind === 'target' && tickers.length > 1 ? ownFigurePairs(sentence, clause.start + trigger.end, tickers, entities) : respective;
      // "…'s new target on Zoom is $95, versus $85 before": the prior, split into the next clause.
      const priorAfter = trigger.kind === 'target' ? priorInNextClause.exec(sentence.text.slice(clause.end - sentence.start)) : null;
      const valuesText = priorAfter ? clause.text + priorAfter[0] : clause.text;
      for (const [index, { company, ticker }] of tickers.entries()) {
        const base = {
          ticker,
          company,
          firm: firm?.name ?? null,
          firmId: firm?.mention?.id ?? null,
          evidenceSpan: sentence,
          confidence: confidenceOf(firm !== null, ticker !== null || company !== null),
        };
        if (trigger.kind === 'rating') {
          const ratingTo = ratingToOf(clause.text, trigger);
          // "Amazon Is Upgrading Virginia Data Centers": no firm, no rating and no listed company
          // is nothing an analyst did.
          if (trigger.active && !firm && ratingTo === null && ticker === null && ratingFromOf(clause.text, trigger) === null) continue;
          findings.push({
            ...base,
            type: 'analyst_rating',
            analyst: analyst?.name ?? null,
            action: trigger.action as Rating['action'],
            ratingFrom: ratingFromOf(clause.text, trigger),
            ratingTo,
            ratingScore: ratingScore(ratingTo),
            ...(trigger.unsettled ? { unsettled: true } : {}),
          });
        } else {
          const { from, to } = pairs.length === tickers.length ? pairs[index]! : targetValuesOf(valuesText, trigger);
          // "with a $95 target, up from $72": a target given with the one before it moved.
          const moved = trigger.action === 'initiate' && from && to && from.low !== to.low ? (to.low > from.low ? 'raise' : 'lower') : null;
          findings.push({
            ...base,
            type: 'price_target',
            action: moved ?? trigger.ratingImplies ?? (trigger.action as Target['action']),
            from: from?.low ?? null,
            to: to?.low ?? null,
            currency: to?.currency ?? from?.currency ?? 'USD',
            changePct: from && to ? round((to.low - from.low) / from.low * 100) : null,
          });
        }
      }
      // "after Evercore ISI and Bank of America downgraded the stock": each firm of the subject acted.
      const others = jointFirms(clause, firm?.mention ?? null, trigger, entities);
      // "Goldman Sachs and Rosenblatt raised their targets to $140 and $132, respectively": one figure per firm, in order.
      const perFirm = trigger.kind === 'target' && others.length > 0 && tickers.length === 1 ? respectivePairs(clause.text, trigger) : [];
      const byFirm = perFirm.length === others.length + 1;
      if (byFirm) {
        const own = findings[firstOfTrigger] as AnalystFinding & Target;
        const { from, to } = perFirm.at(-1)!;
        Object.assign(own, { from: from?.low ?? null, to: to?.low ?? null, changePct: from && to ? round((to.low - from.low) / from.low * 100) : null });
      }
      for (const [k, other] of others.entries()) {
        for (const f of findings.slice(firstOfTrigger, byFirm ? firstOfTrigger + 1 : undefined)) {
          const figures = byFirm && f.type === 'price_target' ? { from: perFirm[k]!.from?.low ?? null, to: perFirm[k]!.to?.low ?? null, changePct: perFirm[k]!.from && perFirm[k]!.to ? round((perFirm[k]!.to!.low - perFirm[k]!.from!.low) / perFirm[k]!.from!.low * 100) : null } : {};
          findings.push({ ...f, firm: other.name, firmId: other.id, ...(f.type === 'analyst_rating' ? { analyst: null } : {}), ...figures } as AnalystFinding);
        }
      }
      if (firm) carried = { ...carried, firm: firm.mention, firmName: firm.name };
      if (subjects.length > 0) carried = { ...carried, companies: subjects, resolved: tickers };
      if (subjects.length > 0 && subjects !== document.lastSubjects) {
        document.lastSubjects = subjects;
        document.lastSentence = sentence;
      } else if (subjects.length === 0 && tickers.length === 1 && tickers[0]!.ticker) {
        // "Bernstein reiterates Outperform on $COIN": a company given only by its ticker is what a later
        // firm-only sentence ("Compass Point still at Sell, PT lowered …") is about too.
        const written = entities.tickersIn(clause.start, clause.end).find((t) => t.ticker === tickers[0]!.ticker);
        if (written) {
          document.lastSubjects = [{ name: written.ticker, start: written.start, end: written.end }];
          document.lastSentence = sentence;
        }
      }
    }
  }
  const withElided = [...findings, ...elidedTargets(sentence, findings, entities), ...elidedRatings(sentence, findings, entities)];
  return dedupe([...withBoth(sentence, withElided), ...bareTargets(sentence, withElided, entities)]);
}

const describedName = /^\s*(?:Carmaker|Automaker|Chipmaker|Drugmaker|Retailer|Lender|Insurer|Miner|Brewer|Airline|Carrier|Bank|Broker|Utility|Conglomerate|Luxury(?:\s+goods)?(?:\s+group)?|Tech(?:nology)?\s+(?:giant|group)|(?:Mining|Oil|Energy|Media|Chip|Software|Retail|Food|Drug|Insurance|Property|Steel|Telecom|Tobacco|Beverage|Consumer|Industrial|Payments)\s+(?:group|giant|company|firm|maker|producer))\s+(?=[A-Z])/;
const ratingRightAfterVerb = new RegExp(`^\\s+(?:an?\\s+)?(?:${ratingPattern})\\b`, 'i');
const companyMoveVerb = /^(?:moves|moved|goes|went|drops|dropped|slides|slid)$/i;
const companySubjectVerb = /^(?:stay|stays|stayed|remain|remains|remained|start|starts|started)$/i;
const brokerWords = /\b(?:Securities|Equities|Institutional|Research|Brokerage|Capital\s+Markets|Investment\s+Bank(?:ing)?)\b/;
const speculativeQuestion = /^(?:\W*)(?:Is|Are|Will|Would|Could|Should|Can|Might|Does|Do)\b[^?]*\?\s*$/;
const pastPerfect = /\bhad\s+(?:(?:already|previously|earlier|also|long|once)\s+)?$/i;
// "The brokerage previously rated the shares in line with a $78 target": what it used to say.
const formerly = /\b(?:previously|formerly)\s+(?:(?:had\s+)?\w+ed\b[^,;]*)?$/i;
const pastPeriod = /\b(?:last\s+(?:year|spring|summer|fall|autumn|winter)|(?:a|one|two|three|\d+)\s+years?\s+ago|in\s+(?:early\s+|late\s+|mid-)?(?:19|20)\d\d\s*,)/i;

const yearWord = /\b(?:19|20)\d\d\b/g;
// Read once per article (keyed by its entity index, new for every extraction: never across calls).
const latestYears = new WeakMap<EntityIndex, number | null>();
/** The latest year a text names (19xx or 20xx), or null: what "now" is for its dated actions. */
function latestYearOf(entities: EntityIndex): number | null {
  const known = latestYears.get(entities);
  if (known !== undefined) return known;
  let max: number | null = null;
  for (const m of allMatches(yearWord, entities.text)) max = Math.max(max ?? 0, Number(m[0]));
  latestYears.set(entities, max);
  return max;
}

// "could cut", "Goldman is expected to upgrade Apple": not done yet.
const modalBefore = /\b(?:could|might|may|would|(?:is|are|was|were)\s+(?:expected|likely|poised|tipped|rumou?red|said)\s+to)\s+(?:[\w'’-]+\s+){0,8}$/i;
const possibleAfter = /^(?:\s+(?:of|on)\s+[^,;.]{1,40}?)?\s+(?:was|is|would\s+be|could\s+be|seems?|seemed|looks?|looked)\s+(?:possible|likely|unlikely|on\s+the\s+cards|in\s+the\s+cards)\b/i;

/** An action only thought of: a modal before it, or "a downgrade was possible". */
function speculative(text: string, trigger: Trigger): boolean {
  return modalBefore.test(text.slice(0, trigger.start)) || possibleAfter.test(text.slice(trigger.end));
}

const monthNames = 'January|February|March|April|May|June|July|August|September|October|November|December';
const earlierMonthAfter = new RegExp(`^[^.;]{0,60}?\\b(?:in\\s+(?:${monthNames})(?![\\s.]*\\d)|earlier\\s+this\\s+(?:month|year)|last\\s+month)\\b`);
const earlierMonthBefore = new RegExp(`\\b(?:(?:[Ii]n|[Bb]ack\\s+in)\\s+(?:${monthNames})(?![\\s.]*\\d)|[Ee]arlier\\s+this\\s+(?:month|year)|[Ll]ast\\s+month)\\b(?![^.;]*\\band\\s)[^.;]{0,60}$`);

/** An action the sentence tells as earlier history: "had downgraded", "Last spring, … downgraded", "In 2022, … cut". */
function toldAsHistory(sentence: Span, at: number, latestYear: number | null = null): boolean {
  // "Analyst X, who was cautious on the chipmaker last year, lifted his target": a relative
  // clause or an aside tells of its own time, not the verb's.
  const before = sentence.text.slice(0, at - sentence.start).replace(/,\s+(?:who|which|whose)\s[^,;]*,/gi, ',').replace(/\([^)]*\)/g, '');
  // "downgraded the stock to sell in early 2024" in a text that speaks of 2026: an earlier year's action.
  // (Read only when the text names a year to compare with.)
  const dated = latestYear === null ? null : /^[^.;]{0,60}?\bin\s+(?:early|late|mid-?|the\s+(?:spring|summer|autumn|fall|winter)\s+of)?\s*((?:19|20)\d\d)\b/.exec(sentence.text.slice(at - sentence.start));
  if (dated && latestYear !== null && Number(dated[1]) < latestYear) return true;
  // "in late 2022 roughly a dozen brokers cut Meta": the earlier year said before the verb.
  const datedBefore = latestYear === null ? null : /\bin\s+(?:early\s+|late\s+|mid-?\s*)?((?:19|20)\d\d)\b[^.;]{0,60}$/i.exec(before);
  if (datedBefore && latestYear !== null && Number(datedBefore[1]) < latestYear) return true;
  // "since Wolfe Research upgraded it back in March": the time said after the verb.
  // (Both patterns below are case-sensitive: a match holds the word "back" or "year" as written, so a sentence without it skips the scan.)
  const after = sentence.text.slice(at - sentence.start);
  if (after.includes('back') && /^[^.;]{0,60}?\bback\s+in\s+(?:(?:19|20)\d\d|January|February|March|April|May|June|July|August|September|October|November|December)\b/.test(after)) return true;
  // "Roth suspended coverage of the company in June", "raised its target earlier this month": an
  // earlier month's action (a day after the month is a date of this news: "on June 5").
  if (earlierMonthAfter.test(sentence.text.slice(at - sentence.start)) || earlierMonthBefore.test(before)) return true;
  // "which downgraded the toymaker in March of last year", "cut it last year".
  if (after.includes('year') && /^[^.;]{0,60}?\b(?:(?:in\s+\w+\s+(?:of\s+)?)?last\s+year|(?:a|one|two|three|\d+)\s+years?\s+ago)\b/.test(after)) return true;
  // "told CNBC that he had raised his target": reported speech shifts the news back a tense.
  const reported = /\b(?:that|as)\s+(?:[\w.'’-]+\s+){1,3}had\s+(?:\w+\s+)?$/i.test(before);
  return (pastPerfect.test(before) && !reported) || pastPeriod.test(before) || formerly.test(before);
}

const agencyAnaphor = /\b[Tt]he\s+(?:(?:credit[-\s])?ratings?\s+)?agency\b/;

/** "S&P cuts Boeing to BBB-": an agency named in the clause; "S&P Global stock" is the listed company. */
function creditAgencyActs(clause: Span, entities: EntityIndex): boolean {
  // "The agency kept its outlook at negative": an agency named before, by its kind.
  if (agencyAnaphor.test(clause.text)) return true;
  const m = creditAgencyNamed.exec(clause.text);
  if (!m) return false;
  // A longer company name that starts with the agency's ("S&P Global"); Moody's alone, and
  // "S&P Global Ratings", are the agency.
  const at = clause.start + m.index;
  const company = entities.mentions.find((c) => c.kind === 'name' && c.start <= at && c.end > at + m[0].length);
  return !company || /^\s*Ratings\b/.test(entities.text.slice(company.end));
}

function insideCompanyName(entities: EntityIndex, position: number): boolean {
  return entities.mentions.some((m) => m.kind === 'name' && m.start <= position && position < m.end);
}

// "Mackie Research Cuts Barrick Gold To Hold, Iamgold To Sell": the verb and the firm are said
// once for a list of companies, each with its rating.
const elidedRating = new RegExp(`(?:,|\\band|\\bAnd)\\s+(?=[A-Z$])`, 'g');
const toRatingAfterName = new RegExp(`^\\s*(?:\\([^)]{1,24}\\)\\s*)?(?:to|at)\\s+(?:an?\\s+)?${ratingCapture}`, 'i');

function elidedRatings(sentence: Span, findings: readonly AnalystFinding[], entities: EntityIndex): AnalystFinding[] {
  const ratings = findings.filter((f): f is AnalystFinding & Rating => f.type === 'analyst_rating' && f.ratingTo !== null);
  if (ratings.length === 0 || !toRating.test(sentence.text)) return [];
  const out: AnalystFinding[] = [];
  for (const m of allMatches(elidedRating, sentence.text)) {
    const at = m.index + m[0].length;
    const span = nameAt(sentence.text, at);
    // "Agilent Technologies, Inc. at Neutral": a legal suffix after the comma ends the same name.
    if (!span || wholeRating.test(span.name) || /^(?:Inc|Corp|Corporation|Co|Cos|Ltd|Limited|plc|LLC|L\.?P|S\.?A|N\.?V|AG|SE)\b\.?$/i.test(span.name) || entities.firms.some((f) => sentence.start + span.start < f.end && sentence.start + span.end > f.start)) continue;
    const rated = toRatingAfterName.exec(sentence.text.slice(span.end));
    if (!rated) continue;
    const ticker = entities.companyAt(sentence.start + span.start)?.ticker ?? entities.resolve(span.name)?.ticker ?? null;
    if ([...findings, ...out].some((f) => (f.ticker !== null && f.ticker === ticker) || f.company === span.name)) continue;
    const model = ratings.at(-1)!;
    const ratingTo = clean(rated[1]!);
    out.push({ ...model, ticker, company: span.name, ratingFrom: null, ratingTo, ratingScore: ratingScore(ratingTo) });
  }
  return out;
}

// "lowered its target on MARA to $14 from $19 and on CleanSpark to $11 from $13": the verb
// and the firm are said once for several companies.
// "… to $340 from $310 and Carnival (CCL) to $36 from $33": "on" may be unsaid too.
const elidedTarget = new RegExp(`\\b(?:and|while|but)\\s+(?:(?:on|for)\\s+)?(?=[A-Z$])`, 'g');

function elidedTargets(sentence: Span, findings: readonly AnalystFinding[], entities: EntityIndex): AnalystFinding[] {
  const targets = findings.filter((f): f is AnalystFinding & Target => f.type === 'price_target');
  if (targets.length === 0) return [];
  const out: AnalystFinding[] = [];
  for (const m of allMatches(elidedTarget, sentence.text)) {
    const at = m.index + m[0].length;
    const span = nameAt(sentence.text, at);
    if (!span) continue;
    const rest = sentence.text.slice(span.end).replace(/^\s*\([^)]*\)|^\s*<[^>]*>/, '');
    const values = /^\s*(?:to|at)\s+(\S+)(?:\s+from\s+(\S+))?/.exec(rest);
    if (!values) continue;
    const to = findMoney(values[1]!)[0];
    const from = values[2] ? findMoney(values[2])[0] : undefined;
    if (!to) continue;
    const model = targets.at(-1)!;
    const linked = entities.companyAt(sentence.start + span.start);
    const written = entities.tickersIn(sentence.start + span.end, sentence.start + span.end + 16)[0];
    const ticker = written?.ticker ?? linked?.ticker ?? entities.resolve(span.name)?.ticker ?? null;
    if (targets.some((t) => (t.ticker ?? t.company) === (ticker ?? span.name))) continue;
    out.push({ ...model, ticker, company: span.name, from: from?.low ?? null, to: to.low, currency: to.currency, changePct: from ? round((to.low - from.low) / from.low * 100) : null });
  }
  // "set price targets of $240 for Vistra, $410 for Constellation and $395 for Talen".
  for (const m of allMatches(targetNounThenFigure, sentence.text)) {
    const figures = figuresFrom(sentence.text, m.index + m[0].length);
    if (figures.length < 2 || !figures.every((x) => x.forName)) continue;
    const model = targets.at(-1)!;
    for (const { money, forName } of figures) {
      const ticker = entities.companyAt(sentence.start + forName!.start)?.ticker ?? entities.resolve(forName!.name)?.ticker ?? null;
      if ([...targets, ...out].some((t) => (t.ticker ?? t.company) === (ticker ?? forName!.name))) continue;
      out.push({ ...model, ticker, company: forName!.name, from: null, to: money.low, currency: money.currency, changePct: null });
    }
  }
  return out;
}

/** "…, keeping buy ratings on both": one rating for each company the sentence's targets named. */
function withBoth(sentence: Span, findings: readonly AnalystFinding[]): AnalystFinding[] {
  if (!/\b(?:on|for)\s+both\b/i.test(sentence.text)) return [...findings];
  const companies = [...new Map(findings.filter((f) => f.type === 'price_target' && f.ticker).map((f) => [f.ticker!, f.company] as const))];
  if (companies.length < 2) return [...findings];
  const ratings = findings.filter((f) => f.type === 'analyst_rating');
  if (ratings.length !== 1) return [...findings];
  const rating = ratings[0]!;
  // The rating keeps its company (the first target's when it had none); each other company gets a copy.
  const own = rating.ticker ?? companies[0]![0];
  const kept = rating.ticker !== null ? rating : { ...rating, ticker: own, company: companies[0]![1] };
  const copies = companies.filter(([ticker]) => ticker !== own).map(([ticker, company]) => ({ ...rating, ticker, company }));
  return [...findings.map((f) => (f === rating ? kept : f)), ...copies];
}

// "Initiates Agilent at Buy, $43 PT", "Downgrades AAP To Underweight, PT To $58", "with a buy
// rating and a price target of 95 euros": a target figure beside a rating action, with no verb
// of its own, moves the way the rating does. Several figures go to the rated companies "for"
// each one or, with "respectively", in the order they were named.
// "… at Outperform, PT $560", "and a target of $90", "target: $44": the figure right after the noun.
const bareTargetNoun = new RegExp(`(?:^|[,;:]\\s*|\\b(?:and|with)\\s+(?:an?\\s+)?(?:[\\w-]+\\s+)?)${targetNouns}(?:\\s+(?:to|of|at)\\s+|\\s*:\\s*|\\s+(?=[^\\s\\d]{0,4}\\d))`, 'gi');
const targetNounThenFigure = new RegExp(`\\b${targetNouns}\\s+(?:to|of|at)\\s+`, 'gi');
// "and a $58 price target", "with a 190 euro price target", "95-euro target".
// The figure: a symbol or code ("$", "HK$", "Rs", "EUR"), digits with thousands commas ("$1,850"), a pence "p".
const priorFigureAfter = /^\s*(?:(?:price\s+)?target|PT)?\s*(?:,\s*|\(\s*|(?=from\s))(?:(?:up|down|raised|lifted|cut|lowered)\s+)?(?:from|was|previously|prior)\s+([^\s,;)]{0,4}\d[\d,.]*(?:\s?(?:euros?|yen|pence|p)\b)?)/i;
const moneyBeforeNoun = /(?:^|[,;:]\s*|\b(?:and|with)\s+(?:(?:an?|its|their|his|her)\s+)?)(?:(?:\d{1,2}|twelve)-month\s+)?((?:(?:Rs\.?|[A-Z]{3})\s)?[^\s,;\d]{0,4}\d{1,3}(?:,\d{3})*(?:\.\d+)?p?(?:[\s-][a-z]{2,8}){0,2}?)[\s-]*(?:(?:\d{1,2}|twelve)-month\s+)?(?:PT|price\s+target|target|price\s+objective|PO|fair\s+value(?:\s+estimate)?)\b/i;
/** The way a target figure beside a rating action moves (also for a target sentence standing alone). */
export const targetActionForRating: Partial<Record<Rating['action'], Target['action']>> = { initiate: 'initiate', maintain: 'maintain', upgrade: 'raise', downgrade: 'lower', resume: 'initiate' };

interface ListedFigure { money: MoneyMention; forName: NameSpan | null }

/** "$410 and $680", "$240 for Vistra, $410 for Constellation and $395 for Talen", read from `at`. */
function figuresFrom(text: string, at: number): ListedFigure[] {
  const out: ListedFigure[] = [];
  let pos = at;
  for (;;) {
    const money = findMoney(text.slice(pos, pos + 40))[0];
    if (!money || text.slice(pos, pos + money.start).trim() !== '') break;
    let next = pos + money.end;
    const forMatch = /^\s+(?:for|on)\s+/.exec(text.slice(next));
    const forName = forMatch ? nameAt(text, next + forMatch[0].length) : null;
    if (forName) next = forName.end;
    out.push({ money: { ...money, start: pos + money.start, end: pos + money.end }, forName });
    const separator = /^(?:\s*\([^)]{0,12}\))?(?:\s*,\s*(?:and\s+)?|\s+and\s+)/.exec(text.slice(next));
    if (!separator) break;
    pos = next + separator[0].length;
  }
  return out;
}

/**
 * The ratings one figure belongs to: all of them when they are about one company, else those of
 * the company named last before the figure ("TD Cowen initiated Arm … and a $190 price target,
 * while Qualcomm lost 2.3% after a downgrade": Arm's figure, not Qualcomm's).
 */
function ownersOfFigure(sentence: Span, ratings: readonly (AnalystFinding & Rating)[], figureEnd: number, entities: EntityIndex): (AnalystFinding & Rating)[] {
  const subjects = new Set(ratings.map((f) => f.ticker ?? f.company));
  if (subjects.size <= 1) return [...ratings];
  const at = sentence.start + figureEnd;
  const about = (f: AnalystFinding, m: { ticker: string | null; text: string }) => (f.ticker !== null && f.ticker === m.ticker) || (f.company !== null && m.text.startsWith(f.company));
  const last = entities.mentions.findLast((m) => m.kind === 'name' && m.start >= sentence.start && m.end <= at && ratings.some((f) => about(f, m)));
  if (!last) return [...ratings];
  return ratings.filter((f) => about(f, last));
}

/**
 * The stretch of a sentence each rating firm speaks in, from its name to the next rating firm's,
 * with its ratings: null unless two firms or more rate in the sentence, each named in it once.
 */
function stretchesOfFirms(sentence: Span, ratings: readonly (AnalystFinding & Rating)[], entities: EntityIndex): { stretch: Span; rated: (AnalystFinding & Rating)[] }[] | null {
  const firmKeys = [...new Set(ratings.map((f) => f.firmId ?? f.firm))];
  if (firmKeys.length < 2 || firmKeys.includes(null)) return null;
  const named = firmKeys.map((key) => entities.firms.filter((m) => m.start >= sentence.start && m.end <= sentence.end && (m.id === key || m.name === key)));
  if (named.some((mentions) => mentions.length !== 1)) return null;
  const starts = named.map((mentions) => mentions[0]!.start).sort((x, y) => x - y);
  return firmKeys.map((key, i) => {
    const start = named[i]![0]!.start;
    const end = starts.find((s) => s > start) ?? sentence.end;
    const stretch = { text: sentence.text.slice(start - sentence.start, end - sentence.start), start, end };
    return { stretch, rated: ratings.filter((f) => (f.firmId ?? f.firm) === key) };
  });
}

function bareTargets(sentence: Span, findings: readonly AnalystFinding[], entities: EntityIndex): AnalystFinding[] {
  const ratings = findings.filter((f): f is AnalystFinding & Rating => f.type === 'analyst_rating' && targetActionForRating[(f as Rating).action] !== undefined);
  if (ratings.length === 0) return [];
  // "Goldman started Klarna at buy and a $52 target; Morgan Stanley opened at equal-weight and a
  // $44 target": several firms rating in one sentence, each with the figure said after its name
  // (a firm whose target the grammar already read keeps it).
  const byFirm = stretchesOfFirms(sentence, ratings, entities);
  if (byFirm) {
    const targeted = new Set(findings.flatMap((f) => (f.type === 'price_target' ? [f.firmId ?? f.firm] : [])));
    return byFirm
      .filter(({ rated }) => !targeted.has(rated[0]!.firmId ?? rated[0]!.firm))
      .flatMap(({ stretch, rated }) => bareTargets(stretch, rated, entities).map((t) => ({ ...t, evidenceSpan: sentence })));
  }
  if (findings.some((f) => f.type === 'price_target')) return [];
  let figures: ListedFigure[] = [];
  for (const m of allMatches(bareTargetNoun, sentence.text)) {
    figures = figuresFrom(sentence.text, m.index + m[0].length);
    if (figures.length > 0) break;
  }
  let figureEnd = -1;
  if (figures.length === 0) {
    const m = moneyBeforeNoun.exec(sentence.text);
    const money = m ? findMoney(m[1]!.replace(/-/g, ' '))[0] : undefined;
    if (money) figures = [{ money, forName: null }];
    if (m) figureEnd = m.index + m[0].length;
  } else figureEnd = figures.at(-1)!.money.end;
  if (figures.length === 0) return [];
  const target = (f: AnalystFinding & Rating, money: MoneyMention, prior: MoneyMention | null = null): AnalystFinding => ({
    ticker: f.ticker, company: f.company, firm: f.firm, firmId: f.firmId, evidenceSpan: f.evidenceSpan, confidence: f.confidence,
    type: 'price_target', action: prior && prior.low !== money.low ? (money.low > prior.low ? 'raise' : 'lower') : targetActionForRating[f.action]!,
    from: prior?.low ?? null, to: money.low, currency: money.currency, changePct: prior ? round((money.low - prior.low) / prior.low * 100) : null,
  });
  if (figures.length === 1) {
    // "$185 target (was $160)", "PT $300 (from $285)": the target before, said after the new one.
    const prior = priorFigureAfter.exec(sentence.text.slice(figureEnd, figureEnd + 48));
    const before = prior ? findMoney(prior[1]!)[0] ?? null : null;
    // "Reiterates Buy, PT $160 -> $175": the figure was the old one; the arrow gives the new.
    const arrowTo = /^\s*(?:->|→|=>)\s*(\S{0,4}\d[\d,.]*)/.exec(sentence.text.slice(figureEnd));
    const moved = arrowTo ? findMoney(arrowTo[1]!)[0] : undefined;
    if (moved) return ownersOfFigure(sentence, ratings, figureEnd, entities).map((f) => target(f, { ...moved, currency: figures[0]!.money.currency }, figures[0]!.money));
    const priorTarget = before && (!before.currency || before.currency === figures[0]!.money.currency) ? { ...before, currency: figures[0]!.money.currency } : null;
    return ownersOfFigure(sentence, ratings, figureEnd, entities).map((f) => target(f, figures[0]!.money, priorTarget));
  }
  if (figures.every((x) => x.forName)) {
    return figures.flatMap(({ money, forName }) => {
      const ticker = entities.companyAt(sentence.start + forName!.start)?.ticker ?? entities.resolve(forName!.name)?.ticker ?? null;
      const rated = ratings.find((f) => (ticker !== null && f.ticker === ticker) || (f.company !== null && f.company.startsWith(forName!.name)));
      return rated ? [target(rated, money)] : [];
    });
  }
  // "price targets of $410 and $680, respectively": in the order the companies were rated.
  const rated = [...new Map(ratings.map((f) => [f.ticker ?? f.company, f] as const)).values()];
  if (/\brespectively\b/i.test(sentence.text) && rated.length === figures.length) return rated.map((f, i) => target(f, figures[i]!.money));
  return [];
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function confidenceOf(hasFirm: boolean, hasSubject: boolean): number {
  return hasFirm && hasSubject ? 0.9 : hasSubject ? 0.75 : 0.5;
}

// ---------------------------------------------------------------- triggers

const ratingTriggerPatterns = ratingTriggers.map(([source, action, needs]) => ({ re: rx(`\\b(?:${source})\\b`), action, needs }));
// Any of the rating triggers at all, in one scan: most clauses that pass mentionsRating (its stems
// are common words: "has", "open", "start") hold none, and each pattern below would scan them again.
const anyRatingTrigger = new RegExp(`\\b(?:${ratingTriggers.map(([source]) => `(?:${source})`).join('|')})\\b`, 'i');
const directionRatingNoun = rx(`\\b(${dirSource})\\s+(?:its|their|the|his|her|our)?\\s*${ratingNouns}\\b`);
// A ticker in parentheses or a Reuters code in angle brackets may stand between: "lifted Regions Financial <RF.N> to outperform".
// "took Chewy down to neutral": "take" moves a rating only with "up"/"down" before "to" (read below).
// "moving Airbnb - that's ticker ABNB - to sell": a spoken aside naming the ticker counts as one word between.
const directionToRating = rx(`\\b(${dirSource}|moves?|moved|mov(?:es|ing)|goes|went|going|took|tak(?:e|es|ing))\\s+(?:[\\w.'’&$-]+\\s+|\\([^)]{1,24}\\)\\s+|<[^>]{1,12}>\\s+|[-–—]+\\s+(?:that['’]s\\s+)?(?:ticker|symbol)\\s+[A-Z]{1,5}\\s+[-–—]+\\s+){0,5}?(?:to|at)\\s+(?:an?\\s+(?=\\S+\\s+(?:rating|recommendation)\\b))?${ratingCapture}`);
// Hyphenated words and a ticker in parentheses between: "lowered its 12-month target price", "lifts Nvidia (NVDA) target".
const targetDirFirst = rx(`\\b(${dirSource})\\s+((?:[\\w.'’&$,-]+\\s+|\\([A-Z.:\\s]{1,16}\\)\\s+){0,6}?)(${targetNouns})\\b`);
const directionFromRating = rx(`\\b(${dirSource})\\s+(?:[\\w.'’&$-]+\\s+|\\([^)]{1,24}\\)\\s+|<[^>]{1,12}>\\s+){1,4}?from\\s+${ratingCapture}(?!\\s+(?:to|at)\\s)`);
const fromRating = new RegExp(`from\\s+${ratingCapture}`, 'i');
// What every match of directionToRating holds: one test skips the clauses without it.
const toRating = new RegExp(`(?:to|at)\\s+(?:an?\\s+)?${ratingCapture}`, 'i');
const anyDirection = new RegExp(`\\b(?:${dirSource})\\b`, 'i');
// After the noun a target may also rise or fall itself: "its target rises to $115 from $105".
// "the price target moving to $36 from $44": the figures say which way; "its target stays at $135": kept.
const targetMoves: readonly [RegExp, 'up' | 'down' | 'set' | 'keep'][] = [[/^(?:rises|rose|risen|climbs|climbed|increases|(?:comes|came|goes|went)\s+up)$/i, 'up'], [/^(?:falls|fell|fallen|drops|dropped|declines|declined|(?:comes|came|goes|went)\s+down)$/i, 'down'], [/^(?:moving|going|is)$/i, 'set'], [/^(?:stays|stayed|remains|remained)$/i, 'keep'], [/^up$/i, 'up'], [/^down$/i, 'down']];
const targetNounFirst = rx(`\\b(${targetNouns})\\s+((?:[^,;]{0,90}?\\s+)?(?:was|were|is|are|has\\s+been|have\\s+been|gets|got|been)\\s+|(?:(?:on|for)\\s+[^,;]{1,60}?\\s+)?)?(${dirSource}|rises|rose|risen|climbs|climbed|falls|fell|fallen|drops|dropped|declines|declined|(?:comes|came|goes|went)\\s+(?:up|down)|moving|going|stays|stayed|remains|remained|(?:up|down)(?=\\s+to\\s)|is(?=\\s+(?:now\\s+)?[^\\s\\d]{0,4}\\d))(?![\\w])`);
const ownVerbAfterNoun = /^\s+(?:(?:was|were|is|has\s+been)\s+)?(?:went|goes|moved|moves|rose|rises|fell|falls|climbed|climbs|dropped|drops|comes|came)\b/i;
const targetNounThenNoun = rx(`\\b(?:${targetNouns})\\s+(lift|raise|hike|increase|boost|bump|cut|reduction|trim|lowering|decrease)\\b`);
// After a figure "objective" and "fair value" need no figure of their own: "with a $165 objective".
const targetWithMoney = rx(`\\bwith\\s+(?:an?\\s+)?${moneySource.replace(/\?<\w+>/g, '')}\\s+(?:stock\\s+)?(?:${targetNouns}|objective|fair\\s+value(?:\\s+estimate)?)\\b`);
// The figure is a token checked by findMoney afterwards: the whole money grammar inside made the
// expression too large to compile and slowed every clause.
const figureToken = "[^\\s,;]{0,4}\\d[\\d,.]*[a-zA-Z]{0,2}";
const verbToFigure = rx(`\\b(${dirSource})((?:\\s+[A-Z][\\w.&'’-]*){0,5}(?:\\s+\\([^)]{1,24}\\))?)?\\s+to\\s+(${figureToken})`);
const moveNounToTarget = rx(`\\b(boost|hike|lift|bump|raise|increase|cut|trim|reduction|haircut)\\s+(?:to|in)\\s+(?=(?:[A-Z][\\w.&'’-]*\\s+){1,4}(?:['’]s\\s+)?(?:${targetNouns})\\b)`);
// "KBW Has $28 Target On AllianceBernstein", "Citi, which has a $150 price target on the stock": the firm's standing target.
const targetHeld = rx(`\\b(?:has|have|holds?|carr(?:y|ies))\\s+(?:an?\\s+)?(${figureToken}(?:\\s(?:euros?|yen|pence|francs?|won|rupees?))?)\\s+(?:(?:stock|share|12-month|price)\\s+)?(?:${targetNouns})\\b`);
// Not global: a global regex keeps lastIndex between exec calls, so after one match the
// next clause's "announces $X" was skipped.
const announcesMoney = new RegExp(`^(?:announces|announced|sets|set)\\s+${moneySource.replace(/\?<\w+>/g, '')}\\s*$`, 'i');

// Every trigger contains one of these stems: clauses without any are skipped cheaply.
const standingRatingPatterns = standingRatings.map(({ source, active, hint }) => ({ re: new RegExp(source, 'gi'), active, hint }));
// What every standing rating holds: one cheap test before the four expressions.
const standingRatingHint = /,\s+with\s+an?\s|\bwhere\s|continu(?:es|ed|ing)\s+to\s+rate|\b(?:rating|recommendation)\s+(?:remains|stays|is\s+still)\s|\brat(?:e|es|ed)\s|\s(?:is|are|remains|still|has|have|holds?)\s|\brating\s+(?:reiterated|unchanged|maintained|intact|kept|affirmed|reaffirmed)|\b(?:reiteration|reaffirmation|affirmation)\s+of\b/i;
const anyTrigger = /flip|\breit|\bstill\s|(?:shares|stock)\s+(?:hitting|reaching|rising\s+to|climbing\s+to|falling\s+to|dropping\s+to|at)\s|(?:hitting|reaching)\s+\S{0,4}\d|retain|\s(?:is|are|remains)\s+(?:[a-z-]*(?:weight|perform)|buy|sell|hold|neutral|reduce|accumulate|add)\b|reiteration|affirmation|upgrad|downgrad|covering|\b(?:has|have|holds?|carr(?:y|ies))\s|goes|went|moves|moved|stuck|stick|rates|rated|\brate\s|left|leav|stay|remain|withdr|pull|suspend|initiation|target|\bP[TO]s?\b|rating|coverage|maintain|reiterat|reaffirm|confirm|reinstat|resum|initiat|start|launch|assum|keep|kept|cut|rais|lower|lift|trim|slash|reduc|increas|boost|hik|bump|announc|\bset|assign|plac|remov|\b(?:to|at)\s+\S*\s?(?:buy|sell|hold|neutral|weight|perform)/i;

const mentionsTarget = /target|\bP[TO]s?\b|\bTgts?\b|objective|fair\s+value/i;
// "Needham Sees Roku Hitting $110": a name alone stands for its shares.
const sharesReaching = /\b([Ss]ees?|[Ss]aw|[Ee]xpects?)\s+(?:(?:the\s+|its\s+|(?:[A-Z][\w.&'’-]*\s+){1,3})?(?:[Ss]hares|[Ss]tock)\s+|(?:[A-Z][\w.&'’-]*\s+){1,3})(?:[Hh]itting|[Rr]eaching|[Rr]ising\s+[Tt]o|[Cc]limbing\s+[Tt]o|[Ff]alling\s+[Tt]o|[Dd]ropping\s+[Tt]o|[Aa]t)\s+(?=\S{0,4}\d)/g;
const mentionsRating = /not[-\s]rated|retain|reit|held\s+on|stood\s+by|stand(?:s|ing)?\s+by|dropped\s+from|removed\s+from|upgrad|downgrad|coverage|covering|began|begin|open|has|have|hold|carr|stuck|stick|rates|rated|\brate\s|stay|remain|left|leav|withdr|pull|maintain|reiterat|reaffirm|confirm|keep|kept|reinstat|resum|initiat|start|launch|assum|terminat|drop|suspend|discontinu|ceas/i;

function findTriggers(text: string, lead: number, insideName: (at: number) => boolean = () => false, firmEndsAt: (at: number) => boolean = () => false, firmOpens = false, sentenceText = text): Trigger[] {
  const triggers: Trigger[] = [];
  // "Target keeps missing its own targets", "Children's Place price target cut": a word of a
  // company's name is no trigger, and the words after it may still make one.
  const push = (t: Trigger) => {
    if (!insideName(t.start)) triggers.push(t);
  };
  if (!anyTrigger.test(text)) return triggers;
  const overlaps = (start: number, end: number) => triggers.some((t) => start < t.end && end > t.start);

  const mayHaveTarget = mentionsTarget.test(text);
  const mayHaveRating = mentionsRating.test(text);
  // Price targets first: "Lowers PT" must not read as a rating "lowered".
  targetDirFirst.lastIndex = 0;
  for (let m = mayHaveTarget ? targetDirFirst.exec(text) : null; m; m = targetDirFirst.exec(text)) {
    // The words between a direction and its target noun hold no other direction word: in
    // "reiterated buy and lifted its price target" the target is lifted. Look again from there.
    // "Intelsat lower after Morgan Stanley target cut": a word of cause between makes the first
    // word a price move, not the target's verb.
    if (anyDirection.test(m[2]!) || /\b(?:after|following|amid|despite|as|when)\s/i.test(m[2]!)) {
      targetDirFirst.lastIndex = m.index + m[1]!.length;
      continue;
    }
    // "cut Target to neutral": the noun is the retailer's name, so the verb may be the rating's.
    if (insideName(m.index + m[0].length - m[3]!.length)) {
      targetDirFirst.lastIndex = m.index + m[1]!.length;
      continue;
    }
    // "Children's Place price target cut": in a sentence-case text a capitalised word inside
    // the sentence is a name, not the verb "place".
    if (nameInProse(text, m.index, m[1]!, lead)) {
      targetDirFirst.lastIndex = m.index + m[1]!.length;
      continue;
    }
    const nounWord = m[3]!;
    // "a buy … was reiterated and the target went to $78 from $66": a noun with a verb of its own
    // after it moves by that verb; the word before is another clause's (here the rating's).
    if (ownVerbAfterNoun.test(text.slice(m.index + m[0].length, m.index + m[0].length + 30))) {
      targetDirFirst.lastIndex = m.index + m[1]!.length;
      continue;
    }
    if (/^targets?$/i.test(nounWord) && businessTargets.test(text.slice(0, m.index + m[0].length))) continue;
    // "lifted its fiscal 2027 target for adjusted operating margin to 34.5%": a company's goal for a metric.
    if (/^targets?$/i.test(nounWord) && goalForMetric.test(text.slice(m.index + m[0].length, m.index + m[0].length + 60))) continue;
    if (/\b(?:estimates?|EPS|guidance|forecasts?|outlook)\b/i.test(m[2]!)) continue;
    // "I'm upgrading my own PT to $130": a writer's own figure, no firm's target.
    // "We lowered our target" in an interview is the firm's ("our" alone); "our own" and "my" are a writer's.
    if (/\b(?:my\s+(?:own\s+)?|our\s+own\s+)$/i.test(m[2]!)) continue;
    // "Reiterates Buy Rating, $48 PT": the verb is the rating's; the figure is read beside it.
    const dir = dirOf(m[1]!);
    // "UBS cut Nestle to sell with a target price of CHF 78": the verb moved the rating; the figure is read beside it.
    if (dir !== 'remove' && ratingAfterTo.test(m[2]!) && /\b(?:to|at)\s+(?:an?\s+)?\S+\s+(?:with|and|,)/i.test(m[2]!)) {
      targetDirFirst.lastIndex = m.index + m[1]!.length;
      continue;
    }
    // "suspended its rating and price target": a removal takes both.
    const ratingBetween = /\brating\b/i.test(m[2]!) || ratingBeforeComma.test(m[2]!);
    if (ratingBetween && dir !== 'remove') continue;
    if (ratingBetween) push({ kind: 'rating', action: 'terminate', start: m.index, end: m.index + m[1]!.length, active: true, nounEnd: m.index + m[1]!.length });
    if (!dir) continue;
    if (ratingUsedAsNoun(text, m.index, m[1]!)) continue;
    // "kept its outperform and $1,150 target": the verb keeps the rating too.
    // "DLH Holdings maintained as buy with $7 price target at Canaccord": passive, the company before the verb.
    const keptActive = dir !== 'keep' || isActive(text, m[1]!, m.index + m[1]!.length);
    // "BofA Buy reiterated on Nvidia, PO $275 unch.": the rating before the verb is kept too.
    if (dir === 'keep' && (ratingWordIn.test(m[2]!) || ratingBeforeVerb.test(text.slice(0, m.index)))) push({ kind: 'rating', action: 'maintain', start: m.index, end: m.index + m[1]!.length, active: keptActive, nounEnd: m.index + m[1]!.length });
    // "sets a target", "keeps its target" with no figure anywhere is not a price target.
    if ((dir === 'set' || dir === 'keep') && shareFigures(text.slice(m.index)).length === 0) continue;
    // "dropped its $240 price target (along with the rating)": the figure it had, now gone; "dropped its target to $30" lowers it.
    const dropped = /^drop/i.test(m[1]!) && /\d/.test(m[2]!) && !/^\s+(?:to|at)\s+\S{0,4}\d/i.test(text.slice(m.index + m[0].length));
    push({ kind: 'target', action: targetActionOf[dropped ? 'remove' : dir], start: m.index, end: m.index + m[0].length, active: keptActive, nounEnd: m.index + m[0].length });
  }
  if (mayHaveTarget) for (const m of allMatches(targetNounFirst, text)) {
    if (overlaps(m.index, m.index + m[0].length)) continue;
    if (/^targets?$/i.test(m[1]!) && businessTargets.test(text.slice(0, m.index + m[1]!.length))) continue;
    // "Loop Capital's new target on Zoom is $95": "is" states a target only with its company named
    // between, after a firm's possessive; "my price target is $32" is a writer's own.
    if (/^is$/i.test(m[3]!) && (!/^(?:on|for)\s/i.test(m[2] ?? '') || !/\p{Lu}[\p{L}.&'’-]*['’]s\s+(?:new\s+|revised\s+|updated\s+)?(?:price\s+)?$/u.test(text.slice(Math.max(0, m.index - 40), m.index)))) continue;
    if (/\b(?:my\s+(?:own\s+|new\s+)?|our\s+own\s+)(?:price\s+)?$/i.test(text.slice(Math.max(0, m.index - 16), m.index))) continue;
    const dir = dirOf(m[3]!) ?? targetMoves.find(([re]) => re.test(m[3]!))?.[1] ?? null;
    if (!dir) continue;
    if ((dir === 'set' || dir === 'keep') && shareFigures(text.slice(m.index + m[0].length, m.index + m[0].length + 40)).length === 0) continue;
    push({ kind: 'target', action: targetActionOf[dir], start: m.index, end: m.index + m[0].length, active: false, nounEnd: m.index + m[1]!.length });
  }
  if (mayHaveTarget) for (const m of allMatches(targetNounThenNoun, text)) {
    if (overlaps(m.index, m.index + m[0].length)) continue;
    const dir = /lift|raise|hike|increase|boost|bump/i.test(m[1]!) ? 'raise' : 'lower';
    push({ kind: 'target', action: dir, start: m.index, end: m.index + m[0].length, active: false, nounEnd: m.index });
  }
  if (mayHaveTarget) for (const m of allMatches(targetWithMoney, text)) {
    if (overlaps(m.index, m.index + m[0].length)) continue;
    push({ kind: 'target', action: 'initiate', start: m.index, end: m.index + m[0].length, active: false, nounEnd: m.index + 4, besideRating: true });
  }
  // "Citi gives big boost to Deere PT", "a cut to Apple's price target": the noun of a move, the
  // company, then its target; the firm is the subject of the sentence.
  if (mayHaveTarget) for (const m of allMatches(moveNounToTarget, text)) {
    // Only a company the text names: "announces boost to Dividend Target" is no firm's move.
    if (overlaps(m.index, m.index + m[0].length) || !insideName(m.index + m[0].length)) continue;
    const dir = /lift|raise|hike|increase|boost|bump/i.test(m[1]!) ? 'raise' : 'lower';
    push({ kind: 'target', action: dir, start: m.index, end: m.index + m[1]!.length, active: true, nounEnd: m.index + m[0].length });
  }
  if (mayHaveTarget) for (const m of allMatches(targetHeld, text)) {
    if (overlaps(m.index, m.index + m[0].length) || shareFigures(m[1]!).length === 0) continue;
    push({ kind: 'target', action: 'maintain', start: m.index, end: m.index + m[0].length, active: true, nounEnd: m.index + m[0].length });
  }
  // "Jefferies now sees Nike shares hitting $90, down from $105": a target said as where the shares go.
  if (/\bsees?\b|\bsaw\b|\bexpects?\b/i.test(text)) for (const m of allMatches(sharesReaching, text)) {
    if (overlaps(m.index, m.index + m[0].length)) continue;
    const prior = /^\s*\S{0,4}\d[\d,.]*\s*,?\s+(up|down)\s+from\s+/i.exec(text.slice(m.index + m[0].length));
    push({ kind: 'target', action: prior ? (prior[1]!.toLowerCase() === 'up' ? 'raise' : 'lower') : 'initiate', start: m.index, end: m.index + m[1]!.length, active: true, nounEnd: m.index + m[0].length, needsFirm: true });
  }
  const announces = announcesMoney.exec(text.slice(lead));
  if (announces && !overlaps(lead, text.length)) {
    push({ kind: 'target', action: 'initiate', start: lead, end: text.length, active: true, nounEnd: lead + announces[0].indexOf(' ') });
  }

  if (standingRatingHint.test(text)) for (const { re, active, hint } of standingRatingPatterns) {
    if (!hint.test(text)) continue;
    for (const m of allMatches(re, text)) {
      if (overlaps(m.index, m.index + m[0].length)) continue;
      const rating = m.groups!.rating!;
      // From the verb ("had rated the shares accumulate" is history), to the rating.
      const end = m.index + m[0].indexOf(rating) + rating.length;
      push({ kind: 'rating', action: 'maintain', start: m.index, end, active, nounEnd: end, rating });
    }
  }
  if (mayHaveRating && anyRatingTrigger.test(text)) for (const { re, action, needs } of ratingTriggerPatterns) {
    if (needs && !needs.test(text)) continue;
    for (const m of allMatches(re, text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (overlaps(start, end)) continue;
      if (!ratingTriggerHolds(text, action, end)) continue;
      // "launches upgraded cloud platform": an adjective. "IMF to downgrade India's growth forecast": a forecast.
      if (/^(?:up|down)graded$/i.test(m[0]) && /\b(?:an?|the|its|their|new|launch(?:es|ed)?|unveil(?:s|ed)?|introduc\w+|debut\w*|releas\w+|with)\s+$/i.test(text.slice(Math.max(0, start - 14), start))) continue;
      if (/^\s+(?:[\w'’-]+\s+){0,3}?(?:growth\s+)?(?:forecasts?|outlook|estimates?|guidance|projections?)\b/i.test(text.slice(end, end + 60)) && !ratingAfterTo.test(text.slice(end, end + 40))) continue;
      // "amid system upgrade": the noun of another thing, not an analyst's action.
      if (/^(?:up|down)grade$/i.test(m[0]) && compoundNoun(text, start, firmEndsAt)) continue;
      // "a major upgrade at its data center", "an upgrade of its trading platform": a company's
      // own things are upgraded; an analyst upgrades a stock, never "its" anything.
      if (/^(?:up|down)grades?$/i.test(m[0]) && /^\s+(?:at|of|for|to)\s+(?:its|their|our)\s/i.test(text.slice(end)) && !ownRating.test(text.slice(end).replace(/^\s+\w+/, ''))) continue;
      // "plans to upgrade its branches": a verb of doing, not an analyst's action.
      if ((action === 'upgrade' || action === 'downgrade') && /\bto\s+$/i.test(text.slice(Math.max(0, start - 4), start)) && /^\s+(?:its|their|the|our|a|an)\s/i.test(text.slice(end)) && !ratingAfterTo.test(text.slice(end, end + 60))) continue;
      // "Top Upgrades, Downgrades For …": nouns of a list title, not a rating action.
      // "Stock Upgrades: …", "IBD Rating Upgrades: …": a column's title, not an action.
      if (/^\s*:/.test(text.slice(end)) && /\b(?:stock|rating|analyst|ratings)\s+$/i.test(text.slice(0, start))) continue;
      if (/\b(?:top|biggest|latest|today's|weekly|daily)\s+$/i.test(text.slice(0, start)) || /^\s*(?:,|and|&)\s*(?:upgrades|downgrades)\b/i.test(text.slice(end)) || /\b(?:upgrades|downgrades)\s*(?:,|and|&)\s*$/i.test(text.slice(0, start))) continue;
      push({ kind: 'rating', action, start, end, active: isActive(text, m[0], end), nounEnd: end });
    }
  }
  if (/rating|recommendation|stance|view/i.test(text)) for (const m of allMatches(directionRatingNoun, text)) {
    if (overlaps(m.index, m.index + m[0].length)) continue;
    const dir = dirOf(m[1]!);
    // "with a Hold rating": the rating itself, not the verb "holds".
    if (ratingUsedAsNoun(text, m.index, m[1]!)) continue;
    // "moved his rating on Netflix up a notch to buy": a verb of moving, and the adverb says which way.
    const way = dir === 'set' ? /^\s+(?:(?:on|for)\s+[^,;]{1,40}?\s+)?(up|down)\b/i.exec(text.slice(m.index + m[0].length))?.[1]?.toLowerCase() : undefined;
    const action = dir === 'up' || way === 'up' ? 'upgrade' : dir === 'down' || way === 'down' ? 'downgrade' : dir === 'keep' ? 'maintain' : null;
    if (action) push({ kind: 'rating', action, start: m.index, end: m.index + m[0].length, active: true, nounEnd: m.index + m[0].length });
  }
  // "on overweight-rated Microsoft": the firm keeps that rating.
  if (/-rated\b/i.test(text)) for (const m of allMatches(ratedAdjective, text)) {
    if (overlaps(m.index, m.index + m[0].length)) continue;
    push({ kind: 'rating', action: 'maintain', start: m.index, end: m.index + m[0].length, active: true, nounEnd: m.index + m[0].length, rating: m[1]! });
  }
  if (toRating.test(text)) for (const m of allMatches(directionToRating, text)) {
    const verbEnd = m.index + m[1]!.length;
    if (overlaps(m.index, verbEnd)) continue;
    // "straight from reduce to buy": the rating left, not the verb "reduce".
    if (ratingUsedAsNoun(text, m.index, m[1]!)) continue;
    const between = m[0].slice(m[1]!.length);
    // Figures between belong to a target ("$50 to buy"); a cashtag is the company ("lifted Tesla $TSLA shares to buy").
    // The word of a company's name is no target noun ("moved Target Corp to underperform").
    const noun = targetNounPattern.exec(between);
    // A listing code in parentheses is the company's, not a figure: "cut Alibaba Group (9988.HK) to equal-weight".
    if ((noun && !insideName(m.index + m[1]!.length + noun.index)) || /\d/.test(between.replace(/\((?:[A-Z]{2,10}\s*:\s*)?[\dA-Z]{1,6}(?:\.[A-Z]{1,2})?\)/g, ''))) continue;
    const said = dirOf(m[1]!);
    // "turned more cautious on Apple, moving the iPhone maker to neutral": with no rating left, the stance says which way.
    // "she took Chewy down to neutral", "moved it up to buy": the adverb before "to" says which way.
    const adverb = /\s(up|down)\s+(?:to|at)\s/i.exec(between)?.[1]?.toLowerCase() as 'up' | 'down' | undefined;
    // "Wells Fargo moved Apple to underweight": a move to a rating at one end of the scale can only have come from the other side.
    const dir = said === 'up' || said === 'down' ? said : adverb ?? movedBetween(m[m.length - 1]!, text.slice(m.index + m[0].length)) ?? stanceOf(sentenceText) ?? (said === 'set' && /^(?:mov|goes|went|going)/i.test(m[1]!) ? wayToEndOfScale(m[m.length - 1]!) : null);
    const action = dir === 'up' ? 'upgrade' : dir === 'down' ? 'downgrade' : null;
    if (action) push({ kind: 'rating', action, start: m.index, end: verbEnd, active: isActive(text, m[1]!, verbEnd), nounEnd: verbEnd });
    // "You moved AIA Group to neutral": a move to the middle of the scale, its way told later if at all.
    else if (said === 'set' && /^(?:mov|went|goes|going|shift)/i.test(m[1]!)) push({ kind: 'rating', action: 'maintain', start: m.index, end: verbEnd, active: isActive(text, m[1]!, verbEnd), nounEnd: verbEnd, unsettled: true });
  }
  // "Bernstein moved to $410 from $365", "Citi lifted Royal Caribbean (RCL) to $340 from $310":
  // a firm's verb with a share figure after "to" and no noun moves its price target.
  if (/\bto\s+\S*\d/.test(text)) for (const m of allMatches(verbToFigure, text)) {
    const verbEnd = m.index + m[1]!.length;
    if (overlaps(m.index, m.index + m[0].length)) continue;
    const object = m[2] ?? '';
    // Nothing between needs a firm right before the verb; a name between must be a company the text names.
    // "Piper Sandler, which moved to $72 from $95": the firm before a relative "which" is the subject too.
    const subjectEnd = text.slice(0, m.index).replace(/(?:^|,)\s*which\s*$/i, '').trimEnd().length;
    // "Morgan Stanley Upgrades X to Overweight, Raises to $86.00": a later verb of the firm that opens the sentence.
    const laterVerbOfOpeningFirm = firmOpens && (text.slice(0, m.index).trim() === '' || /(?:[,;]|\band)\s*$/.test(text.slice(0, m.index)));
    if (object.trim() === '' ? !(firmEndsAt(subjectEnd) || laterVerbOfOpeningFirm) : !insideName(verbEnd + object.search(/\S/))) continue;
    const figures = shareFigures(text.slice(m.index + m[0].length - m[3]!.length));
    const [to, from] = [figures[0], /^\s*from\s/i.test(text.slice(m.index + m[0].length)) ? figures[1] : undefined];
    if (!to) continue;
    const dir = dirOf(m[1]!);
    const action = dir === 'up' || dir === 'down' ? targetActionOf[dir] : from ? (to.low > from.low ? 'raise' : to.low < from.low ? 'lower' : 'maintain') : null;
    if (action) push({ kind: 'target', action, start: m.index, end: verbEnd, active: true, nounEnd: verbEnd });
  }
  // "maintained as buy with $165 price target": the target is kept as the rating is.
  for (const t of triggers) {
    if (!t.besideRating) continue;
    const rating = triggers.findLast((r) => r.kind === 'rating' && r.start < t.start);
    const action = rating ? targetActionForRating[rating.action as Rating['action']] : undefined;
    if (action) t.ratingImplies = action;
  }
  // "Leerink Cuts AmeriSourceBergen from Outperform": the rating it left, the new one unsaid.
  if (fromRating.test(text)) for (const m of allMatches(directionFromRating, text)) {
    const verbEnd = m.index + m[1]!.length;
    if (overlaps(m.index, verbEnd) || targetNounPattern.test(m[0]) || /\d/.test(m[0].slice(m[1]!.length))) continue;
    const dir = dirOf(m[1]!);
    if (dir === 'up' || dir === 'down') push({ kind: 'rating', action: dir === 'up' ? 'upgrade' : 'downgrade', start: m.index, end: verbEnd, active: isActive(text, m[1]!, verbEnd), nounEnd: verbEnd });
  }
  return triggers.sort((a, b) => a.start - b.start);
}

const actionNounWithRating = new RegExp(`^(?:up|down)grade\\s+of\\s+(?:[\\w$.&'’-]+\\s+){1,5}?(?:to|at)\\s+(?:an?\\s+)?(?:${ratingPattern})\\b`, 'i');

/** The way a move to a rating at one end of the scale must have gone (buy and above up, underweight and below down), or null. */
function wayToEndOfScale(rating: string): 'up' | 'down' | null {
  const score = ratingScore(clean(rating));
  return score === null ? null : score >= 4 ? 'up' : score <= 2 ? 'down' : null;
}

function compoundNoun(text: string, start: number, firmEndsAt: (at: number) => boolean): boolean {
  // "Melius Research's upgrade of AMD": the firm's own action, told as a noun.
  const owner = /['’]s\s+$/.exec(text.slice(Math.max(0, start - 6), start));
  if (owner && firmEndsAt(start - owner[0].length)) return false;
  // "the iPhone 18 upgrade cycle": a number before the noun names a product or a model.
  const m = /(?<![\w-])([A-Za-z][\w-]*|\d[\w.-]*)\s+$/.exec(text.slice(Math.max(0, start - 24), start));
  if (!m) return false;
  const previous = m[1]!;
  if (beforeActionNoun.has(previous.toLowerCase())) return false;
  // "The downgrade of Chipotle to neutral at Baird": "the" before an action told with its
  // company and new rating is this text's news, not one already told.
  if (/^(?:the|this)$/i.test(previous) && actionNounWithRating.test(text.slice(start, start + 100))) return false;
  // "on Piper upgrade": a firm's name; "Completes Upgrade of Ashburn Campus": another noun.
  const end = start - (m[0].length - previous.length);

  return !(/^[A-Z]/.test(previous) && firmEndsAt(end));
}

/** "moved Microsoft to outperform from in line": the way the move went, from the two ratings' levels. */
// Words of a firm's changed stance: "turned more cautious", "grew more bullish", "soured on", "warmed to".
const stanceDown = /\b(?:(?:turn(?:s|ed)?|grow(?:s|n)?|grew|became|become|is|are|now)\s+(?:more\s+)?(?:cautious|bearish|negative|pessimistic|wary)|less\s+(?:bullish|positive|optimistic|constructive)|sour(?:s|ed)?\s+on|cool(?:s|ed)?\s+on)\b/i;
const stanceUp = /\b(?:(?:turn(?:s|ed)?|grow(?:s|n)?|grew|became|become|is|are|now)\s+(?:more\s+)?(?:bullish|positive|optimistic|constructive|upbeat)|less\s+(?:bearish|negative|cautious|pessimistic)|warm(?:s|ed)?\s+(?:up\s+)?to)\b/i;

function stanceOf(sentence: string): 'up' | 'down' | null {
  const down = stanceDown.test(sentence);
  const up = stanceUp.test(sentence);
  return down === up ? null : down ? 'down' : 'up';
}

function movedBetween(to: string, after: string): 'up' | 'down' | null {
  const from = ratingFrom.exec(after.slice(0, 40));
  const [a, b] = [ratingScore(from?.[1] ?? null), ratingScore(to)];
  return a === null || b === null || a === b ? null : b > a ? 'up' : 'down';
}

function nameInProse(text: string, at: number, word: string, lead: number): boolean {
  return at > lead && /^[A-Z][a-z]/.test(word) && !titleCase(text);
}

/** A headline with Every Word Capitalised, where capitals say nothing about names. */
function titleCase(text: string): boolean {
  let words = 0;
  let capitalised = 0;
  for (const m of text.matchAll(/\b[A-Za-z]{4,}\b/g)) {
    words++;
    if (m[0].charCodeAt(0) <= 90) capitalised++;
  }
  return words > 0 && capitalised / words >= 0.6;
}

/** "with a Hold rating", "at an Outperform": a rating word read as a noun, not the verb "holds". */
function ratingUsedAsNoun(text: string, at: number, word: string): boolean {
  return wholeRating.test(word) && /\b(?:an?|with|at|to|as|its|the|from)\s+$/i.test(text.slice(Math.max(0, at - 6), at));
}

/**
 * Maintain, initiate, resume and terminate words are common outside analyst notes
 * ("maintaining guidance", "initiates a study", "terminates merger talks"): they count only
 * with a rating or the word coverage near them.
 */
function ratingTriggerHolds(text: string, action: Rating['action'], end: number): boolean {
  const after = text.slice(end, end + 80);
  // "Stora Enso upgraded its outlook": a company's own forecast (guidance), not a rating.
  // "Stora Enso upgraded its outlook", "is upgrading its data centers": a company's own things;
  // an analyst upgrades "its rating" or the stock, not "its" anything else.
  // "expects to upgrade about 2,500 cafes", "planned to upgrade to the more expensive plans": things, not a rating.
  const wordStart = Math.max(text.lastIndexOf(' ', end - 1), text.lastIndexOf('\n', end - 1)) + 1;
  if ((action === 'upgrade' || action === 'downgrade') && /\bto\s+$/i.test(text.slice(Math.max(0, wordStart - 6), wordStart)) && (/^\s+(?:about\s+|some\s+|nearly\s+|all\s+)?\d/i.test(after) || (/^\s+to\s/i.test(after) && !ratingAfterTo.test(after)))) return false;
  // "plans to upgrade cooling and power systems": an infinitive with a thing as its object.
  if ((action === 'upgrade' || action === 'downgrade') && /\bto\s+$/i.test(text.slice(Math.max(0, wordStart - 6), wordStart)) && /^\s+(?-i:[a-z])/.test(after) && !/^\s+(?:it|them|shares|stock|its\s+(?:rating|stock|shares)|the\s+(?:stock|shares|company))\b/i.test(after) && !ratingAfterTo.test(after.slice(0, 40))) return false;
  if (action === 'upgrade' || action === 'downgrade') return !/^\s+(?:its|their|our)\s/i.test(after) || ownRating.test(after);
  if (/coverage/i.test(text.slice(Math.max(0, end - 30), end))) return true;
  if (action === 'terminate' && /^[^.;]{0,60}?\bto\s+(?:not[-\s]rated|NR)\b/i.test(after)) return true;
  // "Initiates Aaron's Coverage: Buy": the word comes after the company.
  if (action === 'initiate' && /^\s+(?:[A-Z][\w.&'’-]*\s+){1,4}coverage\b/i.test(after)) return true;
  if (action === 'maintain' && ratingAfterObject.test(after)) return true;
  // "Morgan Stanley Reiterates on Agilent": a firm's note on a company, rating unsaid.
  if (action === 'maintain' && /^\s+[Oo]n\s+(?:[Ss]hares\s+[Oo]f\s+)?[A-Z$]/.test(after)) return true;
  return ratingNear.test(after);
}

/**
 * "Goldman Sachs Upgrades Agilent" and "JPMorgan downgraded Netflix" are active: firm
 * before, company after. "Netflix downgraded to sell at Needham" is passive.
 */
/**
 * A verb that opens a short quotation, or is part of a hyphenated word opening one, is a phrase
 * quoted as words, not an action ("'initiated at market perform'", "\"most-upgraded stocks\"").
 * Quoted speech has its subject inside ("\"We're upgrading the stock,\" she said").
 */
function quotedAsWords(text: string, at: number): boolean {
  const open = /(?:^|[\s(])(["“‘']|'(?=\w))(?:[\w]+-)?$/.exec(text.slice(Math.max(0, at - 24), at));
  if (!open) return false;
  const close = open[1] === '“' ? '”' : open[1] === '‘' ? '’' : open[1]!;
  const end = text.indexOf(close === "'" ? "'" : close, at);
  const closeAlt = close === "'" ? text.indexOf('’', at) : -1;
  const closing = [end, closeAlt].filter((i) => i >= 0).sort((x, y) => x - y)[0];
  return closing !== undefined && closing - at <= 60 && !/[.!?]/.test(text.slice(at, closing));
}

const relativeThenName = /\b(?:which|whom|that)\s+(?:\p{Lu}[\p{L}\d.&'’-]*\s+){1,4}$/u;

function isActive(text: string, trigger: string, end: number): boolean {
  const verb = trigger.split(/\s+/)[0]!;
  // "Nike, which Citi upgraded to buy": a name between a relative pronoun and the verb is its subject.
  if (relativeThenName.test(text.slice(Math.max(0, end - trigger.length - 60), end - trigger.length))) return true;
  // "Lam Research stays at outperform", "Ryanair starts at buy": the company is the subject.
  if (companySubjectVerb.test(verb) && (/^\s+(?:at|with|as)\s/i.test(text.slice(end)) || ratingRightAfterVerb.test(text.slice(end)))) return false;
  // "Chevron moves to sector outperform", "Intel goes to sell": nothing between the verb and "to", the company moves.
  if (companyMoveVerb.test(verb) && /^\s+to\s/i.test(text.slice(end))) return false;
  if (/(?:es|s|ing)$/i.test(verb)) return true; // "Upgrades", "Raises", "Raising": present tense is active
  // A noun: "after BAML upgrade" is passive; "Melius Research's upgrade of AMD" names its object after "of".
  if (/^(?:upgrade|downgrade|initiation)$/i.test(verb)) return /^\s+of\s+[A-Z$]/.test(text.slice(end));
  const next = text.slice(end).trimStart();
  // "she took it down to neutral", "cut them to sell": a pronoun object after the verb.
  if (/^(?:its|their|his|her|our|an?|the|of|shares|stock|coverage|it|them)\b(?![’']s)/i.test(next)) return true;
  // "reiterated buy ratings on JPMorgan": the object follows "on".
  if (ratingsOnObject.test(next)) return true;
  // "Advance Auto Parts Upgraded Today": a day after the verb is when, not whom.
  if (/^(?:to|at|on|from|as|ahead|by|in|after|amid|following|with|over|for|again|twice|today|tonight|yesterday|overnight|this\s+(?:morning|afternoon|week)|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b(?!['’])/i.test(next) || next === '') return false;
  return /^[A-Z$]/.test(next);
}

// ---------------------------------------------------------------- slots

interface FirmSlot {
  mention: FirmMention | null;
  name: string;
}

/** The firms listed before the acting one ("Evercore ISI, UBS and Bank of America downgraded"), nearest last. */
function jointFirms(clause: Span, firm: FirmMention | null, trigger: Trigger, entities: EntityIndex): FirmMention[] {
  if (!firm || !trigger.active || firm.end > clause.start + trigger.start) return [];
  const joint: FirmMention[] = [];
  let current = firm;
  for (;;) {
    const previous = entities.firms.findLast((f) => f.end <= current.start);
    if (!previous || !/^\s*(?:,\s*(?:and\s+)?|and\s+|&\s+)$/i.test(entities.text.slice(previous.end, current.start))) break;
    joint.unshift(previous);
    current = previous;
  }
  return joint.filter((f) => f.name !== firm.name);
}

function firmOf(clause: Span, trigger: Trigger, lead: number, entities: EntityIndex): FirmSlot | null {
  const text = clause.text;
  // "Nvidia climbs on target bump, Nike slides after Jefferies downgrade": a firm right before an
  // action noun of its own is that action's firm, not another trigger's.
  const ownsOtherNoun = (f: FirmMention) => {
    const noun = /^(?:['’]s?)?\s+(?=(?:up|down)grade\b|initiation\b|(?:price\s+)?target\s+(?:cut|raise|hike|bump|boost|increase|trim)\b)/i.exec(text.slice(f.end - clause.start));
    return noun !== null && f.end - clause.start + noun[0].length !== trigger.start;
  };
  const known = entities.firms.filter((f) => f.start >= clause.start && f.end <= clause.end && !ownsOtherNoun(f));
  const at = (f: FirmMention) => ({ mention: f, name: f.name });
  if (trigger.active) {
    // "raised its price target on Goldman Sachs … and reiterated": a firm's name after "on" is the company rated.
    const before = known.filter((f) => f.end - clause.start <= trigger.start && !objectPosition.test(text.slice(Math.max(0, f.start - clause.start - 16), f.start - clause.start)));
    if (before.length > 0) return at(before.at(-1)!);
    // "The brokerage also lifted": an adverb after the subject is not part of it.
    // "The bank, which has a buy rating": the subject before its relative clause.
    // "Park added that he remains at neutral": the subject of the reported clause, after "that".
    const subject = text.slice(lead, trigger.start).trim().replace(/\s+(?:also|then|now|still|again|further|separately)$/i, '').replace(/\s*,\s*(?:which|who|that)$/i, '').replace(/^.*\b(?:said|says|added|adds|noted|notes|wrote|writes|told\s+\S+)\s+(?:that\s+)?(?=\S)/i, '');
    // "Okafor cut her target", "He also reiterated …": the analyst's firm.
    // "Harold Quist of RBC Capital Markets has …": the analyst named before "of" their firm.
    const person = analystFor(subject, clause.start + trigger.start, entities.analysts) ?? analystFor(subject.replace(/\s+of\s+.*$/, ''), clause.start + trigger.start, entities.analysts);
    if (person?.firm) return at(person.firm);
    if (/^(?:it|they)(?:\s+(?:also|then|now|still|again))?$/i.test(subject)) {
      const previous = entities.firmBefore(clause.start + trigger.start);
      return previous ? at(previous) : null;
    }
    // "The bank, which has a buy rating": a relative pronoun stands for what comes before it.
    if (/^(?:which|who)$/i.test(subject)) {
      const before = entities.text.slice(Math.max(0, clause.start - 40), clause.start).replace(/[\s,]+$/, '');
      const named = entities.firms.find((f) => f.end === clause.start - (entities.text.slice(0, clause.start).length - entities.text.slice(0, clause.start).replace(/[\s,]+$/, '').length));
      if (named) return at(named);
      // "Degroof Petercam, which has an accumulate rating": a name the firm table lacks, before the comma.
      const unknown = nameEndingAt(entities.text, entities.text.slice(0, clause.start).replace(/[\s,]+$/, '').length);
      if (unknown && !isCompanyOfDocument(unknown.name, entities) && !genericActors.test(unknown.name) && !/^(?:[Tt]he|[Ii]t)\b/.test(unknown.name)) {
        entities.rememberFirm({ name: unknown.name, id: unknown.name, start: unknown.start, end: unknown.end });
        return { mention: null, name: unknown.name };
      }
      if (/\bthe\s+(?:bank|firm|broker(?:age)?|investment\s+bank|research\s+firm)$/i.test(before)) {
        const previous = entities.firmBefore(clause.start);
        return previous ? at(previous) : null;
      }
    }
    // "Lazard slid as the same brokerage downgraded it": the subject's last words point back.
    if (isFirmAnaphor(subject) || /^(?:the\s+(?:bank|firm|broker))\b/i.test(subject) || isFirmAnaphor(/\bthe\s+(?:\S+\s+){0,2}?\S+$/i.exec(subject)?.[0] ?? '')) {
      const previous = entities.firmBefore(clause.start + trigger.start);
      return previous ? at(previous) : null;
    }
    const name = nameAt(text, lead);
    // "Kotak Institutional Equities downgraded": a name that says it is a broker acts, though its
    // group is a listed company the master knows ("Kotak").
    if (name && name.end <= trigger.start && !genericActors.test(name.name) && (!isCompanyOfDocument(name.name, entities) || brokerWords.test(name.name)) && !everydayOpener(name, clause, entities)) {
      // Remembered, so a later "the firm" points back to it.
      entities.rememberFirm({ name: name.name, id: name.name, start: clause.start + name.start, end: clause.start + name.end });
      return { mention: null, name: name.name };
    }
  }
  // "Her price target goes to $150": the analyst named before, and so their firm.
  if (/(?:^|\s)(?:his|her)\s+$/i.test(text.slice(lead, trigger.start))) {
    const person = analystFor('she', clause.start + trigger.start, entities.analysts);
    if (person?.firm) return at(person.firm);
  }
  // "Citi jumps on Piper upgrade": the name right before the noun is the firm.
  if (/^(?:up|down)grade$/i.test(text.slice(trigger.start, trigger.end))) {
    const before = text.slice(0, trigger.start).trimEnd();
    const firm = known.find((f) => f.end - clause.start === before.length);
    if (firm) return at(firm);
    const name = nameEndingAt(text, before.length);
    if (name && name.start > lead && !genericActors.test(name.name) && !isCompanyOfDocument(name.name, entities)) return { mention: null, name: name.name };
    // "HDFC Bank gets upgrade from Kotak": the name after "from" right after the noun gave it.
    const from = /^\s+from\s+(?=[A-Z])/.exec(text.slice(trigger.end));
    const giver = from ? nameAt(text, trigger.end + from[0].length) : null;
    if (giver && !genericActors.test(giver.name) && !wholeRating.test(giver.name) && !/^(?:Market|Neutral|Buy|Hold|Sell|Sector|Equal|Strong)\b/.test(giver.name)) {
      const knownGiver = known.find((f) => f.start - clause.start === giver.start);
      return knownGiver ? at(knownGiver) : { mention: null, name: giver.name };
    }
  }
  const byAt = /\b(?:at|by|from|says|said)\s+$/i;
  // "was cut to neutral by the bank": the agent points back to the firm named before.
  if (!trigger.active && /^[^,;]*?\bby\s+the\s+(?:[\w-]+\s+){0,2}?(?:bank|brokerage|broker|firm)\b/i.test(text.slice(trigger.end))) {
    const previous = entities.firmBefore(clause.start + trigger.start);
    if (previous) return at(previous);
  }
  for (const f of known) {
    const local = f.start - clause.start;
    // After an active verb a firm's name is its object ("She upgraded Bank of America (BAC)"), unless "at"/"by" introduce it.
    if (byAt.test(text.slice(0, local)) || (local > trigger.end && !trigger.active) || /^['’]s\b/.test(text.slice(f.end - clause.start))) return at(f);
  }
  // "downgraded at Argus", "target raised at Wells": a name after "at" that ends the clause names
  // the firm, before any firm named elsewhere in it ("Goldman target raised at Wells").
  // Title case too: "Initiated With Buy At ING Group", "Downgraded At Feltl & Co. From Neutral".
  const atName = /\b(?:[Aa]t|[Bb]y)\s+([A-Z][\w.&'’\- ]+?)\s*(?:[,;]|\.(?=\s|$)|\s+(?:[Oo]n|[Aa]s|[Aa]fter|[Aa]mid|[Ff]ollowing|[Aa]head|[Cc]iting|[Oo]ver|[Dd]ue|[Tt]o|[Ff]rom|[Ww]ith)\b|$)/.exec(text.slice(trigger.start));
  // "by GBX 150 to GBX 1,300": a currency code and its figure are the change, not the agent.
  // "Raises Price Target …, Led By C&E Strength": "by" after another participle gives a cause, not the firm.
  const causeBy = atName ? /\b(?:led|driven|helped|hurt|hit|boosted|supported|fu?elled|weighed|dragged|offset|caused|backed|pressured|buoyed|lifted|dented|spurred|powered)\s+by\s+$/i.test(text.slice(0, trigger.start + atName.index + atName[0].indexOf(atName[1]!))) : false;
  if (atName && !causeBy && !/^\$/.test(atName[1]!) && !currencyCodeThenFigure.test(atName[1]!)) {
    const name = atName[1]!.trim();
    if (!genericActors.test(name) && !/^(?:Market|Neutral|Buy|Hold|Sell)\b/.test(name) && !wholeRating.test(name)) return { mention: null, name };
  }
  if (!trigger.active && known.length > 0) return at(known[0]!);
  // "Mizuho's Ingrid Vale rotated her picks. Applied Materials was upgraded to outperform": a
  // passive with no agent in an analyst's note is the firm named just before (within a few sentences).
  if (!trigger.active && (companySubjectVerb.test(text.slice(trigger.start, trigger.end).split(/\s+/)[0]!) || /^\s*(?:was|were|is|has\s+been|got|gets)\s+$/i.test(text.slice(Math.max(0, trigger.start - 12), trigger.start).replace(/^.*?(?=\s(?:was|were|is|has|got|gets)\b)/i, '')))) {
    const previous = entities.firmBefore(clause.start + trigger.start);
    if (previous && clause.start + trigger.start - previous.end < 400) return at(previous);
  }
  // "Cowen's target lift"
  const possessive = /([A-Z][\w.&]+(?:\s+[A-Z][\w.&]+)*)['’]s\s+(?:[\w-]+\s+)?$/.exec(text.slice(0, trigger.start));
  if (possessive && trigger.kind === 'target' && !isCompanyOfDocument(possessive[1]!, entities)) return { mention: null, name: possessive[1]! };
  return null;
}

/**
 * The analyst behind a rating: the one who is the clause's subject ("Okafor downgraded"), else
 * one named in the same sentence for the same firm ("…, analyst Marcus Ellery warning"), else
 * the firm's analyst named earlier in the text.
 */
function analystOf(clause: Span, trigger: Trigger, lead: number, sentence: Span, firm: FirmSlot | null, entities: EntityIndex): Analyst | null {
  if (entities.analysts.length === 0) return null;
  const subjectStart = clause.start + lead;
  const subjectEnd = clause.start + trigger.start;
  if (trigger.active) {
    const inSubject = entities.analysts.find((a) => a.start >= subjectStart && a.end <= subjectEnd);
    if (inSubject) return inSubject;
    const named = analystFor(clause.text.slice(lead, trigger.start), subjectStart, entities.analysts);
    if (named) return named;
  }
  const sameFirm = (a: Analyst) => !firm || !a.firm || a.firm.id === firm.mention?.id || a.firm.name === firm.name;
  const inSentence = entities.analysts.find((a) => a.start >= sentence.start && a.end <= sentence.end && sameFirm(a));
  if (inSentence) return inSentence;
  if (!firm) return null;
  // The firm's analyst named before, or else named later in the text ("Analyst Dana Whitfield said …");
  // one with no firm beside the name counts when every analyst of the text is so.
  const unattached = entities.analysts.every((a) => a.firm === null);
  const usable = (a: Analyst) => (a.firm !== null || unattached) && sameFirm(a);
  return entities.analysts.findLast((a) => a.end <= sentence.start && usable(a)) ?? entities.analysts.find((a) => a.start >= sentence.end && usable(a)) ?? null;
}

/** A clause "which it downgraded …" right after a company's name: that company, as a subject (absolute offsets), or null. */
function relativeAntecedent(clause: Span, entities: EntityIndex): NameSpan[] | null {
  if (!/^\s*which\s+(?:it|they|the\s+\w+|[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})\s/.test(clause.text)) return null;
  const named = entities.mentions.findLast((m) => m.kind === 'name' && m.end <= clause.start && /^\s*(?:\([^)]{1,30}\))?\s*,?\s*$/.test(entities.text.slice(m.end, clause.start)));
  return named ? [{ name: named.text.replace(/['’]s$/, ''), start: named.start, end: named.end }] : null;
}

const priorInNextClause = /^[\s,]*(?:versus|vs\.?|against|compared\s+with|(?:up|down)\s+from)\s+\S{0,4}\d[\d,.]*(?:\s+(?:before|previously|earlier))?/i;
const counted: Readonly<Record<string, number>> = { both: 2, two: 2, three: 3, four: 4, five: 5 };
const countedObject = /^[^,;]{0,40}?\b(?:on|of|for)\s+(?:the\s+|all\s+)?(both|two|three|four|five)\s+(?:[a-z-]+\s+){0,2}?(?:[a-z-]+s|companies|stocks)\b|^[^,;]{0,40}?\b(?:on|of|for)\s+(?:(both)|all\s+(two|three|four|five))\b(?!\s+[A-Z])/;

/** Where the sentence holding `at` starts: after the last full stop, question mark or line break before it. */
/**
 * "on the two miners", "on both", "on all three" (`count`, a match of countedObject): that many
 * companies, the last ones named before `at` in the same sentence, in order. Only the same
 * sentence: "cutting its ratings on two lenders" may point ahead, to names still to come.
 */
function countedBack(count: RegExpExecArray, sentence: Span, at: number, entities: EntityIndex): NameSpan[] | null {
  const n = counted[(count[1] ?? count[2] ?? count[3])!]!;
  const before = entities.mentions.filter((x) => x.kind === 'name' && x.start >= sentence.start && x.end <= at && !entities.firms.some((f) => x.start < f.end && x.end > f.start));
  const distinct: typeof before = [];
  for (const x of before.toReversed()) if (!distinct.some((d) => (d.ticker ?? d.text) === (x.ticker ?? x.text))) distinct.unshift(x);
  if (distinct.length < n) return null;
  return distinct.slice(-n).map((x) => ({ name: x.text.replace(/['’]s$/, ''), start: x.start, end: x.end }));
}

/** The one company named (not a firm, not a description) between two positions, as a subject, or null. */
function namedSince(entities: EntityIndex, from: number, to: number): NameSpan[] | null {
  const named = entities.mentions.filter((m) => m.kind === 'name' && m.start >= from && m.end <= to && !entities.firms.some((f) => m.start < f.end && m.end > f.start));
  const tickers = new Set(named.map((m) => m.ticker));
  return tickers.size === 1 ? [{ name: named[0]!.text.replace(/['’]s$/, ''), start: named[0]!.start, end: named[0]!.end }] : null;
}

/** "Two upgrades in a week:", "Others held firm:", "Last spring, …": one opener word at a sentence's start is no name (lexicon/openers.ts). */
// "Luxury group LVMH", "Oil major Shell": a word, a kind of company, then its name.
const kindThenName = /^\s+(?:[a-z-]+\s+)?(?:group|maker|giant|major|firm|company|retailer|chain|carrier|lender|bank|insurer|producer|miner|operator|developer|conglomerate|house|brand|specialist|supplier)\s+(?=[A-Z$])/;

function everydayOpener(span: NameSpan, clause: Span, entities: EntityIndex): boolean {
  if (/\s/.test(span.name) || isCompanyOfDocument(span.name, entities)) return false;
  if (!sentenceOpeners.has(span.name.toLowerCase()) && !kindThenName.test(clause.text.slice(span.end))) return false;
  const before = entities.text.slice(Math.max(0, clause.start + span.start - 3), clause.start + span.start);
  return clause.start + span.start === 0 || /(?:^|[.!?:\n])\s*$/.test(before);
}

function isCompanyOfDocument(name: string, entities: EntityIndex): boolean {
  return entities.resolve(name) !== null;
}

// Between a passive subject and its verb: "was", "has been", "was again".
const passiveGap = /^\s+(?:(?:was|were|is|are|has\s+been|had\s+been|have\s+been|got|gets|been)\s+)?(?:(?:also|again|now|just)\s+)?$/i;

function companiesOf(clause: Span, trigger: Trigger, lead: number, firm: FirmMention | null, entities: EntityIndex, firmName: string | null, namesIn: (text: string) => readonly NameSpan[] = allNames): NameSpan[] {
  const text = clause.text;
  const notFirm = (span: NameSpan) =>
    !(firm && clause.start + span.start < firm.end && clause.start + span.end > firm.start) &&
    // "RBC Capital reiterated …, HSBC kept …": another firm of the sentence is no company either.
    !entities.firms.some((f) => clause.start + span.start < f.end && clause.start + span.end > f.start && !entities.mentions.some((m) => m.start < f.end && m.end > f.start)) &&
    !entities.analysts.some((a) => clause.start + span.start < a.end && clause.start + span.end > a.start) &&
    !/^(?:he|she|it|they|we|i|i['’]m|i['’]ve|i['’]d|we['’]re|you)$/i.test(span.name) &&
    !(firmName && span.name === firmName) &&
    !genericActors.test(span.name) &&
    !wholeRating.test(span.name) &&
    !everydayOpener(span, clause, entities);
  // The clause's names after the lead-in, read once for both uses below.
  let clauseNames: NameSpan[] | undefined;
  const namesOfClause = () => (clauseNames ??= namesIn(text.slice(lead)).map((s) => ({ ...s, start: s.start + lead, end: s.end + lead })).filter(notFirm));

  if (trigger.active) {
    // Rating verbs take the company as object: "Upgrades X", "Maintains Buy on X", "Initiates Coverage On X",
    // "raised its ratings on X"; target verbs: "Raises PT on X", "lifted X's price target", "Lowering Price Target X".
    const after = text.slice(trigger.kind === 'target' ? trigger.start : trigger.end);
    const offset = trigger.kind === 'target' ? trigger.start : trigger.end;
    const candidates = trigger.kind === 'rating' ? ratingObjectPatterns : targetObjectPatterns;
    for (const pattern of candidates) {
      const m = pattern.exec(after);
      if (!m) continue;
      const linked = {
        across: (at: number) => entities.mentions.some((x) => x.start < clause.start + at && x.end > clause.start + at),
        startsAt: (at: number) => {
          const next = nameAt(text, at);
          return entities.companyAt(clause.start + at) !== null || (next !== null && isCompanyOfDocument(next.name, entities));
        },
      };
      const named = nameList(text, offset + m[0].length, notFirm, linked).map(withoutTrailingRating).map(uptoPossessive);
      // After the noun of a move ("boost to Deere PT") only a company the text knows: not "boost to Dividend Target".
      const list = pattern === moveNounObject ? named.filter((n) => entities.companyAt(clause.start + n.start) !== null || isCompanyOfDocument(n.name, entities)) : named;
      if (list.length > 0) return list;
      const described = entities.companyAt(clause.start + offset + m[0].length);
      if (described) return [{ name: described.text, start: offset + m[0].length, end: offset + m[0].length + described.text.length }];
    }
    // "Texas Instruments dipped after Goldman Sachs reiterated its sell rating": no object, so
    // the company is the subject of the move the action explains.
    const moved = explainedSubject(clause, trigger, lead, entities, notFirm);
    if (moved) return [moved];
  } else {
    const moved = explainedSubject(clause, trigger, lead, entities, notFirm);
    if (moved) return [moved];
    // "The iPhone maker was moved up to buy": a description the entity layer resolved is the subject.
    const described = entities.mentions.find((m) => m.kind === 'description' && m.start >= clause.start + lead && m.end <= clause.start + trigger.start && passiveGap.test(entities.text.slice(m.end, clause.start + trigger.start)));
    if (described) return [{ name: entities.nameOfTicker(described.ticker) ?? described.company.name, start: described.start - clause.start, end: described.end - clause.start }];
    const subjectEnd = trigger.start;
    const before = text.slice(0, subjectEnd).replace(/\s+(?:stock|shares|'s|’s)?\s*$/i, '');
    const span = withoutActionModifier(nameEndingAt(text, before.length));
    const known = (n: NameSpan) => entities.mentions.some((m) => m.kind === 'name' && m.start === clause.start + n.start && m.end === clause.start + n.end);
    if (span && span.start >= lead && notFirm(span)) return listEndingWith(text, span, lead, known);
    const lists = namesOfClause();
    if (lists.length > 0 && lists[0]!.start < trigger.start) {
      // "The iPhone maker was moved up …, with its target lifted": a capitalised word inside a
      // description the entity layer resolved stands for that description's company.
      const first = lists[0]!;
      const around = entities.mentions.find((m) => m.kind === 'description' && m.start <= clause.start + first.start && m.end >= clause.start + first.end);
      if (around) return [{ name: entities.nameOfTicker(around.ticker) ?? around.company.name, start: around.start - clause.start, end: around.end - clause.start }];
      return splitList(first);
    }
  }
  // Noun forms ("after BAML upgrade", "Says In Upgrade"): the first company-like name of the clause.
  const names = namesOfClause();
  // Only a noun: "kept an overweight rating" is a verb whose object this clause does not name.
  return names.length > 0 && trigger.kind === 'rating' && /^(?:up|down)grade$/i.test(text.slice(trigger.start, trigger.end).split(/\s+/)[0]!) ? [withoutActionModifier(names[0]!)!] : [];
}

/** "Alibaba's Hong Kong-listed shares": the company is the owner, "Alibaba". */
function uptoPossessive(span: NameSpan): NameSpan {
  const m = /['’]s\s/.exec(span.name);
  return m ? { name: span.name.slice(0, m.index), start: span.start, end: span.start + m.index } : span;
}

/** "Spotify Double Downgrade": "Double" qualifies the action, not the company. */
function withoutActionModifier(span: NameSpan | null): NameSpan | null {
  if (!span) return span;
  const m = /\s+(\S+)$/.exec(span.name);
  if (!m || !beforeActionNoun.has(m[1]!.toLowerCase()) || /^(?:of|and|&|the|for)$/i.test(m[1]!)) return span;
  return { name: span.name.slice(0, m.index), start: span.start, end: span.start + m.index };
}

const trailingRating = new RegExp(`\\s+(?:${ratingPattern})(?:\\s+rating)?$`, 'i');

/** "Maintains Apple Buy Rating": the company is "Apple". */
function withoutTrailingRating(span: NameSpan): NameSpan {
  const m = trailingRating.exec(span.name);
  return m && m.index > 0 ? { name: span.name.slice(0, m.index), start: span.start, end: span.start + m.index } : span;
}

// "<Company> (CODE) rallies|was flat|fell 3% on|after|as <Firm> …": what the action explains.
const explainedMove = /([^\s<(]+)(?:\s*<[^>]*>|\s*\([^)]*\))?\s+(?:[Ss]hares\s+|[Ss]tock\s+)?(?:(?:[a-z]+|[\d.]+%|Move|Moves|Higher|Lower|Up|Down|Rise|Rises|Fall|Falls|Trade|Trading|Jump|Jumps|Slide|Slides|Gain|Gains)\s+){1,4}?(?:on|after|following|as|when|On|After|As)\s+(?:(?:an?\s+|the\s+)?(?:[A-Z][\w.&'’,-]*\s+|(?:and|of|&)\s+(?=[A-Z])){0,8}|the\s+(?:[\w-]+\s+){0,2}?(?:bank|firm|broker(?:age)?|analysts?)\s+)$/;

function explainedSubject(clause: Span, trigger: Trigger, lead: number, entities: EntityIndex, keep: (s: NameSpan) => boolean): NameSpan | null {
  const explained = explainedMove.exec(clause.text.slice(0, trigger.start));
  if (!explained) return null;
  const span = nameEndingAt(clause.text, explained.index + explained[1]!.length);
  if (!span || span.start < lead || !keep(span)) return null;
  // Linked, or named as the one whose shares moved ("ACADIA Pharma Shares Move Higher as …").
  return entities.companyAt(clause.start + span.start) || entities.resolve(span.name) || /^\S+(?:\s*<[^>]*>|\s*\([^)]*\))?\s+(?:shares|stock)\b/i.test(explained[0]) ? span : null;
}

/** "Barclays upgraded it", "raised its target on it": the object is a pronoun. */
function objectIsPronoun(text: string, trigger: Trigger): boolean {
  return /^\s+(?:it|them)\b/i.test(text.slice(trigger.end)) || /\b(?:on|for)\s+it\b/i.test(text.slice(trigger.end, trigger.end + 40));
}

/** The whole text as a span starting at 0, so entity mentions can be addressed by absolute offset. */
function wholeText(entities: EntityIndex): Span {
  return { text: entities.text, start: 0, end: entities.text.length };
}

/**
 * "Piper Sandler bumped its target", "upgraded it" with no company in the sentence and none
 * before in an analyst sentence: the company the text has named most up to here (its subject),
 * as an absolute span the entity layer knows.
 */
/** A mention's company as the text names it: "the company" by the name written before, not its registered name. */
function writtenName(entities: EntityIndex, m: CompanyMention): string {
  if (m.kind === 'name') return m.text;
  return entities.mentions.find((x) => x.kind === 'name' && x.company === m.company)?.text ?? entities.nameOfTicker(m.ticker) ?? m.company.name;
}

function mainCompany(entities: EntityIndex, sentence: Span): NameSpan[] {
  const best = mostNamedBefore(entities.mentions, sentence.end, (m) => entities.firms.some((f) => m.start < f.end && m.end > f.start));
  if (!best) {
    // "$RIVN getting crushed. MS cut to UW": a text that gives one company only by its ticker is about it.
    const written = entities.tickersIn(0, sentence.end);
    const tickers = new Set(written.map((t) => t.ticker));
    return tickers.size === 1 ? [{ name: written[0]!.ticker, start: written[0]!.start, end: written[0]!.end }] : [];
  }
  const m = best.mention;
  return [{ name: writtenName(entities, m), start: m.start, end: m.end }];
}

/** The one company a sentence names, else the name after its "On" ("Citigroup Positive On Barrick Gold, Raises PT"). */
function soleCompanyOrObject(entities: EntityIndex, sentence: Span): NameSpan[] {
  const sole = soleCompany(entities, sentence);
  if (sole.length > 0 || entities.mentions.some((m) => m.start >= sentence.start && m.end <= sentence.end && !entities.firms.some((f) => m.start < f.end && m.end > f.start))) return sole;
  const on = /\b[Oo]n\s+(?=[A-Z])/.exec(sentence.text);
  if (!on) return [];
  const span = nameAt(sentence.text, on.index + on[0].length);
  if (!span || genericActors.test(span.name) || wholeRating.test(span.name) || entities.firms.some((f) => sentence.start + span.start < f.end && sentence.start + span.end > f.start)) return [];
  return [{ name: span.name, start: sentence.start + span.start, end: sentence.start + span.end }];
}

function soleCompany(entities: EntityIndex, sentence: Span): NameSpan[] {
  const inSentence = entities.mentions.filter((m) => m.start >= sentence.start && m.end <= sentence.end && !entities.firms.some((f) => m.start < f.end && m.end > f.start));
  if (inSentence.length === 0 || new Set(inSentence.map((m) => m.ticker)).size !== 1) return [];
  const m = inSentence.find((x) => x.kind === 'name') ?? inSentence[0]!;
  return [{ name: writtenName(entities, m), start: m.start, end: m.end }];
}

/** The company after "on" or "for" later in the sentence than `after`, as sentence-relative spans. */
function laterObject(sentence: Span, after: number, entities: EntityIndex): NameSpan[] {
  const from = after - sentence.start;
  const rest = sentence.text.slice(from);
  const on = /\b(?:[Oo]n|[Ff]or)\s+(?:[Ss]hares\s+[Oo]f\s+)?(?=[A-Z$])/.exec(rest);
  // "Lowers PT To $42 And Awaits Clarity On Macro": past "and" the "on" belongs to another verb.
  if (!on || /\s[Aa]nd\s/.test(rest.slice(0, on.index))) return [];
  const at = from + on.index + on[0].length;
  const keep = (span: NameSpan) => !genericActors.test(span.name) && !wholeRating.test(span.name) && !entities.firms.some((f) => sentence.start + span.start < f.end && sentence.start + span.end > f.start);
  return nameList(sentence.text, at, keep);
}

/** "Downgrades The Advisory Board", "on The Trade Desk": a name that starts with "The" keeps it. */
function nameAfterThe(text: string, at: number): NameSpan | null {
  if (!/^The\s+[A-Z]/.test(text.slice(at, at + 6))) return null;
  const inner = nameAt(text, at + text.slice(at).indexOf(' ') + 1);
  return inner ? { name: text.slice(at, inner.end), start: at, end: inner.end } : null;
}

/** "Cipher Mining (CIFR) and CleanSpark (CLSK)", "Dell, HPE": each name of a list. */
function nameList(text: string, from: number, keep: (s: NameSpan) => boolean, linked?: { across: (at: number) => boolean; startsAt: (at: number) => boolean }): NameSpan[] {
  const out: NameSpan[] = [];
  let at = from;
  for (;;) {
    const skipped = /^[\s\-–—]*/.exec(text.slice(at))![0].length;
    // "(CRM, NOW)": inside a parenthesised list a word in capitals is a ticker, though "now" is an everyday word.
    const capitals = out.length > 0 && /\(\s*[A-Z]{1,5}(?:\s*,\s*[A-Z]{1,5})*\s*,\s*$/.test(text.slice(Math.max(0, at - 40), at)) ? /^[A-Z]{2,5}(?=\s*[,)])/.exec(text.slice(at + skipped)) : null;
    const span = nameAt(text, at + skipped) ?? nameAfterThe(text, at + skipped) ?? (capitals ? { name: capitals[0], start: at + skipped, end: at + skipped + capitals[0].length } : null);
    if (!span || !keep(span)) break;
    out.push(span);
    const rest = text.slice(span.end);
    // "Eli Lilly and Co": "and" before a legal suffix is part of the name.
    let joiner = /^\s*(?:\([^)]*\))?\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s+)(?=[A-Z$])(?!(?:Co|Cos|Company|Inc|Corp|Ltd|plc)\b)/.exec(rest);
    // Title case writes "Apple And Microsoft" but also "Bed Bath And Beyond": a capital "And"
    // joins two names only when a known company follows and none is linked across the word.
    const titleAnd = joiner ? null : /^\s*,?\s+And\s+(?=[A-Z$])/.exec(rest);
    if (titleAnd && linked && !linked.across(span.end) && linked.startsAt(span.end + titleAnd[0].length)) joiner = titleAnd;
    // "Larsen and Toubro": a linked name that runs across the word is one company.
    if (!joiner || (linked && /\band\b|&/.test(joiner[0]) && linked.across(span.end))) break;
    at = span.end + joiner[0].length;
  }
  return out;
}

/**
 * "Dell, HPE targets trimmed": the names listed before the one that ends at the verb. Title
 * case writes "Advance Auto Parts And Protective Life Upgraded" but also "Bed Bath And Beyond":
 * a capital "And" joins two names only when the entity layer knows one of them as a company.
 */
function listEndingWith(text: string, last: NameSpan, lead: number, known: (span: NameSpan) => boolean = () => false): NameSpan[] {
  const list = [last];
  for (;;) {
    const head = text.slice(lead, list[0]!.start);
    const joiner = /(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s+)$/.exec(head) ?? /,?\s+And\s+$/.exec(head);
    if (!joiner) break;
    const previous = nameEndingAt(text, list[0]!.start - joiner[0].length);
    if (!previous || previous.start < lead) break;
    if (joiner[0].includes('And') && !known(previous) && !known(list[0]!)) break;
    list.unshift(previous);
  }
  return list.flatMap(splitList);
}

function splitList(span: NameSpan): NameSpan[] {
  if (!/,\s|\sand\s/.test(span.name)) return [span];
  const parts: NameSpan[] = [];
  for (const m of span.name.matchAll(/[^,]+?(?=,\s|\s+and\s|$)/g)) {
    const name = m[0].replace(/^\s*(?:and\s+)?/, '').trim();
    if (name) parts.push({ name, start: span.start + m.index, end: span.start + m.index + m[0].length });
  }
  return parts;
}

function tickersOf(clause: Span, subjects: NameSpan[], entities: EntityIndex, sentence: Span): { company: string | null; ticker: string | null }[] {
  const explicit = entities.tickersIn(clause.start, clause.end);
  const unique = [...new Set(explicit.map((t) => t.ticker))];
  if (subjects.length === 0) {
    if (unique.length === 0) {
      const sentenceTickers = [...new Set(entities.tickersIn(sentence.start, sentence.end).map((t) => t.ticker))];
      return sentenceTickers.length > 0 ? sentenceTickers.map((ticker) => ({ ticker, company: companyNameOf(ticker, entities) })) : [];
    }
    return unique.map((ticker) => ({ ticker, company: companyNameOf(ticker, entities) }));
  }
  return subjects.map((subject, i) => {
    // "the iPhone maker": the company the entity layer resolved the description to.
    const described = entities.companyAt(clause.start + subject.start);
    if (described?.kind === 'description') return { company: writtenName(entities, described), ticker: described.ticker };
    // "Applied Optoelectronics Faces Competitive Pressure": a title-case run that starts with a
    // linked company's name is that name.
    const linkedStart = entities.companyAt(clause.start + subject.start);
    // "Domino's Pizza": a possessive the name reader stopped at, inside a longer linked name, is that name.
    const runsOnPastPossessive = linkedStart?.kind === 'name' && linkedStart.start === clause.start + subject.start && linkedStart.end > clause.start + subject.end && /^['’]s\s/.test(clause.text.slice(subject.end, subject.end + 3));
    // "SK hynix": a linked name that runs on over a lower-case word the name reader stopped at.
    const runsOnLowerCase = linkedStart?.kind === 'name' && linkedStart.start === clause.start + subject.start && linkedStart.end > clause.start + subject.end && /^\s+[a-z]/.test(clause.text.slice(subject.end));
    const spanName = linkedStart?.kind === 'name' && ((linkedStart.end - clause.start < subject.end && titleCase(clause.text)) || runsOnPastPossessive || runsOnLowerCase) ? linkedStart.text : subject.name;
    // "Carmaker BYD", "Luxury group LVMH": a describing noun capitalised at a sentence's start is no part of the name.
    const name = spanName.replace(/\s*\((?:[A-Z]+\s*:\s*)?[A-Z.]+\)\s*$/, '').trim().replace(describedName, '').replace(/\s+Common(?:\s+(?:Stock|Shares))?$/i, '');
    const resolved = entities.resolve(name) ?? (explicit.some((t) => t.ticker === name) ? { name, ticker: name } : null);
    // A ticker written right after this name ("Netflix $NFLX", "Cipher Mining (CIFR)").
    const adjacent = explicit.find((t) => t.start >= clause.start + subject.start && t.start - (clause.start + subject.end) <= 3);
    const byOrder = unique.length === subjects.length ? unique[i] : undefined;
    const single = unique.length === 1 && subjects.length === 1 ? unique[0] : undefined;
    // The ticker a source filed the text under names its one subject, not each of a list.
    const known = subjects.length === 1 && entities.knownTickers.length === 1 && !entities.companies.some((c) => c.ticker === entities.knownTickers[0] && c.name !== (resolved?.name ?? name)) ? entities.knownTickers[0] : undefined;
    // "Upgrades ABC, BOKF To Buy": a word in capitals where a company belongs is its ticker.
    const written = resolved === null && /^[A-Z]{2,5}$/.test(name) ? name : undefined;
    // "Citi jumps on …": a name the entity layer linked here, though it is also a firm's.
    const linkedHere = described?.kind === 'name' && described.end - clause.start === subject.end ? described.ticker : undefined;
    // "Initiates Coverage On Specialty Retailers": a group of companies is no company, and
    // not the one the text was filed under either.
    // "Auto Parts Stocks": the group word may stand just after the name.
    const nextWord = /^\s+([A-Za-z]+)/.exec(clause.text.slice(subject.end))?.[1] ?? '';
    if (!resolved && !adjacent && !linkedHere && (namesGroup(name) || namesGroup(nextWord) || lowerCaseGroup(nextWord))) return { company: null, ticker: null };
    const ticker = adjacent?.ticker ?? resolved?.ticker ?? linkedHere ?? written ?? byOrder ?? single ?? known ?? null;
    // "Cipher’s price target": the company is Cipher.
    return { company: resolved ? name.replace(/[’']s$/, '') : name, ticker };
  });
}

function companyNameOf(ticker: string, entities: EntityIndex): string | null {
  return entities.companies.find((c) => c.ticker === ticker)?.name ?? null;
}

// "3 Apple Analysts Lift Price Targets": a count, maybe the company, then the group.
const groupOfFirms = `(?:(?:at\\s+least|more\\s+than|several|many|some|multiple|a\\s+(?:handful|number|couple)\\s+of|other|a\\s+few|few|two|three|four|five|six|seven|eight|nine|ten|\\d+)\\s+)+(?:other\\s+)?(?:(?-i:[A-Z])[\\w&.'’-]*\\s+){0,2}?(?:brokers|brokerages|analysts|banks|firms|research\\s+houses|houses)`;
// "Korean brokers raise Samsung, SK hynix targets", "Wall Street analysts cut …": firms told by where they are, none named.
const groupByPlace = `(?:(?:Korean|Japanese|Chinese|Indian|European|Asian|American|U\\.?S\\.?|British|UK|German|French|Swiss|Italian|Spanish|Nordic|Australian|Canadian|Brazilian|Wall\\s+Street|local|domestic|foreign|global|rival)\\s+)(?:brokers|brokerages|analysts|banks|research\\s+houses)`;
const groupBeforeVerb = new RegExp(`\\b(?:${groupOfFirms}|${groupByPlace}|everyone|everybody)\\s+(?:(?:have|had|also|all|else)\\s+)*$`, 'i');
const groupAfterVerb = new RegExp(`^\\s+(?:by|at|from)\\s+${groupOfFirms}\\b`, 'i');

function unnamedGroupActs(text: string, trigger: Trigger): boolean {
  return groupBeforeVerb.test(text.slice(Math.max(0, trigger.start - 60), trigger.start)) || groupAfterVerb.test(text.slice(trigger.end, trigger.end + 60));
}

function ratingToOf(text: string, trigger: Trigger): string | null {
  if (trigger.rating) return clean(trigger.rating);
  const after = text.slice(trigger.end);
  const to = ratingAfterTo.exec(after);
  const direct = ratingRightAfter.exec(after);
  const withRating = ratingWith.exec(after);
  // "Upgrades Advance Auto Parts: Buy, $90 PT": the rating after a colon.
  const colon = afterColon.exec(after);
  const found = (trigger.action === 'upgrade' || trigger.action === 'downgrade') ? to ?? direct ?? colon : direct ?? withRating ?? to ?? colon;
  // "Reiterates Agilent Technologies Overweight, Raises PT": the rating after the company.
  const afterObject = found || trigger.action === 'terminate' ? null : ratingAfterObject.exec(after);
  // "Outperform reiterated on Broadcom", "Buy rating maintained": a kept rating written before its passive verb.
  const before = found || afterObject || trigger.action !== 'maintain' ? null : ratingBeforeVerb.exec(text.slice(0, trigger.start));
  // "started coverage on Vertiv, rating the stock buy": the rating given in a participle after the object.
  const rating = found || afterObject || before ? null : ratingParticiple.exec(after.slice(0, 120));
  const chosen = found ?? afterObject ?? before ?? rating;
  return chosen ? clean(chosen[1]!) : null;
}

const ratingParticiple = new RegExp(`^[^;.]*?,\\s+rating\\s+(?:the\\s+(?:stock|shares)|it|them)\\s+(?:an?\\s+|at\\s+)?(${ratingPattern})\\b`, 'i');
// "A buy rating on Axon Enterprise was reiterated": the rating and its company, then the verb.
const ratingBeforeVerb = new RegExp(`(?:^|[\\s(])(${ratingPattern})(?:\\s+(?:rating|recommendation)(?:\\s+on\\s+[^,;]{1,80}?)?)?\\s+(?:(?:was|is|has\\s+been|been)\\s+)?$`, 'i');

function ratingFromOf(text: string, trigger: Trigger): string | null {
  const from = ratingFrom.exec(text.slice(trigger.end));
  return from ? clean(from[1]!) : null;
}

function clean(rating: string): string {
  return rating.toLowerCase().replace(/\s+/g, ' ');
}

function targetValuesOf(text: string, trigger: Trigger): { from: MoneyMention | null; to: MoneyMention | null } {
  // Values belong to this target up to a conjunction that starts another figure ("And EPS Estimate To").
  let scope = text.slice(trigger.start);
  // Not inside a noun phrase: "on the electronics and entertainment conglomerate to 5,200 yen".
  const stop = /\s+(?:and|&)\s+(?!\$|(?:Co|Cos|Company|Inc|Corp|Ltd|plc)\b|[a-z][\w-]*\s+(?:[a-z][\w-]*\s+)?(?:maker|company|group|conglomerate|giant|firm|business|retailer|operator|provider|producer|chain|lender|bank|insurer|developer)\b)(?=\S)|\s+(?:as|while|citing|after|amid)\s+/i.exec(scope.slice(trigger.nounEnd - trigger.start));
  if (stop) scope = scope.slice(0, trigger.nounEnd - trigger.start + stop.index);
  const money = shareFigures(scope);
  if (money.length === 0) return { from: null, to: null };
  // "PT $160 -> $175": the old figure, an arrow, the new one.
  const arrow = money.findIndex((m, i) => i + 1 < money.length && /^\s*(?:->|→|=>)\s*$/.test(scope.slice(m.end, money[i + 1]!.start)));
  if (arrow >= 0 && trigger.action !== 'remove') return { from: money[arrow]!, to: money[arrow + 1]! };
  const labelled = (word: RegExp) => money.find((m) => word.test(scope.slice(Math.max(0, m.start - 8), m.start)));
  // "hitting $90, down from their prior forecast of $105": the figure after "from …" is the one replaced.
  const fromPhrase = /\b(?:up|down)\s+from\s+(?:(?:its|their|his|her|the)\s+)?(?:(?:prior|previous|earlier|old)\s+)?(?:forecast|estimate|target|call|view)\s+of\s+$/i;
  const fromLater = money.find((m) => fromPhrase.test(scope.slice(Math.max(0, m.start - 60), m.start)));
  if (fromLater && money[0] && money[0] !== fromLater) return { from: fromLater, to: money[0] };
  // "from $80", "(was $80)", "against $80 previously": the target it replaces.
  const stated = labelled(/\b(?:from|vs\.?|versus|prior|previous|previously|was|against|(?:its|her|his|their|the)\s+(?:old|former|earlier))\s+$/i) ?? money.find((m) => m !== money[0] && /^\s+(?:previously|before|earlier)\b/i.test(scope.slice(m.end, m.end + 12)));
  // "raised … by $10 to $95": the previous target is the new one less the change.
  const by = labelled(/\bby\s+$/i);
  // "put a $640 target on it, up by $95": a set figure that is not the change is the new target.
  // "sees Nike shares hitting $90": a figure right where the trigger ends is the new one.
  const atTrigger = trigger.needsFirm && money[0] && money[0] !== stated && scope.slice(trigger.nounEnd - trigger.start, money[0].start).trim() === '' ? money[0] : undefined;
  const to = labelled(/\b(?:to|of|at)\s+(?:an?\s+)?$/i) ?? (by && trigger.action === 'initiate' ? money.find((m) => m !== by && m !== stated) : undefined) ?? atTrigger;
  const byWord = by ? scope.slice(Math.max(0, by.start - 16), by.start) : '';
  const way = trigger.action === 'raise' || trigger.action === 'lower' ? trigger.action : /\b(?:up|higher)\s+by\s+$/i.test(byWord) ? 'raise' : /\b(?:down|lower)\s+by\s+$/i.test(byWord) ? 'lower' : null;
  // "trimmed its price objective for Intel by 10% to $27": the previous target is the new one before the change.
  const byPercent = !by && to && (trigger.action === 'raise' || trigger.action === 'lower') ? /\bby\s+(\d{1,2}(?:\.\d+)?)\s?%\s+to\s+$/i.exec(scope.slice(Math.max(0, to.start - 24), to.start)) : null;
  // Only when it comes out whole: "by 12% to $95" was a rounded percent, and the old figure is unknown.
  const exactFrom = byPercent ? to!.low / (1 + (trigger.action === 'raise' ? 1 : -1) * Number(byPercent[1]) / 100) : null;
  const percentFrom = exactFrom !== null && Math.abs(exactFrom - Math.round(exactFrom)) < 0.005 ? Math.round(exactFrom) : null;
  const from = stated ?? (by && to && by.currency === to.currency && way ? { ...by, low: round(to.low + (way === 'raise' ? -by.low : by.low)), high: round(to.low + (way === 'raise' ? -by.low : by.low)) } : percentFrom !== null ? { ...to!, low: percentFrom, high: percentFrom } : undefined);
  // "Removes PT of $42", "removed her $430 price target": a removed target is where it was.
  if (trigger.action === 'remove') return { from: from ?? to ?? money[0]!, to: null };
  if (to || from) return { from: from ?? null, to: to ?? (trigger.action === 'initiate' ? money[0]! : null) };
  if (by) return { from: null, to: null };
  return { from: null, to: money[0]! };
}

const ownFigures = new RegExp(`^\\s*(?:\\([^)]{1,30}\\)\\s*)?(?:,\\s*)?(?:to\\s+)(${moneySource.replace(/\(\?<\w+>/g, '(?:')})(?:\\s+from\\s+(${moneySource.replace(/\(\?<\w+>/g, '(?:')}))?`, 'i');

/** Each company of a list (after the verb) followed by its own "to $150 from $170": one pair per company, or none when any lacks it. */
function ownFigurePairs(sentence: Span, after: number, tickers: readonly { company: string | null; ticker: string | null }[], entities: EntityIndex): { from: MoneyMention | null; to: MoneyMention | null }[] {
  const pairs: { from: MoneyMention | null; to: MoneyMention | null }[] = [];
  for (const { ticker, company } of tickers) {
    const named = entities.mentions.find((m) => m.kind === 'name' && m.start >= after && m.end <= sentence.end && ((ticker !== null && m.ticker === ticker) || (company !== null && m.text.startsWith(company))));
    const written = ticker !== null ? entities.tickersIn(after, sentence.end).find((t) => t.ticker === ticker && (!named || t.start >= named.end)) : undefined;
    const mention = written && (!named || written.start - named.end <= 3) ? written : named;
    if (!mention) return [];
    const m = ownFigures.exec(entities.text.slice(mention.end, Math.min(sentence.end, mention.end + 80)));
    const to = m ? findMoney(m[1]!)[0] : undefined;
    if (!to) return [];
    pairs.push({ to, from: m![2] ? findMoney(m![2])[0] ?? null : null });
  }
  return pairs;
}

/** "to $345 from $320 and to $125 from $110, respectively": one pair per company, in order. */
function respectivePairs(text: string, trigger: Trigger): { from: MoneyMention | null; to: MoneyMention | null }[] {
  const rest = text.slice(trigger.nounEnd);
  const end = rest.search(/\brespectively\b/i);
  if (end < 0) return [];
  const scope = rest.slice(0, end);
  const pairs: { from: MoneyMention | null; to: MoneyMention | null }[] = [];
  // "to $82 and $125", "from $480 and $90": a listed figure continues the list before it.
  let listing: 'to' | 'from' | null = null;
  const fillFrom = (money: MoneyMention) => {
    const open = pairs.find((p) => p.from === null);
    if (!open) return false;
    open.from = money;
    return true;
  };
  for (const money of findMoney(scope)) {
    const before = scope.slice(Math.max(0, money.start - 8), money.start);
    if (/\b(?:to|of|at)\s+$/i.test(before)) {
      pairs.push({ from: null, to: money });
      listing = 'to';
    } else if (/\bfrom\s+$/i.test(before) && pairs.length > 0 && pairs.at(-1)!.from === null) {
      pairs.at(-1)!.from = money;
      listing = 'from';
    } else if (listing && /(?:,|\band)\s*$/i.test(before)) {
      if (listing === 'to') pairs.push({ from: null, to: money });
      else if (!fillFrom(money)) return [];
    } else return [];
  }
  // "to $10 and $58, respectively, from $12 and $65": the earlier figures after the word.
  const after = /^respectively,?\s+(?:(?:up|down)\s+)?from\s+/i.exec(rest.slice(end));
  if (after && pairs.every((p) => p.from === null)) {
    const tail = rest.slice(end + after[0].length);
    const listed = /^[^,;.]*?(?=[,;.]\s|[,;.]?$)/.exec(tail)?.[0] ?? tail;
    const befores = findMoney(listed);
    if (befores.length === pairs.length) befores.forEach((money, i) => (pairs[i]!.from = money));
  }
  return pairs;
}

/**
 * Figures a price target can be: per share, so never "$15 billion" ("set a target of $15
 * billion in annual revenue" is a company's goal).
 */
// Currencies whose share prices run to millions: "to 1.3 million won" is a target.
const millionPriceCurrencies = new Set(['KRW', 'IDR', 'VND']);

function shareFigures(text: string): MoneyMention[] {
  return findMoney(text).filter((m) => !scaledFigure.test(text.slice(m.start, m.end)) || (millionPriceCurrencies.has(m.currency) && m.low < 1e8));
}

/** The same fact found twice (a headline and its body) is one event. */
function dedupe(findings: AnalystFinding[]): AnalystFinding[] {
  const seen = new Map<string, number>();
  const out: AnalystFinding[] = [];
  for (const f of findings) {
    const key = JSON.stringify([f.type, f.ticker ?? f.company, f.action, f.firm]);
    const at = seen.get(key);
    if (at === undefined) {
      seen.set(key, out.length);
      out.push(f);
      continue;
    }
    // "remains its top pick …, reiterating an overweight rating": the rating on the scale wins.
    const kept = out[at]!;
    if (kept.type === 'analyst_rating' && f.type === 'analyst_rating' && (kept as Rating).ratingScore === null && (f as Rating).ratingScore !== null) out[at] = f;
  }
  return out;
}
