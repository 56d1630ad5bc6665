// Grid search of training options by 5-fold cross-validation on train.csv only.
// Usage: node packages/score/scripts/cross-validate.ts [key=value,value ...]   e.g. l2=1e-4,1e-5 epochs=8,12
import { readFileSync } from 'node:fs';
import { crossValidate } from '../src/text/cross-validation.ts';
import { parseLabelledCsv } from '../src/text/datasets.ts';
import { evalFiles } from '../src/text/eval-files.ts';
import { defaultTrainingOptions, type TrainingOptions } from '../src/text/train.ts';

const train = parseLabelledCsv(readFileSync(evalFiles.tweetTrain, 'utf8'));
let grid: TrainingOptions[] = [defaultTrainingOptions];
for (const argument of process.argv.slice(2)) {
  const [key, list] = argument.split('=');
  if (!key || !list || !(key in defaultTrainingOptions)) throw new Error(`expected option=value[,value], got ${argument}`);
  const values = list.split(',').map(Number);
  grid = grid.flatMap((options) => values.map((value) => ({ ...options, [key]: value })));
}
for (const options of grid) {
  const started = performance.now();
  const report = crossValidate(train, options);
  const changed = Object.entries(options).filter(([key, value]) => defaultTrainingOptions[key as keyof TrainingOptions] !== value);
  console.log(
    `${JSON.stringify(Object.fromEntries(changed))} acc=${report.accuracy.toFixed(4)} macroF1=${report.macroF1.toFixed(4)} ` +
      `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
}
