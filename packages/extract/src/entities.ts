import { researchFirms, firmAnaphora } from './lexicon/firms.ts';
import { allMatches } from './matches.ts';
import { nameEndingAt } from './names.ts';
import { displayName, entityMaster, lookupName, type AliasTable, type EntityMaster, type MasterCompany } from './entity/master.ts';
import { linkCompanies, type CompanyMention } from './entity/link.ts';
import { isSpace } from './entity/tokens.ts';
import { findAnalysts, type Analyst } from './entity/people.ts';

/** A company the text names, with its ticker when the text (or the source) gives one. */
export interface Company {
  name: string;
  ticker: string | null;
}

export interface FirmMention {
  /** As written. */
  name: string;
  /** Canonical name from the firm table, or the name as written for firms not in it. */
  id: string;
  start: number;
  end: number;
}

// Upper-case words in parentheses that are not tickers.
const notTickers = new Set([
  'CEO', 'CFO', 'COO', 'CTO', 'IPO', 'ETF', 'EPS', 'AI', 'HPC', 'GPU', 'CPU', 'US', 'USA', 'UK', 'EU',
  'IT', 'MW', 'GW', 'FY', 'YOY', 'QOQ', 'PT', 'PO', 'ESG', 'SEC', 'FDA', 'GDP', 'AUM', 'NAV', 'TTM',
  'EBITDA', 'EV', 'ADR', 'ADS', 'REIT', 'LLC', 'LP', 'PLC', 'NV', 'SA', 'AG', 'AWS', 'OEM', 'API', 'SAAS',
  'M&A', 'R&D', 'Q1', 'Q2', 'Q3', 'Q4', 'H1', 'H2', 'BTC', 'ETH', 'USD', 'EUR', 'GBP', 'CAD',
]);

