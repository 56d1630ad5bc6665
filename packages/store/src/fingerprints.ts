/**
 * SimHash fingerprints (64-bit hex, from @tickerwire/ingest) decide whether two stories are
 * one: within this many differing bits. Candidates are found by story keys (story-keys.ts).
 */
export const maxSameStoryDistance = 12;

export function fingerprintDistance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  while (x) {
    count += Number(x & 1n);
    x >>= 1n;
  }
  return count;
}
