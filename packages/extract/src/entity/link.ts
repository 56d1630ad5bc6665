/**
 * Company mentions in a text, linked to the entity master: names ("Advanced Micro Devices
 * Inc.", "Nvidia", "P&G"), and descriptions that point back to a company named before ("the
 * chipmaker", "the iPhone maker"). One pass over the words through the master's word trie.
 *
 * A name that is also an everyday word ("Target", "Gap", "Visa") or a person's or place's
 * name is a company only with evidence: a legal suffix, a ticker beside it, "shares of …",
 * "…'s shares", or a capital letter inside a sentence of prose (not at its start, not in a
 * title-case headline where every word has one). Lower-case words are never names.
 */
import type { EntityMaster, MasterCompany, TrieNode } from './master.ts';
import { isLegalSuffix } from './master.ts';
import { isSpace, tokenize, type Token } from './tokens.ts';
import { inPassing, namedAsSource } from './salience.ts';

export interface CompanyMention {
  start: number;
  end: number;
  /** As written. */
  text: string;
  company: MasterCompany;
  /** The symbol reported for it: the master's primary one, or a share class the text writes. */
  ticker: string;
  /** A name of the company, or a description resolved to one named before. */
  kind: 'name' | 'description';
}

export interface ExplicitTicker {
  ticker: string;
  start: number;
  end: number;
  /** A symbol of a venue outside the US ("(TSX: CNR)"): it says nothing of the US company with that ticker. */
  foreign?: boolean;
}

// Lower-case words a company name may hold ("Bank of America", "Procter & Gamble").
const innerWords = new Set(['of', 'and', '&', 'the', 'de', 'du', 'la', 'for']);

// After a name, words that show it is a company: "Target shares", "Gap Inc".
const companyWordsAfter = new Set(['shares', 'stock', 'stocks', 'inc', 'corp', 'co', 'ltd', 'plc', 'adr', 'adrs', 'nyse', 'nasdaq']);
// After a possessive name: "Target's quarterly revenue", "Visa's chief executive".
const businessNouns = new Set([
  'shares', 'stock', 'revenue', 'revenues', 'sales', 'profit', 'profits', 'earnings', 'results', 'quarter', 'quarterly', 'annual',
  'fiscal', 'outlook', 'guidance', 'forecast', 'ceo', 'cfo', 'chief', 'board', 'market', 'stores', 'store', 'customers', 'deal',
  'acquisition', 'bid', 'offer', 'dividend', 'buyback', 'valuation', 'margin', 'margins', 'net', 'operating', 'same-store', 'comparable',
  'first-quarter', 'second-quarter', 'third-quarter', 'fourth-quarter', 'full-year', 'bonds', 'debt', 'credit', 'rating', 'price',
]);
// In a title-case headline these next to an everyday-word name mean the everyday word:
// "Price Target", "Trade Gap", "Mind the Gap".
const everydayNeighbours = new Set([
  'price', 'prices', 'target', 'targets', 'sales', 'revenue', 'earnings', 'profit', 'trade', 'funding', 'wealth', 'income', 'pay',
  'gender', 'skills', 'growth', 'hits', 'hit', 'misses', 'miss', 'meets', 'beats', 'raises', 'lowers', 'cuts', 'sets', 'new', 'pt',
  'widening', 'narrowing', 'closing', 'closes', 'valuation', 'inflation', 'output', 'mind', 'generation', 'digital', 'energy',
]);

interface Candidate {
  first: number;
  last: number;
  company: MasterCompany;
  needsEvidence: 'none' | 'headline' | 'always';
  evidence: boolean;
  /** The symbol written beside the name on a venue outside the US ("Canadian National Railway (TSX: CNR)"). */
  written?: string;
}

