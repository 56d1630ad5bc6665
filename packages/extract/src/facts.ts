import type { CapacityEvent, ContractEvent, PriceMoveEvent, ValuationEvent } from '@tickerwire/core';
import type { EntityIndex } from './entities.ts';
import { ratingPattern } from './lexicon/ratings.ts';
import { allNames } from './names.ts';
import { allMatches } from './matches.ts';
import { findMoney, findPercents, findPower, findYears } from './numbers.ts';
import type { Span } from './sentences.ts';

type Strip<T> = Omit<T, 'evidence' | 'confidence' | 'sentiment'>;
export type FactFinding = (Strip<ContractEvent> | Strip<CapacityEvent> | Strip<ValuationEvent> | Strip<PriceMoveEvent>) & {
  evidenceSpan: Span;
  confidence: number;
};

/** Phrases of each fact type. Add a phrasing: one line. */
const contractWords = /\b(?:contracted\s+revenue|signed\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}(?:lease|agreement|contract|deal)|(?:colocation|co-location|hosting|lease|supply|offtake|master\s+services|power\s+purchase)\s+(?:agreements?|contracts?|deals?)|agree(?:d|s)?\s+(?:to\s+)?(?:an?\s+)?(?:[\w$.,–-]+\s+){0,6}?(?:deal|contract|agreement|lease)|(?:secured|signs?|inked|won|wins|awarded|entered\s+into|received|receives|booked|landed)\s+(?:an?\s+)?(?:[\w$.,–-]+\s+){0,6}?(?:contracts?|leases?|agreements?|deals?|orders?))\b/i;
const projectionWords = /\b(?:projects?|projected|projection|forecasts?|forecasted|expects?|expected|estimates?|anticipates?|could\s+reach|will\s+reach|sees|targets?\s+reaching|on\s+track\s+to)\b/i;
const expansionWords = /\b(?:add|adds|adding|added|expand|expands|expanding|expansion|build(?:s|ing)?|construct(?:s|ing|ion)?|energi[sz]e[sd]?|bring(?:s|ing)?\s+online|new\s+(?:site|campus|facility))\b/i;
const valuationMetric = /\b((?:equity|enterprise|implied|asset|fair|market)\s+)?(value|valuation)\s+per\s+(megawatt|MW|share|unit|acre|ton|ounce|subscriber)\b/i;
// "The bank values hosting capacity at $6–11 million per megawatt".
const valuedPerUnit = /\bvalu(?:es|ed|ing)\s+(?<basis>[a-z][\w\s-]*?)\s+at\s+[^.;]*?\bper\s+(?:megawatt|MW)\b/i;
const upWords = 'up|rose|rises|rising|jumped|jumps|jumping|surged|surges|soared|soars|gained|gains|climbed|climbs|rallied|rallies|advanced|advances|spiked|spikes|popped|leapt|leaped|leaps|rebounded|rebounds|higher|trading\\s+higher|added|adds';
const downWords = 'down|fell|falls|falling|dropped|drops|slid|slides|slipped|slips|slipping|dipped|dips|sank|sinks|tumbled|tumbles|plunged|plunges|declined|declines|slumped|slumps|retreated|retreats|skidded|lower|trading\\s+lower|off|lost|loses|shed|sheds';
// Move words that mean something else without a percentage after them ("added 200 MW", "lost a contract").
const needsPercent = /^(?:added|adds|lost|loses|shed|sheds|off)$/i;
const moveVerb = new RegExp(`(?:(?:[’']s)?\\s+(?:stock|shares|share\\s+price))?\\s+(?:(?:is|was|are|were|has|have|had)\\s+)?(?:(?:been|now|trading|edged|inched|ticked|moved|traded|closed|ended|finished)\\s+)?(${upWords}|${downWords})\\b`, 'gi');
const isUpWord = new RegExp(`^(?:${upWords})$`, 'i');
// Every moveVerb match holds whitespace then a move word: one cheap test skips the other clauses.
const mentionsMove = new RegExp(`\\s(?:${upWords}|${downWords})\\b`, 'i');
const referenceWords: readonly [RegExp, string][] = [
  [/\bpre-?market\b/i, 'premarket'],
  [/\bafter[-\s]hours\b/i, 'after hours'],
  [/\bintraday\b/i, 'intraday'],
  [/\byear[-\s]to[-\s]date\b|\bYTD\b/i, 'year to date'],
];

