/**
 * The entity master: every listed company we can name, from the SEC's list of filers
 * (`data/sec-company-tickers.json`, public domain) plus our alias table
 * (`data/company-aliases.json`: how news names companies, descriptions, industry kinds) and
 * any table an operator adds. Built once per alias table into a word trie, so finding every
 * name in a text is one pass over its words whatever the number of companies.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { researchFirms } from '../lexicon/firms.ts';
import { nameKeys } from './tokens.ts';

export interface MasterCompany {
  /** The primary listed symbol (the SEC list's first row for the filer: GOOGL before GOOG). */
  ticker: string;
  /** Every symbol of the filer (share classes). */
  tickers: string[];
  /** The registered name, or the first alias for companies outside the SEC list. */
  name: string;
  /** Position in the SEC list (ordered by size): a smaller number is a larger company. */
  rank: number;
  /** Industry words a descriptor is checked against ("semis" for "the chipmaker"). */
  kinds: string[];
  /** The name news gives it, from our alias table ("Nvidia" for NVIDIA CORP), when we have one. */
  display?: string;
}

export interface NameEntry {
  company: MasterCompany;
  /** From our alias table: how news writes the name, trusted over registered names. */
  curated: boolean;
  /**
   * How much the name needs from its context: `none` (Nvidia), `headline` (a curated alias
   * that is an everyday word in a title-case headline: "Price Target"), `always` (a registered
   * name that is an everyday word or a person's or place's name: "Energy", "Jack").
   */
  needsEvidence: 'none' | 'headline' | 'always';
  /** The name ends in a possessive that belongs to it ("Lowe's"). */
  possessive: boolean;
  /** Written in capitals ("UPS", "AMD"): it is the name only in capitals ("Ups" is a verb). */
  capitalsOnly: boolean;
}

export interface TrieNode {
  next: Map<string, TrieNode>;
  entry?: NameEntry;
  /** For descriptor phrases: what they fit ("semis", "any") or one company outright. */
  descriptor?: { kind: string } | { company: MasterCompany };
}

export interface EntityMaster {
  names: TrieNode;
  descriptors: TrieNode;
  byTicker: Map<string, MasterCompany>;
  /** Lower-case everyday words and capitalised names of people and places. */
  commonWords: ReadonlySet<string>;
}

const aliasEntry = z.strictObject({
  aliases: z.array(z.string().min(1).max(100)).max(50).default([]),
  descriptions: z.array(z.string().min(1).max(100)).max(50).default([]),
  kinds: z.array(z.string().min(1).max(40)).max(20).default([]),
  /** Aliases that are everyday words in a title-case headline too ("Target", "Gap"). */
  ambiguous: z.array(z.string().min(1).max(100)).max(50).default([]),
  /** Names that mostly mean a market, an index or an exchange ("Nasdaq", "Dow"). */
  marketNames: z.array(z.string().min(1).max(100)).max(50).default([]),
  /** Names that are also an everyday word, a place or a surname ("Next", "Santos"): evidence needed everywhere. */
  commonNames: z.array(z.string().min(1).max(100)).max(50).default([]),
  /** For a company the SEC list lacks (a foreign listing): its name. */
  name: z.string().min(1).max(200).optional(),
  /** The Reuters code where it differs from the exchange symbol the entry is keyed by (LVMH.PA for MC.PA). */
  ric: z.string().min(1).max(20).optional(),
});
export const aliasTableSchema = z.strictObject({
  about: z.string().optional(),
  companies: z.record(z.string().regex(/^[A-Z0-9][A-Z0-9.\-]{0,11}$/, 'a ticker in upper case'), aliasEntry),
});
export type AliasTable = z.input<typeof aliasTableSchema>;

const descriptorTableSchema = z.strictObject({ about: z.string().optional(), descriptors: z.record(z.string(), z.string()) });
interface SecRow {
  cik_str: number;
  ticker: string;
  title: string;
}