export function linkCompanies(
  text: string,
  master: EntityMaster,
  explicit: readonly ExplicitTicker[] = [],
  knownTickers: ReadonlySet<string> = new Set(),
  /** Research firms acting as firms ('Morgan Stanley raised …'): no description points back to them. */
  firmSpans: readonly { start: number; end: number }[] = [],
): CompanyMention[] {
  const tokens = tokenize(text);
  const titleCase = titleCaseTokens(text, tokens);
  const candidates: Candidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!token.capitalised || token.text === '&') continue;
    const found = longestName(text, tokens, i, master.names);
    if (!found) continue;
    // "D.R. Horton (DHI)": a ticker written in parentheses is that ticker, not the name of DHI Group.
    if (explicit.some((t) => t.start <= token.start && t.end >= tokens[found.last]!.end && text[t.start] === '(')) {
      i = found.last;
      continue;
    }
    // "Bluefen Energy": a registered or everyday-word name that starts inside a longer
    // capitalised name is part of that other name ("Energy" is not ENERGY INC there).
    const previous = tokens[i - 1];
    if ((!found.entry.curated || found.entry.needsEvidence !== 'none') && previous?.capitalised && !previous.possessive && previous.text !== '&' && gapIsName(text, previous, token) && !innerWords.has(previous.key) && !(atSentenceStart(text, previous.start) && master.commonWords.has(previous.key))) {
      i = found.last;
      continue;
    }
    let last = found.last;
    let suffixed = false;
    while (last + 1 < tokens.length && isLegalSuffix(tokens[last + 1]!.key) && tokens[last + 1]!.capitalised && gapIsName(text, tokens[last]!, tokens[last + 1]!)) {
      last++;
      suffixed = true;
    }
    const company = found.entry.company;
    // "Delta Data (DLTA)": a ticker of another company written beside the name says it is another company.
    const beside = explicit.find((t) => t.start >= tokens[last]!.end && t.start - tokens[last]!.end <= 3);
    const besideCompany = beside ? master.byTicker.get(beside.ticker) : undefined;
    // A foreign line the master does not list ("Toyota Motor Corp <7203.T>") is this company's own code.
    if (beside && besideCompany && besideCompany !== company && !beside.foreign) {
      i = last;
      continue;
    }
    // "Delta Data", "Target Hospitality", "Marcus Ellery": an everyday-word or registered name
    // that runs on into more capitalised words is another name (our aliases may: "Apple iPhone").
    const next = tokens[last + 1];
    if ((found.entry.needsEvidence !== 'none' || !found.entry.curated) && !suffixed && !titleCase[i] && next?.capitalised && !next.possessive && gapIsName(text, tokens[last]!, next) && !companyWordsAfter.has(next.key)) {
      i = last;
      continue;
    }
    const evidence = suffixed || beside !== undefined || hasEvidence(text, tokens, i, last, company, explicit, knownTickers);
    candidates.push({ first: i, last, company, needsEvidence: found.entry.needsEvidence, evidence, ...(beside?.foreign && !company.tickers.includes(beside.ticker) ? { written: beside.ticker } : {}) });
    i = last;
  }

  // A company named with evidence, or plainly in prose, vouches for its other mentions.
  const plain = (c: Candidate) => c.evidence || (c.needsEvidence === 'headline' && !titleCase[c.first]);
  const vouched = new Set(candidates.filter(plain).map((c) => c.company));
  const mentions: CompanyMention[] = [];
  for (const c of candidates) {
    if (!c.evidence && c.needsEvidence !== 'none') {
      if (c.needsEvidence === 'always' && !vouched.has(c.company)) continue;
      if (c.needsEvidence === 'headline' && titleCase[c.first]) {
        // Still the everyday word in "Price Target" even when the company is named elsewhere.
        if (!vouched.has(c.company) || nextToEverydayWord(tokens, c.first, c.last)) continue;
      }
      if (c.needsEvidence === 'always' && (titleCase[c.first] || atSentenceStart(text, tokens[c.first]!.start)) && nextToEverydayWord(tokens, c.first, c.last)) continue;
    }
    const lastToken = tokens[c.last]!;
    const start = tokens[c.first]!.start;
    // "Alphabet's": the mention is the name.
    const end = lastToken.possessive ? lastToken.end - 2 : lastToken.end;
    // "(HKEX: 2015)": the exchange before a code is where the company lists, not a company of the text.
    if (text[start - 1] === '(' && /^\s*:/.test(text.slice(end, end + 2))) continue;
    mentions.push({ start, end, text: text.slice(start, end), company: c.company, ticker: c.written ?? c.company.ticker, kind: 'name' });
  }
  const companies = mentions.filter((m) => !firmSpans.some((f) => m.start < f.end && m.end > f.start));
  return [...mentions, ...findDescriptions(tokens, text, master, companies)].sort((a, b) => a.start - b.start);
}

function longestName(text: string, tokens: readonly Token[], from: number, root: TrieNode) {
  const walked = walkName(text, tokens, from, root, false);
  // "Domino's Pizza": "Domino's Pizza Group" and DOMINOS PIZZA both start here; read it both ways, the longer wins.
  if (!walked.forked) return walked.best;
  const joinedFirst = walkName(text, tokens, from, root, true).best;
  return joinedFirst && (!walked.best || joinedFirst.last > walked.best.last) ? joinedFirst : walked.best;
}

