import type { Analysis, MarketEvent } from '@tickerwire/core';
import { analystEvents, targetActionForRating, type AnalystFinding, type DocumentContext } from './analyst.ts';
import { documentText, withoutWireMarks, type ArticleInput } from './document.ts';
import { withSpokenFigures } from './spoken.ts';
import { fieldedRating, postposedRating } from './fielded.ts';
import { indexEntities, type FirmMention } from './entities.ts';
import { nameEndingAt } from './names.ts';
import { currencyWordSource, findMoney } from './numbers.ts';
import { splitClauses, splitSentences, type Span } from './sentences.ts';
import { factEvents, type FactFinding } from './facts.ts';
import { resultEvents, type ResultFinding } from './results.ts';
import { tagsOf } from './tags.ts';
import { ratingPattern, ratingScore } from './lexicon/ratings.ts';
import { creditAgencyStart } from './lexicon/credit-agencies.ts';
import { researchFirms, tableFirmId } from './lexicon/firms.ts';
import { gappedObjects, groupedRatings } from './gapping.ts';
import { companyHeadsRating, headingAction, isListItem, listItemEvents, type SectionAction } from './list-items.ts';
import { sameName } from './names-match.ts';
import { subjectsOf } from './entity/salience.ts';
import { findAnalysts } from './entity/people.ts';
import type { AliasTable } from './entity/master.ts';

export interface ExtractOptions {
  /** More research firms and their aliases, by canonical name. */
  firms?: Readonly<Record<string, readonly string[]>>;
  /** More companies and the names news gives them, on top of the shipped alias table. */
  companyAliases?: AliasTable;
}

type Finding = (AnalystFinding | FactFinding | ResultFinding) & { evidenceSpan: Span };

/** A text of this many sentences is an article, not a headline or a post. */
const minArticleSentences = 3;

/** Events of every type in one article, with evidence offsets into `documentText(input)`. */
export function extractEvents(input: ArticleInput, options: ExtractOptions = {}): MarketEvent[] {
  return extractWithEntities(input, options).events;
}

/** The analysis of the contract, without the sentiment fields (the scorer adds them). */
export function extractAnalysis(input: ArticleInput, options: ExtractOptions = {}): Analysis {
  return extractDocument(input, options).analysis;
}

/** The text the evidence offsets point into, split into sentences once, for later stages. */
export interface ReadDocument {
  text: string;
  sentences: Span[];
}

/** The analysis together with the document as extraction read it, so scoring need not read it again. */
export function extractDocument(input: ArticleInput, options: ExtractOptions = {}): { analysis: Analysis; document: ReadDocument } {
  const { text, sentences, events, entities } = extractWithEntities(input, options);
  // A headline alone is all title; a body alone has none.
  const titleEnd = input.title?.trim() ? input.title.trim().length : 0;
  const subjects = subjectsOf(text, titleEnd, sentences, entities, events);
  const analysis: Analysis = { tickers: subjects.tickers, events, tags: tagsOf(text, events) };
  if (subjects.entities.length > 0) analysis.entities = subjects.entities;
  return { analysis, document: { text, sentences } };
}

