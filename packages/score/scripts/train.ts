// Rebuilds packages/score/model/text-sentiment.v1.json from twitter-fin-sentiment/train.csv
// (the only file the model may learn from). Same data, same bytes.
// Usage: node packages/score/scripts/train.ts [path/to/train.csv]
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { parseLabelledCsv } from '../src/text/datasets.ts';
import { evalFiles } from '../src/text/eval-files.ts';
import { serializeTextModel } from '../src/text/model.ts';
import { defaultModelPath } from '../src/text/model-file.ts';
import { defaultTrainingOptions, trainTextModel } from '../src/text/train.ts';

const source = process.argv[2] ?? evalFiles.tweetTrain;
const examples = parseLabelledCsv(readFileSync(source, 'utf8'));
const started = performance.now();
const model = trainTextModel(examples, defaultTrainingOptions);
writeFileSync(defaultModelPath, serializeTextModel(model));
console.log(
  `trained on ${examples.length} texts in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
    `${Object.keys(model.weights).length} features, ${(statSync(defaultModelPath).size / 1e6).toFixed(2)} MB → ${defaultModelPath}`,
);
