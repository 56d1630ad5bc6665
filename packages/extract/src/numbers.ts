/**
 * Numbers as news writes them: money with symbols or ISO codes and scale words, ranges
 * with hyphens, en and em dashes, "up to" ceilings, power in MW/GW, percentages.
 */

import { allMatches } from './matches.ts';

const scaleWords: Readonly<Record<string, number>> = {
  thousand: 1e3, k: 1e3,
  million: 1e6, mn: 1e6, mm: 1e6, m: 1e6, mil: 1e6, mln: 1e6,
  billion: 1e9, bn: 1e9, b: 1e9, bln: 1e9,
  trillion: 1e12, tn: 1e12, t: 1e12,
};

const currencySymbols: Readonly<Record<string, string>> = {
  $: 'USD', us$: 'USD', usd: 'USD', c$: 'CAD', ca$: 'CAD', cad: 'CAD', a$: 'AUD', au$: 'AUD', aud: 'AUD',
  hk$: 'HKD', hkd: 'HKD', nz$: 'NZD', nzd: 'NZD', s$: 'SGD', sgd: 'SGD', '€': 'EUR', eur: 'EUR',
  '£': 'GBP', gbp: 'GBP', gbx: 'GBX', p: 'GBX', '¥': 'JPY', jpy: 'JPY', chf: 'CHF', 'fr.': 'CHF',
  sek: 'SEK', nok: 'NOK', dkk: 'DKK', inr: 'INR', '₹': 'INR', 'rs.': 'INR', rs: 'INR', cny: 'CNY', rmb: 'CNY',
  krw: 'KRW', '₩': 'KRW', brl: 'BRL', r$: 'BRL', zar: 'ZAR', mxn: 'MXN', nt$: 'TWD', twd: 'TWD',
};

/** Currencies written as words after the number: "215 euros", "2,800 yen", "540 pence". */
const currencyWords: readonly [RegExp, string, number][] = [
  [/^euros?$/i, 'EUR', 1],
  [/^yen$/i, 'JPY', 1],
  // Pence are hundredths of the pound: ISO codes have no pence, so 540 pence is GBP 5.40.
  [/^pence$/i, 'GBP', 0.01],
  // "raised to $1.00 from 80 cents": cents are hundredths of the dollar.
  [/^cents?$/i, 'USD', 0.01],
  [/^(?:pounds?|pounds\s+sterling)$/i, 'GBP', 1],
  [/^(?:swiss\s+)?francs?$/i, 'CHF', 1],
  [/^(?:swedish\s+)?(?:kronor|krona)$|^swedish\s+crowns?$/i, 'SEK', 1],
  [/^norwegian\s+(?:kroner|krone|crowns?)$/i, 'NOK', 1],
  // Reuters writes "Danish crowns"; a bare "crowns" after them is the same currency, and Danish is the commonest.
  [/^(?:danish\s+)?(?:kroner|krone|crowns?)$/i, 'DKK', 1],
  [/^(?:yuan|renminbi)$/i, 'CNY', 1],
  [/^won$/i, 'KRW', 1],
  [/^rupees?$/i, 'INR', 1],
  [/^canadian\s+dollars?$/i, 'CAD', 1],
  [/^australian\s+dollars?$/i, 'AUD', 1],
  [/^hong\s+kong\s+dollars?$/i, 'HKD', 1],
  [/^(?:taiwan|new\s+taiwan)\s+dollars?$/i, 'TWD', 1],
  [/^(?:u\.?s\.?\s+)?dollars?$/i, 'USD', 1],
];
/** Currencies written as words after a figure, as an expression source (one list for every reader). */
export const currencyWordSource = '(?:euros?|yen|pence|cents?|pounds(?:\\s+sterling)?|pound|(?:Swiss\\s+)?francs?|(?:Swedish\\s+)?(?:kronor|krona)|(?:Norwegian\\s+|Danish\\s+|Swedish\\s+)?(?:kroner|krone|crowns?)|yuan|renminbi|won|rupees?|(?:Canadian|Australian|Hong\\s+Kong|Taiwan|New\\s+Taiwan|U\\.?S\\.?)\\s+dollars?|dollars?)';

