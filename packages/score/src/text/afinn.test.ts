import { describe, expect, it } from 'vitest';
import { createAfinnScorer, labelFromAfinn } from './afinn.ts';

describe('natural AFINN baseline', () => {
  const afinn = createAfinnScorer();

  it('has its financial vocabulary (natural 8.1.1 loads it empty without our alias)', () => {
    expect(afinn.score('bankruptcy')).toBeLessThan(0);
    expect(afinn.score('Shares gain as profit improves')).toBeGreaterThan(0);
  });

  it("applies natural's negation", () => {
    expect(afinn.score('not good')).toBeLessThan(0);
  });

  it('maps scores to labels around the neutral band', () => {
    expect(labelFromAfinn(0.2)).toBe('bullish');
    expect(labelFromAfinn(-0.2)).toBe('bearish');
    expect(labelFromAfinn(0.01)).toBe('neutral');
    expect(afinn.score('')).toBe(0);
  });
});
