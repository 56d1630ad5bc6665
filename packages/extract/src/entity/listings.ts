/**
 * The lines of dual-listed companies: a US symbol (an ADR) and the home listing's Reuters code
 * (TM and 7203.T). Extraction names a company by one symbol in every article, the master's,
 * so a feed by ticker holds all of its news; a text that writes the home code ("<7203.T>")
 * keeps it. Evaluation counts the two symbols of one company as the same company.
 * Data: data/home-listings.json; a listing's Reuters code, where it differs from its symbol, from
 * company-aliases-intl.json (`ric`).
 */
import { readFileSync } from 'node:fs';

const table = JSON.parse(readFileSync(new URL('../../data/home-listings.json', import.meta.url), 'utf8')) as { listings: Record<string, string> };

// The currency a venue suffix of a Reuters code trades in.
const venueCurrency: Record<string, string> = {
  T: 'JPY', HK: 'HKD', TO: 'CAD', V: 'CAD', L: 'GBP', AS: 'EUR', PA: 'EUR', DE: 'EUR', F: 'EUR', MI: 'EUR', MC: 'EUR', BR: 'EUR',
  HE: 'EUR', VI: 'EUR', LS: 'EUR', I: 'EUR', S: 'CHF', SW: 'CHF', CO: 'DKK', ST: 'SEK', OL: 'NOK', TW: 'TWD', KS: 'KRW',
  NS: 'INR', BO: 'INR', AX: 'AUD', SS: 'CNY', SZ: 'CNY',
};

/** The currency a listing's prices are in: USD for a US symbol. */
export function listingCurrency(ticker: string): string {
  const suffix = /\.([A-Z]{1,2})$/.exec(ticker)?.[1];
  return suffix ? venueCurrency[suffix] ?? 'USD' : 'USD';
}

const homeOf = new Map(Object.entries(table.listings).map(([us, home]) => [us.toUpperCase(), home.toUpperCase()]));

// A symbol a company traded under before it changed its ticker (ABX, then GOLD, for Barrick's B): data/former-symbols.json.
const former = JSON.parse(readFileSync(new URL('../../data/former-symbols.json', import.meta.url), 'utf8')) as { symbols: Record<string, string> };
const nowOf = new Map(Object.entries(former.symbols).map(([old, now]) => [old.toUpperCase(), now.toUpperCase()]));

// Evaluation only: a US line and its home code as one company (data/listing-equivalents.json); extraction does not read it.
const equivalents = JSON.parse(readFileSync(new URL('../../data/listing-equivalents.json', import.meta.url), 'utf8')) as { lines: Record<string, string> };
const homeLineOf = new Map(Object.entries(equivalents.lines).map(([us, home]) => [us.toUpperCase(), home.toUpperCase().replace(/-(?=[A-Z]\b)/, '')]));

// The Reuters code of a listing keyed by its exchange symbol (MC.PA → LVMH.PA): one line under two codes.
const intl = JSON.parse(readFileSync(new URL('../../data/company-aliases-intl.json', import.meta.url), 'utf8')) as { companies: Record<string, { ric?: string }> };
const ricOf = new Map(Object.entries(intl.companies).flatMap(([code, entry]) => (entry.ric ? [[code.toUpperCase(), entry.ric.toUpperCase()] as const] : [])));

/** "8035.T" without its venue suffix: the code the text writes as "(TSE: 8035)". */
function withoutVenue(ticker: string): string {
  const m = /^(.+)\.([A-Z]{1,2})$/.exec(ticker);
  return m && m[2]! in venueCurrency ? m[1]! : ticker;
}

/**
 * Two symbols of one company: equal, its US line and its home line, or one code with and without
 * its venue suffix; a share class written with or without its hyphen ("NOVO-B.CO", "NOVOB.CO");
 * an old symbol and the one the company trades under now (ABX and B).
 */
export function sameListedCompany(a: string, b: string): boolean {
  const [x, y] = [a.toUpperCase().replace(/-(?=[A-Z]\b)/, ''), b.toUpperCase().replace(/-(?=[A-Z]\b)/, '')];
  if (x === y || homeOf.get(x) === y || homeOf.get(y) === x || ricOf.get(x) === y || ricOf.get(y) === x) return true;
  if ((nowOf.get(x) ?? x) === (nowOf.get(y) ?? y)) return true;
  // Two US lines of one home listing (EADSY and EADSF for AIR.PA).
  if (homeOf.has(x) && homeOf.get(x) === homeOf.get(y)) return true;
  const [homeX, homeY] = [homeLineOf.get(x) ?? homeOf.get(x) ?? x, homeLineOf.get(y) ?? homeOf.get(y) ?? y];
  if (homeX === homeY || withoutVenue(homeX) === withoutVenue(homeY)) return true;
  const [bareX, bareY] = [withoutVenue(x), withoutVenue(y)];
  return (bareX !== x || bareY !== y) && bareX === bareY;
}
