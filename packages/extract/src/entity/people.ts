/**
 * Analysts named in a text and the firm each speaks for: "Morgan Stanley analyst Lena Okafor",
 * "analyst Marcus Ellery" (of the firm named in the same sentence), "Stifel's Kirsten Vance",
 * "Dana Whitfield, an analyst at Mizuho". Later "Okafor", "the analyst", "he" or "she" point
 * back to them, and so to their firm.
 */
import type { FirmMention } from '../entities.ts';
import { allMatches } from '../matches.ts';

export interface Analyst {
  name: string;
  surname: string;
  firm: FirmMention | null;
  start: number;
  end: number;
}

// Spaces within a line only: "China\n\nLena Ostrowski" is a headline's last word and a name.
// Letters of any script: "Carla Menéndez", "Zoë Kraus" (read with the u flag).
// "O'Brien", "Smith-Jones"; not a possessive: "Menéndez's $420 target" names Menéndez.
const personName = "\\p{Lu}\\p{Ll}+(?:[- ]\\p{Lu}\\.)?(?:[^\\S\\n]+(?:van|de|von|da|di|le|la)?[^\\S\\n]*\\p{Lu}\\p{L}*(?:['’-](?!s(?!\\p{L}))\\p{L}+)*){1,2}";
// "analyst Lena Okafor", "analysts led by Lena Okafor", "strategist Ana Ruiz".
// "The bank's analyst, Dylan Ostrander,": a comma may stand between.
// Found in two steps: the title by a plain expression (fast to scan), then the name right after it
// by a sticky one; the Unicode classes of a name make a scan of the whole text slow.
const titleBeforeName = /\b(?:[Aa]nalysts?(?:\s+led\s+by|\s+behind\s+(?:it|the\s+(?:call|move|note|downgrade|upgrade|report)))?|[Ss]trategists?|led\s+by)[,:]?\s+/g;
const nameHere = new RegExp(personName, 'uy');
// "Lena Okafor, an analyst at Mizuho" / "Lena Okafor of Mizuho".
// "Lena Ostrowski, who covers Starbucks for Jefferies": the same, said with the verb.
// Also in two steps: the title after a comma, then the name that ends right before the comma.
const titleAfterName = /,\s+(?:(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:analyst|strategist)\s+(?:at|with|for)|who\s+(?:covers|follows|rates)\s+[^,;.]{1,60}?\s+(?:for|at))\s+/g;
const nameEndingHere = new RegExp(`(?:^|[^\\p{L}])(${personName})$`, 'u');
// "Stifel's Kirsten Vance": a person after a firm's possessive.
const possessivePerson = new RegExp(`^['’]s\\s+(${personName})(?![\\p{L}])`, 'u');
const personBeforeFirm = new RegExp(`(?:^|[^\\p{L}])(${personName})\\s+of\\s+$`, 'u');
// What every match of personBeforeFirm ends with: a plain test first, as the name's Unicode
// classes are tried from every position of the window before the end can fail it.
const endsWithOf = /\sof\s+$/;

/** The line holding `position` has hardly a lower-case word: a title-case headline, not prose. */
function inTitleCaseLine(text: string, position: number): boolean {
  const line = text.slice(text.lastIndexOf('\n', position) + 1, (text.indexOf('\n', position) + 1 || text.length + 1) - 1);
  return (line.match(/\b[a-z]{4,}\b/g) ?? []).length < 2;
}
// Words that begin a capitalised run but are not a first name.
// "Analyst Actions Roundup", "Analyst Calls": a column's title, not a person.
const notFirstNames = /^(?:The|This|That|Its|Their|His|Her|Shares|Stock|Analysts?|Wall|Street|On|In|At|And|But|Chief|Senior|Lead|Research|Actions?|Calls?|Ratings?|Notes?|Picks?|Roundup|Reports?|Updates?|Says|Sees|Team|Desk)$/;

