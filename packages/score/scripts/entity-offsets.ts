// Chooses the bearish/bullish logit offsets of entity contexts (TrainingOptions.entityBearishOffset
// and entityBullishOffset) for per-entity accuracy, on pooled 5-fold out-of-fold predictions
// over the training part of sentfin-dev.jsonl only (never its held-out third): each fold trains
// on the tweets, our own sentences and four fifths of the training headlines, and scores the
// fifth left out through scoreEntity (rules, clause, lexicon fallback) with each offset pair.
// Usage: node packages/score/scripts/entity-offsets.ts
import { createAfinnScorer } from '../src/text/afinn.ts';
import { createTextClassifier, softmaxInPlace, sentimentFromProbabilities, type TextClassifier, type TextSentiment } from '../src/text/classifier.ts';
import { evaluateEntities, scoreEntity } from '../src/text/entity.ts';
import { defaultTrainingOptions, trainTextModel } from '../src/text/train.ts';
import { readTrainingSources, trainingExamples } from '../src/text/training-data.ts';

const folds = 5;
const sources = readTrainingSources();
const options = { ...defaultTrainingOptions, entityBearishOffset: 0, entityBullishOffset: 0 };
const afinn = createAfinnScorer();
const grid = Array.from({ length: 13 }, (_, i) => (i - 10) / 10);
const correct = new Map<string, number>();
let total = 0;

/** The classifier with the offsets added to an entity context's bearish/bullish logits. */
function withOffsets(base: TextClassifier, bearish: number, bullish: number): TextClassifier {
  return {
    classify(text, kind = 'text') {
      const read = base.classify(text, kind);
      if (kind !== 'entity') return read;
      const logits = read.probabilities.map(Math.log);
      logits[0] = (logits[0] as number) + bearish;
      logits[1] = (logits[1] as number) + bullish;
      return sentimentFromProbabilities(softmaxInPlace(logits));
    },
  };
}

for (let fold = 0; fold < folds; fold++) {
  const training = sources.headlines.filter((_, i) => i % folds !== fold);
  const left = sources.headlines.filter((_, i) => i % folds === fold);
  const classifier = createTextClassifier(trainTextModel(trainingExamples({ tweets: sources.tweets, headlines: training }), options, afinn), afinn);
  const cache = new Map<string, TextSentiment>();
  const cached: TextClassifier = {
    classify(text, kind = 'text') {
      const key = `${kind}\u0000${text}`;
      return cache.get(key) ?? cache.set(key, classifier.classify(text, kind)).get(key)!;
    },
  };
  for (const bearish of grid) {
    for (const bullish of grid) {
      const report = evaluateEntities(left, (text, entity) => scoreEntity({ classifier: withOffsets(cached, bearish, bullish), afinn }, text, entity));
      const key = `${bearish},${bullish}`;
      correct.set(key, (correct.get(key) ?? 0) + report.accuracy * report.count);
      if (bearish === grid[0] && bullish === grid[0]) total += report.count;
    }
  }
  console.log(`fold ${fold + 1}/${folds} done`);
}
const ranked = [...correct].sort((a, b) => b[1] - a[1]);
console.log(`no offsets: out-of-fold per-entity accuracy ${((correct.get('0,0') ?? 0) / total).toFixed(4)}`);
for (const [key, hits] of ranked.slice(0, 8)) console.log(`bearish,bullish ${key}: ${(hits / total).toFixed(4)}`);
