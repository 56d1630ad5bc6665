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

const word = /[\p{L}\p{N}](?:[\p{L}\p{N}]|[.'’](?=[\p{L}\p{N}]))*\.?|&/gu;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  word.lastIndex = 0;
  for (let m = word.exec(text); m; m = word.exec(text)) {
    let raw = m[0];
    // A sentence's full stop is not part of the word; an abbreviation's is ("Inc.", "U.S.").
    if (raw.endsWith('.') && !/\.\p{L}\.$|^(?:inc|corp|co|ltd|jr|sr|bros|st|no|mt)\.$/iu.test(raw)) raw = raw.slice(0, -1);
    out.push(makeToken(raw, m.index));
  }
  return out;
}

function makeToken(raw: string, start: number): Token {
  const possessive = /['’]s$/i.test(raw) && raw.length > 2;
  const base = possessive ? raw.slice(0, -2) : raw.replace(/['’]$/, '');
  const first = raw.charCodeAt(0);
  const upperFirst = (first >= 65 && first <= 90) || (first >= 48 && first <= 57) || (raw[0] !== raw[0]!.toLowerCase());
  const brand = /^[a-z]{1,2}[A-Z]/.test(raw);
  return { text: raw, key: foldWord(base), start, end: start + raw.length, possessive, capitalised: upperFirst || brand || raw === '&' };
}

export function foldWord(word: string): string {
  return word.toLowerCase().replace(/[.]/g, '').replace(/’/g, "'");
}

/**
 * The keys of a name as stored ("Advanced Micro Devices, Inc." → advanced micro devices inc),
 * and whether it ends in a possessive that is part of the name ("Lowe's", "McDonald's").
 */
export function nameKeys(name: string): { keys: string[]; possessive: boolean } {
  const tokens = tokenize(name);
  return { keys: tokens.map((t) => t.key), possessive: tokens.at(-1)?.possessive ?? false };
}
