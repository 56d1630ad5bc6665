// Rebuilds packages/score/model/text-sentiment.v1.json from the two files the model may learn
// from (both MIT): twitter-fin-sentiment/train.csv, and sentfin-dev.jsonl less its seeded
// held-out third (holdout.ts), each headline entity's context as one example; plus our own
// news-style sentences (src/text/own-training.ts, written by us). Same data, same bytes.
// Usage: node packages/score/scripts/train.ts
import { statSync, writeFileSync } from 'node:fs';
import { serializeTextModel } from '../src/text/model.ts';
import { defaultModelPath } from '../src/text/model-file.ts';
import { defaultTrainingOptions, trainTextModel } from '../src/text/train.ts';
import { readTrainingSources, trainingExamples } from '../src/text/training-data.ts';

const sources = readTrainingSources();
const examples = trainingExamples(sources);
const entityContexts = examples.filter((e) => e.kind === 'entity').length;
const started = performance.now();
const model = trainTextModel(examples, defaultTrainingOptions);
writeFileSync(defaultModelPath, serializeTextModel(model));
console.log(
  `trained on ${sources.tweets.length} tweets, ${entityContexts} entity contexts from ${sources.headlines.length} headlines and ${examples.length - sources.tweets.length - entityContexts} own sentences ` +
    `(${sources.heldOut.length} held out) in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
    `${Object.keys(model.weights).length} features, ${(statSync(defaultModelPath).size / 1e6).toFixed(2)} MB → ${defaultModelPath}`,
);
