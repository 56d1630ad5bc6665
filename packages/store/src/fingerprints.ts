/**
 * Near-duplicate lookup for 64-bit SimHash fingerprints in a database that cannot compute
 * Hamming distances: the fingerprint is cut into 13 bands (twelve of 5 bits, one of 4). Two
 * fingerprints within 12 bits of each other differ in at most 12 bands, so they share at
 * least one band exactly: an indexed `$in` on the bands finds every candidate, and the
 * distance is then checked in code.
 */
export const maxSameStoryDistance = 12;
const bandWidths = [5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 4];

export function fingerprintBands(fingerprint: string): string[] {
  let bits = BigInt(`0x${fingerprint}`);
  return bandWidths.map((width, i) => {
    const value = bits & ((1n << BigInt(width)) - 1n);
    bits >>= BigInt(width);
    return `${i}:${value.toString(16)}`;
  });
}

export function fingerprintDistance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  while (x) {
    count += Number(x & 1n);
    x >>= 1n;
  }
  return count;
}
