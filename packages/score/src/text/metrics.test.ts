import { describe, expect, it } from 'vitest';
import { accuracy, confusionMatrix, evaluateClassification } from './metrics.ts';

const labels = ['a', 'b', 'c'] as const;

describe('classification metrics', () => {
  // expected a a a b b c, predicted a b a b c c:
  // a: tp 2, expected 3, predicted 2 → F1 4/5; b: tp 1, exp 2, pred 2 → 1/2; c: tp 1, exp 1, pred 2 → 2/3.
  const expected = ['a', 'a', 'a', 'b', 'b', 'c'] as const;
  const predicted = ['a', 'b', 'a', 'b', 'c', 'c'] as const;

  it('counts expected by row and predicted by column', () => {
    expect(confusionMatrix(labels, expected, predicted)).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
  });

  it('computes accuracy and macro-F1 by hand', () => {
    const report = evaluateClassification(labels, expected, predicted);
    expect(report.accuracy).toBeCloseTo(4 / 6, 12);
    expect(accuracy(expected, predicted)).toBeCloseTo(4 / 6, 12);
    expect(report.f1ByLabel).toEqual({ a: 0.8, b: 0.5, c: 2 / 3 });
    expect(report.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 12);
  });

  it('gives a class that is never expected nor predicted an F1 of 0', () => {
    const report = evaluateClassification(labels, ['a', 'b'], ['a', 'b']);
    expect(report.f1ByLabel.c).toBe(0);
    expect(report.accuracy).toBe(1);
  });

  it('rejects mismatched lengths and unknown labels', () => {
    expect(() => confusionMatrix(labels, ['a'], [])).toThrow();
    expect(() => confusionMatrix(labels, ['a'], ['z' as 'a'])).toThrow(/label outside/);
  });
});
