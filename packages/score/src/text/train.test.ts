import { describe, expect, it } from 'vitest';
import { createTextClassifier, serializeTextModel, trainTextModel, type LabelledText } from './index.ts';

// A tiny made-up corpus: enough to learn which words point which way.
const examples: LabelledText[] = [
  ['Acme beats estimates and raises guidance', 'bullish'],
  ['Globex upgraded to buy, shares jump', 'bullish'],
  ['Initech stock soars on record sales', 'bullish'],
  ['Hooli shares rally after strong quarter', 'bullish'],
  ['Acme misses estimates and cuts guidance', 'bearish'],
  ['Globex downgraded to sell, shares fall', 'bearish'],
  ['Initech stock plunges on weak sales', 'bearish'],
  ['Hooli shares slump after loss widens', 'bearish'],
  ['Acme to present at investor conference', 'neutral'],
  ['Globex annual meeting scheduled for June', 'neutral'],
  ['Initech names new chief financial officer', 'neutral'],
  ['Hooli files quarterly report', 'neutral'],
].map(([text, label]) => ({ text, label }) as LabelledText);

const options = { epochs: 30, learningRate: 0.3, l2: 1e-4, minCount: 1, classWeightPower: 0.5, pruneBelow: 1e-3, seed: 7 };

describe('training', () => {
  it('is deterministic: the same data and options give the same bytes', () => {
    const first = serializeTextModel(trainTextModel(examples, options));
    const second = serializeTextModel(trainTextModel(examples, options));
    expect(second).toBe(first);
    expect(JSON.parse(first).training.examples).toBe(examples.length);
  });

  it('depends on the seed only through the visiting order', () => {
    const other = serializeTextModel(trainTextModel(examples, { ...options, seed: 8 }));
    expect(other).not.toBe(serializeTextModel(trainTextModel(examples, options)));
  });

  it('learns the direction of the words it saw', () => {
    const classifier = createTextClassifier(trainTextModel(examples, options));
    expect(classifier.classify('Umbrella Corp shares jump after it beats estimates').label).toBe('bullish');
    expect(classifier.classify('Umbrella Corp shares fall after it misses estimates').label).toBe('bearish');
  });
});
