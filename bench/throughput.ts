/** Articles and headlines per second on one core for an analysis function, printed as a report. */
import type { ArticleInput } from '../packages/extract/src/index.ts';
import { article, articleChars, articleName, headlines } from './inputs.ts';
import { medianRate } from './stats.ts';

export function reportThroughput(title: string, analyze: (input: ArticleInput) => unknown, target: { perSecond: number; what: string }): void {
  const seed = medianRate(() => {
    analyze(article);
    return 1;
  });
  let next = 0;
  const short = medianRate(() => {
    for (let i = 0; i < 20; i++) analyze(headlines[next++ % headlines.length]!);
    return 20;
  });
  console.log(`${title}, one core, median of ${seed.rates.length} runs (node ${process.version})`);
  console.log(`  ${articleName} (${articleChars} chars): ${Math.round(seed.rate)} articles/s  (${(1e6 / seed.rate).toFixed(0)} µs each)`);
  console.log(`  short headlines:        ${Math.round(short.rate)} headlines/s (${(1e6 / short.rate).toFixed(0)} µs each)`);
  console.log(`  target >= ${target.perSecond} ${target.what}: ${seed.rate >= target.perSecond ? 'met' : 'NOT met'}`);
}
