/** Small helpers shared by the benchmarks: medians of repeated timed runs. */

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `work` for about `millis` ms `runs` times; returns the median rate in items per second. */
export function medianRate(work: () => number, runs = 7, millis = 400): { rate: number; rates: number[] } {
  const rates: number[] = [];
  work(); // warm up the JIT before measuring
  for (let r = 0; r < runs; r++) {
    let items = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    while (elapsed < millis) {
      items += work();
      elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    }
    rates.push((items / elapsed) * 1000);
  }
  return { rate: median(rates), rates };
}
