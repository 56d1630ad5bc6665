/**
 * Name spans in headline and news text. Headlines are written in title case, so a name is
 * told from the words around it by a list of function words rather than by capitals alone.
 */
import { currencyCodeThenFigure } from './numbers.ts';

// Title-case words that end a name ("Upgrades Agilent Technologies To Buy").
const stopWords = new Set([
  'to', 'at', 'on', 'with', 'from', 'after', 'as', 'amid', 'following', 'ahead', 'for', 'by', 'in',
  'over', 'into', 'citing', 'sees', 'says', 'said', 'has', 'have', 'had', 'is', 'are', 'was', 'were',
  'the', 'its', 'their', 'his', 'her', 'a', 'an', 'and', 'or', 'but', 'while', 'vs', 'vs.', 'versus',
  'stock', 'stocks', 'shares', 'share', 'price', 'target', 'targets', 'pt', 'po', 'rating', 'ratings',
  'coverage', 'now', 'just', 'also', 'again', 'still', 'up', 'down', 'higher', 'lower', 'about',
  'because', 'due', 'despite', 'near', 'under', 'above', 'below', 'why', 'how', 'what', 'here\'s',
  'heres', 'that', 'this', 'these', 'those', 'which', 'who', 'will', 'would', 'could', 'should',
  'may', 'might', 'can', 'be', 'been', 'being', 'do', 'does', 'did', 'not', 'no', 'yes', 'top',
  'announces', 'announced', 'reports', 'reported', 'sets', 'raises', 'lowers', 'cuts', 'maintains',
  'reiterates', 'upgrades', 'downgrades', 'initiates', 'upgraded', 'downgraded', 'cut', 'raised',
  'lowered', 'lifted', 'trimmed', 'slashed', 'started', 'starts', 'of', 'premarket', 'report',
  'analyst', 'analysts', 'notes', 'note', 'expects', 'expected', 'increases', 'increased', 'lifts',
  'boosts', 'boosted', 'trims', 'slashes', 'reinstates', 'resumes', 'assumes', 'lowering', 'raising', 'cutting',
  'reiterated', 'maintained', 'initiated', 'keeps', 'upgrade', 'downgrade',
  // A pronoun with its verb is never part of a name ("Today I'm upgrading it", "It's worth …").
  ...['i\'m', 'i\'ve', 'i\'d', 'i\'ll', 'it\'s', 'we\'re', 'we\'ve', 'we\'d', 'we\'ll', 'you\'re', 'you\'ve', 'they\'re', 'they\'ve', 'that\'s', 'there\'s', 'let\'s', 'he\'s', 'she\'s'].flatMap((w) => [w, w.replace('\'', '’')]),
]);

// Words a name may contain in lower case ("Bank of America", "Dick's Sporting Goods").
const innerWords = new Set(['of', '&', 'de', 'la', 'du', 'der', 'und', 'y', 'e']);

export interface NameSpan {
  name: string;
  start: number;
  end: number;
}

// Dashes without spaces join words in news ("miners—Cipher Mining"): they separate here.
// A word is a run of characters other than these (`\s`, , ; : ( ) [ ] { } " “ ” — –), read
// by code unit: the scanner below is what /[^\s,;:()\[\]{}"“”—–]+/g matched, without a
// regular expression or a match object per word.
const asciiBreaks = new Uint8Array(128);
for (const ch of '\t\n\v\f\r ,;:()[]{}"') asciiBreaks[ch.charCodeAt(0)] = 1;

function separates(code: number): boolean {
  if (code < 128) return asciiBreaks[code] === 1;
  // The rest of \s (Unicode Zs, line and paragraph separators, BOM), then “ ” — –.
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff ||
    code === 0x201c || code === 0x201d || code === 0x2014 || code === 0x2013
  );
}

// After a word, these end a name: ; : ( ) [ ] " “ ” — –.
function breaks(code: number): boolean {
  return (
    code === 59 || code === 58 || code === 40 || code === 41 || code === 91 || code === 93 || code === 34 ||
    code === 0x201c || code === 0x201d || code === 0x2014 || code === 0x2013
  );
}

const companySuffixAfterComma = /^,\s*(?:Inc|Ltd|LLC|Corp|Co|L\.P|plc)\b/;

// A name is a few words: looking further than this around a position is wasted work.
const nameWindow = 160;

interface Word {
  start: number;
  end: number;
  breakAfter: boolean;
}

