// Full analyses (extraction + scoring) per second on one core: seed-sized articles and
// short headlines, medians of 7 runs. Run: pnpm bench:score
//
// A/B on a shared, noisy machine: pnpm bench:score --against DIR (DIR another checkout of the
// repo, e.g. `git worktree add /tmp/base main`, with its node_modules) interleaves the two
// analyzers in one process and compares the CPU time (not wall time) each spends on a fresh
// copy of the seed article, minimum over many small batches: the only figures here that hold
// still while other work shares the cores.
import { resolve } from 'node:path';
import { createAnalyzer } from '../packages/score/src/index.ts';
import { article } from './inputs.ts';
import { reportThroughput } from './throughput.ts';

const against = process.argv.indexOf('--against');
if (against < 0) {
  const analyzer = createAnalyzer();
  reportThroughput('extract + score', (input) => analyzer.analyze(input), { perSecond: 1500, what: 'seed-sized analyses/s per core' });
} else {
  const other = resolve(process.argv[against + 1] ?? '');
  const { createAnalyzer: createOther } = (await import(`${other}/packages/score/src/index.ts`)) as { createAnalyzer: typeof createAnalyzer };
  const sides = [
    { name: 'this checkout', analyzer: createAnalyzer() },
    { name: other, analyzer: createOther() },
  ];
  const fresh = () => ({ title: ` ${article.title ?? ''}`.slice(1), body: ` ${article.body}`.slice(1) });
  const best = sides.map(() => Infinity);
  for (let round = 0; round < 60; round++) {
    for (const [i, side] of (round % 2 ? [...sides.entries()].reverse() : [...sides.entries()])) {
      const inputs = Array.from({ length: 20 }, fresh);
      const before = process.cpuUsage();
      for (const input of inputs) side.analyzer.analyze(input);
      const used = process.cpuUsage(before);
      if (round >= 5) best[i] = Math.min(best[i]!, (used.user + used.system) / inputs.length);
    }
  }
  for (const [i, side] of sides.entries()) console.log(`${side.name}: ${best[i]!.toFixed(0)} µs CPU per seed analysis (${Math.round(1e6 / best[i]!)}/s per CPU-second)`);
  console.log(`this checkout / other: ${(best[1]! / best[0]!).toFixed(3)}× the throughput`);
}
