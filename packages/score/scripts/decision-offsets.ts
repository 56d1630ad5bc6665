// Chooses the bearish/bullish logit offsets (TrainingOptions.bearishOffset/bullishOffset) for
// macro-F1 on pooled 5-fold out-of-fold predictions over train.csv only (the same folds as
// cross-validation.ts), on a 0.1 grid. Usage: node packages/score/scripts/decision-offsets.ts
import { readFileSync } from 'node:fs';
import { createAfinnScorer } from '../src/text/afinn.ts';
import { createTextClassifier } from '../src/text/classifier.ts';
import { parseLabelledCsv } from '../src/text/datasets.ts';
import { evalFiles } from '../src/text/eval-files.ts';
import { textLabels, type TextLabel } from '../src/text/labels.ts';
import { evaluateClassification } from '../src/text/metrics.ts';
import { defaultTrainingOptions, trainTextModel } from '../src/text/train.ts';

const folds = 5;
const train = parseLabelledCsv(readFileSync(evalFiles.tweetTrain, 'utf8'));
const options = { ...defaultTrainingOptions, bearishOffset: 0, bullishOffset: 0 };
const afinn = createAfinnScorer();
const logProbabilities: number[][] = new Array<number[]>(train.length);
for (let fold = 0; fold < folds; fold++) {
  const classifier = createTextClassifier(trainTextModel(train.filter((_, i) => i % folds !== fold), options, afinn), afinn);
  train.forEach((example, i) => {
    if (i % folds === fold) logProbabilities[i] = classifier.classify(example.text).probabilities.map(Math.log);
  });
}
const bearish = textLabels.indexOf('bearish');
const bullish = textLabels.indexOf('bullish');
function macroF1(bearishOffset: number, bullishOffset: number): number {
  const predicted = logProbabilities.map((logs): TextLabel => {
    const shifted = logs.map((l, k) => l + (k === bearish ? bearishOffset : k === bullish ? bullishOffset : 0));
    return textLabels[shifted.indexOf(Math.max(...shifted))] ?? 'neutral';
  });
  return evaluateClassification(textLabels, train.map((e) => e.label), predicted).macroF1;
}
let best = { bearishOffset: 0, bullishOffset: 0, macroF1: macroF1(0, 0) };
console.log(`no offsets: CV macro-F1 ${best.macroF1.toFixed(4)}`);
for (let a = -10; a <= 10; a++) {
  for (let b = -10; b <= 10; b++) {
    const f = macroF1(a / 10, b / 10);
    if (f > best.macroF1 + 1e-9) best = { bearishOffset: a / 10, bullishOffset: b / 10, macroF1: f };
  }
}
console.log(`best: ${JSON.stringify(best)}`);
