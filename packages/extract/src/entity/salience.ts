/**
 * Which companies an article is about, and how much. `tickers` in the contract lists the
 * subjects of facts, not every name: a company is a subject when an event is about it, when
 * the headline or the lead names it, when the text gives its ticker, or when it is named more
 * than once. A customer or rival named once in passing is not. A research firm acting as the
 * firm of a rating ("Morgan Stanley raised …") is not a subject for that, nor is a credit-rating
 * agency acting on another company's credit ("BP fell after Moody's cut its outlook").
 */
import type { Entity, MarketEvent } from '@tickerwire/core';
import type { EntityIndex } from '../entities.ts';
import type { Span } from '../sentences.ts';
import { creditAgencyName, speaksOfCredit } from '../lexicon/credit-agencies.ts';

export interface Subjects {
  tickers: string[];
  entities: Entity[];
}

/** Words before a name that say it is named in passing ("rivals including Alphabet", "competition from Amazon"). */
export const inPassing = /\b(?:such as|including|like|rivals?|competitors?|competition\s+from|peers?|versus|vs\.?|than|customers?|clients?|suppliers?|partners?)\s+(?:[\w.&'’-]+\s+){0,2}$/i;

/**
 * A company named only as where figures or words come from: "according to LSEG data", "data
 * compiled by Bloomberg", "Northern Trust's chief investment strategist said".
 */
const sourceBefore = /\b(?:according\s+to|compiled\s+by|polled\s+by|surveyed\s+by)\s+(?:the\s+)?$/i;
const sourceAfter = /^(?:['’]s?)?\s+(?:(?:data|figures|estimates|consensus|survey|poll)\s+(?:showed|shows?|compiled)\b|(?:(?:chief|senior|head|global|lead|top)\s+)?(?:[\w-]+\s+){0,2}?(?:strategist|economist|portfolio\s+manager|fund\s+manager|investment\s+officer|market\s+analyst)s?\b)/i;

export function namedAsSource(text: string, mention: { start: number; end: number }): boolean {
  return sourceBefore.test(text.slice(Math.max(0, mention.start - 30), mention.start)) || sourceAfter.test(text.slice(mention.end, mention.end + 60));
}

export function subjectsOf(text: string, titleEnd: number, sentences: readonly Span[], index: EntityIndex, events: readonly MarketEvent[]): Subjects {
  const eventTickers = new Set(events.map((e) => e.ticker).filter((t): t is string => t !== null));
  const asFirm = (start: number, end: number) => index.firms.some((f) => start < f.end && end > f.start);
  const lead = sentences.find((s) => s.start >= titleEnd && /\p{L}/u.test(s.text)) ?? null;

  // An agency at work in any sentence is the source of the text's credit news: none of its
  // mentions makes it a subject, unless an event is about it or the text writes its ticker.
  const sentenceAt = (position: number) => sentences.find((s) => position >= s.start && position < s.end);
  const agencyTickers = new Set<string>();
  for (const m of index.mentions) {
    if (m.kind !== 'name' || agencyTickers.has(m.ticker) || !isCreditAgency(text, m)) continue;
    const sentence = sentenceAt(m.start)?.text ?? '';
    if (speaksOfCredit(sentence)) agencyTickers.add(m.ticker);
  }
  const byTicker = new Map<string, { name: string; mentions: { start: number; end: number; text: string }[]; subject: boolean }>();
  for (const m of index.mentions) {
    if ((asFirm(m.start, m.end) || agencyTickers.has(m.ticker)) && !eventTickers.has(m.ticker)) continue;
    let entity = byTicker.get(m.ticker);
    if (!entity) byTicker.set(m.ticker, (entity = { name: m.kind === 'name' ? m.text : m.company.name, mentions: [], subject: false }));
    if (entity.mentions.length === 0 && m.kind === 'name') entity.name = m.text;
    entity.mentions.push({ start: m.start, end: m.end, text: m.text });
  }
  const leadFirst = lead ? index.mentions.find((m) => m.start >= lead.start && m.end <= lead.end && !asFirm(m.start, m.end)) : undefined;
  const sentenceOf = (position: number) => sentences.findIndex((s) => position >= s.start && position < s.end);
  const passingTickers = new Set<string>();
  for (const [ticker, entity] of byTicker) {
    const first = entity.mentions[0]!;
    const inTitle = entity.mentions.some((m) => m.start < titleEnd);
    // Named after "rivals including …", and nowhere but in that sentence: in passing.
    const oneSentence = entity.mentions.every((m) => sentenceOf(m.start) === sentenceOf(first.start));
    const passing = (oneSentence && inPassing.test(text.slice(Math.max(0, first.start - 40), first.start))) || (!inTitle && entity.mentions.every((m) => namedAsSource(text, m)));
    if (passing) passingTickers.add(ticker);
    entity.subject = eventTickers.has(ticker) || inTitle || (!passing && (!oneSentence || entity.mentions.length >= 2 || leadFirst?.ticker === ticker));
  }

  const tickers: string[] = [];
  const add = (t: string) => {
    if (!tickers.includes(t)) tickers.push(t);
  };
  // In order of first mention, explicit tickers and linked names together.
  const firstAt = new Map<string, number>();
  // A written ticker makes a subject, unless its company is named in passing ("rather than Realty Income ($O)").
  for (const t of index.tickers) if (!passingTickers.has(t) || eventTickers.has(t)) firstAt.set(t, index.tickersIn(0, text.length).find((m) => m.ticker === t)?.start ?? 0);
  for (const [t, e] of byTicker) if (e.subject) firstAt.set(t, Math.min(firstAt.get(t) ?? Infinity, e.mentions[0]!.start));
  for (const t of eventTickers) if (!firstAt.has(t)) firstAt.set(t, Infinity);
  for (const [t] of [...firstAt].sort((a, b) => a[1] - b[1])) add(t);

  const entities: Entity[] = [...byTicker]
    .filter(([t]) => tickers.includes(t))
    .map(([ticker, e]) => ({ name: e.name, ticker, mentions: e.mentions }));
  return { tickers, entities };
}

/** "Moody's", "S&P Global Ratings": a linked name that is a credit-rating agency's, its possessive read with it. */
function isCreditAgency(text: string, mention: { start: number; end: number }): boolean {
  const written = text.slice(mention.start, mention.end);
  return creditAgencyName.test(written) || (/^['’]s\b/.test(text.slice(mention.end, mention.end + 3)) && creditAgencyName.test(`${written}'s`));
}
