/**
 * A company's reported results and its own guidance (events.md v2): "operating profit rose to
 * EUR 9.4 mn from EUR 6.2 mn", "net loss narrowed", "revenue of $35.1 billion beat estimates",
 * "raised its full-year revenue outlook to $4.1–4.3 billion", "withdrew guidance".
 *
 * A sentence is read in three steps: its metric phrases (the table in lexicon/results.ts), the
 * guidance regions (from a forecast word such as "outlook" or "expects", back to the verb that
 * acts on it), and for each metric the figures of its own stretch of text up to the next metric:
 * the value, the prior (after "from", "compared with", or in parentheses), the stated change, the
 * comparison with estimates (figures after "beat", "below the … consensus" are the estimate's).
 * An analyst's estimate ("Jefferies raised its EPS estimate for Nvidia", "analysts expect …")
 * gives no event.
 */
import { namedAsSource } from './entity/salience.ts';
import { creditAgencyNamed, speaksOfCredit } from './lexicon/credit-agencies.ts';
import type { FinancialResultEvent, GuidanceEvent, ResultValue } from '@tickerwire/core';
import type { EntityIndex } from './entities.ts';
import { allMatches } from './matches.ts';
import { allNames, type NameSpan } from './names.ts';
import { entityMaster, lookupName } from './entity/master.ts';
import { findMoney, findPercents, parseNumber } from './numbers.ts';
import type { Span } from './sentences.ts';
import {
  downWords,
  estimateComparisons,
  estimateNouns,
  flatWords,
  guidanceActionWords,
  guidanceNouns,
  guidanceVerbs,
  macroQualifiers,
  metricPhrases,
  periodSource,
  swingWords,
  upWords,
} from './lexicon/results.ts';

type Strip<T> = Omit<T, 'evidence' | 'confidence' | 'sentiment'>;
export type ResultFinding = (Strip<FinancialResultEvent> | Strip<GuidanceEvent>) & { evidenceSpan: Span; confidence: number };

/** One cheap test per sentence: nothing below runs without one of these words. */
const mentionsResults = /\b(?:market\s+share|gearing|net\s+debt|interest-bearing|costs|expenses|losses|impairments|write-?downs|non-?performing|NPLs|return\s+on|RO[CE]E|ROIC|margins|equity\s+ratio|solvency|sales|revenues?|profit|income|loss|EPS|EBITD?A?|earn(?:ings|ed)|margin|orders?|order\s+(?:intake|book)|bookings|backlog|cash\s+flow|turnover|outlook|guidance|forecast|prospects|ratio|result)/i;

