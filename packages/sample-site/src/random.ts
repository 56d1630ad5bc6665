/**
 * A small seeded generator (mulberry32). The sample site must produce the same articles for
 * the same seed on every machine, so tests and benchmarks can compare runs: Math.random is
 * never used.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Two different items (the list must hold at least two). */
  pickTwo<T>(items: readonly T[]): [T, T];
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list');
    return items[int(0, items.length - 1)]!;
  };
  const pickTwo = <T>(items: readonly T[]): [T, T] => {
    if (items.length < 2) throw new RangeError('need at least two items to pick two');
    const first = int(0, items.length - 1);
    // Draw from the others so the pair is always two distinct items.
    const second = (first + int(1, items.length - 1)) % items.length;
    return [items[first]!, items[second]!];
  };
  return { next, int, pick, pickTwo };
}