/** The shipped SEC file, checked by hand: zod over its 10,000 rows cost a tenth of a second at every start. */
function secRows(value: unknown): SecRow[] {
  if (typeof value !== 'object' || value === null) throw new Error('sec-company-tickers.json: not an object');
  const rows = Object.values(value as Record<string, SecRow>);
  for (const row of rows) {
    if (typeof row?.cik_str !== 'number' || typeof row.ticker !== 'string' || typeof row.title !== 'string') throw new Error(`sec-company-tickers.json: bad row ${JSON.stringify(row)}`);
  }
  return rows;
}

const dataFile = (name: string) => fileURLToPath(new URL(`../../data/${name}`, import.meta.url));
const readJson = (name: string): unknown => JSON.parse(readFileSync(dataFile(name), 'utf8'));

// Words that end a registered name without being how anyone says it: "AMAZON COM INC",
// "Alibaba Group Holding Ltd", "ELI LILLY & Co".
const legalSuffixes = new Set([
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'cos', 'companies', 'ltd', 'limited', 'plc', 'llc', 'lp', 'llp',
  'sa', 'ag', 'nv', 'se', 'spa', 'ab', 'asa', 'oyj', 'holdings', 'holding', 'group', 'com', '&', 'the', 'de', 'bv', 'kgaa', 'sab', 'cv',
]);

/** Registered name → the words news would use: "BANK OF AMERICA CORP /DE/" → bank of america. */
export function coreKeys(title: string): string[] {
  const cleaned = title.replace(/\s*\/[A-Za-z]*\/?\s*$/, '').replace(/\/$/, '').replace(/^the\s+/i, '');
  const keys = nameKeys(cleaned).keys;
  while (keys.length > 1 && legalSuffixes.has(keys.at(-1)!)) keys.pop();
  return keys;
}

// Words of a registered name that say the trade, not the name ("Synchrony Financial", "Caesars
// Entertainment", "Burlington Stores"). Not place-like or everyday trades ("Networks": Palo Alto;
// "Energy": Duke), whose remainder is too often something else.
const tradeWords = new Set(['automotive', 'foods', 'restaurants', 'petroleum', 'aerospace', 'interactive', 'semiconductors', 'software', 'systems', 'enterprise', 'financial', 'financials', 'bancorp', 'bancorporation', 'bancshares', 'banc', 'entertainment', 'stores', 'brands', 'technologies', 'industries', 'enterprises', 'communications', 'pharmaceuticals', 'therapeutics', 'biosciences', 'biotherapeutics', 'solutions', 'worldwide', 'international']);
// The SEC list is ordered by size: its first rows are the companies news writes about by a short name.
const shortFormRankLimit = 2500;

/** "o reilly automotive" → "o'reilly automotive": a lone "O" before a word was an apostrophe name. */
function withApostrophe(keys: readonly string[]): string[] | null {
  const at = keys.findIndex((k, i) => k === 'o' && i + 1 < keys.length && /^[a-z]{3,}$/.test(keys[i + 1]!));
  if (at < 0) return null;
  return [...keys.slice(0, at), `o'${keys[at + 1]}`, ...keys.slice(at + 2)];
}

/** The shorter names a registered title is written by: before a comma, then without trailing trade words. */
export function shortForms(title: string): string[][] {
  const out: string[][] = [];
  const full = coreKeys(title);
  const beforeComma = title.includes(',') ? coreKeys(title.split(',')[0]!) : full;
  let keys = beforeComma.length < full.length ? beforeComma : full;
  if (keys !== full) out.push(keys);
  while (keys.length > 1 && (tradeWords.has(keys.at(-1)!) || legalSuffixes.has(keys.at(-1)!))) {
    keys = keys.slice(0, -1);
    out.push(keys);
  }
  // One short word ("Ally", "Lam") is too often something else; three letters or fewer is an abbreviation.
  return out.filter((k) => k.join(' ').length >= 4 && !(k.length === 1 && k[0]!.length < 4));
}

/**
 * The ways news writes a registered name that puts a person's surname before their initials:
 * ["horton", "d", "r"] → "d r horton" and "dr horton" ("D. R. Horton", "D.R. Horton"); ["price",
 * "t", "rowe"] → "t rowe price"; ["hunt", "j", "b", "transport", "services"] → "j b hunt" and
 * "j b hunt transport services". None when the second word is no initial ("NOVO NORDISK A S").
 */
