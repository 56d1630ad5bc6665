import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evalFiles, evalFilesPresent } from './eval-files.ts';
import { compareWithBaseline } from './evaluation.ts';
import { createTextSentimentScorer, parseEntityJsonLines, parseLabelledCsv } from './index.ts';

/*
 * Measured on files the model never trained on (shared/eval; skipped when absent). The
 * product targets are dev accuracy ≥ 0.82, macro-F1 ≥ 0.78 and SEntFiN per-entity accuracy
 * ≥ 0.70, all asserted at their targets. Today (feature set /3, stemmed unigrams): 0.839,
 * 0.781 and 0.712 (see the report printed by scripts/eval-text.ts). Macro-F1 meets its target
 * by a hair: dev.csv has 1,911 tweets, so ±0.01 is within noise; the change that got it there
 * was chosen by cross-validation on train.csv, never on these files.
 */
describe.skipIf(!evalFilesPresent())('accuracy on held-out evaluation files', () => {
  // Measured once, when the first test runs: a skipped suite still has its body collected.
  let measured: ReturnType<typeof compareWithBaseline> | undefined;
  const measure = () =>
    (measured ??= compareWithBaseline(
      createTextSentimentScorer(),
      parseLabelledCsv(readFileSync(evalFiles.tweetDev, 'utf8')),
      parseEntityJsonLines(readFileSync(evalFiles.entityHeadlines, 'utf8')),
    ));

  it('reaches accuracy ≥ 0.82 on twitter-fin-sentiment/dev.csv', () => {
    const [, trained] = measure();
    expect(trained.tweets.accuracy).toBeGreaterThanOrEqual(0.82);
  });

  it('reaches macro-F1 ≥ 0.78 on dev.csv', () => {
    const [, trained] = measure();
    expect(trained.tweets.macroF1).toBeGreaterThanOrEqual(0.78);
  });

  it('reaches per-entity accuracy ≥ 0.70 on sentfin-dev.jsonl', () => {
    const [, trained] = measure();
    expect(trained.entities.accuracy).toBeGreaterThanOrEqual(0.7);
  });

  it('beats the natural AFINN baseline on both files', () => {
    const [baseline, trained] = measure();
    expect(trained.tweets.macroF1).toBeGreaterThan(baseline.tweets.macroF1 + 0.2);
    expect(trained.entities.accuracy).toBeGreaterThan(baseline.entities.accuracy);
  });
});