function walkName(text: string, tokens: readonly Token[], from: number, root: TrieNode, preferJoined: boolean) {
  let forked = false;
  let node: TrieNode | undefined = root;
  let best: { last: number; entry: NonNullable<TrieNode['entry']> } | null = null;
  for (let j = from; j < tokens.length && node; j++) {
    const token = tokens[j]!;
    // "SK hynix", "Bank of America": a lower-case word continues a name only as an inner word or
    // where a curated alias written in lower case ends on it.
    if (j > from && !token.capitalised && !innerWords.has(token.key) && !node.next.get(token.key)?.entry?.curated) break;
    // "Apple Inc. (AAPL) and Target": a name does not run over punctuation other than "." and "&".
    if (j > from && !gapIsName(text, tokens[j - 1]!, token)) break;
    // "Children's Place", "Kohl's": the SEC writes the possessive without its apostrophe ("CHILDRENS PLACE").
    const joinedNode: TrieNode | undefined = token.possessive ? node.next.get(`${token.key}s`) : undefined;
    const plainNode: TrieNode | undefined = node.next.get(token.key);
    if (plainNode && joinedNode) forked = true;
    const plain: TrieNode | undefined = preferJoined && joinedNode ? undefined : plainNode;
    const joined: TrieNode | undefined = !plain ? joinedNode : undefined;
    node = plain ?? joined;
    if (!node) break;
    const entry = node.entry;
    if (entry && (!entry.possessive || token.possessive) && (token.capitalised || (j > from && entry.curated)) && (!entry.capitalsOnly || isCapitals(token.text))) best = { last: j, entry };
    // "Apple's Tim Cook": a possessive ends the name.
    if (token.possessive && !(entry?.possessive) && !joined) break;
  }
  return { best, forked };
}

function isCapitals(word: string): boolean {
  return word.replace(/[’']s$/, '') === word.replace(/[’']s$/, '').toUpperCase();
}

/**
 * Only spaces, hyphens, "." or "&" between two words of one name. A word keeps the period of
 * an abbreviation ("Inc.", "J.P."), so a period left in the gap ends a sentence ("… on
 * Wednesday. Adyen jumped …"), except after an initial ("D. R. Horton").
 */
function gapIsName(text: string, a: Token, b: Token): boolean {
  // What /^[\s.\-&]*$/, /\n\s*\n/ and /\.\s/ said of the gap, read by code unit: it is checked
  // between most pairs of neighbouring words.
  if (b.start - a.end > 3) return false;
  let newline = false;
  let stopThenSpace = false;
  for (let i = a.end; i < b.start; i++) {
    const c = text.charCodeAt(i);
    const space = isSpace(c);
    if (!space && c !== 46 && c !== 45 && c !== 38) return false;
    // A second line break with only spaces since the first: a blank line.
    if (c === 10 && newline) return false;
    if (!space) newline = false;
    else if (c === 10) newline = true;
    if (space && i > a.end && text.charCodeAt(i - 1) === 46) stopThenSpace = true;
  }
  return !stopThenSpace || a.text.length === 1;
}

function hasEvidence(text: string, tokens: readonly Token[], first: number, last: number, company: MasterCompany, explicit: readonly ExplicitTicker[], known: ReadonlySet<string>): boolean {
  const end = tokens[last]!.end;
  const start = tokens[first]!.start;
  if (company.tickers.some((t) => known.has(t))) return true;
  const next = tokens[last + 1];
  const lastToken = tokens[last]!;
  if (next && next.start - end <= 2) {
    if (lastToken.possessive && businessNouns.has(next.key)) return true;
    if (!lastToken.possessive && companyWordsAfter.has(next.key)) return true;
  }
  const before = text.slice(Math.max(0, start - 20), start).toLowerCase();
  return /\b(?:shares|stock|stake|investment)\s+(?:of|in)\s+$/.test(before);
}

function nextToEverydayWord(tokens: readonly Token[], first: number, last: number): boolean {
  const prev = tokens[first - 1];
  const next = tokens[last + 1];
  return (prev !== undefined && everydayNeighbours.has(prev.key)) || (next !== undefined && everydayNeighbours.has(next.key));
}

