/**
 * Words of a text for name matching, with offsets. A word is a run of letters and digits
 * that may hold inner periods and apostrophes ("J.P.", "McDonald's", "Amazon.com"); hyphens
 * and slashes separate words ("Coca-Cola" is "coca cola", as the SEC writes it); "&" is a
 * word of its own. Each word has a folded form for lookups: lower case, no periods, no
 * possessive "'s".
 */
export interface Token {
  /** As written. */
  text: string;
  /** Lower case, periods and a final possessive removed: the key names are stored under. */
  key: string;
  start: number;
  end: number;
  /** Ends in "'s" or "’s". */
  possessive: boolean;
  /** Starts with a capital or a digit, or is a brand like "eBay" / "iPhone". */
  capitalised: boolean;
}

/** JavaScript's \s for one code unit (what /\s/ tests of a one-character string). */
export function isSpace(c: number): boolean {
  if (c < 128) return (c >= 9 && c <= 13) || c === 32;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Letters of Latin scripts and digits: what a word is made of. */
function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7);
}

// A scanner rather than a regular expression: it runs for every article, and this is ~3x faster.
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const length = text.length;
  let at = 0;
  while (at < length) {
    const code = text.charCodeAt(at);
    if (code === 38) {
      out.push(makeToken('&', at));
      at++;
      continue;
    }
    if (!isWordChar(code)) {
      at++;
      continue;
    }
    const start = at;
    at++;
    for (;;) {
      const c = text.charCodeAt(at);
      if (isWordChar(c)) at++;
      // Inner periods and apostrophes: "J.P.", "McDonald's", "Amazon.com".
      else if ((c === 46 || c === 39 || c === 0x2019) && isWordChar(text.charCodeAt(at + 1))) at += 2;
      else break;
    }
    let end = at;
    // An abbreviation keeps its final period ("Inc.", "U.S."); a sentence's full stop is not part of the word.
    if (text.charCodeAt(end) === 46 && /^(?:inc|corp|co|ltd|jr|sr|bros|st|no|mt)$|\.[A-Za-z]$/i.test(text.slice(start, end))) end++;
    out.push(makeToken(text.slice(start, end), start));
    at = end;
  }
  return out;
}

function makeToken(raw: string, start: number): Token {
  const n = raw.length;
  const last = raw.charCodeAt(n - 1) | 0x20;
  const apostrophe = raw.charCodeAt(n - 2);
  const possessive = n > 2 && last === 115 && (apostrophe === 39 || apostrophe === 0x2019);
  const base = possessive ? raw.slice(0, -2) : raw;
  const first = raw.charCodeAt(0);
  // Checked by code unit first: most words are plain ASCII, and a regular expression per word cost more than the rest.
  const upperFirst = (first >= 65 && first <= 90) || (first >= 48 && first <= 57) || (first >= 0xc0 && raw[0] !== raw[0]!.toLowerCase());
  const brand = !upperFirst && first >= 97 && first <= 122 && isBrand(raw);
  return { text: raw, key: foldWord(base), start, end: start + n, possessive, capitalised: upperFirst || brand || raw === '&' };
}

/** "eBay", "iPhone", "iRobot": one or two lower-case letters, then a capital. */
function isBrand(raw: string): boolean {
  const second = raw.charCodeAt(1);
  if (second >= 65 && second <= 90) return true;
  const third = raw.charCodeAt(2);
  return second >= 97 && second <= 122 && third >= 65 && third <= 90;
}

export function foldWord(word: string): string {
  const lower = word.toLowerCase();
  return lower.includes('.') || lower.includes('’') ? lower.replace(/[.]/g, '').replace(/’/g, "'") : lower;
}

/**
 * The keys of a name as stored ("Advanced Micro Devices, Inc." → advanced micro devices inc),
 * and whether it ends in a possessive that is part of the name ("Lowe's", "McDonald's").
 */
export function nameKeys(name: string): { keys: string[]; possessive: boolean } {
  const tokens = tokenize(name);
  return { keys: tokens.map((t) => t.key), possessive: tokens.at(-1)?.possessive ?? false };
}
