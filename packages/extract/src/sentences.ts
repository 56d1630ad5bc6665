import { allMatches } from './matches.ts';

/** A span of the input with its offsets. */
export interface Span {
  text: string;
  start: number;
  end: number;
}

// Words after which a period does not end a sentence.
const abbreviations = new Set([
  'inc', 'corp', 'co', 'ltd', 'llc', 'plc', 'lp', 'l.p', 'jr', 'sr', 'st', 'mr', 'mrs', 'ms', 'dr',
  'vs', 'no', 'est', 'approx', 'u.s', 'u.k', 'j.p', 'e.g', 'i.e', 's.a', 'n.v', 'a.g', 'hldgs',
  'bros', 'dept', 'fig', 'mt', 'ft', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept',
  'oct', 'nov', 'dec', 'a.m', 'p.m', 'b', 'h.c', 'd.a', 'w', 'c', 'p', 'u.s.a',
  // Results releases: "operational EBIT excl. PPA", "incl. IFRS 16".
  'excl', 'incl', 'adj',
]);

const listItemAfterSemicolon = /^\s+(?:\p{Lu}[\p{L}.&'’-]*)(?:\s+(?:\p{Lu}[\p{L}.&'’-]*|&|of))*(?:\s+\([^)]{1,20}\))?:\s/u;

/**
 * Splits text into sentences at ". ", "! ", "? " and line breaks, keeping offsets into the
 * input. A period after a known abbreviation ("Inc.", "J.P.") or inside a number does not split.
 */
export function splitSentences(text: string, offset = 0): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) spans.push({ text: trimmed, start: offset + start + lead, end: offset + start + lead + trimmed.length });
  };
  // By code unit: '\n' 10, '.' 46, '!' 33, '?' 63; closing '"' 34, '”' 0x201d, '’' 0x2019.
  const closes = (code: number) => code === 34 || code === 0x201d || code === 0x2019;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) {
      push(i);
      start = i + 1;
      continue;
    }
    // "Exxon Mobil: TD Cowen trimmed …; ConocoPhillips: same firm, …": a semicolon before a name and its
    // colon opens the next item of a run-on list, as a line break would.
    if (ch === 59 && listItemAfterSemicolon.test(text.slice(i + 1, i + 60))) {
      push(i + 1);
      start = i + 1;
      continue;
    }
    if (ch !== 46 && ch !== 33 && ch !== 63) continue;
    if (i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next !== 32 && next !== 10 && !closes(next)) continue;
    }
    if (ch === 46) {
      // "1. Etsy was lifted …": a list item's number at the start of a line opens the item, it ends nothing.
      if (i - start <= 4 && /^\s*\d{1,2}$/.test(text.slice(start, i))) continue;
      const found = /(\d?)([A-Za-z.]+)$/.exec(text.slice(Math.max(start, i - 12), i));
      const word = found?.[2]?.toLowerCase() ?? '';
      // "from 420p. Paris:", "$5m. The": a unit written after a figure is no abbreviation.
      if (!found?.[1] && (abbreviations.has(word) || /^[a-z]$/.test(word))) continue;
      // "J.P. Morgan", "U.S. bitcoin": a dotted initialism before a capital is not an end.
      if (/(?:^|[^A-Za-z])(?:[A-Z]\.){2,}$/.test(text.slice(Math.max(start, i - 8), i + 1))) continue;
    }
    let end = i + 1;
    while (closes(text.charCodeAt(end))) end++;
    push(end);
    start = end;
  }
  push(text.length);
  return spans;
}

const clauseBoundary = /;\s+|,?\s+(?:while|whereas|but)\s+|,\s+(?=(?:and|as|although|though|after|which)\b)|,\s+(?=[A-Z][a-z]+s\b)|,\s+(?=(?:raises?|lowers?|cuts?|lifts?|announces?|sets?|maintains?|reiterates?|increases?|boosts?|trims?|slashes?|price target|PT|target)\b)/gi;

/**
 * Clauses of a sentence: split at ", " + a new verb phrase, ";", " while ", " and " before a
 * new subject, or " — ". Used to keep each event's slots inside its own clause.
 */
export function splitClauses(sentence: Span): Span[] {
  const spans: Span[] = [];
  let last = 0;
  for (const match of allMatches(clauseBoundary, sentence.text)) {
    spans.push(slice(sentence, last, match.index));
    last = match.index + match[0].length;
  }
  spans.push(slice(sentence, last, sentence.text.length));
  return spans.filter((s) => s.text.length > 0);
}

function slice(parent: Span, from: number, to: number): Span {
  const raw = parent.text.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  return { text, start: parent.start + from + lead, end: parent.start + from + lead + text.length };
}
