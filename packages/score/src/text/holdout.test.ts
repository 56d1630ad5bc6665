import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evalFiles, evalFilesPresent } from './eval-files.ts';
import { isHeldOut, splitHeldOut } from './holdout.ts';
import { entityTrainingExamples, parseEntityJsonLines } from './index.ts';

describe('the held-out third of sentfin-dev', () => {
  it('is decided by the id alone, so adding rows never moves old ones', () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `sentfin-${i}`);
    const first = ids.map(isHeldOut);
    expect(ids.map(isHeldOut)).toEqual(first);
    const share = first.filter(Boolean).length / ids.length;
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.37);
  });

  it.skipIf(!evalFilesPresent())('keeps every held-out headline out of the training examples', () => {
    const { training, heldOut } = splitHeldOut(parseEntityJsonLines(readFileSync(evalFiles.entityHeadlines, 'utf8')));
    expect(heldOut.length).toBeGreaterThan(1000);
    const trainingIds = new Set(training.map((h) => h.id));
    expect(heldOut.some((h) => trainingIds.has(h.id))).toBe(false);
    // A training example is an entity's context, taken from a training headline only.
    const trainingTexts = training.map((h) => h.text);
    for (const example of entityTrainingExamples(training.slice(0, 200))) {
      expect(trainingTexts.some((text) => text.includes(example.text))).toBe(true);
    }
  });
});