function extractWithEntities(input: ArticleInput, options: ExtractOptions) {
  const text = documentText(input);
  // Read without datelines and headline tags; same offsets, so evidence still points into `text`.
  // Money said in words ("goes to fifty dollars from thirty-two") written as figures, in place.
  const reading = withSpokenFigures(withoutWireMarks(text));
  const entities = indexEntities(reading, input.tickers ?? [], { firms: options.firms, companyAliases: options.companyAliases });
  const sentences = splitSentences(reading);
  entities.analysts = findAnalysts(reading, entities.firms, (p) => sentences.find((s) => p >= s.start && p < s.end) ?? null, (p) => unknownFirmBefore(reading, p, entities));
  // "Northland … announced the initiation of coverage. Analyst Rebecca Tran initiated Oklo …":
  // an analyst named without a firm, in a text naming one firm, works for it.
  const firmIds = new Set(entities.firms.map((f) => f.id));
  if (firmIds.size === 1) for (const analyst of entities.analysts) analyst.firm ??= entities.firms.find((f) => f.start < analyst.start) ?? null;
  // Both grammars read the same clauses: split each sentence once.
  const clauses = new Map(sentences.map((s) => [s, splitClauses(s)]));
  const clausesOf = (s: Span) => clauses.get(s) ?? splitClauses(s);
  const findings: Finding[] = [];
  const context: DocumentContext = { lastSubjects: [], lastSentence: null };
  let previous: Finding[] = [];
  let section: SectionAction | null = null;
  for (const sentence of sentences) {
    let found: Finding[] = analystEvents(sentence, entities, clausesOf(sentence), context);
    const heading = headingAction(sentence);
    if (heading !== undefined) section = heading;
    else if (isListItem(sentence) || firmAfterHeadColon(sentence, entities) || companyHeadsRating(sentence, entities)) {
      // "- Ford (F): Jefferies to buy from hold; PT $16 (from $11)": no verb for the grammar above.
      const listed = listItemEvents(sentence, section, entities, entities.firmBefore(sentence.start));
      if (listed.length > found.length || (listed.length > 0 && found.every((f) => !f.ticker && !f.company))) {
        found = listed;
        // "Broker: Bernstein / Analyst: Harriet Mbeki-Lowe": the one analyst the text names for the item's firm.
        for (const f of found) if (f.type === 'analyst_rating' && f.analyst === null) f.analyst = soleAnalystOfFirmId(f.firmId, entities);
      }
    } else {
      section = null;
      // "Morgan Stanley: Walmart (WMT) target to $110 from $100, overweight.": the firm heads its note.
      const head = found.length === 0 ? firmHeadingNote(sentence, entities) : null;
      if (head) found = listItemEvents(head.item, null, entities, head.firm);
    }
    // "… starts Arm Holdings at Outperform. Price target $210.": a figure alone continues the rating before it.
    if (found.length === 0) found.push(...standaloneTarget(sentence, previous));
    // "Rating: Overweight (unchanged).", "Rating unchanged at Buy.": the note's rating, said as a field.
    if (found.length === 0) {
      for (const f of fieldedRating(sentence, previous.filter((f): f is AnalystFinding => f.type === 'analyst_rating' || f.type === 'price_target'), entities)) {
        // The one analyst the text names for the note's firm, wherever the note says who wrote it.
        if (f.type === 'analyst_rating' && f.analyst === null) f.analyst = soleAnalystOfFirmId(f.firmId, entities);
        found.push(f);
      }
    }
    // "Jefferies' upgrade of Caterpillar to buy …; the brokerage's new target of $720 is up from $560": the
    // rating's own sentence owns the figure, written after the noun with no verb of its own.
    else {
      const lacking = ratingsWithoutTarget(found);
      if (lacking.length > 0 && /target\s+(?:of|is|now\s+stands|stands)\b|\bP[TO]\s+(?:up|down|raised|lifted|cut|lowered|trimmed)\s/i.test(sentence.text) && ownedFigureAfter.test(sentence.text)) found.push(...standaloneTarget(sentence, lacking));
    }
    for (const f of found) {
      if (f.type !== 'analyst_rating' && f.type !== 'price_target') continue;
      // "Q: You upgraded Lam Research", "I'm upgrading my view": a speaker, not a firm's name.
      if (f.firm && (notAFirm.test(f.firm) || speakerTag(f.firm, f.firmId, reading))) Object.assign(f, { firm: null, firmId: null });
      // "RBC Capital Earlier Downgrade", "Mid-Day Downgrade to Sell at UBS": a time word is no part of the firm's name.
      if (f.firm && timeWordsAfter.test(f.firm)) {
        const name = f.firm.replace(timeWordsAfter, '').trim();
        Object.assign(f, name ? { firm: name, firmId: entities.firms.find((m) => m.name === name)?.id ?? name } : { firm: null, firmId: null });
      }
      speakerAsFirm(f as AnalystFinding, entities);
    }
    const unowned = found.filter((f): f is AnalystFinding => (f.type === 'analyst_rating' || f.type === 'price_target') && !f.firm);
    const textFirm = unowned.length > 0 ? firmOfText(found, sentence, entities) : null;
    const owner = textFirm && !speakerTag(textFirm.name, textFirm.id, reading) ? textFirm : null;
    // "Nvidia climbs on target bump, Nike slides after Jefferies downgrade": a firm whose own event
    // here is on another company does not own an event on this one.
    const ownersEvents = owner ? found.filter((f): f is AnalystFinding => (f.type === 'analyst_rating' || f.type === 'price_target') && f.firm !== null && sameName(f.firm, owner.name)) : [];
    const owned = (f: AnalystFinding) => ownersEvents.length === 0 || ownersEvents.some((o) => sameSubject(o, f));
    const ownerless = owner ? unowned.filter((f) => !owned(f)) : unowned;
    if (owner) for (const f of unowned) if (owned(f)) Object.assign(f, { firm: owner.name, firmId: owner.id }, f.type === 'analyst_rating' && f.analyst === null ? { analyst: soleAnalystOf(owner, entities) } : {});
    // "Today I'm upgrading it to a buy in my model portfolio": a writer speaking for no firm the
    // text names gives their own view, not a research firm's rating.
    if (ownerless.length > 0 && firstPersonSubject.test(sentence.text)) found = found.filter((f) => !ownerless.includes(f as AnalystFinding) || (f as AnalystFinding & { analyst?: string | null }).analyst);
    found.push(...gappedObjects(sentence, found.filter((f): f is AnalystFinding => f.type === 'analyst_rating' || f.type === 'price_target'), entities));
    found.push(...postposedRating(sentence, found.filter((f): f is AnalystFinding => f.type === 'analyst_rating' || f.type === 'price_target')));
    // "Mizuho Initiates AbbVie, Biohaven With Buy Ratings, Eli Lilly, Alkermes With Neutral Ratings".
    found.push(...groupedRatings(sentence, found.filter((f): f is AnalystFinding => f.type === 'analyst_rating' || f.type === 'price_target'), entities));
    // "Why Tesla Remains A Strong Buy", "he would stay neutral": a rating that "stays" with no firm
    // and no analyst holding it is nobody's rating ("BioScrip Reaffirmed at Neutral" is still the service's).
    found = found.filter((f) => !(f.type === 'analyst_rating' && f.action === 'maintain' && !f.firm && !f.analyst && staysRating.test(sentence.text)));
    findings.push(...found);
    if (found.length > 0) previous = found;
  }
  // "announced the initiation of coverage of three nuclear energy companies. Analyst Rebecca Tran
  // initiated Oklo …": a group's event says nothing the events of its companies do not.
  const analystFindings = (f: Finding): f is AnalystFinding => f.type === 'analyst_rating' || f.type === 'price_target';
  const named = new Set(findings.filter(analystFindings).filter((f) => f.ticker || f.company).map((f) => `${f.type} ${f.firm}`));
  const told = findings.filter((f) => !(analystFindings(f) && !f.ticker && !f.company && named.has(`${f.type} ${f.firm}`)));
  findings.length = 0;
  findings.push(...told);
  // "Stifel kept its buy rating" after "Jefferies, which has a hold rating on the stock": a subject
  // carried over as its description ("the stock") is the company the description stands for.
  for (const f of findings) {
    if ((f.type !== 'analyst_rating' && f.type !== 'price_target') || f.ticker || !f.company || !/^(?:the|its|their)\s/i.test(f.company)) continue;
    const described = entities.mentions.findLast((m) => m.start < f.evidenceSpan.end && m.text.toLowerCase() === f.company!.toLowerCase());
    if (!described) continue;
    const named = entities.mentions.find((m) => m.kind === 'name' && m.company === described.company);
    Object.assign(f, { ticker: described.ticker, company: named ? named.text.replace(/['’]s$/, '') : described.company.name });
  }
  for (const f of findings) {
    if (f.type !== 'analyst_rating') continue;
    // "Bernstein now rates Starbucks outperform, up from market perform": a rating held that was another is a move.
    const [was, now] = [ratingScore(f.ratingFrom), ratingScore(f.ratingTo)];
    if (f.action === 'maintain' && was !== null && now !== null && was !== now) f.action = now > was ? 'upgrade' : 'downgrade';
    // "removing its neutral rating": a coverage that ends leaves a rating and takes none.
    if (f.action === 'terminate' && f.ratingTo !== null) Object.assign(f, { ratingFrom: f.ratingFrom ?? f.ratingTo, ratingTo: null, ratingScore: null });
  }
  // "discontinuing coverage of AMC Networks … Oppenheimer previously rated all three companies Perform",
  // "which it had rated market perform": the rating a terminated coverage had, from its sentence or the next.
  const removed: Finding[] = [];
  for (const f of findings) {
    // "Needham downgraded Roku to hold. … previously had a buy rating": the rating left, said after.
    if (f.type !== 'analyst_rating' || (f.action !== 'terminate' && f.action !== 'downgrade' && f.action !== 'upgrade') || f.ratingFrom !== null) continue;
    const next = sentences.find((s) => s.start >= f.evidenceSpan.end);
    const former = formerRatingIn(text.slice(f.evidenceSpan.start, next ? next.end : f.evidenceSpan.end));
    // A rating said to be left must be on the far side of the move: below an upgrade's, above a downgrade's.
    const [was, now] = [ratingScore(former), ratingScore(f.ratingTo)];
    if (former && (f.action === 'terminate' || (was !== null && now !== null && (f.action === 'upgrade' ? was < now : was > now)))) f.ratingFrom = former;
    // "Mizuho dropped coverage. The bank had an underperform and a $1 target": the target went with it.
    // Not the next sentence's own action: "It resumed coverage of Planet Fitness with a buy rating and a $125 price target".
    const nextActs = next !== undefined && findings.some((t) => t !== f && (t.type === 'analyst_rating' || t.type === 'price_target') && t.evidenceSpan.start >= next.start && !sameSubject(t, f));
    const held = f.action === 'terminate' ? formerTarget.exec(text.slice(f.evidenceSpan.start, next && !nextActs ? next.end : f.evidenceSpan.end)) : null;
    const figure = held ? findMoney(held[1]!)[0] : undefined;
    if (figure && !findings.some((t) => t.type === 'price_target' && sameSubject(t, f) && (!t.firm || !f.firm || sameName(t.firm, f.firm)))) {
      removed.push({ type: 'price_target', ticker: f.ticker, company: f.company, firm: f.firm, firmId: f.firmId, confidence: f.confidence, evidenceSpan: f.evidenceSpan, action: 'remove', from: figure.low, to: null, currency: figure.currency, changePct: null } as Finding);
    }
  }
  findings.push(...removed);
  // "Q: You moved AIA Group to neutral. A: We had been at outperform": the rating left, told in
  // its sentence or the next, says which way the move went; a move nothing settles is dropped.
  const unsettled = new Set<Finding>();
  for (const f of findings) {
    if (f.type !== 'analyst_rating' || !(f as AnalystFinding).unsettled) continue;
    // Its sentence and the two after it: an interview's answer may follow the question's "What changed?".
    const after = sentences.filter((s) => s.start >= f.evidenceSpan.end).slice(0, 2);
    const former = f.ratingFrom ?? formerRatingIn(text.slice(f.evidenceSpan.start, after.at(-1)?.end ?? f.evidenceSpan.end));
    const [was, now] = [ratingScore(former), ratingScore(f.ratingTo)];
    if (was !== null && now !== null && was !== now) Object.assign(f, { action: now > was ? 'upgrade' : 'downgrade', ratingFrom: former });
    else unsettled.add(f);
    delete (f as AnalystFinding).unsettled;
  }
  for (let i = findings.length - 1; i >= 0; i--) if (unsettled.has(findings[i]!)) findings.splice(i, 1);
  // "MS cut to UW", "double downgrade at GS": a two-letter abbreviation is reported as the firm it stands for.
  for (const f of findings) if ((f.type === 'analyst_rating' || f.type === 'price_target') && f.firm && /^[A-Z]{2}$/.test(f.firm) && f.firmId && f.firmId !== f.firm) f.firm = f.firmId;
  // "$HOOD coverage update: Needham reiterates Buy": a company the text names only by its ticker keeps its name.
  for (const f of findings) if ((f.type === 'analyst_rating' || f.type === 'price_target') && f.ticker && (!f.company || f.company === f.ticker)) f.company = entities.nameOfTicker(f.ticker) ?? f.company;
  findings.push(...factEvents(sentences, clausesOf, entities));
  const actingFirms = new Set(findings.flatMap((f) => ((f.type === 'analyst_rating' || f.type === 'price_target') && f.firmId ? [f.firmId] : [])));
  findings.push(...resultEvents(sentences, entities, actingFirms));
  // A firm read by its place in the sentence ("China International Capital Corporation (CICC) keep …")
  // that the table knows under that name is the table's firm, so the headline's "CICC" is the same one.
  for (const f of findings) if ((f.type === 'analyst_rating' || f.type === 'price_target') && f.firm && !f.firmId) f.firmId = tableFirmId(f.firm);
  let events = dedupeAcrossSentences(findings);
  // "promises cafe upgrades", "customers are upgrading equipment": in an article (several
  // sentences), a rating change with no firm, no analyst and no rating either side, once the
  // headline's and the body's readings are merged, is a word used of something else; and a
  // rating kept with no rating named ("Kepler's move leaves only a handful of hold ratings",
  // "not enough visibility to maintain a rating") keeps nothing. A headline alone keeps both
  // ("Sirius downgraded on valuation", "Morgan Stanley Reiterates On Agilent"). A target with no
  // firm and no figure ("raised its target for annual leasing to 600 megawatts") is none either.
  if (sentences.length >= minArticleSentences) events = events.filter((f) => !saysNothingInArticle(f));
  // "Kotak upgraded HDFC Bank … Analyst Nirav Bhandarkar-Iyer said loan growth should pick up":
  // a firm's rating with no analyst takes the one analyst the text names for that firm, when
  // all the firm's ratings in the text are on one company (a note covering several companies
  // may name the analyst of only one of them).
  for (const f of events) {
    if (f.type !== 'analyst_rating' || f.analyst !== null || !f.firmId) continue;
    const onOneCompany = events.every((g) => g.type !== 'analyst_rating' || g.firmId !== f.firmId || sameSubject(g, f));
    if (onOneCompany) f.analyst = soleAnalystOfFirmId(f.firmId, entities);
  }
  return { text, sentences, entities, events: events.map(toEvent) };
}

// "Price target $210.", "Price target: $300 (from $285).": a figure alone, with the one before it or not.
// "Price target: raised to $1,150 from $1,100", "12-month price target: $520, from $470".
// "And the target goes to $72 from $90.": a spoken sentence may open with a conjunction and the article.
const standaloneFigure = new RegExp(`^\\s*(?:[-•*–]\\s*)?(?:(?:and|but|so)\\s+)?(?:(?:the|its|their|our)\\s+)?(?:12-month\\s+)?(?:price\\s+target|PT|target(?:\\s+price)?|price\\s+objective)\\s*(?::|of|is|at)?\\s*(?:now\\s+)?(?:(?<verb>raised|lifted|increased|lowered|cut|trimmed|reduced|goes|moves|comes\\s+down|goes\\s+(?:up|down)|drops|falls|rises)\\s+(?:by\\s+(?<by>\\S+(?:\\s+${currencyWordSource})?)\\s+)?to\\s+)?(?<to>\\S+(?:\\s+${currencyWordSource})?)(?:\\s*[,(]?\\s*(?:(?:up|down)\\s+)?(?:from|was|previously|prior|prev\\.?)\\s+(?<prior>[^\\s)]+(?:\\s+${currencyWordSource})?)\\s*\\)?)?(?:,\\s+[a-z][^;]*?)?\\s*\\.?\\s*$`, 'i');

// "Analyst Carla Menéndez's $420 price target implies 31% upside", "Park said his new $470
// price target, up from $400, assumes …": a target named with its owner and no verb of its own.
const ownedFigure = /(?:\p{Lu}[\p{L}.'’-]*['’]s|\b(?:[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Tt]he\s+(?:bank|brokerage|broker|firm)['’]s))\s+(?:new\s+|revised\s+|updated\s+)?([^\s,;]{0,4}\d[\d,.]*p?)\s+(?:(?:12-month|price)\s+)?(?:price\s+target|target|PT)\b(?:,?\s+\(?(up|down)\s+from\s+([^\s,;)]{0,4}\d[\d,.]*))?/u;
// "the brokerage's new target of $720 is up from $560", "PT up to $64 from $48": the figure after the noun.
const ownedFigureAfter = /(?:(?:\p{Lu}[\p{L}.'’-]*['’]s|\b(?:[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Tt]he\s+(?:bank|brokerage|broker|firm)['’]s))\s+(?:new\s+|revised\s+|updated\s+)?(?:price\s+target|target|PT)\s+(?:of|is(?:\s+now)?|now\s+stands\s+at|stands\s+at)\s+|^\s*(?:PT|price\s+target|target)\s+(?:up|down|raised|lifted|cut|lowered|trimmed)\s+to\s+)([^\s,;]{0,4}\d[\d,.]*p?)(?:,?\s+(?:is\s+)?(?:(up|down)?\s*from|(?:(?:below|above|under|over)\s+(?:its|her|his|their|the)\s+(?:old|former|previous|prior|earlier)))\s+([^\s,;]{0,4}\d[\d,.]*))?/u;

/** The ratings of a sentence whose company and firm have no target event beside them. */
function ratingsWithoutTarget(found: readonly Finding[]): Finding[] {
  return found.filter((f) => f.type === 'analyst_rating' && !found.some((t) => t.type === 'price_target' && t.ticker === f.ticker && t.company === f.company && t.firm === f.firm));
}

function standaloneTarget(sentence: Span, previous: readonly Finding[]): Finding[] {
  // Most sentences hold no figure or no target noun: skip them before the two expressions.
  if (previous.length === 0 || !/\d/.test(sentence.text) || !/target|\bP[TO]\b|objective/i.test(sentence.text)) return [];
  const m = standaloneFigure.exec(sentence.text);
  const owned = m ? null : ownedFigure.exec(sentence.text) ?? ownedFigureAfter.exec(sentence.text);
  const g = m?.groups ?? {};
  const money = m ? findMoney(g.to!)[0] : owned ? findMoney(owned[1]!)[0] : undefined;
  // "trimmed by 8 euros to 182 euros": the prior is the new figure less the change.
  const by = g.by && money ? findMoney(g.by)[0] : undefined;
  const priorLow = by && money ? money.low + (/^(?:raised|lifted|increased)$/i.test(g.verb ?? '') ? -by.low : by.low) : null;
  const byPrior = money && priorLow !== null ? { ...money, low: priorLow, high: priorLow } : undefined;
  const before = owned?.[3] ? findMoney(owned[3])[0] : g.prior ? findMoney(/\d/.test(g.prior[0] ?? '') && money ? `${g.to!.replace(/[\d.,]+.*$/, '')}${g.prior}` : g.prior)[0] : byPrior;
  if (!money || previous.some((f) => f.type === 'price_target')) return [];
  if (before) {
    return previous.flatMap((f) => f.type !== 'analyst_rating' ? [] : [{ type: 'price_target', ticker: f.ticker, company: f.company, firm: f.firm, firmId: f.firmId, confidence: f.confidence, evidenceSpan: sentence, action: money.low > before.low ? 'raise' : 'lower', from: before.low, to: money.low, currency: money.currency, changePct: null } as Finding]);
  }
  return previous.flatMap((f) => {
    if (f.type !== 'analyst_rating') return [];
    const action = targetActionForRating[f.action];
    if (!action) return [];
    return [{ type: 'price_target', ticker: f.ticker, company: f.company, firm: f.firm, firmId: f.firmId, confidence: f.confidence, evidenceSpan: sentence, action, from: null, to: money.low, currency: money.currency, changePct: null } as Finding];
  });
}

/** "Morgan Stanley: Walmart (WMT) target to $110 …": a firm and its colon, then a company — the note after the colon, by that firm. */
function firmHeadingNote(sentence: Span, entities: ReturnType<typeof indexEntities>): { item: Span; firm: FirmMention } | null {
  const head = /^(\s*)([^:;,.]{2,40}):\s+/.exec(sentence.text);
  if (!head) return null;
  const nameStart = sentence.start + head[1]!.length;
  const firm = entities.firms.find((f) => f.start === nameStart && f.end === nameStart + head[2]!.trimEnd().length);
  if (!firm) return null;
  const start = sentence.start + head[0].length;
  return { item: { text: sentence.text.slice(head[0].length), start, end: sentence.end }, firm };
}

/** "Zimmer Biomet (ZBH): Morgan Stanley PT to $104 …": a company, its colon, then a firm — a list item without its marker. */
function firmAfterHeadColon(sentence: Span, entities: ReturnType<typeof indexEntities>): boolean {
  const head = /^[^:;,.]{2,60}:\s+/.exec(sentence.text);
  if (!head) return false;
  const at = sentence.start + head[0].length;
  return entities.firms.some((f) => f.start === at) && entities.mentions.some((m) => m.start >= sentence.start && m.end <= at);
}

/**
 * The analyst behind a rating whose sentence names neither firm nor analyst, carried on from
 * the note before: the one analyst the text names for that firm ("Scotiabank's analysts, led
 * by Roland Ebbesen, … Chevron moves to outperform"). Where the sentence names the firm again
 * ("Stephens also initiated …") the analyst is not said; nor with two of the firm's analysts.
 */
function soleAnalystOf(firm: FirmMention, entities: ReturnType<typeof indexEntities>): string | null {
  const names = new Set(entities.analysts.filter((a) => a.firm && (a.firm.id === firm.id || sameName(a.firm.name, firm.name))).map((a) => a.name));
  return names.size === 1 ? [...names][0]! : null;
}

/** The same, for a finding's firm as the text named it (by its id), or null when the text names no such firm. */
function soleAnalystOfFirmId(firmId: string | null, entities: ReturnType<typeof indexEntities>): string | null {
  const firm = firmId === null ? undefined : entities.firms.find((m) => m.id === firmId);
  return firm ? soleAnalystOf(firm, entities) : null;
}

/**
 * "Kasimir Oduya, who covers the company for DZ Bank, … cut his fair value": a firm slot that
 * holds an analyst's name (or surname) is that analyst speaking for their firm.
 */
function speakerAsFirm(finding: AnalystFinding, entities: ReturnType<typeof indexEntities>): void {
  if (!finding.firm) return;
  const speaker = entities.analysts.find((a) => a.firm && (a.name === finding.firm || a.surname === finding.firm));
  if (!speaker?.firm) return;
  Object.assign(finding, { firm: speaker.firm.name, firmId: speaker.firm.id }, finding.type === 'analyst_rating' && !finding.analyst ? { analyst: speaker.name } : {});
}

const formerRating = new RegExp(`\\b(?:previously|had)\\s+rated\\s+(?:[\\w-]+\\s+){0,4}?(${ratingPattern})\\b|\\b(?:had|['’]d)\\s+been\\s+(?:at\\s+|an?\\s+)?(${ratingPattern})\\b|\\(was\\s+(${ratingPattern})\\)|\\bpreviously\\s+had\\s+(?:an?\\s+)?(${ratingPattern})\\s+(?:rating|recommendation)\\b|\\b(?:had|held)\\s+(?:it|the\\s+(?:stock|shares)|them)\\s+(?:at|as)\\s+(?:an?\\s+)?(${ratingPattern})\\b|\\b(?:had|['’]d\\s+had)\\s+an?\\s+(${ratingPattern})\\s+(?:rating\\s+)?(?:on\\s+(?:it|the\\s+(?:stock|shares)|them)\\b|and\\s+an?\\s+\\S{0,4}\\d)`, 'i');

/** The rating a text says was held before ("had been at outperform", "(was Buy)"), in lower case, or null. */
function formerRatingIn(text: string): string | null {
  const m = formerRating.exec(text);
  return m ? m.slice(1).find((g) => g !== undefined)!.toLowerCase().replace(/\s+/g, ' ') : null;
}
const formerTarget = new RegExp(`\\b(?:had|held|carried|with)\\s+(?:(?:an?\\s+)?(?:${ratingPattern})(?:\\s+rating)?\\s+and\\s+)?an?\\s+(\\S{0,4}\\d[\\d,.]*(?:\\s+${currencyWordSource})?)\\s+(?:price\\s+)?(?:target|PT|price\\s+objective)\\b`, 'i');
const staysRating = new RegExp(`\\b(?:stay|stays|stayed|remain|remains|remained)\\s+(?:an?\\s+)?(?:${ratingPattern})\\b`, 'i');
const unknownBroker = /\b((?:[A-Z][\w&.'’-]*\s+){1,3}(?:Securities|Capital\s+Markets|Equities|Research|Investment\s+Bank))\b(?=,\s+which\s|\s+(?:has\s+|had\s+|also\s+)?[a-z])/;
const timeWordsAfter = /(?:^|\s+)(?:Earlier|Mid-?Day|Midday|Intraday|Overnight|Morning|Weekend|Latest|Recent|Fresh|Surprise)$/i;
const notAFirm = /^(?:[A-Z]|I|I['’]m|I['’]ve|We|You|He|She|They|It|Our|My|Your|His|Her|Their|Its|Us|Me|Him|Them|HOST|GUEST|ANCHOR|REPORTER|CALLER)(?:\s+\d)?$/;

/** "JOHNSON: We're downgrading Disney": a name in capitals opening a line or sentence with a colon is who speaks, unless the firm table knows it ("UBS:"). */
function speakerTag(firm: string, firmId: string | null, text: string): boolean {
  if (!/^[A-Z][A-Z'’.-]{2,}(?:\s+[A-Z][A-Z'’.-]+)?$/.test(firm) || (firmId !== null && firmId !== firm) || firm in researchFirms) return false;
  return new RegExp(`(?:^|[\\n.!?]\\s*)${firm.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`).test(text);
}

const speakerActs = /(?:^|\s)(?:you|I|we|I['’](?:m|ve|ll)|we['’](?:re|ve|ll))\s/i;
const firstPersonSubject = /^\W*(?:(?:[A-Z][a-z]+|A|Q),?\s+)?(?:I|I['’](?:m|ve|ll|d)|We|We['’](?:re|ve|ll|d))\s/;

/**
 * The firm of an action whose sentence names none acting: the named analyst's firm ("Tellan
 * reiterated …", the Piper Sandler analyst), else the broker the text last named before the
 * sentence ("Scotiabank's analysts swapped their favourites. Chevron moves to outperform …").
 * A firm's action always has one; an event without it is not whole.
 */
function firmOfText(found: readonly Finding[], sentence: Span, entities: ReturnType<typeof indexEntities>): FirmMention | null {
  const named = new Set(found.map((f) => (f.type === 'analyst_rating' ? f.analyst : null)).filter((a) => a !== null));
  const analyst = entities.analysts.find((a) => named.has(a.name) && a.firm);
  if (analyst?.firm) return analyst.firm;
  // "In Taipei, Yuanta Securities initiated coverage": a broker's name the tables do not know.
  const unknown = /Securities|Capital\s+Markets|Equities|Research|Investment\s+Bank/.test(sentence.text) ? unknownBroker.exec(sentence.text) : null;
  if (unknown && !entities.mentions.some((m) => m.start < sentence.start + unknown.index + unknown[0].length && m.end > sentence.start + unknown.index)) {
    const start = sentence.start + unknown.index;
    return { name: unknown[1]!, id: unknown[1]!, start, end: start + unknown[1]!.length };
  }
  let last: FirmMention | null = null;
  for (const f of entities.firms) if (f.end <= sentence.start && (!last || f.start > last.start) && !creditAgencyStart.test(f.name)) last = f;
  if (last) return last;
  // "You upgraded Lam Research last month at Needham": none before, the one the sentence names.
  const inside = entities.firms.filter((f) => f.start >= sentence.start && f.end <= sentence.end && !creditAgencyStart.test(f.name));
  if (inside.length > 0) return new Set(inside.map((f) => f.id)).size === 1 ? inside[0]! : null;
  // "Q: You downgraded Deckers … A: I'm Hollis Vandermeer, and I cover footwear at Wells Fargo":
  // a speaker acting ("you", "we", "I") works for the one firm the text names, even after.
  if (!speakerActs.test(sentence.text)) return null;
  const anywhere = entities.firms.filter((f) => !creditAgencyStart.test(f.name));
  return new Set(anywhere.map((f) => f.id)).size === 1 ? anywhere[0]! : null;
}

/** A capitalised name right before "analyst" that no table knows ("Kepler Cheuvreux analyst X"), remembered as a firm. */
function unknownFirmBefore(text: string, position: number, entities: ReturnType<typeof indexEntities>): FirmMention | null {
  const before = text.slice(0, position).trimEnd();
  // "… with parent HDFC Ltd.\n\nAnalyst Nirav …": a name that ends the sentence before is not the analyst's firm.
  if (/[.!?]$/.test(before) && !/\b(?:Inc|Co|Corp|Ltd|L\.P|S\.A|N\.V)\.$/.test(before) || /\n/.test(text.slice(before.length, position))) return null;
  const span = nameEndingAt(text, before.length);
  if (!span || entities.mentions.some((m) => span.start < m.end && span.end > m.start) || /^(?:The|An?)$|^(?:(?:Senior|Lead|Chief|Research|Equity|Managing|Principal|Associate|Head|Global|Sector|Credit|Investment|Vice|President|Director|Executive)\s*)+$/.test(span.name)) return null;
  const firm = { name: span.name, id: span.name, start: span.start, end: span.end };
  entities.rememberFirm(firm);
  return firm;
}

function toEvent(finding: Finding): MarketEvent {
  const { evidenceSpan, type } = finding;
  // `type` first: a person reading the JSON sees what the event is before its fields.
  const event: Record<string, unknown> = { type };
  // The finding's other fields in their order, without the internal firmId. A loop rather than
  // `{ type, ...rest }` from a rest pattern: V8 copies an object rest in a slow runtime call.
  for (const key in finding) if (key !== 'evidenceSpan' && key !== 'firmId' && key !== 'type') event[key] = finding[key as keyof Finding];
  event.evidence = { text: evidenceSpan.text, start: evidenceSpan.start, end: evidenceSpan.end };
  return event as unknown as MarketEvent;
}

/** "Zeta Grid Gains" over "Shares of Zeta Grid Systems jumped 13%": one move, the figure filled in. */
function sameMove(k: Finding, f: Finding): boolean {
  if (k.type !== 'price_move' || f.type !== 'price_move') return false;
  const [a, b] = [k as Extract<Finding, { type: 'price_move' }>, f as Extract<Finding, { type: 'price_move' }>];
  return (a.ticker ?? a.company) === (b.ticker ?? b.company) && a.direction === b.direction && (a.changePct === null || b.changePct === null || a.changePct === b.changePct);
}

/** A headline and its lead often state the same rating change or move: keep the first, fullest one. */
function dedupeAcrossSentences(findings: Finding[]): Finding[] {
  const kept: Finding[] = [];
  for (const f of findings) {
    if (f.type === 'price_move') {
      const twin = kept.find((k) => sameMove(k, f));
      if (!twin) kept.push(f);
      else Object.assign(twin, fillNulls(twin as unknown as Record<string, unknown>, f as unknown as Record<string, unknown>));
      continue;
    }
    if (f.type !== 'analyst_rating' && f.type !== 'price_target') {
      kept.push(f);
      continue;
    }
    const twin = kept.find(
      (k) => k.type === f.type && sameSubject(k, f) && (k as AnalystFinding).action === (f as AnalystFinding).action && (!k.firm || !f.firm || (k as AnalystFinding).firmId === (f as AnalystFinding).firmId || sameName(k.firm, f.firm)),
    );
    if (!twin) kept.push(f);
    else {
      // A headline's target without figures ("raises Toyota target") takes the body's figures with their currency.
      const bare = twin.type === 'price_target' && twin.from === null && twin.to === null;
      // "top pick" in the headline, "overweight" in the body: the rating on the scale.
      if (f.type === 'analyst_rating' && twin.type === 'analyst_rating' && twin.ratingScore === null && f.ratingScore !== null) Object.assign(twin, { ratingTo: f.ratingTo, ratingScore: f.ratingScore });
      Object.assign(twin, fillNulls(twin as unknown as Record<string, unknown>, f as unknown as Record<string, unknown>));
      if (bare && f.type === 'price_target' && (f.from !== null || f.to !== null)) twin.currency = f.currency;
      // The body names in full what the headline shortened ("Piper" → "Piper Sandler").
      const [full, short] = [f as AnalystFinding, twin as AnalystFinding];
      if (full.firm && short.firm && full.firm.length > short.firm.length && sameName(full.firm, short.firm)) Object.assign(short, { firm: full.firm, firmId: full.firmId });
      if (f.company && twin.company && f.company.length > twin.company.length && sameName(f.company, twin.company)) twin.company = f.company;

    }
  }
  return kept.filter((k) => !restatesMovedTarget(k, kept) && !unratedShorthand(k, kept));
}

/**
 * "Rolls-Royce firm on Jefferies upgrade to target" over "Jefferies lifted its target … and
 * reiterated its buy rating": a move with no rating said, where another sentence gives the same
 * firm's rating on the company otherwise, is a headline's loose word for that note.
 */
function unratedShorthand(k: Finding, kept: readonly Finding[]): boolean {
  if (k.type !== 'analyst_rating' || k.ratingTo !== null || k.ratingFrom !== null || (k.action !== 'upgrade' && k.action !== 'downgrade') || !k.firm) return false;
  return kept.some((m) => m !== k && m.type === 'analyst_rating' && m.ratingTo !== null && m.action !== k.action && sameSubject(m, k) && m.firm !== null && (m.firmId === k.firmId || sameName(m.firm, k.firm!)));
}

/**
 * "A buy rating on Axon was reiterated by Needham, whose analyst raised her target to $720 from
 * $640": a target "kept" (or, in a headline's "PT $1,150", given) at the very figure the same
 * firm moved it to, for the same company, is that move read twice, once without its prior.
 */
function restatesMovedTarget(k: Finding, kept: readonly Finding[]): boolean {
  if (k.type !== 'price_target' || (k.action !== 'maintain' && k.action !== 'initiate') || k.from !== null || k.to === null) return false;
  return kept.some(
    (m) => m !== k && m.type === 'price_target' && (m.action === 'raise' || m.action === 'lower') && m.from !== null && m.to === k.to && sameSubject(m, k) && (!m.firm || !k.firm || m.firmId === k.firmId || sameName(m.firm, k.firm)),
  );
}

/** What an article's event must say to count (see extractWithEntities): a rating or target with nothing of its own says nothing. */
function saysNothingInArticle(f: Finding): boolean {
  if (f.type === 'analyst_rating') return (f.firm === null && f.analyst === null && f.ratingTo === null && f.ratingFrom === null) || (f.action === 'maintain' && f.ratingTo === null);
  return f.type === 'price_target' && f.firm === null && f.from === null && f.to === null;
}

/** One company: the same ticker, or, where a headline left it unresolved, a name that starts the other ("Citi", "Citigroup"). */
function sameSubject(a: Finding, b: Finding): boolean {
  if (a.ticker !== null && b.ticker !== null) return a.ticker === b.ticker;
  if (a.ticker === null && b.ticker === null) return a.company === b.company;
  return a.company !== null && b.company !== null && sameName(a.company, b.company);
}

/** "Piper" and "Piper Sandler", "Citi" and "Citigroup": one name written shorter. */
function fillNulls(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) if (v === null && b[k] !== null && b[k] !== undefined) out[k] = b[k];
  return out;
}