export function personNameForms(keys: readonly string[]): string[][] {
  if (keys.length < 3 || keys[0]!.length < 3 || keys[1]!.length !== 1 || !/^[a-z]$/.test(keys[1]!)) return [];
  let end = 1;
  while (end < keys.length && /^[a-z]$/.test(keys[end]!)) end++;
  const initials = keys.slice(1, end);
  // "PRICE T ROWE": one initial and a middle name.
  const middle = initials.length === 1 && end < keys.length ? [keys[end++]!] : [];
  if (initials.length === 1 && middle.length === 0) return [];
  const surname = keys[0]!;
  const rest = keys.slice(end);
  const heads = [[...initials, ...middle, surname], ...(initials.length > 1 ? [[initials.join(''), ...middle, surname]] : [])];
  return heads.flatMap((head) => (rest.length > 0 ? [head, [...head, ...rest]] : [head]));
}

export function isLegalSuffix(key: string): boolean {
  return legalSuffixes.has(key) && key !== '&' && key !== 'the' && key !== 'de';
}

function insert(root: TrieNode, keys: readonly string[]): TrieNode {
  let node = root;
  for (const key of keys) {
    let next = node.next.get(key);
    if (!next) node.next.set(key, (next = { next: new Map() }));
    node = next;
  }
  return node;
}

function registeredNeedsEvidence(keys: readonly string[], common: ReadonlySet<string>): NameEntry['needsEvidence'] {
  if (keys.length === 1) {
    const [key] = keys as [string];
    const capitalised = key.charAt(0).toUpperCase() + key.slice(1);
    return common.has(key) || common.has(capitalised) ? 'always' : 'none';
  }
  // "Energy Transfer", "Capital One": every word an everyday word.
  return keys.every((k) => common.has(k) || legalSuffixes.has(k)) ? 'headline' : 'none';
}

let defaultMasterCache: EntityMaster | null = null;
const withExtra = new WeakMap<object, EntityMaster>();

/** The master from the shipped data, with an operator's alias table on top when given. */
export function entityMaster(extra?: AliasTable): EntityMaster {
  if (!extra) return (defaultMasterCache ??= buildMaster([]));
  let master = withExtra.get(extra);
  if (!master) withExtra.set(extra, (master = buildMaster([aliasTableSchema.parse(extra)])));
  return master;
}