export function factEvents(sentences: readonly Span[], clausesOf: (sentence: Span) => readonly Span[], entities: EntityIndex): FactFinding[] {
  const found: FactFinding[] = [];
  for (const sentence of sentences) {
    const clauses = clausesOf(sentence);
    const contract = contractWords.test(sentence.text) ? contractOf(sentence, entities) : null;
    // "citing a surge in colocation deals" names no deal: a contract needs a value or capacity.
    const isContract = contract !== null && (contract.value !== null || contract.capacityMw !== null);
    if (isContract) found.push(contract);
    if (valuationMetric.test(sentence.text) || valuedPerUnit.test(sentence.text)) found.push(...valuationsOf(sentence));
    else if (!isContract) found.push(...capacitiesOf(sentence, clauses, entities));
    found.push(...priceMovesOf(sentence, clauses, entities));
  }
  return found;
}

function contractOf(sentence: Span, entities: EntityIndex): Strip<ContractEvent> & { evidenceSpan: Span; confidence: number } {
  const money = findMoney(sentence.text)[0];
  const power = findPower(sentence.text)[0];
  const subject = subjectBefore(sentence, contractWords.exec(sentence.text)!.index, entities);
  return {
    type: 'contract',
    ticker: subject?.ticker ?? null,
    company: subject?.name ?? null,
    counterparties: counterpartiesOf(sentence.text, entities),
    value: money ? { amount: money.high, currency: money.currency } : null,
    capacityMw: power?.mw ?? null,
    termYears: findYears(sentence.text),
    evidenceSpan: sentence,
    confidence: money || power ? 0.8 : 0.6,
  };
}