/** Whether each token stands in a line written in title case (a headline), where capitals say nothing. */
function titleCaseTokens(text: string, tokens: readonly Token[]): boolean[] {
  const flags = new Array<boolean>(tokens.length).fill(false);
  let i = 0;
  while (i < tokens.length) {
    const newline = text.indexOf('\n', tokens[i]!.start);
    const lineEnd = newline < 0 ? text.length : newline;
    let j = i;
    let long = 0;
    let capital = 0;
    while (j < tokens.length && tokens[j]!.start < lineEnd) {
      const t = tokens[j]!;
      if (t.text.length >= 4 && hasLetter(t.text)) {
        long++;
        if (t.capitalised) capital++;
      }
      j++;
    }
    const isTitle = long >= 2 && capital / long >= 0.75;
    for (let k = i; k < j; k++) flags[k] = isTitle;
    i = j === i ? i + 1 : j;
  }
  return flags;
}

/**
 * Whether `position` opens a sentence: only spaces, quotes and brackets (/[\s"“‘'(\[]/) back to a
 * line break, the text's start or a stop (/[.!?:;—–-]/). Read by code unit, not with a pattern
 * per character: it runs for every word of the text.
 */
function atSentenceStart(text: string, position: number): boolean {
  let i = position - 1;
  while (i >= 0 && opensBefore(text.charCodeAt(i))) {
    if (text.charCodeAt(i) === 10) return true;
    i--;
  }
  if (i < 0) return true;
  const c = text.charCodeAt(i);
  // . ! ? : ; — – -
  return c === 46 || c === 33 || c === 63 || c === 58 || c === 59 || c === 0x2014 || c === 0x2013 || c === 45;
}

/** /[\s"“‘'(\[]/ for one code unit: JavaScript's \s, then " “ ‘ ' ( [. */
function opensBefore(c: number): boolean {
  return isSpace(c) || c === 34 || c === 39 || c === 40 || c === 91 || c === 0x201c || c === 0x2018;
}

/**
 * "the chipmaker", "the iPhone maker", "the company": each points back to the nearest
 * company named before it that fits (its kinds include the descriptor's, or nothing is known
 * of its kinds); a company's own description names it outright.
 */
