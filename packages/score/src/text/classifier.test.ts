import { describe, expect, it } from 'vitest';
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