// "Rs 1,850", "Rs. 1,850": India's rupee written before the figure.
const symbolSource = '(?:US\\$|NT\\$|C\\$|CA\\$|A\\$|AU\\$|HK\\$|NZ\\$|S\\$|R\\$|\\$|€|£|¥|₹|₩|\\bRs\\.?\\s?(?=\\d))';
/** "GBX 150", "EUR 12": a currency code and its figure, which are money and never a name or a firm. */
export const currencyCodeThenFigure = /^(?:USD|EUR|GBP|GBX|JPY|CHF|SEK|NOK|DKK|HKD|CAD|AUD|INR|CNY|KRW)\s*\d/;
const codeSource = '(?:USD|CAD|AUD|HKD|NZD|SGD|EUR|GBP|GBX|JPY|CHF|SEK|NOK|DKK|INR|CNY|RMB|KRW|BRL|ZAR|MXN)';
// Nordic releases write millions as a prefix: "MEUR 59.3", "MSEK 120".
const millionCodeSource = '(?:MEUR|MSEK|MNOK|MDKK|MUSD)';
const numberSource = '(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?';
const scaleSource = '(?:thousand|million|billion|trillion|mln|bln|mn|mm|bn|tn|mil|[kmbt])\\b';
/**
 * A money figure may also have a decimal comma ("EUR 1,3 million", "EUR 1,48 bn"), but only
 * where that is unambiguous: one or two digits after the comma, then a scale word. Three
 * digits after a comma stay thousands ("EUR 2,786 million").
 */
const moneyNumberSource = `(?:\\d{1,3},\\d{1,2}(?!\\d)(?=\\s?${scaleSource})|${numberSource})`;
const dash = '\\s*(?:-|–|—|to)\\s*';
const rangeDash = '(?<sep>\\s*(?:-|–|—|to)\\s*)';

/**
 * One money amount or range: "$18", "C$54", "€1.2 billion", "USD 40", "40 USD", "$8–17 million",
 * "$8 million to $17 million". Groups: cur1 (symbol or code before), n1, s1 (scale), n2, s2,
 * cur2 (code after).
 */
export const moneySource =
  `(?:(?<cur1>${symbolSource}|${millionCodeSource}\\s?|${codeSource}\\s?)\\s?(?<n1>${moneyNumberSource})(?:\\s?(?<s1>${scaleSource}))?` +
  `(?:${rangeDash}(?:${symbolSource}|${millionCodeSource}\\s?|${codeSource}\\s?)?\\s?(?<n2>${moneyNumberSource})(?:\\s?(?<s2>${scaleSource}))?)?` +
  `|(?<n3>${moneyNumberSource})(?:\\s?(?<s3>${scaleSource}))?\\s(?<cur2>${millionCodeSource}|${codeSource})\\b` +
  `|(?<n4>${moneyNumberSource})(?:\\s?(?<s4>${scaleSource}))?[\\s-](?<cur3>${currencyWordSource})\\b` +
  // London writes pence as a suffix: "a 720p target" is GBP 7.20.
  `|(?<n5>${moneyNumberSource})p\\b(?![.,]\\d))`;

const moneyRegex = new RegExp(moneySource, 'gi');
const hasDigit = /\d/;

export interface MoneyMention {
  low: number;
  high: number;
  currency: string;
  start: number;
  end: number;
}

export function parseNumber(text: string): number {
  // "1,3" (a decimal comma, which moneyNumberSource admits only before a scale word) is 1.3.
  if (/^\d{1,3},\d{1,2}$/.test(text)) return Number(text.replace(',', '.'));
  return Number(text.replace(/,/g, ''));
}

function scaleOf(word: string | undefined): number {
  return word ? (scaleWords[word.toLowerCase()] ?? 1) : 1;
}

function currencyOf(mark: string | undefined): string {
  if (!mark) return 'USD';
  if (/^M[A-Z]{3}$/i.test(mark.trim())) return mark.trim().slice(1).toUpperCase();
  return currencySymbols[mark.trim().toLowerCase()] ?? mark.trim().toUpperCase();
}

/** "MEUR 59.3" is EUR 59.3 million: the prefix is the scale when no scale word follows. */
function prefixScale(mark: string | undefined): number {
  return mark && /^M[A-Z]{3}$/i.test(mark.trim()) ? 1e6 : 1;
}

/** Multiplies without binary noise: 1.7 * 1e9 is 1700000000, not 1700000000.0000002. */
function scaled(value: number, scale: number): number {
  // A whole number below 10^12 has at most 12 digits: rounding to 12 leaves it as it is (zero aside: -0 becomes 0).
  if (scale === 1 && Number.isInteger(value) && value !== 0 && Math.abs(value) < 1e12) return value;
  return Number((value * scale).toPrecision(12));
}

