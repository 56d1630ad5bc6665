import { normalizeText } from './identity.ts';

/**
 * Near-duplicate detection for syndicated stories: a 64-bit SimHash over the title and lead.
 * Copies of one wire story under different URLs differ by a prefix ("UPDATE 1-"), a dateline
 * or a changed word; their fingerprints differ in a few bits, while a different story about
 * the same company differs in many. Features are word unigrams and bigrams (bigrams keep word
 * order, unigrams keep short titles from being all noise).
 */

/** Bits two fingerprints may differ by and still be one story (tuned on the tests' cases). */
export const sameStoryMaxDistance = 12;

/** How much of the lead takes part: wire copies agree near the top and drift further down. */
const leadChars = 400;

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** MurmurHash3 x86 32-bit: fast, well-mixed bits, no dependency. */
function murmur3(bytes: Uint8Array, seed: number): number {
  let h = seed >>> 0;
  const c1 = 0xcc9e2d51;
  const c2 = 0x1b873593;
  const blocks = bytes.length & ~3;
  for (let i = 0; i < blocks; i += 4) {
    let k = (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0;
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) >>> 0;
  }
  const rest = bytes.length & 3;
  if (rest > 0) {
    let k = 0;
    for (let i = rest - 1; i >= 0; i--) k = (k << 8) | bytes[blocks + i]!;
    k = Math.imul(k, c1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, c2);
    h ^= k;
  }
  h ^= bytes.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Words of the normalised text: letters and digits, Unicode-aware; "$cifr" keeps its word. */
export function words(text: string): string[] {
  return normalizeText(text).match(/[\p{L}\p{N}]+(?:[.'][\p{L}\p{N}]+)*/gu) ?? [];
}

function features(text: string): string[] {
  const tokens = words(text);
  const result = [...tokens];
  for (let i = 0; i + 1 < tokens.length; i++) result.push(`${tokens[i]} ${tokens[i + 1]}`);
  return result;
}

/** 64-bit SimHash of a text as 16 hex digits. Equal texts give equal fingerprints. */
export function simhash64(text: string): string {
  const weights = new Int32Array(64);
  for (const feature of features(text)) {
    const bytes = utf8(feature);
    const halves = [murmur3(bytes, 0x9747b28c), murmur3(bytes, 0x5bd1e995)];
    for (let half = 0; half < 2; half++) {
      const value = halves[half]!;
      for (let bit = 0; bit < 32; bit++) weights[half * 32 + bit]! += (value >>> bit) & 1 ? 1 : -1;
    }
  }
  let high = 0;
  let low = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (weights[bit]! > 0) low |= 1 << bit;
    if (weights[32 + bit]! > 0) high |= 1 << bit;
  }
  return (high >>> 0).toString(16).padStart(8, '0') + (low >>> 0).toString(16).padStart(8, '0');
}

function popcount32(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** Number of differing bits between two 16-hex-digit fingerprints. */
export function hammingDistance(a: string, b: string): number {
  const high = (parseInt(a.slice(0, 8), 16) ^ parseInt(b.slice(0, 8), 16)) >>> 0;
  const low = (parseInt(a.slice(8, 16), 16) ^ parseInt(b.slice(8, 16), 16)) >>> 0;
  return popcount32(high) + popcount32(low);
}

export interface StoryText {
  title: string;
  /** The first paragraph(s) of the body or the feed summary. */
  lead: string;
}

/** Fingerprint of a story for near-duplicate matching: title plus the start of the lead. */
export function storyFingerprint(story: StoryText): string {
  return simhash64(`${story.title}\n${story.lead.slice(0, leadChars)}`);
}

/** Whether two stories are one story told twice (syndicated, lightly edited). */
export function isSameStory(a: StoryText, b: StoryText, maxDistance = sameStoryMaxDistance): boolean {
  return hammingDistance(storyFingerprint(a), storyFingerprint(b)) <= maxDistance;
}