/** Words of `text` with offsets (the first `limit` of them), and whether punctuation ends a name after each. */
function words(text: string, limit = Infinity, offset = 0): Word[] {
  const out: Word[] = [];
  const length = text.length;
  let at = 0;
  while (out.length < limit) {
    while (at < length && separates(text.charCodeAt(at))) at++;
    if (at >= length) break;
    const start = at;
    while (at < length && !separates(text.charCodeAt(at))) at++;
    const end = at;
    const next = text.charCodeAt(end);
    // "Aaron's,  Inc." keeps going over the comma; any other comma, bracket or dash ends a
    // name, and so does a line break: a headline ending in a name ("… and Bluefen Slides")
    // is not the start of the body's first name ("Zeta Grid Systems (ZETA)").
    const punctuation = next === 44 || breaks(next) || next === 10 || next === 13 || next === 0x2028 || next === 0x2029 || (next === 32 && (text.charCodeAt(end + 1) === 40 || text.charCodeAt(end + 1) === 91));
    const breakAfter = punctuation && !(next === 44 && companySuffixAfterComma.test(text.slice(end, end + 9)));
    out.push({ start: start + offset, end: end + offset, breakAfter });
  }
  return out;
}

// Most words are lower-case prose and no part of a name: they are told by their characters,
// without cutting each out of the text. `text` is the string the word's offsets point into.
const isLower = (code: number) => code >= 97 && code <= 122;
const isUpper = (code: number) => code >= 65 && code <= 90;

/** isNameWord of the word `w` of `text`; the word is cut out only when its first characters allow a name. */
function nameWordAt(text: string, w: Word): boolean {
  const first = text.charCodeAt(w.start);
  if (isLower(first)) {
    // What isNameWord accepts of a lower-case word: "eBay" (a capital after the lower-case run) or "e-Xxx".
    let i = w.start + 1;
    while (i < w.end && isLower(text.charCodeAt(i))) i++;
    const brand = i < w.end && isUpper(text.charCodeAt(i));
    const eDash = first === 101 && w.end - w.start > 2 && text.charCodeAt(w.start + 1) === 45 && isUpper(text.charCodeAt(w.start + 2));
    if (!brand && !eDash) return false;
  } else if (!(isUpper(first) || (first >= 48 && first <= 57) || first === 36 || first === 38)) {
    return false;
  }
  return isNameWord(text.slice(w.start, w.end));
}

/** Whether the word `w` of `text` is one a name may hold in lower case (all are three characters at most). */
function innerWordAt(text: string, w: Word): boolean {
  return w.end - w.start <= 3 && innerWords.has(text.slice(w.start, w.end).toLowerCase());
}

function isNameWord(word: string): boolean {
  // What /^[A-Z0-9$&]/, /^[a-z]+[A-Z]/ or /^e-[A-Z]/ accept, tested first: most words fail it.
  const first = word.charCodeAt(0);
  const digitOrDollar = (first >= 48 && first <= 57) || first === 36;
  if (!((first >= 65 && first <= 90) || digitOrDollar || first === 38)) {
    if (!(first >= 97 && first <= 122)) return false;
    let i = 1;
    while (i < word.length && word.charCodeAt(i) >= 97 && word.charCodeAt(i) <= 122) i++;
    const upper = (code: number) => code >= 65 && code <= 90;
    if (!upper(word.charCodeAt(i)) && !(first === 101 && word.charCodeAt(1) === 45 && upper(word.charCodeAt(2)))) return false;
  }
  if (stopWords.has(word.toLowerCase())) return false;
  if (digitOrDollar && (/^\$?\d+\.\d/.test(word) || /^\$\d/.test(word))) return false; // prices, not names
  // "a Street-high target", "Sell-rated", "Tokyo-based": a capital before a lower-case
  // compound is an adjective, not a name ("Coca-Cola", "Rolls-Royce" keep their capitals).
  const hyphen = word.indexOf('-');
  if (hyphen > 0 && /^-[a-z]{3,}$/.test(word.slice(hyphen)) && first !== 101) return false;
  return true;
}

