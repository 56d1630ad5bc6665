// Microseconds per classification with the shipped text model: a short headline, a ~1,000-
// character article, per-entity scoring, and natural's AFINN baseline for comparison.
// Usage: node bench/text-model-speed.ts   (medians of 7 rounds after a warm-up)
import { createTextSentimentScorer } from '../packages/score/src/text/index.ts';

const scorer = createTextSentimentScorer();
const headline = 'Contoso shares jump 9% after quarterly revenue beats estimates';
// Written for this benchmark; about 1,000 characters of ordinary market prose.
const sentence =
  'Contoso reported third-quarter revenue of $4.2 billion, up 12% from a year earlier, and raised its full-year outlook. ' +
  'Analysts at Example Securities said demand for its cloud services remained strong, although margins narrowed slightly. ' +
  'Shares rose 6% in early trading while the broader market was little changed. ';
const article = sentence.repeat(Math.ceil(1000 / sentence.length)).slice(0, 1000);

function microsecondsPerCall(run: () => unknown, calls: number): number {
  const rounds: number[] = [];
  for (let i = 0; i < calls; i++) run(); // warm-up
  for (let round = 0; round < 7; round++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) run();
    rounds.push(Number(process.hrtime.bigint() - started) / 1000 / calls);
  }
  return rounds.sort((a, b) => a - b)[3] as number;
}

const rows: [string, number][] = [
  [`classify headline (${headline.length} chars)`, microsecondsPerCall(() => scorer.classifier.classify(headline), 20_000)],
  [`classify article (${article.length} chars)`, microsecondsPerCall(() => scorer.classifier.classify(article), 2_000)],
  ['score entity in headline', microsecondsPerCall(() => scorer.scoreEntity(headline, 'Contoso'), 20_000)],
  ['AFINN baseline, headline', microsecondsPerCall(() => scorer.afinn.score(headline), 20_000)],
  ['AFINN baseline, article', microsecondsPerCall(() => scorer.afinn.score(article), 2_000)],
];
for (const [name, microseconds] of rows) console.log(`${name.padEnd(40)} ${microseconds.toFixed(1).padStart(7)} µs`);
