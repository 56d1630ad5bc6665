/**
 * Lookup keys for syndicated copies. SimHash decides whether two stories are one (distance
 * ≤ 12 bits), but a 12-bit tolerance cannot be looked up by an index without matching a
 * third of the collection (13 bands of 5 bits each). So candidates are found by MinHash
 * instead: six minimum hashes over the word 3-grams of title and lead. Two copies of one
 * wire story share most 3-grams, so each of the six agrees with probability equal to their
 * overlap (typically > 0.8), and at least one agrees almost surely; unrelated stories share
 * almost none. The SimHash distance then confirms the match, as before.
 */
export const storyKeyCount = 6;
const leadChars = 400;
const seeds = [0x9e3779b1, 0x85ebca77, 0xc2b2ae3d, 0x27d4eb2f, 0x165667b1, 0xd3a2646c];

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
  const text = `${title}\n${body.slice(0, leadChars)}`.normalize('NFKC').toLowerCase();
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length < 3) return [];
  const minima = seeds.map(() => 0xffffffff);
  for (let i = 0; i + 2 < words.length; i++) {
    const h = fnv1a(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
    for (let s = 0; s < seeds.length; s++) minima[s] = Math.min(minima[s]!, mix(h, seeds[s]!));
  }
  return minima.map((m, i) => `k${i}:${m.toString(16)}`);
}
