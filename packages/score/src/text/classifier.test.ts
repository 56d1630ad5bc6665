import { describe, expect, it } from 'vitest';
import { softmaxInPlace, textVector } from './classifier.ts';
import { featureTokens, ngramFeatures } from './features.ts';
import { createTextSentimentScorer, loadTextModel, serializeTextModel, textLabels } from './index.ts';

// Our own sentences, written for this test.
const obvious = [
  ['Northwind Robotics upgraded to Buy at Example Securities, price target raised to $80', 'bullish'],
  ['Contoso shares surge 18% after record quarterly profit beats estimates', 'bullish'],
  ['Fabrikam stock plunges after it cuts full-year guidance and misses revenue estimates', 'bearish'],
  ['Litware downgraded to Sell as losses widen', 'bearish'],
  ['Tailspin Toys to hold annual shareholder meeting on May 14', 'neutral'],
  ['What to watch in markets this week', 'neutral'],
] as const;

describe('the shipped text model', () => {
  const model = loadTextModel();
  const scorer = createTextSentimentScorer(model);

  it('loads, with weights per label in the fixed order', () => {
    expect(model.labels).toEqual(textLabels);
    expect(Object.keys(model.weights).length).toBeGreaterThan(1000);
  });

  it('is byte-stable through parse and serialize', () => {
    expect(serializeTextModel(model)).toBe(serializeTextModel(loadTextModel()));
  });

  it.each(obvious)('reads %j as %s', (text, label) => {
    const result = scorer.classifier.classify(text);
    expect(result.label).toBe(label);
    expect(result.score).toBeGreaterThanOrEqual(-1);
    expect(result.score).toBeLessThanOrEqual(1);
    expect(result.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('handles empty and symbol-only text as neutral', () => {
    expect(scorer.classifier.classify('').label).toBe('neutral');
    expect(scorer.classifier.classify('$$$ ... ---').label).toBe('neutral');
  });
});

describe('features', () => {
  it('are Porter stems as unigrams, then bigrams of the unstemmed tokens', () => {
    expect(ngramFeatures(featureTokens('Contoso downgraded; downgrades $ACME +5% ?'))).toEqual([
      'contoso', 'downgrad', 'downgrad', '<ticker>', '<+pct>', '?',
      'contoso downgraded', 'downgraded downgrades', 'downgrades <ticker>', '<ticker> <+pct>', '<+pct> ?',
    ]);
  });
});

describe('classify', () => {
  const model = loadTextModel();
  const scorer = createTextSentimentScorer(model);
  const weights = new Map(Object.entries(model.weights));
  // The plain reading: the training vector, then a dot product in the vector's order.
  const reference = (text: string) => {
    const vector = textVector(text, scorer.afinn);
    const logits = model.bias.slice();
    vector.names.forEach((name, i) => {
      const row = weights.get(name);
      if (row) for (let k = 0; k < logits.length; k++) logits[k] = logits[k]! + row[k]! * vector.values[i]!;
    });
    return softmaxInPlace(logits);
  };

  // Repeated words, stems and bigrams, shapes, lexicon words, negations, nothing at all.
  const texts = [
    ...obvious.map(([text]) => text),
    // Inflections no training text has, whose stems the model knows; unknown words of one stem.
    'Contoso outperformances and reboundings; Zyxwvuts zyxwvutsing zyxwvutsed zyxwvutsing',
    'Upgrade upgrade upgraded upgrades: upgrade upgrade, downgrade downgraded downgrades',
    '$ACME $ACME +4.3% -2% 12% 1,200 shares jump jump jump; not bad, not good at all!',
    "Contoso's Contoso's shares fell fell 5% after the the the miss?",
    'Analysts slash targets as losses widen and guidance is cut https://t.co/abc then rebound',
    'a', '', '   ', '???', 'Q4 net profit at Rs 5 crore vs Rs 4 crore',
  ];

  it.each(texts)('gives exactly the probabilities of the training vector for %j', (text) => {
    expect(scorer.classifier.classify(text).probabilities).toEqual(reference(text));
  });
});