export function buildMaster(extraTables: z.output<typeof aliasTableSchema>[]): EntityMaster {
  // Our US table, then listings outside the SEC list in their Reuters codes ("TSCO.L"), then the operator's.
  const curatedTables = [aliasTableSchema.parse(readJson('company-aliases.json')), aliasTableSchema.parse(readJson('company-aliases-intl.json')), ...extraTables];
  const descriptorTable = descriptorTableSchema.parse(readJson('descriptors.json'));
  const commonWords = new Set(readFileSync(dataFile('common-words.txt'), 'utf8').split('\n').filter(Boolean));

  const byTicker = new Map<string, MasterCompany>();
  const byCik = new Map<number, MasterCompany>();
  const rows = secRows(readJson('sec-company-tickers.json'));
  rows.forEach((row, rank) => {
    let company = byCik.get(row.cik_str);
    if (!company) byCik.set(row.cik_str, (company = { ticker: row.ticker, tickers: [], name: row.title, rank, kinds: [] }));
    company.tickers.push(row.ticker);
    if (!byTicker.has(row.ticker)) byTicker.set(row.ticker, company);
  });

  // "FITBI" first in the SEC list for Fifth Third: a preferred, warrant, unit or rights line (or an
  // OTC "F") is reported as the common stock it extends ("FITB"); class shares ("GOOGL", "FOXA") stay.
  for (const company of byCik.values()) {
    const common = company.tickers.find((t) => t !== company.ticker && company.ticker.startsWith(t) && /^(?:[WURIOP]|-[A-Z]{1,2}|O?F)$/.test(company.ticker.slice(t.length)));
    if (common) company.ticker = common;
  }

  const names: TrieNode = { next: new Map() };
  const descriptors: TrieNode = { next: new Map() };
  const place = (written: string, company: MasterCompany, curated: boolean, evidence: NameEntry['needsEvidence'] = 'none') => {
    const { keys, possessive } = nameKeys(written);
    if (keys.length === 0) return;
    const node = insert(names, keys);
    const needsEvidence = curated ? evidence : registeredNeedsEvidence(keys, commonWords);
    // Only for our aliases: registered (SEC) titles are all written in capitals.
    const capitalsOnly = curated && keys.length === 1 && /^[A-Z]{2,5}$/.test(written.trim());
    const entry: NameEntry = { company, curated, possessive, needsEvidence, capitalsOnly };
    const held = node.entry;
    // Curated beats registered; between two registered names, the larger company.
    if (!held || (curated && !held.curated) || (curated === held.curated && !curated && company.rank < held.company.rank) || (curated && held.curated)) node.entry = entry;
  };

  for (const company of byCik.values()) {
    const keys = coreKeys(company.name);
    // One- and two-letter remainders ("GE HealthCare" aside) are abbreviations, not names.
    if (keys.join('').length < 3) continue;
    place(keys.join(' '), company, false);
    // "O REILLY AUTOMOTIVE": the register drops the apostrophe news writes ("O'Reilly").
    const apostrophe = withApostrophe(keys);
    if (apostrophe) place(apostrophe.join(' '), company, false);
  }
  // A description two companies share, or that the descriptor table lists ("automaker"), names
  // neither of them outright: it is resolved by kind like any descriptor.
  const curatedNames = new Map<MasterCompany, string[]>();
  const descriptionUses = new Map<string, number>();
  for (const table of curatedTables) {
    for (const entry of Object.values(table.companies)) {
      for (const d of entry.descriptions) {
        const key = nameKeys(d).keys.join(' ');
        descriptionUses.set(key, (descriptionUses.get(key) ?? 0) + 1);
      }
    }
  }
  for (const phrase of Object.keys(descriptorTable.descriptors)) descriptionUses.set(nameKeys(phrase).keys.join(' '), 99);
  for (const table of curatedTables) {
    for (const [ticker, entry] of Object.entries(table.companies)) {
      let company = byTicker.get(ticker);
      if (!company) {
        // A listing the SEC list lacks (a foreign line, a new issuer): the operator vouches for it.
        company = { ticker, tickers: [ticker], name: entry.name ?? entry.aliases[0] ?? ticker, rank: rows.length, kinds: [] };
        byTicker.set(ticker, company);
      }
      company.kinds = [...new Set([...company.kinds, ...entry.kinds])];
      company.display ??= entry.aliases[0];
      for (const alias of entry.aliases) place(alias, company, true, entry.ambiguous.includes(alias) ? 'headline' : 'none');
      // Our aliases are shortened as registered names are ("O'Reilly Automotive" → "O'Reilly"), except ambiguous ones.
      curatedNames.set(company, [...(curatedNames.get(company) ?? []), ...entry.aliases.filter((a) => !entry.ambiguous.includes(a))]);
      for (const name of [...entry.marketNames, ...entry.commonNames]) place(name, company, true, 'always');
      for (const description of entry.descriptions) {
        const keys = nameKeys(description).keys;
        if (descriptionUses.get(keys.join(' ')) === 1) insert(descriptors, keys).descriptor = { company };
      }
    }
  }
  // "Synchrony" for Synchrony Financial, "Zions" for ZIONS BANCORPORATION, NATIONAL ASSOCIATION:
  // news drops a registered name's trade word. Only for the larger listed companies, and only
  // where no other name is held: a short form never displaces a company's full name.
  // A research firm's name ("Raymond James" of Raymond James Financial) is the firm in news.
  const firmNames = new Set(Object.entries(researchFirms).flatMap(([name, aliases]) => [name, ...aliases]).map((n) => nameKeys(n).keys.join(' ')));
  const shortFormsOf = (company: MasterCompany) => [company.name, ...(curatedNames.get(company) ?? [])].flatMap((name) => {
    const forms = shortForms(name);
    const apostrophe = withApostrophe(coreKeys(name));
    return apostrophe ? [...forms, ...shortForms(apostrophe.join(' '))] : forms;
  });
  const companies = [...new Set([...byCik.values(), ...curatedNames.keys()])];
  const formsOf = new Map(companies.map((company) => [company, shortFormsOf(company)] as const));
  const coreOf = new Map(companies.map((company) => [company, coreKeys(company.name)] as const));
  // A smaller company's short form is read only where it is no other company's, registered or
  // short ("Peloton" for Peloton Interactive; not "First"), an everyday word only with evidence.
  // Counted over every way a name starts: "Applied" starts Applied Materials and Applied Digital too.
  const owners = new Map<string, number>();
  for (const company of companies) {
    const starts = new Set<string>();
    for (const keys of [coreOf.get(company)!, ...formsOf.get(company)!]) for (let n = 1; n <= keys.length; n++) starts.add(keys.slice(0, n).join(' '));
    for (const start of starts) owners.set(start, (owners.get(start) ?? 0) + 1);
  }
  for (const company of companies) {
    const large = company.rank < shortFormRankLimit;
    for (const keys of formsOf.get(company)!) {
      const form = keys.join(' ');
      if (firmNames.has(form)) continue;
      if (!large && (owners.get(form) !== 1 || form.length < 5)) continue;
      const node = insert(names, keys);
      if (node.entry) continue;
      node.entry = { company, curated: false, possessive: false, needsEvidence: registeredNeedsEvidence(keys, commonWords), capitalsOnly: false };
    }
  }
  // "HORTON D R INC" is D.R. Horton, "PRICE T ROWE GROUP" T. Rowe Price: the SEC writes a
  // founder's name surname first; news writes it as said.
  for (const company of byCik.values()) {
    for (const keys of personNameForms(coreOf.get(company)!)) {
      const node = insert(names, keys);
      node.entry ??= { company, curated: false, possessive: false, needsEvidence: 'none', capitalsOnly: false };
    }
  }
  for (const [phrase, kind] of Object.entries(descriptorTable.descriptors)) {
    const node = insert(descriptors, nameKeys(phrase).keys);
    // A company's own description ("the iPhone maker") is more specific than a kind.
    if (!node.descriptor) node.descriptor = { kind };
  }
  return { names, descriptors, byTicker, commonWords };
}

