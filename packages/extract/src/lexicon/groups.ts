/**
 * Plural nouns that make a name a group of companies, not one company: "Initiates Coverage On
 * Specialty Retailers", "Cuts Targets On Most US Autos, Auto Parts Stocks". An analyst event on
 * a group names no company. Add a sector word: one entry.
 */
// Only words that end no company's name: not "Group", "Industries", "Brands", "Stores",
// "Restaurants", "Airlines", "Parts" or "Payments" (Darden Restaurants, Advance Auto Parts).
export const groupNouns: readonly string[] = [
  'stocks', 'names', 'equities', 'peers', 'sector', 'sectors', 'retailers', 'automakers', 'autos', 'carmakers',
  'banks', 'lenders', 'insurers', 'reits', 'homebuilders', 'miners', 'refiners', 'chipmakers', 'semis', 'biotechs',
  'pharmas', 'drugmakers', 'medtechs', 'telecoms', 'telcos', 'fintechs', 'truckers', 'railroads',
];

const groupWord = new RegExp(`(?:^|\\s)(?:${groupNouns.join('|')})$`, 'i');

// "Three Media Companies", "Five Chip Names": a count before a plural is a group, whatever the noun.
const countedGroup = /^(?:two|three|four|five|six|seven|eight|nine|ten|several|\d+)\s+(?:[A-Z][\w-]*\s+)*[A-Z][\w-]*s$/i;

/** "Specialty Retailers", "Auto Parts Stocks", "Three Media Companies": a name ending in a group noun or counted. */
export function namesGroup(name: string): boolean {
  return groupWord.test(name.trim()) || countedGroup.test(name.trim());
}

// Written in lower case after a name ("European airlines", "three nuclear energy companies"),
// more words say a group: a company's own name is capitalised.
const lowerGroupWord = /^(?:airlines|carriers|companies|firms|makers|producers|stores|chains|brands|operators|suppliers|utilities|groups|players|peers|rivals|developers|manufacturers|automakers|carmakers|chipmakers|retailers|insurers|lenders|banks|miners)$/;

/** A lower-case plural after a name that makes it a group ("European airlines"). */
export function lowerCaseGroup(word: string): boolean {
  return lowerGroupWord.test(word);
}