function findDescriptions(tokens: readonly Token[], text: string, master: EntityMaster, names: readonly CompanyMention[]): CompanyMention[] {
  const found: CompanyMention[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const head = tokens[i]!.key;
    if (head !== 'the' && head !== 'its' && head !== 'their') continue;
    let node: TrieNode | undefined = master.descriptors;
    let best: { last: number; descriptor: NonNullable<TrieNode['descriptor']> } | null = null;
    for (let j = i + 1; j < tokens.length && node; j++) {
      if (!gapIsName(text, tokens[j - 1]!, tokens[j]!)) break;
      node = node.next.get(tokens[j]!.key);
      if (node?.descriptor) best = { last: j, descriptor: node.descriptor };
    }
    // "the engine maker", "the Paris-based drugmaker": an unlisted phrase ending in a noun that
    // names a business stands for the company named last.
    if (!best && head === 'the') best = headNounDescription(tokens, i);
    if (!best) continue;
    // "its shares" / "their stock" only: "its chipmaker" is not a description.
    const generic = 'kind' in best.descriptor && best.descriptor.kind === 'any';
    if (head !== 'the' && !generic) continue;
    const start = tokens[i]!.start;
    const end = tokens[best.last]!.end;
    const after = tokens[best.last + 1];
    // "the company's" is fine; "the chipmaker industry" or "the stock market" is not a mention.
    if (after && !tokens[best.last]!.possessive && /^(?:market|markets|industry|sector|index|exchange|world|space|business)$/.test(after.key)) continue;
    let company: MasterCompany | null = null;
    if ('company' in best.descriptor) {
      company = best.descriptor.company;
      // "Piper Sandler upgraded Etsy … the online marketplace": a description in everyday words (no
      // brand, place or name in it) stands for the company the text named, not for another it never names.
      const everyday = !/[A-Z]/.test(text.slice(tokens[i + 1]!.start, end));
      const own = company;
      if (everyday && !names.some((m) => m.company === own)) {
        const named = names.findLast((m) => m.start < start && (m.company.kinds.length === 0 || m.company.kinds.some((k) => own.kinds.includes(k))));
        if (named) company = named.company;
      }
    }
    // "the stock", "its shares", "the engine maker": the company named last; "the company", "the group": the article's subject.
    else if (best.descriptor.kind === 'recent' || (best.descriptor.kind === 'any' && /^(?:stock|shares)$/.test(tokens[best.last]!.key))) company = names.findLast((m) => m.start < start && !inPassing.test(text.slice(Math.max(0, m.start - 40), m.start)) && !namedAsSource(text, m))?.company ?? null;
    else if (best.descriptor.kind === 'any') company = mostNamedBefore(names, start)?.company ?? null;
    else {
      const kind = best.descriptor.kind;
      for (let k = names.length - 1; k >= 0; k--) {
        const m = names[k]!;
        if (m.start >= start || namedAsSource(text, m)) continue;
        if (m.company.kinds.length === 0 || m.company.kinds.includes(kind)) {
          company = m.company;
          break;
        }
      }
    }
    if (!company) continue;
    found.push({ start, end, text: text.slice(start, end), company, ticker: company.ticker, kind: 'description' });
    i = best.last;
  }
  // "iPhone maker moved up to buy at Loop Capital": a headline drops the article; a description
  // naming its own company may open a sentence without it.
  for (let i = 0; i < tokens.length; i++) {
    if (!atSentenceStart(text, tokens[i]!.start) || found.some((f) => f.start <= tokens[i]!.start && tokens[i]!.start < f.end)) continue;
    let node: TrieNode | undefined = master.descriptors;
    let best: { last: number; company: MasterCompany } | null = null;
    for (let j = i; j < tokens.length && node; j++) {
      if (j > i && !gapIsName(text, tokens[j - 1]!, tokens[j]!)) break;
      node = node.next.get(tokens[j]!.key);
      if (node?.descriptor && 'company' in node.descriptor) best = { last: j, company: node.descriptor.company };
    }
    // "iPhone Maker Foxconn To Produce …": a description before a name only says what the name is.
    const after = best ? tokens[best.last + 1] : undefined;
    if (!best || (after?.capitalised && gapIsName(text, tokens[best.last]!, after))) continue;
    const [start, end] = [tokens[i]!.start, tokens[best.last]!.end];
    found.push({ start, end, text: text.slice(start, end), company: best.company, ticker: best.company.ticker, kind: 'description' });
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * "the company", "the stock": the company the text has named most before `position` (the
 * article's main subject), the most recent one on a tie, with its first name-form mention.
 * A press release's customer named last is not "the Company". Mentions `skip` rejects (a
 * research firm acting as the firm) do not count.
 */
export function mostNamedBefore(mentions: readonly CompanyMention[], position: number, skip: (m: CompanyMention) => boolean = () => false): { company: MasterCompany; mention: CompanyMention } | null {
  const counts = new Map<MasterCompany, { count: number; last: number; mention: CompanyMention }>();
  for (const m of mentions) {
    if (m.start >= position) break;
    if (skip(m)) continue;
    const c = counts.get(m.company);
    counts.set(m.company, { count: (c?.count ?? 0) + 1, last: m.start, mention: c && (c.mention.kind === 'name' || m.kind !== 'name') ? c.mention : m });
  }
  let best: { company: MasterCompany; mention: CompanyMention } | null = null;
  let bestScore = { count: 0, last: -1 };
  for (const [company, score] of counts) {
    if (score.count > bestScore.count || (score.count === bestScore.count && score.last > bestScore.last)) {
      best = { company, mention: score.mention };
      bestScore = score;
    }
  }
  return best;
}

// Head nouns of descriptions not in the table: the business a company is ("the engine maker").
const businessHeads = new Set(['maker', 'manufacturer', 'producer', 'operator', 'provider', 'owner', 'parent', 'retailer', 'chain', 'giant', 'carrier', 'insurer', 'developer', 'supplier', 'designer', 'lender', 'miner', 'company', 'conglomerate', 'grocer', 'airline', 'automaker', 'drugmaker', 'chipmaker', 'brewer', 'group']);

function headNounDescription(tokens: readonly Token[], the: number): { last: number; descriptor: { kind: string } } | null {
  // Up to three lower-case (or hyphenated) words, then the head noun: "the Swiss engine maker" is fine too.
  for (let j = the + 1; j < tokens.length && j <= the + 4; j++) {
    const t = tokens[j]!;
    if (businessHeads.has(t.key) && j > the + 1) return { last: j, descriptor: { kind: 'recent' } };
    if (!/^[a-z][a-z-]*$/.test(t.text) && !/^[A-Z][a-z]+(?:-[a-z]+)?$/.test(t.text)) return null;
  }
  return null;
}

function hasLetter(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i) | 0x20;
    if ((c >= 97 && c <= 122) || word.charCodeAt(i) >= 0xc0) return true;
  }
  return false;
}
