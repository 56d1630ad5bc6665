/**
 * Lookup keys for syndicated copies: twelve MinHash values over the word 3-grams of title and
 * body. Each key of two texts agrees with probability equal to the overlap (Jaccard) of their
 * 3-grams: a wire copy with a new headline prefix and dateline shares ~90% and agrees on
 * about 11 of 12; two templated stories about one company ("X lands hosting deal", "Y trims
 * X target") share boilerplate and agree on a few. A story is a copy only if it agrees on
 * at least `minSharedKeys`, its SimHash is close and it names the same tickers.
 *
 * (SimHash alone cannot be looked up: a 12-bit tolerance needs 13 bands of 5 bits, and any
 * band value is shared by 1/32 of the collection.)
 */
export const storyKeyCount = 12;
export const minSharedKeys = 6;
const bodyChars = 2000;
const seeds = [
  0x9e3779b1, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f, 0x165667b1, 0xd3a2646c, 0xfd7046c5, 0xb55a4f09, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c,
];

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// Murmur3's finaliser: spreads one hash into independent-looking variants per seed.
function mix(h: number, seed: number): number {
  let x = (h ^ seed) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** The story's lookup keys ("k<i>:<hex>"); empty when the text has fewer than three words. */
export function storyKeys(title: string, body: string): string[] {
  const text = `${title}\n${body.slice(0, bodyChars)}`.normalize('NFKC').toLowerCase();
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length < 3) return [];
  const minima = seeds.map(() => 0xffffffff);
  for (let i = 0; i + 2 < words.length; i++) {
    const h = fnv1a(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
    for (let s = 0; s < seeds.length; s++) minima[s] = Math.min(minima[s]!, mix(h, seeds[s]!));
  }
  return minima.map((m, i) => `k${i}:${m.toString(16)}`);
}

/** How many keys two stories share: an estimate of their 3-gram overlap, in twelfths. */
export function sharedKeys(a: readonly string[], b: readonly string[]): number {
  let shared = 0;
  for (const key of a) if (b.includes(key)) shared++;
  return shared;
}