/** The first name in `text` from offset `from`, skipping nothing but spaces. */
export function nameAt(text: string, from = 0): NameSpan | null {
  const window = text.slice(from, from + nameWindow);
  const ws = words(window, 16);
  let first = -1;
  let last = -1;
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const inner = innerWordAt(window, w) && first >= 0 && i + 1 < ws.length && nameWordAt(window, ws[i + 1]!);
    if (first < 0) {
      if (!nameWordAt(window, w)) return null;
      first = i;
      last = i;
    } else if (nameWordAt(window, w) || inner) {
      last = i;
    } else {
      break;
    }
    if (w.breakAfter) break;
  }
  if (first < 0) return null;
  const start = from + ws[first]!.start;
  const end = from + ws[last]!.end;
  return trimName({ name: text.slice(start, end), start, end });
}

/** The name that ends right at `end` (the subject before a verb). */
export function nameEndingAt(text: string, end: number): NameSpan | null {
  const windowStart = Math.max(0, end - nameWindow);
  const ws = words(text.slice(windowStart, end), Infinity, windowStart);
  let first = -1;
  for (let i = ws.length - 1; i >= 0; i--) {
    const w = ws[i]!;
    // (A word holds no comma: punctuation after one always ends the name before it.)
    if (i < ws.length - 1 && w.breakAfter) break;
    const inner = innerWordAt(text, w) && first >= 0 && i > 0 && nameWordAt(text, ws[i - 1]!);
    if (nameWordAt(text, w) || inner) first = i;
    else break;
  }
  if (first < 0) return null;
  const last = ws.length - 1;
  if (ws[last]!.end < end - 2) return null;
  return trimName({ name: text.slice(ws[first]!.start, ws[last]!.end), start: ws[first]!.start, end: ws[last]!.end });
}

/** Every name in `text`, in order: one pass over its words. */
export function allNames(text: string): NameSpan[] {
  const ws = words(text);
  const found: NameSpan[] = [];
  let first = -1;
  let last = -1;
  const close = () => {
    if (first < 0) return;
    const span = trimName({ name: text.slice(ws[first]!.start, ws[last]!.end), start: ws[first]!.start, end: ws[last]!.end });
    if (span && span.name) found.push(span);
    first = last = -1;
  };
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const inner = first >= 0 && innerWordAt(text, w) && i + 1 < ws.length && nameWordAt(text, ws[i + 1]!);
    if (nameWordAt(text, w) || inner) {
      if (first < 0) first = i;
      last = i;
      if (w.breakAfter) close();
    } else {
      close();
    }
  }
  close();
  return found;
}

// First letters of the month and day names and of Q1–Q4 and FY, as character codes.
const dateInitials = new Set([...'JFMASONDTWQ'].map((c) => c.charCodeAt(0)));

function trimName(span: NameSpan): NameSpan | null {
  let { name, start } = span;
  // Cashtags and tickers are kept apart from the name ("Netflix $NFLX").
  // Each rewrite is tried only where it can apply (a "$"; a final "." or ","; a final "ock", "res", "ads" or "adr"):
  // patterns anchored at the end are otherwise tried from every space of the name.
  if (name.includes('$')) name = name.replace(/\s+\$[A-Z.]+$/, '').replace(/^\$[A-Z.]+\s+/, (m) => ((start += m.length), ''));
  const last = name.charCodeAt(name.length - 1);
  if ((last === 46 || last === 44) && !/\b(?:Inc|Co|Corp|Ltd|L\.P|S\.A|N\.V)\.$/.test(name)) name = name.slice(0, -1);
  const tail = name.slice(-3).toLowerCase();
  if (tail === 'ock' || tail === 'res' || tail === 'ads' || tail === 'adr') name = name.replace(/\s+(?:Common\s+Stock|Stock|Shares|ADS|ADR)$/i, '');
  // A figure, not a name: it starts with "$" or a digit (what /^\$?\d/ and /^\$/ tested).
  const first = name.charCodeAt(0);
  if (!name || first === 36 || (first >= 48 && first <= 57)) return null;
  // "USD 5": a currency code (three capitals) before a figure. Tested only when the name opens with three capitals.
  if (isUpper(name.charCodeAt(1)) && isUpper(name.charCodeAt(2)) && currencyCodeThenFigure.test(name)) return null;
  // "Target Corp" read from its second word: a legal suffix alone names nobody.
  if (/^(?:Corp(?:oration)?|Inc|Co|Ltd|Limited|plc|PLC|LLC|AG|SA|NV)\.?$/.test(name)) return null;
  // Dates are capitalised too: "For October 4, 2017". Tried only after a first letter one of them has.
  if (dateInitials.has(first) && /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Q[1-4]|FY)\b/.test(name)) return null;
  return { name, start, end: start + name.length };
}
