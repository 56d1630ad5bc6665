/**
 * The rating vocabulary of real analyst notes, mapped to the contract's scale:
 * 5 strong buy; 4 buy / overweight / outperform; 3 hold / neutral / equal weight / market
 * perform; 2 underperform / underweight / reduce; 1 sell / strong sell.
 * Keys are folded (lower case, "-", "_" and spaces removed) as the contract compares them.
 * A rating whose level is unclear ("top pick", "speculative buy") has a null score.
 * Add a rating: one line.
 */
export const ratingScores: Readonly<Record<string, number | null>> = {
  strongbuy: 5, highconvictionoutperform: 5, highconvictionbuy: 5, conviction: 5, convictionbuy: 5, clbuy: 5, convictionlistbuy: 5, topick: null, toppick: null,
  buy: 4, overweight: 4, outperform: 4, accumulate: 4, add: 4, positive: 4, moderatebuy: 4,
  marketoutperform: 4, sectoroutperform: 4, outperformer: 4, speculativebuy: null, longtermbuy: 4,
  hold: 3, neutral: 3, equalweight: 3, marketperform: 3, sectorperform: 3, peerperform: 3,
  sectorweight: 3, inline: 3, marketweight: 3, mktperform: 3, perform: 3, fairvalue: 3,
  mixed: 3, sectorneutral: 3, marketunderperform: 2, sectorunderperform: 2,
  underperform: 2, underweight: 2, reduce: 2, moderatesell: 2, negative: 2,
  sell: 1, strongsell: 1, underperformer: 2,
  // Abbreviations in headlines: "Upgrades X To OW".
  ow: 4, ew: 3, uw: 2, mp: 3,
};

/** Abbreviations reported spelled out, so a reader filtering on "overweight" finds "MS OW". */
const ratingAbbreviations: Readonly<Record<string, string>> = { ow: 'overweight', ew: 'equal weight', uw: 'underweight', mp: 'market perform' };

export function spelledOutRating(rating: string | null): string | null {
  return rating === null ? null : (ratingAbbreviations[foldRating(rating)] ?? rating);
}

export function foldRating(rating: string): string {
  return rating.toLowerCase().replace(/[\s_\-‐‑–]+/g, '');
}

export function ratingScore(rating: string | null): number | null {
  if (rating === null) return null;
  return ratingScores[foldRating(rating)] ?? null;
}

/**
 * Rating phrases as they are written, longest first so "strong buy" wins over "buy".
 * Spaces may also be "-" or missing ("Equal-Weight", "Equalweight").
 */
const ratingPhrases = [
  'strong buy', 'high conviction outperform', 'high conviction buy', 'conviction list buy', 'conviction buy', 'CL-Buy', 'top pick', 'buy', 'overweight', 'outperform', 'accumulate',
  'add', 'positive', 'moderate buy', 'market outperform', 'sector outperform', 'speculative buy',
  'long term buy', 'hold', 'neutral', 'equal weight', 'market perform', 'mkt perform',
  'sector perform', 'peer perform', 'sector weight', 'in line', 'market weight', 'perform',
  'fair value', 'sector neutral', 'market underperform', 'sector underperform', 'underperform',
  'underweight', 'reduce', 'moderate sell', 'negative', 'sell', 'strong sell', 'outperformer',
  'underperformer', 'OW', 'EW', 'UW', 'MP',
];

/** Regex source matching one rating phrase (without boundaries or capture). */
export const ratingPattern = ratingPhrases
  .slice()
  .sort((a, b) => b.length - a.length)
  .map((p) => p.split(' ').map(escape).join('[\\s\\-_]?'))
  .join('|');

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
