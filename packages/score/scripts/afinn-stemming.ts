// Measures natural's AFINN baseline with and without Porter stemming (accuracy on dev.csv,
// µs per text) and searches the neutral band on train.csv. Usage: node packages/score/scripts/afinn-stemming.ts
import { readFileSync } from 'node:fs';
import { createAfinnScorer, labelFromAfinn } from '../src/text/afinn.ts';
import { parseLabelledCsv } from '../src/text/datasets.ts';
import { textLabels } from '../src/text/labels.ts';
import { evaluateClassification } from '../src/text/metrics.ts';
import { evalDirectory } from '../src/text/eval-files.ts';

const train = parseLabelledCsv(readFileSync(`${evalDirectory}/twitter-fin-sentiment/train.csv`, 'utf8'));
const dev = parseLabelledCsv(readFileSync(`${evalDirectory}/twitter-fin-sentiment/dev.csv`, 'utf8'));

for (const stemmed of [false, true]) {
  const scorer = createAfinnScorer({ stemmed });
  const trainScores = train.map((e) => scorer.score(e.text));
  let best = { band: 0, macroF1: -1 };
  for (let band = 0; band <= 0.2; band += 0.005) {
    const report = evaluateClassification(textLabels, train.map((e) => e.label), trainScores.map((s) => labelFromAfinn(s, band)));
    if (report.macroF1 > best.macroF1 + 1e-9) best = { band: Number(band.toFixed(3)), macroF1: report.macroF1 };
  }
  const started = performance.now();
  const devScores = dev.map((e) => scorer.score(e.text));
  const microseconds = ((performance.now() - started) * 1000) / dev.length;
  const report = evaluateClassification(textLabels, dev.map((e) => e.label), devScores.map((s) => labelFromAfinn(s, best.band)));
  console.log(`stemmed=${stemmed} band=${best.band} train macroF1=${best.macroF1.toFixed(3)} dev acc=${report.accuracy.toFixed(3)} macroF1=${report.macroF1.toFixed(3)} ${microseconds.toFixed(1)} µs/text`);
}