export function findAnalysts(
  text: string,
  firms: readonly FirmMention[],
  sentenceOf: (position: number) => { start: number; end: number } | null,
  /** "Kepler Cheuvreux analyst Lukas Baumann": a firm the table lacks, named right before the title. */
  firmNamedBefore: (position: number) => FirmMention | null = () => null,
): Analyst[] {
  const found: Analyst[] = [];
  const add = (name: string, start: number, firm: FirmMention | null) => {
    const clean = name.trim();
    if (notFirstNames.test(clean.split(/\s+/)[0]!)) return;
    if (firms.some((f) => start < f.end && start + clean.length > f.start)) return;
    if (found.some((a) => a.start === start)) return;
    found.push({ name: clean, surname: clean.split(/\s+/).at(-1)!, firm, start, end: start + clean.length });
  };
  const firmNear = (start: number, end: number): FirmMention | null => {
    // "Morgan Stanley analyst X": the firm right before; else the firm after "at|of|with"; else the sentence's one firm.
    const before = firms.filter((f) => f.end <= start && start - f.end <= 30).at(-1);
    if (before) return before;
    const after = firms.find((f) => f.start >= end && f.start - end <= 12 && /^\s*(?:,\s*)?(?:an?\s+analyst\s+)?(?:at|of|with|from)\s+$/i.test(text.slice(end, f.start)));
    if (after) return after;
    const sentence = sentenceOf(start);
    const inSentence = sentence ? firms.filter((f) => f.start >= sentence.start && f.end <= sentence.end) : [];
    return inSentence.length === 1 ? inSentence[0]! : null;
  };
  const firmBefore = (start: number) => firms.filter((f) => f.end <= start).at(-1) ?? null;
  for (const m of allMatches(titleBeforeName, text)) {
    nameHere.lastIndex = m.index + m[0].length;
    const name = nameHere.exec(text)?.[0];
    if (!name) continue;
    const start = m.index + m[0].length;
    // "Analyst Noah Brennan said …" after a paragraph about Goldman Sachs: the firm named before.
    add(name, start, firmNear(m.index, start + name.length) ?? firmNamedBefore(m.index) ?? firmBefore(m.index));
  }
  for (const m of allMatches(titleAfterName, text)) {
    const name = nameEndingHere.exec(text.slice(Math.max(0, m.index - 60), m.index))?.[1];
    if (!name) continue;
    const end = m.index + m[0].length;
    const after = firms.find((f) => f.start >= end && f.start - end <= 2) ?? null;
    add(name, m.index - name.length, after);
  }
  // "Harold Quist of RBC Capital Markets": a person right before "of" a firm, in prose (a
  // title-case headline's "Chipotle Upgraded Of …" or "Top Pick Of JPMorgan" names no one).
  for (const firm of firms) {
    const window = text.slice(Math.max(0, firm.start - 60), firm.start);
    const name = endsWithOf.test(window) ? personBeforeFirm.exec(window)?.[1] : undefined;
    if (!name || inTitleCaseLine(text, firm.start)) continue;
    add(name, firm.start - (/\s+of\s+$/i.exec(text.slice(0, firm.start))![0].length) - name.length, firm);
  }
  // "Stifel's Kirsten Vance cut her target": a person after a firm's possessive.
  for (const firm of firms) {
    const rest = text.slice(firm.end, firm.end + 60);
    const m = possessivePerson.exec(rest);
    if (m) add(m[1]!, firm.end + m[0].length - m[1]!.length, firm);
  }
  // "Unilever has a new fan in Helena Kessler. The Redburn Atlantic analyst, who …": a sentence
  // that opens with "The <firm> analyst" and no name speaks of the person the sentence before named last.
  for (const firm of firms) {
    if (!/(?:^|[.!?]\s+)The\s+$/.test(text.slice(Math.max(0, firm.start - 8), firm.start)) || !unnamedTitleAfter.test(text.slice(firm.end, firm.end + 24))) continue;
    const sentence = sentenceOf(Math.max(0, firm.start - 6));
    if (!sentence || sentence.end > firm.start) continue;
    let last: RegExpExecArray | null = null;
    for (const m of text.slice(sentence.start, sentence.end).matchAll(new RegExp(personName, 'gu'))) last = m as RegExpExecArray;
    if (!last || notFirstNames.test(last[0].split(/\s+/)[0]!) || last[0].trim().split(/\s+/).length < 2) continue;
    if (firms.some((f) => f.start < sentence.start + last!.index + last![0].length && f.end > sentence.start + last!.index)) continue;
    const existing = found.find((a) => a.start === sentence.start + last!.index);
    if (existing) existing.firm ??= firm;
    else add(last[0], sentence.start + last.index, firm);
  }
  return found.sort((a, b) => a.start - b.start);
}

const unnamedTitleAfter = /^\s+(?:analyst|strategist)\b(?![^\S\n]+\p{Lu})/u;

/** The analyst a subject stands for: a full name, a surname, "the analyst", "he" or "she" after one. */
export function analystFor(subject: string, position: number, analysts: readonly Analyst[]): Analyst | null {
  // "In the same note, Lindgren": the name that ends the subject.
  // "He also reiterated": an adverb after the subject is not part of it.
  // "Analyst Rebecca Tran initiated": the title before the name is no part of it.
  const words = (/(?:^|[,;]\s*)([^,;]+)$/.exec(subject.trim())?.[1] ?? subject).trim().replace(/\s+(?:also|then|now|still|again|nonetheless|nevertheless|however|meanwhile|too|likewise|instead|separately|further)$/i, '').replace(/[’']s$/, '').replace(/^(?:(?:senior|lead|chief)\s+)?(?:analyst|strategist)s?\s+(?=\S)/i, '');
  const before = analysts.filter((a) => a.start < position);
  if (/^(?:he|she|the\s+analyst)$/i.test(words)) return before.at(-1) ?? null;
  return before.findLast((a) => a.name === words || a.surname === words) ?? null;
}
