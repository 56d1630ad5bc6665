/**
 * One way to tell whether two written names are the same company or firm, shared by
 * extraction (a headline's event and its body twin) and evaluation (a label and a prediction).
 */

/** Company and firm names compared as the contract says: case, punctuation, suffixes ignored, or a prefix. */
export function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[’']s\b/g, 's')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\b(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|plc|lp|sa|nv|ag|holdings?|hldgs|group)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function namesMatch(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const x = normaliseName(a);
  const y = normaliseName(b);
  if (!x || !y) return false;
  return x === y || x.startsWith(y) || y.startsWith(x) || x.replace(/ /g, '') === y.replace(/ /g, '');
}

/** The same, for merging an event with its twin: a prefix of at least three letters ("Piper" and "Piper Sandler"). */
export function sameName(a: string, b: string): boolean {
  return Math.min(normaliseName(a).length, normaliseName(b).length) >= 3 && namesMatch(a, b);
}