/** "partnerships with AWS, Fluidstack and others", "an agreement with CoreWeave". */
function counterpartiesOf(text: string, entities: EntityIndex): string[] {
  const m = /\b(?:with|from|to|for)\s+((?:[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)(?:\s*,\s*(?:and\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*|\s+and\s+[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*)*)/.exec(text);
  if (!m) return [];
  return m[1]!
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+/)
    .map((s) => s.trim().replace(/[.,;:]+$/, ''))
    .filter((s) => s && !/^(?:others?|more|partners)$/i.test(s) && !entities.firms.some((f) => f.name === s));
}

function capacitiesOf(sentence: Span, clauses: readonly Span[], entities: EntityIndex): FactFinding[] {
  const out: FactFinding[] = [];
  if (!/watt|MW|GW|kW/.test(sentence.text)) return out;
  for (const clause of clauses) {
    for (const power of findPower(clause.text)) {
      const context = clause.text;
      const kind: CapacityEvent['kind'] = projectionWords.test(context) ? 'projection' : expansionWords.test(context) ? 'expansion' : 'current';
      const subject = subjectBefore(clause, power.start, entities);
      out.push({
        type: 'capacity',
        ticker: subject?.ticker ?? null,
        company: subject?.name ?? null,
        mw: power.mw,
        kind,
        horizon: /\bby\s+((?:(?:late|early|mid|the\s+end\s+of|end[-\s]of|year[-\s]end)\s+)?(?:[1-4]Q\s*|Q[1-4]\s+|H[12]\s+|FY\s*)?(?:19|20)\d{2})\b/i.exec(context)?.[1] ?? null,
        site: /\b(?:at|in)\s+(?:its|their|the|a)?\s*(?:new\s+)?([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)(?:\s+(?:site|campus|facility|data\s+cent(?:er|re)))?\b/.exec(context.slice(power.end))?.[1] ?? null,
        evidenceSpan: sentence,
        confidence: 0.7,
      });
    }
  }
  return out;
}

function valuationsOf(sentence: Span): FactFinding[] {
  const metricMatch = valuationMetric.exec(sentence.text);
  const valued = metricMatch ? null : valuedPerUnit.exec(sentence.text);
  const unitWord = metricMatch?.[3]?.toLowerCase() ?? 'mw';
  const unit = unitWord === 'megawatt' ? 'mw' : unitWord;
  const metric = `${(metricMatch?.[1] ?? '').trim().toLowerCase()}${metricMatch?.[1] ? '_' : ''}value_per_${unit}`;
  const statedBasis = valued?.groups?.basis ?? null;
  const money = findMoney(sentence.text);
  return money.map((m, i) => {
    const next = money[i + 1]?.start ?? sentence.text.length;
    const after = sentence.text.slice(m.end, next);
    const basis = /\bfor\s+([a-z][\w\s-]*?)(?=\s*(?:,|;|\.|\band\b|\breflecting\b|\bwhile\b|$))/i.exec(after)?.[1]?.trim() ?? (i === 0 ? statedBasis : null);
    const ceiling = /\bup\s+to\s*$/i.test(sentence.text.slice(Math.max(0, m.start - 7), m.start));
    return {
      type: 'valuation',
      ticker: null,
      company: null,
      metric,
      low: ceiling ? null : m.low,
      high: m.high,
      currency: m.currency,
      basis,
      evidenceSpan: sentence,
      confidence: 0.7,
    } satisfies FactFinding;
  });
}

const ratingMovedTo = new RegExp(`^\\s+(?:a\\s+notch\\b|(?:a\\s+notch\\s+)?(?:to|at)\\s+(?:an?\\s+)?(?:${ratingPattern})\\b)`, 'i');

function priceMovesOf(sentence: Span, clauses: readonly Span[], entities: EntityIndex): FactFinding[] {
  const out: FactFinding[] = [];
  for (const clause of clauses) {
    if (!mentionsMove.test(clause.text)) continue;
    const moved = new Set<string>();
    for (const m of allMatches(moveVerb, clause.text)) {
      const rest = clause.text.slice(m.index + m[0].length);
      if (needsPercent.test(m[1]!) && findPercents(rest.slice(0, 12)).length === 0) continue;
      // "moved his rating on Netflix up a notch to buy": the rating moved, not the shares.
      if (ratingMovedTo.test(rest)) continue;
      // "Mizuho dropped coverage", "cut its rating": an analyst's act, not a move of the shares.
      if (/^\s+(?:coverage|(?:its|their|her|his)\s+(?:\S+\s+)?(?:rating|target|price\s+target|coverage|PT))\b/i.test(rest)) continue;
      // "raised its target on Apple up by $5 to $70": the target moved, not the shares.
      if (/^\s*(?:by\s+)?(?:US\$|\$|€|£|¥)/.test(rest) && /target|\bP[TO]\b/i.test(clause.text)) continue;
      const subjects = subjectsBefore(clause, m.index, entities) ?? [articleSubject(clause.text.slice(0, m.index), entities)].filter((x) => x !== null);
      if (subjects.length === 0) continue;
      const direction = isUpWord.test(m[1]!) ? 'up' : 'down';
      // "Humana and CVS Health fell 4% and 3.1%, respectively": one figure each, in order.
      const percents = findPercents(rest.slice(0, subjects.length > 1 ? 60 : 24));
      const respectively = subjects.length > 1 && /\brespectively\b/i.test(rest);
      const fromRef = /^\s*(?:[\d.,]+\s?%\s+)?from\s+(?:its\s+|their\s+)?((?:[\w-]+\s+){0,2}?(?:highs?|lows?|peak|levels?|close|open))\b/i.exec(rest)?.[1];
      const keyword = referenceWords.find(([re]) => re.test(rest.slice(0, 40)))?.[1];
      subjects.forEach((subject, i) => {
        // One move per company and clause: "rose 5% … up from …" is one move.
        const key = subject.ticker ?? subject.name;
        if (moved.has(key)) return;
        moved.add(key);
        const percent = respectively ? percents[i] : percents[0];
        out.push({
          type: 'price_move',
          ticker: subject.ticker,
          company: subject.name,
          changePct: percent ? Math.abs(percent.value) * (direction === 'up' ? 1 : -1) : null,
          direction,
          reference: fromRef ?? keyword ?? null,
          evidenceSpan: sentence,
          confidence: percent ? 0.8 : 0.6,
        });
      });
    }
  }
  return out;
}

/**
 * The companies right before a move word: one ("Target rose 4.6%", "Cipher down 45%"), or a
 * list ending there ("Humana and CVS Health fell"). The entity layer's mentions first, then
 * capitalised names the document resolves.
 */
function subjectsBefore(clause: Span, at: number, entities: EntityIndex): { name: string; ticker: string | null }[] | null {
  const end = clause.start + at;
  const linked = entities.mentions.filter((m) => m.start >= clause.start && m.end <= end);
  const adjacentGap = (from: number, to: number) => /^(?:\)|[’']s|\s*\((?:[A-Z]+:\s*)?[A-Z.]+\)|\s*<[A-Z0-9.]+>|\s+Inc\.?|\s+Corp\.?|\s|,\s*which\s[^,]*,)*$/.test(entities.text.slice(from, to));
  const last = linked.at(-1);
  if (last && adjacentGap(last.end, end)) {
    const list = [last];
    for (let i = linked.length - 2; i >= 0; i--) {
      const gap = entities.text.slice(linked[i]!.end, list[0]!.start);
      if (!/^(?:\s*\((?:[A-Z]+:\s*)?[A-Z.]+\))?\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s+)$/.test(gap)) break;
      list.unshift(linked[i]!);
    }
    return list.map((m) => ({ name: m.kind === 'name' ? m.text : (entities.mentions.find((n) => n.kind === 'name' && n.company === m.company)?.text ?? m.company.name), ticker: m.ticker }));
  }
  const one = subjectBefore(clause, at, entities, true);
  return one ? [one] : null;
}

/** "Shares rose 5%" in an article about one company is about that company. */
function articleSubject(before: string, entities: EntityIndex): { name: string; ticker: string | null } | null {
  if (!/^\s*(?:the\s+)?(?:company['’]s\s+)?(?:shares|stock)\s*$/i.test(before) || entities.tickers.length !== 1) return null;
  const ticker = entities.tickers[0]!;
  return { name: entities.companies.find((c) => c.ticker === ticker)?.name ?? ticker, ticker };
}

/**
 * The company a clause is about: the nearest company of the document named before `at`.
 * With `adjacent`, it must end right before `at` ("Cipher down 45%", "CleanSpark’s stock jumped").
 */
function subjectBefore(clause: Span, at: number, entities: EntityIndex, adjacent = false): { name: string; ticker: string | null } | null {
  const names = allNames(clause.text.slice(0, at));
  for (let i = names.length - 1; i >= 0; i--) {
    const span = names[i]!;
    const between = clause.text.slice(span.end, at).replace(/^\)/, '').replace(/[’']s\b/, '').replace(/\s*\((?:[A-Z]+:\s*)?[A-Z.]+\)/, '');
    if (adjacent && between.trim() !== '') return null;
    const resolved = entities.resolve(span.name.replace(/\s*\([^)]*\)$/, ''));
    // "Omega Compute (OMGC)": the name is the company's, not its ticker.
    if (resolved) return { name: span.name === resolved.ticker ? resolved.name : span.name.replace(/[’']s$/, ''), ticker: resolved.ticker };
    const ticker = entities.tickersIn(clause.start + span.start, clause.start + at + 12)[0]?.ticker;
    if (ticker && adjacent) return { name: span.name, ticker };
    if (adjacent) return null;
  }
  return null;
}

