import { Ticker } from '@tickerwire/core';

/**
 * Ticker symbols named by an article: explicit metadata, "(NASDAQ: CIFR)" style exchange
 * mentions and $CASHTAGS in the text. Pure functions; results are valid core Tickers.
 */

const exchanges = 'NASDAQ|Nasdaq|NYSE(?: American| Arca)?|NYSEAMERICAN|AMEX|TSXV?|TSX-V|CSE|ASX|LSE|AIM|OTC(?:QX|QB|MKTS)?|OTC Markets|CBOE|BATS';
// "(NASDAQ: CIFR)", "NYSE:CLSK", "Nasdaq: RIOT, MARA" is not followed (one symbol per mention).
const exchangeMention = new RegExp(`\\b(?:${exchanges})\\s*:\\s*([A-Z][A-Z0-9]{0,5}(?:\\.[A-Z])?)\\b`, 'g');
// $CIFR but not $5, $5bn or a$b; currency codes written as cashtags are not companies.
const cashtag = /(?<![\w$])\$([A-Z][A-Z0-9]{0,5}(?:\.[A-Z]{1,2})?)(?![\w])/g;
const notTickers = new Set(['USD', 'US', 'CAD', 'AUD', 'NZD', 'HKD', 'SGD', 'EUR', 'GBP', 'JPY', 'CHF', 'CNY', 'BTC', 'ETH']);

function valid(symbol: string): boolean {
  return !notTickers.has(symbol) && Ticker.safeParse(symbol).success;
}

/** Symbols from a metadata value: "CIFR, CLSK", "NASDAQ:CIFR", "NYSE: CLSK". */
export function tickersFromMetadata(value: string): string[] {
  const found: string[] = [];
  for (const part of value.split(/[,;|]/)) {
    const symbol = part.trim().replace(/^[A-Za-z -]+:\s*/, '').replace(/^\$/, '');
    if (/^[A-Z][A-Z0-9]{0,5}(?:\.[A-Z]{1,2})?$/.test(symbol) && valid(symbol)) found.push(symbol);
  }
  return found;
}

/** Symbols mentioned in running text: exchange mentions and cashtags, in order of appearance. */
export function tickersFromText(text: string): string[] {
  const hits: { index: number; symbol: string }[] = [];
  for (const match of text.matchAll(exchangeMention)) hits.push({ index: match.index, symbol: match[1]! });
  for (const match of text.matchAll(cashtag)) hits.push({ index: match.index, symbol: match[1]! });
  hits.sort((a, b) => a.index - b.index);
  return unique(hits.map((hit) => hit.symbol).filter(valid));
}

/** Exchange-prefixed tags ("NASDAQ:CIFR") only: a bare tag like "Bitcoin" is a topic, not a symbol. */
export function tickersFromTags(tags: readonly string[]): string[] {
  return tags.flatMap((tag) => {
    const match = new RegExp(`^\\s*(?:${exchanges})\\s*:\\s*([A-Z][A-Z0-9.]{0,9})\\s*$`).exec(tag);
    return match?.[1] && valid(match[1]) ? [match[1]] : [];
  });
}

export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
