import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAfinnScorer, labelFromAfinn, tokenizeLikeNatural } from './afinn.ts';
import { evalFiles, evalFilesPresent } from './eval-files.ts';

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

describe('valenceSum', () => {
  const afinn = createAfinnScorer();
  const natural = (text: string) => {
    const words = tokenizeLikeNatural(text);
    return afinn.scoreWords(words) * words.length;
  };
  // Ours: negations before and after valenced words, apostrophes, slashes, hyphens, digits, accents, nothing.
  const texts = [
    'Shares gain as profit improves', 'not good, never bad; no gain', 'bankruptcy fears hit lender',
    "Contoso's Q4 beat/miss? -- up-beat 5% don't", 'Société Générale cuts outlook — stock falls',
    '', '   ', '!!!', 'NOT Good GOOD good', 'a/b/c 1-2-3 x\'y',
  ];

  it.each(texts)('is natural\'s score times its word count for %j', (text) => {
    expect(afinn.valenceSum(text)).toBe(natural(text));
  });

  it.skipIf(!evalFilesPresent())('agrees with natural on every dev tweet and SEntFiN headline', () => {
    const lines = [...readFileSync(evalFiles.tweetDev, 'utf8').split('\n'), ...readFileSync(evalFiles.entityHeadlines, 'utf8').split('\n')];
    const differing = lines.filter((line) => afinn.valenceSum(line) !== natural(line));
    expect(differing).toEqual([]);
  });
});