/** Every money amount or range in `text`, offsets relative to it. */
export function findMoney(text: string): MoneyMention[] {
  const found: MoneyMention[] = [];
  // Every amount holds a digit: a text without one is not scanned with the whole money grammar.
  if (!hasDigit.test(text)) return found;
  for (const match of allMatches(moneyRegex, text)) {
    const g = match.groups ?? {};
    if (g.n4) {
      const [, code, factor] = currencyWords.find(([re]) => re.test(g.cur3!.replace(/\s+/g, ' '))) ?? [null, 'USD', 1];
      const value = scaled(parseNumber(g.n4) * factor, scaleOf(g.s4));
      found.push({ low: value, high: value, currency: code, start: match.index, end: match.index + match[0].length });
      continue;
    }
    if (g.n5) {
      const value = scaled(parseNumber(g.n5), 0.01);
      found.push({ low: value, high: value, currency: 'GBP', start: match.index, end: match.index + match[0].length });
      continue;
    }
    if (g.n3) {
      const value = scaled(parseNumber(g.n3), g.s3 ? scaleOf(g.s3) : prefixScale(g.cur2));
      found.push({ low: value, high: value, currency: currencyOf(g.cur2), start: match.index, end: match.index + match[0].length });
      continue;
    }
    const first = parseNumber(g.n1!);
    // "from $70 to $80" and "by $10 to $80" are two values, not a range.
    if (g.n2 && /to/i.test(g.sep ?? '') && /\b(?:from|by)\s*$/i.test(text.slice(Math.max(0, match.index - 6), match.index))) {
      const sepAt = match[0].search(/\s*to\s*/i);
      const head = match[0].slice(0, sepAt);
      const tailStart = match.index + sepAt + /\s*to\s*/i.exec(match[0].slice(sepAt))![0].length;
      found.push(...findMoney(head).map((m) => ({ ...m, start: m.start + match.index, end: m.end + match.index })));
      found.push(...findMoney(text.slice(tailStart, match.index + match[0].length)).map((m) => ({ ...m, start: m.start + tailStart, end: m.end + tailStart })));
      continue;
    }
    // "$8–17 million": the scale written once applies to both ends.
    const highScale = g.s2 ?? g.s1 ? scaleOf(g.s2 ?? g.s1) : prefixScale(g.cur1);
    const lowScale = g.s1 ? scaleOf(g.s1) : g.n2 ? highScale : prefixScale(g.cur1);
    const low = scaled(first, lowScale);
    const high = g.n2 ? scaled(parseNumber(g.n2), highScale) : low;
    if (g.n2 && high < low) continue; // "$5-3" is not a range: likely a score or a date
    found.push({ low, high, currency: currencyOf(g.cur1), start: match.index, end: match.index + match[0].length });
  }
  // "GBX 1,300" is pence, as "1,300p" and "1,300 pence" are: GBP 13 (ISO codes have no pence).
  return found.map((m) => (m.currency === 'GBX' ? { ...m, low: scaled(m.low, 0.01), high: scaled(m.high, 0.01), currency: 'GBP' } : m));
}

const powerRegex = new RegExp(
  `(?<n>${numberSource})(?:${dash}(?<n2>${numberSource}))?\\s?-?(?<unit>gigawatts?|megawatts?|kilowatts?|GW|MW|kW)\\b(?<it>\\s+of\\s+(?:critical\\s+)?IT)?`,
  'g',
);

export interface PowerMention {
  mw: number;
  start: number;
  end: number;
}

/** Power capacities in megawatts: "1.7 gigawatts" is 1700, "600 MW" is 600. */
export function findPower(text: string): PowerMention[] {
  const found: PowerMention[] = [];
  for (const match of allMatches(powerRegex, text)) {
    const unit = match.groups!.unit!.toLowerCase();
    const factor = unit.startsWith('g') ? 1000 : unit.startsWith('k') ? 0.001 : 1;
    const value = parseNumber(match.groups!.n2 ?? match.groups!.n!);
    found.push({ mw: Number((value * factor).toPrecision(12)), start: match.index, end: match.index + match[0].length });
  }
  return found;
}

const percentRegex = new RegExp(`(?<sign>[+\\-−])?(?<n>${numberSource})\\s?(?:%|percent\\b|per\\s?cent\\b|pct\\b)`, 'gi');

export interface PercentMention {
  value: number;
  signed: boolean;
  start: number;
  end: number;
}

export function findPercents(text: string): PercentMention[] {
  const found: PercentMention[] = [];
  for (const match of allMatches(percentRegex, text)) {
    const sign = match.groups!.sign;
    const value = parseNumber(match.groups!.n!) * (sign === '-' || sign === '−' ? -1 : 1);
    found.push({ value, signed: Boolean(sign), start: match.index, end: match.index + match[0].length });
  }
  return found;
}

const yearsRegex = new RegExp(`(?<n>${numberSource}|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)[\\s-]+years?\\b`, 'i');
const wordNumbers: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, fifteen: 15, twenty: 20,
};

/** "a 15-year lease", "ten years": the first term in years, or null. */
export function findYears(text: string): number | null {
  const n = yearsRegex.exec(text)?.groups?.n;
  if (!n) return null;
  return wordNumbers[n.toLowerCase()] ?? parseNumber(n);
}