// A name's own shares moving: "BNP Paribas rose 3.2%", "Citi shares fell", "Jefferies slid 6%"
// (verbs that take no object: "added Uber to its list", "dropped coverage" are a firm acting).
const sharesMoveAfter = /^(?:['’]s)?\s+(?:(?:shares|stock)\s+)?(?:rose|rises|fell|falls|slid|slides|jumped|jumps|climbed|climbs|rallied|rallies|slipped|slips|tumbled|tumbles|surged|surges|sank|plunged|was\s+(?:up|down)|(?:is|are|were|was)\s+trading)\b/i;
// A firm's name doing what only the listed company does: "JPMorgan Chase reported higher profit",
// "Goldman Sachs agreed to pay", "Wells Fargo raised its dividend" (not "raised its target": research).
const ownCorporateAct = /^(?:['’]s)?\s+(?:(?:Chase|Group|Inc\.?|Corp\.?|&\s+Co\.?)\s+)?(?:(?:reported|reports|posted|posts)(?!\s+on\b)|earned|swung|booked|beat\s+(?:analysts['’]\s+)?(?:estimates|expectations|forecasts)|missed\s+(?:analysts['’]\s+)?(?:estimates|expectations|forecasts)|(?:raised|cut|boosted|lifted|increased)\s+its\s+(?:quarterly\s+)?(?:dividend|buyback|share\s+repurchase)|agreed\s+to\s+(?:buy|acquire|pay|sell|settle)|held\s+its\s+investor\s+day|closed\s+at\s+a\s+record)\b/i;
const objectOfAction = /\b(?:upgrad(?:ed|es|ing)|downgrad(?:ed|es|ing)|cut(?:s|ting)?|rais(?:ed|es|ing)|lower(?:ed|s|ing)|lift(?:ed|s|ing)|initiat(?:ed|es|ing)|start(?:ed|s|ing)|resum(?:ed|es|ing)|reiterat(?:ed|es|ing)|mov(?:ed|es|ing)|rat(?:ed|es|ing)|on|of|for)\s+$/i;
const foreignVenue = /^\(\s*(?:TSX|TSXV|LSE|ASX|XETRA|HKEX|TSE|NEO|CSE)\s*:/;
const firmActsAfterTicker = /^\s*\([A-Z.]{1,6}\)\s+(?:Resumes|Upgrades|Downgrades|Initiates|Maintains|Reiterates|Reaffirms|Raises|Lowers|Cuts|Boosts|Assumes|Starts|Reinstates|Keeps|Lifts|Trims|Suspends|Drops|Terminates)\b/i;
const ratedPassive = /^\s+(?:was|were|is|has\s+been|had\s+been|got|gets)\s+(?:\w+\s+)?(?:upgraded|downgraded|cut|raised|lowered|lifted|initiated|started|assumed|reiterated|rated|moved|resumed)\b/i;
const exchanges = '(?:NASDAQ|Nasdaq|NYSE|NYSEAMERICAN|NYSE American|NYSEArca|AMEX|TSX|TSXV|LSE|ASX|OTC|OTCQX|OTCQB|CBOE|BATS|XETRA|HKEX|TSE|NEO|CSE)';
const tickerSource = '[A-Z][A-Z0-9]{0,5}(?:[.\\-][A-Z]{1,2})?';
// "(9988.HK)", "(7203.T)": a numeric code with its venue is a ticker too.
// "(RELIANCE.NS)", "(NOVO-B.CO)", "(HDFCBANK.NS)": a home symbol with its venue, longer than a US one.
const homeCode = '[A-Z][A-Z0-9&]{1,11}(?:-[A-Z])?\\.(?:NS|BO|CO|ST|HE|OL|AS|PA|DE|MI|MC|BR|SW|L|TO|V|AX|HK|T|KS|KQ|TW|SS|SZ|SI|JK|BK|KL|NZ|SA|MX|IS|JO|WA|VI|LS|IR)';
const parenTicker = new RegExp(`\\((?:${exchanges}\\s*:\\s*)?(?<ticker>${homeCode}|${tickerSource}|\\d{3,6}\\.[A-Z]{1,2})\\)`, 'g');
const exchangeTicker = new RegExp(`\\b${exchanges}\\s*:\\s*(?<ticker>${tickerSource})\\b`, 'g');
const cashtag = new RegExp(`(?<![\\w$])\\$(?<ticker>[A-Z]{1,6}(?:\\.[A-Z]{1,2})?)\\b`, 'g');
const parenTickerList = /\(([A-Z]{1,5}(?:\.[A-Z])?(?:\s*,\s*[A-Z]{1,5}(?:\.[A-Z])?)+)\)/g;
// "(TSE: 8035)", "(HKEX: 2015)", "(KRX: 005930)": a numeric home code after its exchange is
// that venue's listing, written as our Reuters-style code (8035.T, 2015.HK, 005930.KS).
const venueOfExchange: Readonly<Record<string, { suffix: string; digits: number }>> = {
  TSE: { suffix: 'T', digits: 4 }, TYO: { suffix: 'T', digits: 4 }, HKEX: { suffix: 'HK', digits: 4 }, SEHK: { suffix: 'HK', digits: 4 }, HKG: { suffix: 'HK', digits: 4 },
  KRX: { suffix: 'KS', digits: 6 }, KOSPI: { suffix: 'KS', digits: 6 }, KOSDAQ: { suffix: 'KQ', digits: 6 }, TWSE: { suffix: 'TW', digits: 4 },
  SSE: { suffix: 'SS', digits: 6 }, SZSE: { suffix: 'SZ', digits: 6 }, BSE: { suffix: 'BO', digits: 6 },
  // European and Indian venues write letters: "(EPA: RNO)" is RNO.PA, "(NSE: RELIANCE)" RELIANCE.NS.
  EPA: { suffix: 'PA', digits: 0 }, ETR: { suffix: 'DE', digits: 0 }, FRA: { suffix: 'F', digits: 0 }, SIX: { suffix: 'SW', digits: 0 },
  SWX: { suffix: 'SW', digits: 0 }, BIT: { suffix: 'MI', digits: 0 }, BME: { suffix: 'MC', digits: 0 }, AMS: { suffix: 'AS', digits: 0 },
  EBR: { suffix: 'BR', digits: 0 }, STO: { suffix: 'ST', digits: 0 }, OSE: { suffix: 'OL', digits: 0 }, CPH: { suffix: 'CO', digits: 0 },
  HEL: { suffix: 'HE', digits: 0 }, NSE: { suffix: 'NS', digits: 0 },
};
const numericExchangeCode = new RegExp(`\\((?<exchange>${Object.keys(venueOfExchange).join('|')})\\s*:\\s*(?<code>\\d{3,6}|[A-Z][A-Z0-9&]{0,11})\\)`, 'g');
// Reuters instrument codes: "Nvidia Corp <NVDA.O>", "Toyota <7203.T>", "SAP <SAP.DE>".
const reutersCode = /<(?<ticker>[A-Z0-9]{1,6}(?:\.[A-Z]{1,3})?)>/g;
// Suffixes of US venues in Reuters codes: the symbol alone is the listed ticker.
const usVenue = /\.(?:O|OQ|N|K|A|P|PK|Q|OB)$/;

/** The capitalised name that ends just before `end` ("Cipher Mining (CIFR)"), headline stop words excluded. */
function nameBefore(text: string, end: number): { name: string; start: number } | null {
  const trimmedEnd = text.slice(0, end).trimEnd().length;
  const span = nameEndingAt(text, trimmedEnd);
  if (!span) return null;
  const name = span.name.replace(/^(?:(?:The|In|For|And|With|At|By|On|Since|As|After|While)\s+)+/, '');
  return name ? { name, start: span.end - name.length } : null;
}

/** The first letters of the words, in capitals ("Advanced Micro Devices" → AMD); words split at spaces and "-". */
function initials(words: string): string {
  // What words.split(/[\s\-]+/).filter(Boolean).map((w) => w[0].toUpperCase()).join('') gave, without a pattern.
  let out = '';
  let atStart = true;
  for (let i = 0; i < words.length; i++) {
    const c = words.charCodeAt(i);
    if (c === 45 || isSpace(c)) atStart = true;
    else if (atStart) {
      out += words[i]!.toUpperCase();
      atStart = false;
    }
  }
  return out;
}

/** The text before the first space (what text.split(/\s+/)[0] gives of a trimmed text). */
function firstWord(text: string): string {
  for (let i = 0; i < text.length; i++) if (isSpace(text.charCodeAt(i))) return text.slice(0, i);
  return text;
}

const merged = new WeakMap<object, Readonly<Record<string, readonly string[]>>>();
function mergedFirms(extra: Readonly<Record<string, readonly string[]>>): Readonly<Record<string, readonly string[]>> {
  let table = merged.get(extra);
  if (!table) merged.set(extra, (table = { ...researchFirms, ...extra }));
  return table;
}

const speakerWords = /^(?:[A-Z]|I|I['’]m|I['’]ve|We|You|He|She|They|It|Our|My|Your|His|Her|Their|Its|Us|Me|Him|Them|HOST|GUEST|ANCHOR|REPORTER|CALLER)(?:\s+\d)?$/;

export interface EntityIndex {
  /** Every ticker the text gives explicitly, in order of first mention. */
  tickers: string[];
  companies: Company[];
  /** A company for a name as written ("Cipher’s" → Cipher Mining, CIFR), or null. */
  resolve(name: string): Company | null;
  /** The linked company mention (a name or a description) that starts at `position`, or null. */
  companyAt(position: number): CompanyMention | null;
  /** Every company mention linked to the entity master, in order. */
  mentions: CompanyMention[];
  /** The text the offsets point into. */
  text: string;
  /** Analysts the text names, with their firms (filled once the sentences are known). */
  analysts: Analyst[];
  /** The tickers written in a span (parenthesised, exchange-prefixed or cashtags). */
  tickersIn(start: number, end: number): { ticker: string; start: number; end: number }[];
  firms: FirmMention[];
  /** The firm a mention like "the bank" at `position` points back to. */
  firmBefore(position: number): FirmMention | null;
  /** Records a firm the grammar found that the table does not know ("Northwind Securities Upgrades …"). */
  rememberFirm(firm: FirmMention): void;
  knownTickers: readonly string[];
  /** The name to report for a ticker the text writes without naming the company ("$HOOD"), or null. */
  nameOfTicker(ticker: string): string | null;
}

interface TickerMention {
  ticker: string;
  start: number;
  end: number;
  /** "(AMD)" after "Advanced Micro Devices": the name's initials, a ticker only if the master says so. */
  initialsOnly?: boolean;
  /** "(TSX: CNR)", "(LSE: RIO)": a symbol of a venue outside the US, no US company's ticker. */
  foreign?: boolean;
}

export interface EntityOptions {
  firms?: Readonly<Record<string, readonly string[]>>;
  /** An operator's alias table on top of the shipped one. */
  companyAliases?: AliasTable;
}

/** Finds companies, tickers and research firms in a document. */
export function indexEntities(text: string, knownTickers: readonly string[], options: EntityOptions = {}): EntityIndex {
  const master = entityMaster(options.companyAliases);
  const mentions: TickerMention[] = [];
  const companies: Company[] = [];
  const aliases = new Map<string, Company>();
  const sharedFirstWords = new Set<string>();

  const addCompany = (name: string, ticker: string | null) => {
    const clean = name.replace(/[’']s$/, '').trim();
    if (!clean) return;
    let company = companies.find((c) => (ticker && c.ticker === ticker) || c.name === clean);
    if (!company) {
      company = { name: clean, ticker };
      companies.push(company);
    }
    if (!aliases.has(clean)) aliases.set(clean, company);
    // "Cipher Mining" is later just "Cipher": the first word names it when it is distinctive.
    const first = firstWord(clean);
    // Two companies sharing it ("Dollar General", "Dollar Tree"): the word names neither.
    if (first !== clean && first.length >= 3 && /^[A-Z]/.test(first) && !sharedFirstWords.has(first)) {
      const earlier = aliases.get(first);
      if (!earlier) aliases.set(first, company);
      else if (earlier !== company && earlier.name !== first) {
        aliases.delete(first);
        sharedFirstWords.add(first);
      }
    }
    if (ticker) aliases.set(ticker, company);
  };

  const named: { name: string; start: number; ticker: string }[] = [];
  for (const match of allMatches(parenTicker, text)) {
    // "Citigroup Inc (C.N)": a Reuters venue suffix in parentheses (not a share class like BRK.A).
    const ticker = match.groups!.ticker!.replace(/\.(?:N|O|OQ|K)$/, '');
    if (notTickers.has(ticker)) continue;
    const name = nameBefore(text, match.index);
    // "(HPC)" after "high-performance computing" defines an abbreviation, not a ticker.
    // "(TSX: CNR)" after "Canadian National Railway": with its exchange it is a ticker, whatever the initials.
    const initialsOnly = !!name && initials(name.name) === ticker && name.name.split(/\s+/).length > 1 && !match[0].includes(':');
    if (!name && !/:/.test(match[0])) {
      const lowerBefore = /([a-z][\w\-]*\s+){1,3}$/.exec(text.slice(Math.max(0, match.index - 60), match.index));
      if (lowerBefore && initials(lowerBefore[0]) === ticker) continue;
    }
    mentions.push({ ticker, start: match.index, end: match.index + match[0].length, initialsOnly, foreign: foreignVenue.test(match[0]) });
    if (name) named.push({ name: name.name, start: name.start, ticker });
  }
  for (const match of allMatches(numericExchangeCode, text)) {
    const venue = venueOfExchange[match.groups!.exchange!]!;
    const code = match.groups!.code!;
    // A letter code at a venue that lists by numbers ("(TSE: ABC)") is no code of it.
    if (/^\d/.test(code) !== venue.digits > 0) continue;
    const ticker = `${code.padStart(venue.digits, '0')}.${venue.suffix}`;
    mentions.push({ ticker, start: match.index, end: match.index + match[0].length });
    const name = nameBefore(text, match.index);
    if (name) named.push({ name: name.name, start: name.start, ticker });
  }
  // "Upgrades (XYZ, QRS)", "Initiates Coverage on (AAA, BBB, CCC)": a list of tickers in parentheses.
  for (const match of allMatches(parenTickerList, text)) {
    let at = match.index + 1;
    for (const ticker of match[1]!.split(/\s*,\s*/)) {
      const start = text.indexOf(ticker, at);
      at = start + ticker.length;
      if (!notTickers.has(ticker)) mentions.push({ ticker, start, end: start + ticker.length });
    }
  }
  for (const pattern of [exchangeTicker, cashtag, reutersCode]) {
    for (const match of allMatches(pattern, text)) {
      const written = match.groups!.ticker!;
      const ticker = pattern === reutersCode ? written.replace(usVenue, '') : written;
      if (mentions.some((m) => match.index >= m.start && match.index < m.end)) continue;
      mentions.push({ ticker, start: match.index, end: match.index + match[0].length });
      if (pattern === reutersCode) {
        const name = nameBefore(text, match.index);
        if (name) named.push({ name: name.name, start: name.start, ticker });
      }
    }
  }
  // A ticker the source names, written as a word of its own ("NFLX could get acquired").
  for (const ticker of knownTickers) {
    const word = new RegExp(`(?<![\\w$])${ticker.replace(/[.\-]/g, '\\$&')}(?![\\w])`, 'g');
    for (const match of text.matchAll(word)) {
      if (mentions.some((m) => match.index >= m.start && match.index < m.end)) continue;
      mentions.push({ ticker, start: match.index, end: match.index + match[0].length });
    }
  }
  mentions.sort((a, b) => a.start - b.start);

  const firmTable = options.firms && Object.keys(options.firms).length > 0 ? mergedFirms(options.firms) : researchFirms;
  // "JPMorgan Chase (JPM) shares fell", "upgraded Bank of America (BAC)": a name with its ticker
  // beside it is the listed company, not the research firm.
  // "JPMorgan Chase (JPM)": the ticker in parentheses is the company's, not the firm "JPM".
  // "BNP Paribas rose 3.2% after …", "Shares of Citigroup fell": a listed firm whose own shares
  // move is the company there, not a research firm acting.
  // "Citigroup was upgraded to overweight": the subject of a passive rating is the company rated.
  const ownSharesMove = (f: FirmMention) => sharesMoveAfter.test(text.slice(f.end, f.end + 40)) || ownCorporateAct.test(text.slice(f.end, f.end + 60)) || ratedPassive.test(text.slice(f.end, f.end + 40)) || /\bshares\s+of\s+$/i.test(text.slice(Math.max(0, f.start - 12), f.start));
  // "JP Morgan (JPM) Resumes Coverage Of Agilent": a firm with its own ticker that goes on to act on another is the firm.
  const actsAsFirm = (f: FirmMention) => firmActsAfterTicker.test(text.slice(f.end, f.end + 40));
  const actingFirmTickers = new Set<TickerMention>();
  const firms = findFirms(text, firmTable).filter((f) => {
    if (ownSharesMove(f)) return false;
    const own = mentions.find((m) => m.start >= f.end && m.start - f.end <= 3);
    if (own && actsAsFirm(f)) {
      actingFirmTickers.add(own);
      return true;
    }
    return !own && !mentions.some((m) => m.start < f.end && m.end > f.start && /[(<:]\s*$/.test(text.slice(Math.max(0, f.start - 8), f.start)));
  });
  for (const m of actingFirmTickers) mentions.splice(mentions.indexOf(m), 1);
  const firmIds = firmMatcher(firmTable).idOf;
  const linked = linkCompanies(text, master, mentions, new Set([...knownTickers, ...mentions.map((m) => m.ticker)]), firms);
  // "(AMD)" after "Advanced Micro Devices" is the ticker when the master links the name to it.
  const confirmed = (m: TickerMention) => {
    if (!m.initialsOnly) return true;
    if (linked.some((l) => l.kind === 'name' && l.end <= m.start && m.start - l.end <= 3 && l.company.tickers.includes(m.ticker))) return true;
    return lookupName(master, nameBefore(text, m.start)?.name ?? '')?.company.tickers.includes(m.ticker) === true;
  };
  const explicit = mentions.filter(confirmed);
  for (const n of named) if (explicit.some((m) => m.ticker === n.ticker && m.start >= n.start)) addCompany(n.name, n.ticker);
  for (const mention of linked) {
    if (mention.kind !== 'name') continue;
    // "JPMorgan raised …": a research firm's name is the firm here; a ticker written beside
    // it ("JPMorgan Chase (JPM) shares fell") still makes it the company.
    const written = explicit.find((m) => m.start >= mention.end && m.start - mention.end <= 3);
    if (!written && firms.some((f) => mention.start < f.end && mention.end > f.start)) {
      mention.ticker = tickerOf(mention.company, explicit);
      continue;
    }
    // A ticker written beside the name (a share class, a foreign line) wins over the master's primary symbol.
    mention.ticker = written ? written.ticker : tickerOf(mention.company, explicit);
    addCompany(mention.text, mention.ticker);
  }
  // "SAP SE <SAP.DE> … SAP shares fell": the code the text writes beside one mention is the
  // company's symbol in every mention of this text.
  const writtenFor = new Map<MasterCompany, string>();
  for (const mention of linked) if (mention.kind === 'name' && !mention.company.tickers.includes(mention.ticker) && !writtenFor.has(mention.company)) writtenFor.set(mention.company, mention.ticker);
  for (const mention of linked) {
    const written = writtenFor.get(mention.company);
    if (written) mention.ticker = written;
    else if (mention.kind === 'description') mention.ticker = tickerOf(mention.company, explicit);
  }
  for (const [company, written] of writtenFor) for (const c of companies) if (company.tickers.includes(c.ticker ?? '')) c.ticker = written;


  const actedOn = (firm: FirmMention) => objectOfAction.test(text.slice(Math.max(0, firm.start - 24), firm.start));

  // Names the grammar asks about, answered once per document.
  const resolved = new Map<string, Company | null>();
  const resolveName = (name: string): Company | null => {
    const clean = name.replace(/[’']s$/, '').trim();
    const local = aliases.get(clean);
    if (local) return local;
    const entry = lookupName(master, clean);
    // A name that is an everyday word counts only where the text itself linked it; a
    // research firm's name ("JPMorgan now projects …") is the firm, not the listed bank.
    if (entry && entry.needsEvidence !== 'always' && !firmIds.has(foldFirm(clean))) return { name: clean, ticker: tickerOf(entry.company, explicit) };
    // "Cipher Mining's unit": the first word of a company this text named, when the master
    // knows the whole name as no other company.
    return entry ? null : aliases.get(firstWord(clean)) ?? null;
  };

  return {
    tickers: [...new Set(explicit.map((m) => m.ticker))],
    companies,
    knownTickers,
    nameOfTicker(ticker) {
      const company = master.byTicker.get(ticker);
      return company ? displayName(company) : null;
    },
    firms,
    mentions: linked,
    text,
    analysts: [],
    resolve(name) {
      if (resolved.has(name)) return resolved.get(name)!;
      const company = resolveName(name);
      resolved.set(name, company);
      return company;
    },
    companyAt(position) {
      return linked.find((m) => m.start === position) ?? null;
    },
    tickersIn(start, end) {
      return explicit.filter((m) => m.start >= start && m.end <= end);
    },
    rememberFirm(firm) {
      // "You raised your target", "Q: …", "I'm upgrading": a speaker or a pronoun the grammar put where a firm goes.
      if (firms.some((f) => f.start === firm.start) || speakerWords.test(firm.name)) return;
      firms.push(firm);
      firms.sort((a, b) => a.start - b.start);
    },
    firmBefore(position) {
      let last: FirmMention | null = null;
      // "Morgan Stanley downgraded Wells Fargo … The brokerage kept its target": a firm named as the
      // company acted on is no antecedent of "the brokerage".
      for (const firm of firms) if (firm.end <= position && !actedOn(firm)) last = firm;
      return last;
    },
  };
}

/** The symbol to report for a company: a share class the text writes, else the primary one. */
function tickerOf(company: MasterCompany, explicit: readonly TickerMention[]): string {
  return company.tickers.find((t) => explicit.some((m) => m.ticker === t)) ?? company.ticker;
}

export type { CompanyMention, EntityMaster };

interface FirmMatcher {
  pattern: RegExp;
  idOf: Map<string, string>;
  shortAliases: Set<string>;
}

// Compiled once per firm table: one alternation of every alias, longest first.
const matchers = new WeakMap<object, FirmMatcher>();

function firmMatcher(table: Readonly<Record<string, readonly string[]>>): FirmMatcher {
  const cached = matchers.get(table);
  if (cached) return cached;
  const idOf = new Map<string, string>();
  const shortAliases = new Set<string>();
  const aliases = Object.entries(table).flatMap(([id, names]) => names.map((name) => ({ id, name })));
  for (const { id, name } of aliases) {
    idOf.set(foldFirm(name), id);
    if (name.length <= 3) shortAliases.add(name);
  }
  const names = aliases.map((a) => a.name).sort((a, b) => b.length - a.length);
  // Not the end of a hyphenated surname: "analyst Elodie Marchetti-Baird" names no Baird.
  // When every alias starts with a word character (ASCII: without the u flag no other folds to
  // one), the lookbehind already implies a word boundary there; written first, "\b" fails the
  // positions inside words before the lookbehind and the alternation are tried.
  const boundary = names.every((name) => /^\w/.test(name)) ? '\\b' : '';
  const matcher = { pattern: new RegExp(`${boundary}(?<![\\w&]|[A-Za-z]-)(?:${aliasAlternation(names)})(?![\\w&])`, 'gi'), idOf, shortAliases };
  matchers.set(table, matcher);
  return matcher;
}

/**
 * One alternative per alias, longest first, grouped by the alias's first character behind a
 * lookahead on it: "(?=b)(?:Barclays|BMO|…)|(?=c)(?:Citi|…)". A flat alternation of ~270
 * aliases tried every one at every word start; grouped, a position fails after one test per
 * group. The match is the same: aliases of different groups cannot both match at one place
 * (their first characters differ even ignoring case), and inside a group the order is kept.
 */
function aliasAlternation(names: readonly string[]): string {
  const escape = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\.\s*/g, '\\.\\s*').replace(/\s+/g, '\\s+');
  // An empty alias matches anywhere, whatever character follows: no lookahead can stand for it.
  if (names.includes('')) return names.map(escape).join('|');
  const groups = new Map<string, string[]>();
  for (const name of names) {
    const first = name[0] ?? '';
    // The lookahead each group stands behind: one letter in either case, whitespace, or any non-ASCII character.
    const guard = /\s/.test(first) ? '\\s' : first.charCodeAt(0) < 128 ? escape(first.toLowerCase()) : '[^\\x00-\\x7f]';
    let group = groups.get(guard);
    if (!group) groups.set(guard, (group = []));
    group.push(escape(name));
  }
  return [...groups].map(([guard, sources]) => `(?=${guard})(?:${sources.join('|')})`).join('|');
}

function foldFirm(name: string): string {
  return name.toLowerCase().replace(/[.\s]+/g, '');
}

function findFirms(text: string, table: Readonly<Record<string, readonly string[]>>): FirmMention[] {
  const { pattern, idOf, shortAliases } = firmMatcher(table);
  const found: FirmMention[] = [];
  for (const match of allMatches(pattern, text)) {
    const written = match[0];
    // Case-insensitive matching is for "Bank Of America"; a lower-case "cowen" is not a name,
    // and short aliases (MS, JPM) count only in their exact case.
    if (!/^[A-Z]/.test(written)) continue;
    if (written.length <= 3 && !shortAliases.has(written)) continue;
    const id = idOf.get(foldFirm(written));
    if (!id) continue;
    // As written, less a leading "The" ("The Benchmark Company" is Benchmark's).
    found.push({ name: written.replace(/^The\s+/, ''), id, start: match.index, end: match.index + written.length });
  }
  return found;
}

/** True for words that stand for a firm named earlier ("the bank"). */
export function isFirmAnaphor(words: string): boolean {
  return firmAnaphora.test(words.trim());
}