const metricRegex = new RegExp(metricPhrases.map((p, i) => `(?<m${i}>${p.phrase})`).join('|').replace(/^/, '\\b(?:').concat(')\\b'), 'gi');
// The group name of each phrase, built once: which one matched is looked up for every match.
const metricGroupNames = metricPhrases.map((_, i) => `m${i}`);
const directionRegex = new RegExp(`\\b(?:(?<up>${upWords})|(?<down>${downWords})|(?<flat>${flatWords}))\\b`, 'i');
const periodRegex = new RegExp(`\\b(?:${periodSource})\\b`, 'i');
const yearPeriod = /\b(?:for|in)\s+(?:the\s+(?:full\s+)?year\s+)?((?:19|20)\d\d)\b/i;
const bareYear = /\b((?:19|20)\d\d)\b/;
const triggerRegex = new RegExp(`\\b(?:(?<noun>${guidanceNouns})|(?<verb>${guidanceVerbs}))\\b`, 'gi');
// "credit rating with a stable outlook", "the market outlook": not the company's forecast.
const creditOutlookAfter = /^\s+(?:(?:on|for)\s+[^,;.]{1,30}?\s+)?(?:(?:at|to|as)\s+)?(?:negative|stable|positive|developing)\b/i;
const notOutlookBefore = /\b(?:stable|negative|positive|developing|credit|rating|market|economic|demand|industry|macro)\s+$/i;
const notGuidanceBefore = /(?:\b(?:prior|previous|earlier|old|original)\s+|\bdeclined\s+to\s+(?:give|provide|offer|issue)\s+(?:an?\s+|any\s+)?|\b(?:analysts?['’]?|economists?|consensus|Wall\s+Street|polled|average)\s+(?:[\w-]+\s+){0,2})$/i;
const analystSubject = /\b(?:analysts?|economists?|brokers?|strategists?)\b(?:\s+(?:at|from|of|polled\s+by)\s+[\w&.\s]+?)?\s+(?:had\s+|have\s+)?$/i;
// "its EPS estimate for Nvidia", "its 2026 EBITDA forecast for Vestas": an analyst's number for a company.
const analystEstimateAfter = /^(?:\s+(?:growth\s+)?(?:estimates?|projections?)\b|\s+(?:growth\s+)?forecasts?\s+(?:for|on)\s+[A-Z])/;
// The metric phrase names the prior: "from a loss of", "against a profit of", "compared with an operating profit".
// "net income of $38 million after a loss of $12 million a year earlier": the line before is the prior.
const priorMetricBefore = /\b(?:from|compared\s+(?:with|to)|against|versus|vs\.?|over|after)\s+(?:an?\s+|the\s+)?(?:adjusted\s+|comparable\s+)?$/i;
// The marker ends the gap before the prior figure: "from", "compared with a loss of", not "from continuing operations was".
const priorGap = /\b(?:from|compared\s+(?:with|to)|against|versus|vs\.?|after\s+(?=an?\s+(?:net\s+)?(?:loss|profit)))\s*(?:(?:an?|the|its|their|adjusted|comparable|operating|net|pre-?tax|core|year-earlier|prior|previous|restated|loss|profit|income|earnings|EBIT\w*|of)\s+)*$/i;
const perShareAfter = /^\s*(?:per|a)\s+(?:diluted\s+)?share\b/i;
const centsRegex = /(?<n1>\d+(?:\.\d+)?)(?:\s*(?:-|–|—|to)\s*(?<n2>\d+(?:\.\d+)?))?\s+cents\b/gi;
const percentRange = /(?<neg>-|−|minus\s+|a\s+decline\s+of\s+)?(?<n1>\d+(?:\.\d+)?)\s?(?:%|percent|per\s?cent)?\s*(?:-|–|—|to|and)\s*(?:growth\s+of\s+)?\+?(?<n2>\d+(?:\.\d+)?)\s?(?:%|percent\b|per\s?cent\b)/i;
// Global copies of the comparison phrases, compiled once (every one is walked match by match).
const estimateComparisonsGlobal = estimateComparisons.map(([re, kind]) => [new RegExp(re.source, 'gi'), kind] as const);
const resultNameStop = /^(?:Net|Sales|Revenue|Operating|Comparable|Adjusted|Total|Quarterly|EBIT\w*|EPS|In|The|For|Analysts?|Board|Chief|CEO|CFO|President|Chair(?:man|woman)?|Wall\s+Street|Its|It|Fiscal|Organic|Global|Free|M?(?:EUR|USD|SEK|NOK|DKK|GBP|CHF|JPY))\b/;

interface MetricMention {
  start: number;
  end: number;
  metric: string;
  loss: boolean;
  percent: boolean;
  /** Names the prior ("from a profit of"): part of the figure before it, not a figure of its own. */
  prior: boolean;
  generic: boolean;
}

interface Subject {
  /** null for a release's own sentence that names no one ("Operating profit rose …"). */
  name: string | null;
  ticker: string | null;
}

interface Region {
  start: number;
  end: number;
  headEnd: number;
  verbOnly: boolean;
  /** "Raises FY20 …", "Reaffirms FY2018 EPS": a headline verb before a period, which needs a metric after it. */
  needsMetric: boolean;
}

/** The names of a sentence, read once per article: several steps below ask for them. */
type NamesIn = (text: string) => readonly NameSpan[];

/**
 * Results and guidance of every sentence. `actingFirms`: the ids of the research firms that rate or
 * target a company in the text; they are its sources, and report no figures of their own there.
 */
export function resultEvents(sentences: readonly Span[], entities: EntityIndex, actingFirms: ReadonlySet<string> = new Set()): ResultFinding[] {
  const found: ResultFinding[] = [];
  let lastSubject: Subject | null = null;
  const namesByText = new Map<string, readonly NameSpan[]>();
  const namesIn: NamesIn = (text) => {
    let names = namesByText.get(text);
    if (!names) namesByText.set(text, (names = allNames(text)));
    return names;
  };
  // The subject each earlier sentence names on its own, worked out once for the sentences after it.
  const ownSubjects = new Map<number, Subject | null>();
  const ownSubject = (j: number) => {
    if (!ownSubjects.has(j)) ownSubjects.set(j, subjectOf(sentences[j]!, sentences[j]!.text.length, [], entities, actingFirms, namesIn));
    return ownSubjects.get(j)!;
  };
  for (const [i, sentence] of sentences.entries()) {
    // "Will X's Earnings Really Fall 45%?": a question reports nothing.
    if (!mentionsResults.test(sentence.text) || /\?\s*$/.test(sentence.text)) continue;
    // "Componenta published its report. The company's operating profit rose …": the subject of a sentence before.
    const before = () => {
      for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
        const s = ownSubject(j);
        if (s) return s;
      }
      return null;
    };
    const read = readSentence(sentence, entities, lastSubject, before, actingFirms, namesIn);
    if (read.subject) lastSubject = read.subject;
    found.push(...read.events);
  }
  return found;
}

function metricMentions(text: string): MetricMention[] {
  const out: MetricMention[] = [];
  for (const m of allMatches(metricRegex, text)) {
    const groups = m.groups!;
    const i = metricGroupNames.findIndex((name) => groups[name] !== undefined);
    const p = metricPhrases[i]!;
    const phrase = m[0];
    if (macroQualifiers.test(text.slice(Math.max(0, m.index - 24), m.index))) continue;
    out.push({
      start: m.index,
      end: m.index + phrase.length,
      metric: p.metric,
      loss: Boolean(p.loss) || /^(?:quarterly\s+|annual\s+)?loss$/i.test(phrase),
      percent: Boolean(p.percent),
      prior: priorMetricBefore.test(text.slice(Math.max(0, m.index - 40), m.index)),
      generic: /^(?:quarterly\s+|annual\s+)?(?:profit|earnings)$|^earned$/i.test(phrase),
    });
  }
  return out;
}

function readSentence(sentence: Span, entities: EntityIndex, lastSubject: Subject | null, subjectBefore: () => Subject | null, actingFirms: ReadonlySet<string>, namesIn: NamesIn): { subject: Subject | null; events: ResultFinding[] } {
  const text = sentence.text;
  const mentions = metricMentions(text);
  // "Moody's downgrades Intel, keeps outlook negative": an agency's outlook on a company's credit is no forecast of the company's.
  const regions = guidanceRegions(text, mentions)?.filter((r) => !agencyRatesCredit(text.slice(clauseStartBefore(text, r.start), r.end))) ?? null;
  if (regions === null) return { subject: null, events: [] };
  if (mentions.length === 0 && regions.length === 0) return { subject: null, events: [] };
  // An analyst's number for a company is neither a result nor guidance.
  if (mentions.some((m) => analystEstimateAfter.test(text.slice(m.end, m.end + 40)))) return { subject: null, events: [] };
  const firstAt = Math.min(mentions[0]?.start ?? text.length, regions[0]?.start ?? text.length);
  if (firmSubject(sentence, firstAt, entities, actingFirms)) return { subject: null, events: [] };
  // "Consensus estimates put Apple's revenue at …", "According to LSEG estimates, …": the market's numbers.
  if (/\b(?:consensus|estimates?|analysts?|polled|according\s+to)\b/i.test(text.slice(0, firstAt))) return { subject: null, events: [] };
  const subject = subjectOf(sentence, firstAt, mentions, entities, actingFirms, namesIn) ?? lastSubject ?? subjectBefore();
  // A release's own sentence without a name ("Operating profit rose to EUR 9.4 mn from EUR 6.2 mn"):
  // the company is the document's, unnamed here. Only when the sentence opens with the metric.
  const unnamed = !subject && mentions.length > 0 && mentions[0]!.start === firstAt && /^(?:in\s+[^,]{1,40},\s*)?(?:(?:the\s+(?:company|group|bank|firm|insurer|lender|retailer|airline|operator|[\w-]+maker)['’]s|its|group|consolidated|the)\s+)?(?:(?:diluted|basic|adjusted|reported|underlying|comparable|core|higher|lower)\s+)?$/i.test(text.slice(0, firstAt).trim() + (firstAt > 0 ? ' ' : '')) && !/^\s+(?:of|at)\s(?!the\s+(?:[\w-]+\s+){0,4}(?:company|group|firm|maker|operator|provider|producer|retailer|bank|insurer|lender)\b)/i.test(text.slice(mentions[0]!.end, mentions[0]!.end + 80));
  // "The company raised its full-year revenue guidance": a release speaking of itself.
  const itself = !subject && /^(?:the\s+(?:company|group|firm)|it|we)\s/i.test(text.trim());
  if (!subject && !unnamed && !itself) return { subject: null, events: [] };
  const who: Subject = subject ?? { name: null, ticker: null };

  const names = namesOf(text, mentions, namesIn);
  const inRegion = (m: MetricMention) => regions.find((r) => m.start >= r.start && m.start < r.end) ?? null;
  // "Kesko's profit guidance": a metric written right before the forecast noun belongs to it.
  const guidanceNounAfter = (m: MetricMention) => /^\s+(?:growth\s+)?(?:outlook|guidance|forecasts?|targets?)\b/i.test(text.slice(m.end, m.end + 30));
  const events: ResultFinding[] = [];
  const own = mentions.filter((m) => !m.prior);
  const resultMentions = own.filter((m) => !inRegion(m) && !guidanceNounAfter(m));
  const results: Strip<FinancialResultEvent>[] = [];
  resultMentions.forEach((m) => {
    const next = own.find((n) => n.start > m.start);
    const region = regions.find((r) => r.start > m.start);
    const end = Math.min(next?.start ?? text.length, region?.start ?? text.length);
    const prevEnd = own.filter((n) => n.end <= m.start).at(-1)?.end ?? 0;
    results.push(...resultsOf(text, m, end, prevEnd, subject ? clauseSubject(sentence, m.start, names, entities, who) : who));
  });
  // A period written once applies to every figure of the sentence.
  const sentencePeriod = results.find((r) => r.period !== null)?.period ?? null;
  for (const r of results) {
    // Without a name, only a figure makes it a release's own sentence ("Net income rose while …" is not).
    // A release's own sentence that opens with the line may say only which way it went ("Energy costs were reduced").
    if (!subject && r.value === null && r.changePct === null && !(unnamed && (r.direction !== null || r.vsEstimates !== null))) continue;
    if (r.period === null) r.period = sentencePeriod;
    events.push({ ...r, evidenceSpan: sentence, confidence: r.value ? 0.8 : 0.6 });
  }

  // A forecast needs its company named: "Earnings outlook strong, keep on buying …" is a comment.
  if (subject || itself) for (const region of regions) {
    const inside = own.filter((m) => (m.start >= region.start && m.start < region.end) || (guidanceNounAfter(m) && m.end <= region.start + 40 && m.start >= region.start - 60 && !inRegion(m)));
    events.push(...guidanceOf(text, region, inside, clauseSubject(sentence, region.start, names, entities, who)).map((g) => ({ ...g, evidenceSpan: sentence, confidence: g.low !== null || g.high !== null ? 0.8 : 0.6 })));
  }
  return { subject: events.length > 0 ? subject : null, events };
}

/** Where the clause holding `at` starts: after the last "; ", ", and", ", while", "whereas" before it. */
function clauseStartBefore(text: string, at: number): number {
  let start = 0;
  for (const m of allMatches(contrastJoint, text.slice(0, at))) start = m.index + m[0].length;
  return start;
}

function agencyRatesCredit(text: string): boolean {
  return creditAgencyNamed.test(text) && speaksOfCredit(text);
}

/** Forecast stretches of a sentence, or null when the forecast is an analyst's ("analysts expect"). */
function guidanceRegions(text: string, mentions: readonly MetricMention[]): Region[] | null {
  const raw: Region[] = [];
  for (const m of allMatches(triggerRegex, text)) {
    const before = text.slice(Math.max(0, m.index - 60), m.index);
    const verb = m.groups!.verb !== undefined;
    // "analysts expect Costco to report …" is the analysts' number; "ahead of the 3.8% analysts had forecast" after a figure is an estimate comparison.
    if (analystSubject.test(before)) {
      if (mentions.some((x) => x.end <= m.index)) continue;
      return null;
    }
    if (notGuidanceBefore.test(before)) continue;
    if (/^outlook$/i.test(m[0]) && notOutlookBefore.test(before)) continue;
    // "kept its outlook at negative", "revised the outlook to stable": a credit rating's outlook.
    if (/^outlook$/i.test(m[0]) && creditOutlookAfter.test(text.slice(m.index + m[0].length, m.index + m[0].length + 40))) continue;
    // "forecasts" after "analysts'" and "beating forecasts" compare results with estimates.
    if (!verb && /\b(?:beat(?:ing|s)?|top(?:s|ped|ping)?|miss(?:es|ed|ing)?|lag(?:s|ged|ging)?|trail(?:s|ed|ing)?|exceed(?:s|ed|ing)?|meet(?:s|ing)?|met|match(?:es|ed|ing)?|above|below|in\s+line\s+with|ahead\s+of|short\s+of)\s+(?:the\s+)?(?:[^\s,]+\s+){0,2}$/i.test(before)) continue;
    let start = m.index;
    if (!verb) {
      // Back to the verb acting on the forecast, within the clause: "raised its full-year revenue outlook".
      const clauseStart = Math.max(text.lastIndexOf(',', m.index), text.lastIndexOf(';', m.index), text.lastIndexOf(':', m.index)) + 1;
      const clause = text.slice(clauseStart, m.index);
      let actionAt = -1;
      // The earliest action word of any kind: each word list's first match is its earliest.
      for (const [re] of guidanceActionWords) {
        const at = clause.search(re);
        if (at >= 0 && (actionAt < 0 || at < actionAt)) actionAt = at;
      }
      start = actionAt >= 0 ? clauseStart + actionAt : clauseStart;
      // Never back over a reported figure: "revenue rose 5% and withdrew its outlook".
      const lastResult = mentions.filter((x) => x.start >= start && x.end <= m.index && /\d/.test(text.slice(x.end, m.index))).at(-1);
      if (lastResult) start = Math.max(start, text.slice(0, m.index).search(/\s(?:and|but|while)\s+[^,;]*$/) + 1 || start);
    }
    raw.push({ start, end: text.length, headEnd: m.index + m[0].length, verbOnly: verb, needsMetric: verb && /^(?:reaff|reit|aff|rais|lower|cut|boost|lift|narrow|sees|issues)/i.test(m[0]) });
  }
  // One forecast read across "lowered its guidance and now expects …": a verb continues the stretch before it.
  const regions: Region[] = [];
  for (const r of raw) {
    const prev = regions.at(-1);
    if (prev && r.start < prev.headEnd) continue;
    if (prev && r.verbOnly) continue;
    if (prev) prev.end = r.start;
    regions.push({ ...r });
  }
  return regions;
}

/** A research firm or analysts as the sentence's subject: their numbers are estimates. */
function firmSubject(sentence: Span, at: number, entities: EntityIndex, actingFirms: ReadonlySet<string>): boolean {
  const end = sentence.start + at;
  // "The brokerage expects same-store sales to turn positive": the research firm of the text, by its kind.
  if (actingFirms.size > 0 && researchFirmAnaphora.test(sentence.text)) return true;
  // "She also raised her services revenue growth forecast to 13%": a person's forecast is an analyst's; a company's is "its".
  if (personsForecast.test(sentence.text)) return true;
  return entities.firms.some((f) => f.start >= sentence.start && f.end <= end && !ownResults(entities, f));
}

const personsForecast = /\b(?:her|his)\s+(?:[\w$.,%-]+\s+){0,5}?(?:forecasts?|estimates?|projections?|expectations?|models?)\b/;
const researchFirmAnaphora = /^\s*(?:the\s+(?:broker(?:age)?|research\s+(?:firm|house)|investment\s+bank)|(?:its|the\s+firm['’]s|the\s+brokerage['’]s)\s+analysts?)\s/i;

/** "JPMorgan's net interest income", "Goldman Sachs reported …" are the bank's own results. */
function ownResults(entities: EntityIndex, firm: { end: number }): boolean {
  return /^(?:[’']s?\s|\s+(?:(?:Group|Inc\.?|Corp\.?|&\s+Co\.?)\s+)?(?:reported|reports|posted|posts|said\s+(?:its|quarterly|third|second|first|fourth)|earned|swung|booked|recorded|delivered))/i.test(entities.text.slice(firm.end, firm.end + 40));
}

/** "Kesko's", "Konecranes'", "Exel Composites’": a name that owns what follows. */
function possessive(text: string, n: { name: string; end: number }): boolean {
  return /^(?:[’']s?)?\s/.test(text.slice(n.end, n.end + 3)) && (/[’']s?$/.test(n.name) || /^[’']/.test(text.slice(n.end)));
}

function cleanName(name: string): string {
  return name
    .replace(/^Shares\s+of\s+/, '')
    .replace(/[’'](?:s)?$/, '')
    .replace(/\s*\([^)]*\)$/, '')
    .replace(/(?:\s+(?:January|February|March|April|May|June|July|August|September|October|November|December|Q[1-4]|H[12]|FY\d{2,4}|Net))+$/, '')
    .trim();
}

/** The company a sentence reports on: a linked mention, a possessive name, the sentence's first name, or "sales of X". */
function subjectOf(sentence: Span, at: number, mentions: readonly MetricMention[], entities: EntityIndex, actingFirms: ReadonlySet<string>, namesIn: NamesIn): Subject | null {
  // A research firm at work ("Goldman Sachs upgraded Starbucks") reports none of its own figures.
  const actingFirm = (m: { start: number; end: number }) => entities.firms.some((f) => f.start < m.end && m.start < f.end && actingFirms.has(f.id) && !ownResults(entities, f));
  // "… analysts had expected, according to LSEG data": where the figures come from is not whose they are.
  const linked = entities.mentions.filter((m) => m.start >= sentence.start && m.end <= sentence.end && !actingFirm(m) && !namedAsSource(entities.text, m));
  const firstLinked = linked.find((m) => m.start < sentence.start + at) ?? linked[0];
  if (firstLinked) {
    const name = firstLinked.kind === 'name' ? firstLinked.text : (entities.mentions.find((n) => n.kind === 'name' && n.company === firstLinked.company)?.text ?? firstLinked.company.name);
    return { name: cleanName(name), ticker: firstLinked.ticker };
  }
  const text = sentence.text;
  const names = namesOf(text, mentions, namesIn);
  const candidate =
    names.find((n) => n.start <= at && possessive(text, n)) ??
    // The sentence's first name, unless it only qualifies a metric ("Retail sales in Sweden rose").
    // An everyday word that opens a headline ("Pace of earnings growth …") is not a company.
    names.find((n) => /^(?:(?:The|In\s+its\s+[^,]*,|Shares\s+of)\s*)?$/.test(text.slice(0, n.start).trim()) && !mentions.some((m) => /^\s*$/.test(text.slice(n.end, m.start))) && !(/^\S+$/.test(n.name) && entityMaster().commonWords.has(n.name.toLowerCase()) && !lookupName(entityMaster(), n.name))) ??
    names.find((n) => mentions.some((m) => /^\s+(?:of|at)\s+$/.test(text.slice(m.end, n.start))));
  if (!candidate) return null;
  const name = cleanName(candidate.name);
  const resolved = entities.resolve(name);
  // "The Federal Reserve cut its growth forecast": a central bank's or a government's forecast is no company's guidance.
  if (!resolved && publicInstitutions.test(name)) return null;
  return { name, ticker: resolved?.ticker ?? null };
}

const publicInstitutions = /^(?:the\s+)?(?:Federal\s+Reserve|Fed|ECB|European\s+Central\s+Bank|Bank\s+of\s+(?:England|Japan|Canada|Korea)|Reserve\s+Bank(?:\s+of\s+\w+)*|People['’]s\s+Bank\s+of\s+China|IMF|International\s+Monetary\s+Fund|World\s+Bank|OECD|OPEC\+?|Treasury|Congressional\s+Budget\s+Office|CBO|European\s+Commission|Commission|Bundesbank|Riksbank|Norges\s+Bank|Swiss\s+National\s+Bank|SNB|Government|Ministry(?:\s+of\s+\w+)*|EIA|IEA|International\s+Energy\s+Agency|Energy\s+Information\s+Administration)$/i;

/** The names a sentence writes, "Orion's EBIT" cut where the metric starts, none a metric. */
function namesOf(text: string, mentions: readonly MetricMention[], namesIn: NamesIn): { name: string; start: number; end: number }[] {
  return namesIn(text)
    .map((n) => {
      const inside = mentions.find((m) => m.start > n.start && m.start < n.end);
      if (!inside) return n;
      const name = text.slice(n.start, inside.start).trimEnd();
      return { name, start: n.start, end: n.start + name.length };
    })
    .filter((n) => n.name && !resultNameStop.test(n.name) && !mentions.some((m) => n.start < m.end && n.end > m.start));
}

// Where one company's news ends and another's begins: "X's profit beat forecasts, while Y cut its guidance".
const contrastJoint = /(?:,|;)\s*(?:while|whereas|but|and)\s|;\s|\s(?:while|whereas)\s/gi;

/**
 * The company of a figure or a forecast in a sentence about several: the last name of its own
 * clause (after the last "while", "whereas", "but" or ";" before it), else the sentence's.
 */
function clauseSubject(sentence: Span, at: number, names: readonly { name: string; start: number; end: number }[], entities: EntityIndex, fallback: Subject): Subject {
  const clauseStart = clauseStartBefore(sentence.text, at);
  if (clauseStart === 0) return fallback;
  const linked = entities.mentions.filter((m) => m.kind === 'name' && m.start >= sentence.start + clauseStart && m.end <= sentence.start + at).at(-1);
  if (linked) return { name: cleanName(linked.text), ticker: linked.ticker };
  const own = names.filter((n) => n.start >= clauseStart && n.end <= at).at(-1);
  if (!own) return fallback;
  const name = cleanName(own.name);
  return { name, ticker: entities.resolve(name)?.ticker ?? null };
}

interface Figure {
  start: number;
  end: number;
  kind: 'money' | 'percent' | 'bare';
  amount: number;
  /** What the number as written was multiplied by ("EUR 53.4 mn": a million). */
  scale: number;
  high: number;
  currency: string | null;
  perShare: boolean;
  prior: boolean;
  sign: 1 | -1;
  /** Text of the prior marker and after, kept out of the period search. */
  priorFrom: number;
}

function figuresIn(text: string, from: number, to: number, loss: boolean): Figure[] {
  const part = text.slice(from, to);
  const figures: Figure[] = [];
  for (const m of findMoney(part)) figures.push({ start: from + m.start, end: from + m.end, kind: 'money', amount: m.low, scale: scaleOf(part.slice(m.start, m.end), m.low), high: m.high, currency: m.currency, perShare: false, prior: false, sign: 1, priorFrom: -1 });
  for (const m of allMatches(centsRegex, part)) {
    if (figures.some((f) => f.start <= from + m.index && f.end > from + m.index)) continue;
    const n1 = Number(m.groups!.n1) / 100;
    figures.push({ start: from + m.index, end: from + m.index + m[0].length, kind: 'money', amount: n1, scale: 1, high: m.groups!.n2 ? Number(m.groups!.n2) / 100 : n1, currency: 'USD', perShare: false, prior: false, sign: 1, priorFrom: -1 });
  }
  for (const p of findPercents(part)) figures.push({ start: from + p.start, end: from + p.end, kind: 'percent', amount: p.value, scale: 1, high: p.value, currency: null, perShare: false, prior: false, sign: 1, priorFrom: -1 });
  // "EUR 53.4 mn (51.0)": a bare prior in the scale and currency of the figure before it.
  for (const m of allMatches(/\((\d[\d.,]*)\)/g, part)) figures.push({ start: from + m.index, end: from + m.index + m[0].length, kind: 'bare', amount: parseNumber(m[1]!), scale: 1, high: parseNumber(m[1]!), currency: null, perShare: false, prior: true, sign: 1, priorFrom: from + m.index });
  figures.sort((a, b) => a.start - b.start);
  let prior = false;
  let sign: 1 | -1 = loss ? -1 : 1;
  let prevEnd = from;
  for (const f of figures) {
    const gap = text.slice(prevEnd, f.start);
    f.perShare = f.kind === 'money' && perShareAfter.test(text.slice(f.end, f.end + 20));
    const marker = priorGap.exec(gap);
    if (marker && !prior) f.priorFrom = prevEnd + marker.index;
    if (marker || /\(\s*$/.test(gap) || f.kind === 'bare') prior = true;
    f.prior = prior;
    if (f.prior && f.priorFrom < 0) f.priorFrom = f.start;
    if (/\bloss\b/i.test(gap)) sign = -1;
    else if (/\b(?:profit|income|earnings)\b/i.test(gap) && prevEnd !== from) sign = 1;
    f.sign = sign;
    prevEnd = f.end;
  }
  return figures;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function changeOf(value: number | null, prior: number | null): number | null {
  if (value === null || prior === null || prior === 0) return null;
  if (Math.sign(value) !== Math.sign(prior) && value !== 0) return null;
  return round1(((value - prior) / Math.abs(prior)) * 100);
}

function periodIn(text: string, guidance: boolean): string | null {
  const m = periodRegex.exec(text);
  const y = yearPeriod.exec(text);
  const b = guidance ? bareYear.exec(text) : null;
  const hits = [m ? { at: m.index, p: m[0] } : null, y ? { at: y.index, p: y[1]! } : null, b ? { at: b.index, p: b[1]! } : null].filter((h) => h !== null);
  hits.sort((a, c) => a.at - c.at);
  const first = hits[0];
  if (!first) return null;
  // "fiscal 2025" read as a year from "fiscal 2025 adjusted EPS": the longer form wins at the same place.
  if (m && m.index <= first.at + 1 && /\d{4}/.test(m[0])) return m[0];
  return first.p.replace(/^the\s+/i, '');
}

/** The results of one metric phrase and its figures; a per-share figure beside it is an EPS event too. */
function resultsOf(text: string, m: MetricMention, end: number, prevEnd: number, subject: Subject): Strip<FinancialResultEvent>[] {
  // Estimates: figures after "beat …", "below the … consensus" are the estimate's.
  let ownEnd = end;
  let vsEstimates: FinancialResultEvent['vsEstimates'] | 'compare' = null;
  const seg = text.slice(m.end, end);
  let bestAt = -1;
  for (const [re, kind] of estimateComparisonsGlobal) {
    for (const hit of allMatches(re, seg)) {
      const after = seg.slice(hit.index, hit.index + 70).split(/,\s+(?:and|but|while|as)\b|;/)[0]!;
      if (!estimateNouns.test(after) && !/^in-?line\b/i.test(hit[0])) continue;
      if (bestAt < 0 || hit.index < bestAt) {
        bestAt = hit.index;
        vsEstimates = kind;
      }
      break;
    }
  }
  if (bestAt >= 0) ownEnd = m.end + bestAt;
  // "EPS $0.59 vs. Est. $0.52": compare the figure with the estimate after the comparison.
  let estimate: number | null = null;
  if (vsEstimates === 'compare') {
    const est = figuresIn(text, ownEnd, end, false).find((f) => f.kind !== 'bare');
    estimate = est ? est.amount : null;
  }

  // "reported a 12% drop in quarterly revenue": the change is written before the metric.
  const pre = text.slice(prevEnd, m.start);
  const preChange = /(?<n>\d+(?:\.\d+)?)\s?(?:%|percent)\s+(?<w>increase|rise|growth|jump|gain|drop|decline|fall|decrease)\s+in\s+(?:[\w-]+\s+){0,3}$/i.exec(pre);
  // "Earnings 2/20 After Close Ref=$73.74": a figure past a date, '=' or ';' is not the metric's.
  const figures = figuresIn(text, m.end, ownEnd, m.loss).filter((f) => !/[;=@]|\d+\/\d+/.test(text.slice(m.end, f.start)));
  if (vsEstimates === 'compare') {
    const own = figures.find((f) => !f.prior && f.kind !== 'bare');
    const ownValue = own ? own.sign * own.amount : null;
    vsEstimates = ownValue === null || estimate === null ? null : ownValue > estimate ? 'beat' : ownValue < estimate ? 'miss' : 'inline';
  }
  const vs = vsEstimates as FinancialResultEvent['vsEstimates'];
  const swung = swingWords.test(text.slice(Math.max(prevEnd, m.start - 25), m.start));
  const firstPrior = figures.find((f) => f.prior);
  // The direction is a verb or phrase after the metric, in its own clause ("rose", ", up 6 %"),
  // not an adjective before it ("on higher sales") nor a word of the next clause ("; stock up").
  const after = text.slice(m.end, firstPrior ? Math.max(firstPrior.priorFrom, firstPrior.start) : ownEnd);
  // ", a 7 % decline from the prior year": the change said after the figure is still the metric's.
  const clauseEnd = after.search(/;|,(?=\s)(?!\s*(?:up|down|flat|unchanged|an?\s+(?:\d+(?:[.,]\d+)?\s?(?:%|percent|per\s?cent)\s+)?(?:increase|decrease|rise|drop|decline|gain|fall|jump)|(?:more\s+than\s+)?doubl)\b)/i);
  const directionText = (preChange ? preChange[0] : '') + ' ' + (clauseEnd >= 0 ? after.slice(0, clauseEnd) : after).slice(0, 90);
  const clauseLimit = m.end + (clauseEnd >= 0 ? clauseEnd : after.length);
  // "net profit likely to rise 10%", "may fall": an expectation, not a reported figure.
  if (/\b(?:likely|expected|set|poised|seen|forecast)\s+to\b|\b(?:may|might|could|would|will)\s+(?:\w+\s+)?(?:rise|fall|grow|decline|drop|jump|report|post|increase|decrease)\b/i.test(text.slice(Math.max(prevEnd, m.start - 40), clauseLimit))) return [];
  const word = directionRegex.exec(directionText.replace(/\b(?:per|a)\s+share\b/gi, ''));
  let direction: 'up' | 'down' | 'flat' | null = word?.groups?.up ? 'up' : word?.groups?.down ? 'down' : word?.groups?.flat ? 'flat' : null;
  const wordDirection = direction;

  const level = figures.filter((f) => !f.perShare && f.kind !== 'percent');
  const percents = figures.filter((f) => f.kind === 'percent');
  const isLoss = m.loss || level.some((f) => !f.prior && f.sign < 0);
  if (direction && isLoss && !swung && (level.find((f) => !f.prior)?.sign ?? -1) < 0 && (level.find((f) => f.prior)?.sign ?? -1) < 0) {
    // A loss that narrowed went up; one that widened or grew went down.
    if (direction !== 'flat') direction = direction === 'up' ? 'down' : 'up';
  }

  const periodText = text.slice(Math.max(prevEnd, m.start - 40), m.start).replace(/.*[,;]\s/, '') + ' ' + blankPriors(text.slice(m.end, ownEnd), figures, m.end);
  // "declined to give a forecast for the current quarter": a forward period is not a result's.
  const read = periodIn(periodText, false);
  const period = read && /^(?:current|next)/i.test(read) ? null : read;

  const out: Strip<FinancialResultEvent>[] = [];
  const perShare = figures.filter((f) => f.perShare);
  const metricIsEps = m.metric === 'eps';
  // "adjusted earnings of $1.09 per share", "a core loss of $2.70 per share": the profit line is given per share only.
  const onlyPerShare = (m.generic || m.metric === 'net_income') && level.filter((f) => f.kind === 'money').length === 0 && perShare.length > 0;

  if (!metricIsEps && !onlyPerShare) {
    let value: ResultValue | null = null;
    let prior: ResultValue | null = null;
    let changePct: number | null = null;
    if (m.percent) {
      const v = percents.find((f) => !f.prior);
      const p = percents.find((f) => f.prior) ?? figures.find((f) => f.kind === 'bare');
      if (v) value = { amount: m.metric === 'same_store_sales' && direction === 'down' && v.amount > 0 ? -v.amount : v.amount, unit: 'percent' };
      else if (m.metric === 'same_store_sales' && direction === 'flat') value = { amount: 0, unit: 'percent' };
      if (p) prior = { amount: p.amount, unit: 'percent' };
      // "Gearing improved to 32 % from 55 %": a judgment word; the figures say which way the ratio went.
      const judged = /\b(?:improv|strengthen|weaken|deteriorat|worsen)\w*/i.test(directionText);
      if ((!direction || judged) && value && prior) direction = value.amount > prior.amount ? 'up' : value.amount < prior.amount ? 'down' : 'flat';
    } else {
      const v = level.find((f) => !f.prior && f.kind === 'money');
      const p = level.find((f) => f.prior);
      if (v) value = { amount: v.sign * v.amount, currency: v.currency! };
      if (p && v) {
        const amount = p.kind === 'bare' ? scaledLike(v, p.amount) : p.amount;
        prior = { amount: p.sign * amount, currency: p.currency ?? v.currency! };
      }
      // A change stated in the metric's own clause ("total income rises 27%" after a comma is another figure's).
      const stated = percents.find((f) => !f.prior && f.start < clauseLimit);
      const statedPct = preChange ? Number(preChange.groups!.n) * (/drop|decline|fall|decrease/i.test(preChange.groups!.w!) ? -1 : 1) : stated ? stated.amount : null;
      if (preChange && !direction) direction = statedPct! < 0 ? 'down' : 'up';
      if (statedPct !== null) changePct = direction === 'down' ? -Math.abs(statedPct) : direction === 'up' ? Math.abs(statedPct) : statedPct;
      else if (value && prior && 'currency' in value) changePct = changeOf(value.amount, prior.amount);
      if (value && prior && (!direction || swung)) direction = value.amount > prior.amount ? 'up' : value.amount < prior.amount ? 'down' : 'flat';
      // "swung to a profit", "turned to a loss" with no figure: the swing says which way.
      if (swung && !value && !wordDirection) direction = m.loss ? 'down' : 'up';
    }
    if (value || changePct !== null || direction !== null || vs !== null) {
      out.push({ type: 'financial_result', ticker: subject.ticker, company: subject.name, metric: m.metric, period, value, prior, changePct, direction, vsEstimates: vs });
    }
  }

  // EPS: the metric itself, or "net income of $X, or $Y per share".
  const epsFigures = metricIsEps ? figures.filter((f) => f.kind === 'money') : perShare;
  const ev = epsFigures.find((f) => !f.prior);
  if (ev) {
    const ep = epsFigures.find((f) => f.prior);
    const value = ev.sign * ev.amount;
    const prior = ep ? ep.sign * ep.amount : null;
    let direction: 'up' | 'down' | 'flat' | null = metricIsEps || onlyPerShare ? direction0(wordDirection, isLoss) : wordDirection && isLoss && !swung && wordDirection !== 'flat' ? (wordDirection === 'up' ? 'down' : 'up') : wordDirection;
    if (!direction && prior !== null) direction = value > prior ? 'up' : value < prior ? 'down' : 'flat';
    out.push({
      type: 'financial_result',
      ticker: subject.ticker,
      company: subject.name,
      metric: 'eps',
      period,
      value: { amount: value, currency: ev.currency ?? 'USD' },
      prior: prior !== null ? { amount: prior, currency: ep!.currency ?? ev.currency ?? 'USD' } : null,
      changePct: changeOf(value, prior),
      direction,
      vsEstimates: metricIsEps || onlyPerShare || !out.length ? vs : null,
    });
    // The comparison with estimates is the per-share figure's when one is given beside a profit.
    if (!metricIsEps && !onlyPerShare && out.length === 2 && vs) out[0]!.vsEstimates = null;
  }
  return out;
}

function direction0(word: 'up' | 'down' | 'flat' | null, loss: boolean): 'up' | 'down' | 'flat' | null {
  if (!word || !loss || word === 'flat') return word;
  return word === 'up' ? 'down' : 'up';
}

/** A bare prior "(51.0)" in the scale of the figure before it ("EUR 53.4 mn"). */
function scaledLike(value: Figure, bare: number): number {
  return Number((bare * value.scale).toPrecision(12));
}

/** The scale of a money figure: its amount over the first number as written. */
function scaleOf(written: string, amount: number): number {
  const digits = /\d[\d.,]*\d|\d/.exec(written)?.[0];
  if (!digits) return 1;
  const n = parseNumber(/,\d{1,2}$/.test(digits) && !/\./.test(digits) ? digits : digits.replace(/\.$/, ''));
  return n > 0 ? Math.round(amount / n) || 1 : 1;
}

/** The text with prior figures (and "in 2024" after them) blanked, so their period is not the figure's. */
function blankPriors(seg: string, figures: readonly Figure[], offset: number): string {
  let out = seg;
  for (const f of figures) {
    if (!f.prior) continue;
    const from = Math.max(0, f.priorFrom - offset);
    let to = f.end - offset;
    const tail = /^\s*(?:(?:in|for|during)\s+)?(?:the\s+)?(?:(?:corresponding|same|comparable|year-earlier|previous|prior)\s+(?:period|quarter|year)\s*(?:(?:of|in)\s+)?)?(?:\d{4}|a\s+year\s+(?:earlier|ago))?/i.exec(seg.slice(to));
    if (tail) to += tail[0].length;
    out = out.slice(0, from) + ' '.repeat(Math.max(0, to - from)) + out.slice(to);
  }
  return out;
}

function guidanceOf(text: string, region: Region, inside: readonly MetricMention[], subject: Subject): Strip<GuidanceEvent>[] {
  const regionText = text.slice(region.start, region.end);
  const head = text.slice(region.start, region.headEnd);
  // The previous forecast and a comparison with estimates are not recorded.
  // "from" before the previous figure or forecast, not in "range from a decline of 1% to growth of 1%".
  const cutRegex = /\b(?:up\s+from|down\s+from|from(?=\s+(?:(?:US|C|A)?\$|€|£|[A-Z]{3}\s|\d|its\s|their\s|an?\s+(?:prior|previous|earlier)|the\s+(?:prior|previous|earlier)))|compared\s+with|than|previously|above\s+(?:the|what)|below\s+(?:the|what)|ahead\s+of|well\s+ahead|in\s+line\s+with|versus|vs\.?)\b/i;
  const cut = regionText.search(cutRegex);
  const own = cut >= 0 ? regionText.slice(0, cut) : regionText;
  let action: GuidanceEvent['action'] | null = null;
  for (const [re, kind] of guidanceActionWords) if (re.test(head)) {
    action = kind;
    break;
  }
  if (!action) action = guidanceActionWords.find(([re, kind]) => (kind === 'reaffirm' || kind === 'withdraw') && re.test(own))?.[1] ?? null;
  const withNow = text.slice(Math.max(0, region.start - 6), region.end);
  if (!action || action === 'initiate') {
    if (/\bnow\s+(?:expects?|sees|estimates|forecasts?)\b/i.test(withNow) && /\b(?:up\s+from|above\s+(?:its|the)\s+(?:prior|previous|earlier))\b/i.test(regionText)) action = 'raise';
    else if (/\bnow\s+(?:expects?|sees|estimates|forecasts?)\b/i.test(withNow) && /\b(?:down\s+from|below\s+(?:its|the)\s+(?:prior|previous|earlier))\b/i.test(regionText)) action = 'lower';
  }
  action ??= 'initiate';
  const period = periodIn(own, true);

  // One event per metric; a metric named without figures gives way to one with them ("profit guidance … operating profit of EUR 620–700 million").
  const byMetric = new Map<string, { m: MetricMention; range: Range | null }>();
  const sorted = [...inside].sort((a, b) => a.start - b.start);
  sorted.forEach((m, i) => {
    const next = Math.min(sorted[i + 1]?.start ?? region.end, region.end);
    // Each metric's own figures: "Raises … EPS Guidance From $3-$3.05 To $3.03-$3.07 vs $3.05 Estimate".
    let from = m.end;
    const seg = text.slice(from, Math.max(next, from));
    const fromTo = /\b[Ff]rom\s+(?:[$€£\d.,\-–\sBMK]|\b(?:US|C|A)\$|\b[A-Z]{3}\s|\b(?:million|billion|mn|bn|[MBK])\b)+?\s*[Tt]o\s+(?=(?:US|C|A)?\$|€|£|[A-Z]{3}\s|\d)/.exec(seg);
    // Only when the "from" figure comes first ("… to $6.5–7.5 billion from $7–8.5 billion" keeps the first range).
    if (fromTo && findMoney(seg.slice(0, fromTo.index)).length === 0) from += fromTo.index + fromTo[0].length;
    const rest = text.slice(from, Math.max(next, from));
    const stop = rest.search(cutRegex);
    const range = rangeIn(text, from, stop >= 0 ? from + stop : from + rest.length);
    const metric = range?.perShare ? 'eps' : m.metric;
    const had = byMetric.get(metric);
    if (!had || (!had.range && range)) byMetric.set(metric, { m, range });
  });
  let entries = [...byMetric.entries()];
  // "expects Walmart's same-store sales", "sees Indian companies' EBITDA": another's metric.
  entries = entries.filter(([, e]) => e.m.start < region.headEnd || !/\b[A-Za-z]+(?:[’']s|s[’'])\s/.test(text.slice(region.headEnd, e.m.start).replace(/\b(?:company|group)['’]s\s/gi, '')));
  if (entries.some(([, e]) => e.range)) entries = entries.filter(([, e]) => e.range || !e.m.generic);
  // A forecast is the company's own only when something is done to it ("raised", "withdrew",
  // "reaffirmed"), or it names a metric: "glum outlook weighs" and "central bank guidance" are not.
  // A qualitative first forecast ("Fiskars expects its EBIT to increase") counts when the company itself says it.
  const saidBySubject = new RegExp(`(?:${subject.name ? escapeRegex(subject.name) : '(?!)'}(?:[’']s?)?|\\b(?:it|the\\s+company|the\\s+group))\\s+(?:(?:now|also|said\\s+it|said\\s+that\\s+it)\\s+)?$`, 'i').test(text.slice(Math.max(0, region.start - 60), region.start));
  if (action === 'initiate') entries = entries.filter(([, e]) => e.range || period !== null || (saidBySubject && region.verbOnly));
  if (entries.length === 0) {
    if (action === 'initiate' || region.needsMetric) return [];
    const range = rangeIn(text, region.start, region.start + own.length);
    return [{ type: 'guidance', ticker: subject.ticker, company: subject.name, action, metric: range?.perShare ? 'eps' : null, period, low: range?.low ?? null, high: range?.high ?? null, currency: range?.currency ?? null }];
  }
  return entries.map(([metric, { range }]) => ({
    type: 'guidance',
    ticker: subject.ticker,
    company: subject.name,
    action: action!,
    metric,
    period,
    low: range?.low ?? null,
    high: range?.high ?? null,
    currency: range?.currency ?? null,
  }));
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Range {
  low: number | null;
  high: number | null;
  currency: string | null;
  perShare: boolean;
}

/** The forecast's figures: a money or percent range, one value, "at least", "up to", "between X and Y", cents. */
function rangeIn(text: string, from: number, to: number): Range | null {
  const part = text.slice(from, to);
  const money = findMoney(part);
  const cents = centsRegex.exec(part);
  centsRegex.lastIndex = 0;
  const pct = percentRange.exec(part);
  const single = findPercents(part)[0];
  const firstMoney = money[0];
  const candidates: { at: number; range: Range }[] = [];
  if (firstMoney) {
    let low: number | null = firstMoney.low;
    let high: number | null = firstMoney.high;
    const second = money[1];
    if (second && /^\s*and\s*$/i.test(part.slice(firstMoney.end, second.start)) && /\bbetween\s*$/i.test(part.slice(0, firstMoney.start))) high = second.high;
    const before = part.slice(Math.max(0, firstMoney.start - 12), firstMoney.start);
    // "$37.5 billion, plus or minus 2%" is the range 36.75–38.25 billion.
    const plusMinus = /^,?\s*(?:plus\s+or\s+minus|\+\/-|±)\s*(\d+(?:\.\d+)?)\s?%/i.exec(part.slice(firstMoney.end));
    if (plusMinus && low !== null && low === high) {
      const p = Number(plusMinus[1]) / 100;
      [low, high] = [Number((low * (1 - p)).toPrecision(12)), Number((low * (1 + p)).toPrecision(12))];
    }
    if (/\bat\s+least\s*$/i.test(before)) high = null;
    if (/\b(?:up\s+to|below|under|less\s+than)\s*$/i.test(before)) low = null;
    candidates.push({ at: firstMoney.start, range: { low, high, currency: firstMoney.currency, perShare: perShareAfter.test(part.slice((second && high === second.high ? second : firstMoney).end, to)) } });
  }
  if (cents) {
    const low = Number(cents.groups!.n1) / 100;
    candidates.push({ at: cents.index, range: { low, high: cents.groups!.n2 ? Number(cents.groups!.n2) / 100 : low, currency: 'USD', perShare: true } });
  }
  if (pct) {
    const neg = pct.groups!.neg ? -1 : 1;
    candidates.push({ at: pct.index, range: { low: neg * Number(pct.groups!.n1), high: Number(pct.groups!.n2), currency: null, perShare: false } });
  } else if (single) {
    const before = part.slice(Math.max(0, single.start - 12), single.start);
    const low = /\b(?:up\s+to|below|under|less\s+than)\s*$/i.test(before) ? null : single.value;
    const high = /\bat\s+least\s*$/i.test(before) ? null : single.value;
    candidates.push({ at: single.start, range: { low, high, currency: null, perShare: false } });
  }
  candidates.sort((a, b) => a.at - b.at);
  return candidates[0]?.range ?? null;
}
