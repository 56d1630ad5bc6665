/** What the extractor reads: an article's title and body, and the tickers its source covers. */
export interface ArticleInput {
  title?: string;
  body: string;
  /** Tickers the source is known to cover; they bind company names the text gives no ticker for. */
  tickers?: readonly string[];
}

/**
 * The text evidence offsets point into: the title, a blank line, then the body. A title
 * alone or a body alone is the text itself.
 */
export function documentText(input: ArticleInput): string {
  const title = input.title?.trim() ?? '';
  const body = input.body ?? '';
  if (!title) return body;
  if (!body.trim()) return title;
  return `${title}\n\n${body}`;
}

/**
 * A wire dateline at the start of a paragraph: "DENVER (Sample Wire) - ", "NEW YORK, Nov 24
 * (Reuters) — ", or the date alone: "Dec 3 (Reuters) - ". The parentheses must hold a word (not a ticker, not "Nasdaq: X").
 */
const dateline = /^(?:[A-Z][A-Z.'’ -]{1,30}(?:,[^():\n]{1,30})?|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})\s*\((?=[^)]*[a-z ])[^():\n]{2,40}\)\s*[-–—]+\s*/gm;

/** A wire's headline tag: "UPDATE 1-", "REFILE-", "CORRECTED-", "BRIEF-". */
/** A press release's dateline: "NEW YORK, Feb. 3, 2026 -- ", "RICHMOND, Va., Dec. 1, 2026 /PRNewswire/ -- ". */
const releaseDateline = /^[A-Z][A-Z.'’ -]{1,30},\s*(?:[A-Z][a-z]{1,5}\.,\s*)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}\s*(?:\/[^/\n]{2,30}\/\s*)?(?:--|—|–|-)\s*/gm;

// "MUMBAI, Dec 4 - ", "Dec 4 - ": a dateline without the agency's name.
const bareDateline = /^(?:[A-Z][A-Z.'’ -]{1,30},\s*)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\s+[-–—]+\s+/gm;

// "FRANKFURT - ", "SANTA CLARA, Calif. -- ", "LOS ANGELES -- ": a city in capitals, no date. One
// word must have five letters or more, so a ticker before a dash ("AMD - Citi …") is not one.
// "LATHAM, N.Y. -- ": the state written in capitals with periods, too.
const cityDateline = /^(?:[A-Z]{2,}(?:[ .'’-]+[A-Z]{2,}){1,3}|[A-Z]{5,})(?:,\s*(?:[A-Z][a-z]{1,5}\.?|[A-Z]\.\s?[A-Z]\.|[A-Z]{2}))?\s+(?:--|—|–|-)\s+(?=[A-Z"“'‘])/gm;

const headlineTag = /^(?:UPDATE|REFILE|CORRECTED|CORRECTION|RPT|BRIEF|EXCLUSIVE|WRAPUP|INSTANT VIEW)(?:\s*\d+)?\s*[-:]\s*/gm;

/**
 * The text with datelines and headline tags blanked out, same length, so offsets still point
 * into the text. Read as words, "DENVER" became the firm of "DENVER (Sample Wire) -
 * Northwind Securities lowered its rating…", "UPDATE 1-Copperline Digital" a company of its
 * own, and a wire copy no longer reported its story's facts.
 */
export function withoutWireMarks(text: string): string {
  const blank = (m: string) => ' '.repeat(m.length);
  const undated = (text.includes('(') ? text.replace(dateline, blank) : text).replace(releaseDateline, blank).replace(bareDateline, blank).replace(cityDateline, blank);
  const untagged = undated.replace(headlineTag, blank);
  // Social posts: "@bagholder_betty: Compass Point still at Sell lol, PT lowered …" reads as
  // "Compass Point still at Sell, PT lowered …" — the poster's handle and the chat words are
  // no part of the sentence's grammar.
  return untagged.includes('@') || untagged.includes('u/') || socialWord.test(untagged) ? untagged.replace(posterHandle, blank).replace(socialWords, blank) : untagged;
}

const posterHandle = /(?<=^|\n|\s)(?:@[A-Za-z0-9_]{2,30}|u\/[A-Za-z0-9_-]{2,30}):[ \t]+/g;
const chatWords = 'lol|lmao|lmfao|rofl|smh|tbh|imo|imho|fwiw|ngl';
const socialWord = new RegExp(`\\b(?:${chatWords})\\b`, 'i');
const socialWords = new RegExp(`(?<=\\S)[ \\t]+(?:${chatWords})\\b`, 'gi');