/** The entry for a whole name as written ("Advanced Micro Devices Inc." → AMD), or null. */
export function lookupName(master: EntityMaster, name: string): NameEntry | null {
  const { keys } = nameKeys(name.replace(/^the\s+/i, ''));
  while (keys.length > 1 && isLegalSuffix(keys.at(-1)!)) keys.pop();
  let node: TrieNode | undefined = master.names;
  for (const key of keys) {
    node = node.next.get(key);
    if (!node) return null;
  }
  return node.entry ?? null;
}

/**
 * An operator's alias table from a JSON file (TICKERWIRE_COMPANY_ALIASES), checked in full:
 * a bad file stops the service at start with the file and the field named.
 */
export function loadAliasTable(path: string): z.output<typeof aliasTableSchema> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`company aliases ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const parsed = aliasTableSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`company aliases ${path}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * The name to report for a listed company the text names only by its ticker ("$HOOD"): our
 * alias ("Robinhood"), else its registered name without the legal suffix, in title case when
 * the register writes capitals ("ROBINHOOD MARKETS, INC." → "Robinhood Markets").
 */
export function displayName(company: MasterCompany): string {
  if (company.display) return company.display;
  const words = company.name.replace(/\s*\/[A-Za-z]*\/?\s*$/, '').replace(/[,.]/g, ' ').split(/\s+/).filter(Boolean);
  // "ALLIANCEBERNSTEIN HOLDING L P": a suffix written in single letters goes too.
  while (words.length > 1 && (legalSuffixes.has(words.at(-1)!.toLowerCase()) || /^[A-Za-z]$/.test(words.at(-1)!))) words.pop();
  const capitals = company.name === company.name.toUpperCase();
  return words.map((w) => (capitals && w.length > 1 && /^[A-Z]+$/.test(w) ? w.charAt(0) + w.slice(1).toLowerCase() : w)).join(' ');
}
