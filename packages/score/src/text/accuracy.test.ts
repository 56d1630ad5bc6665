import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evalFiles, evalFilesPresent } from './eval-files.ts';
import { compareWithBaseline } from './evaluation.ts';
import { createTextSentimentScorer, parseEntityJsonLines, parseLabelledCsv } from './index.ts';

/*
 * Measured on files the model never trained on (shared/eval; skipped when absent). The
 * floors sit just under today's figures so a regression fails; the product targets are
 * dev macro-F1 ≥ 0.78 and SEntFiN per-entity accuracy ≥ 0.70, not met yet (see the report
 * printed by scripts/eval-text.ts).
 */
describe.skipIf(!evalFilesPresent())('accuracy on held-out evaluation files', () => {
  const tweets = parseLabelledCsv(readFileSync(evalFiles.tweetDev, 'utf8'));
  const headlines = parseEntityJsonLines(readFileSync(evalFiles.entityHeadlines, 'utf8'));
  const [baseline, trained] = compareWithBaseline(createTextSentimentScorer(), tweets, headlines);

  it('reaches accuracy ≥ 0.82 on twitter-fin-sentiment/dev.csv', () => {
    expect(trained.tweets.accuracy).toBeGreaterThanOrEqual(0.82);
  });

  it('holds macro-F1 ≥ 0.75 on dev.csv (target 0.78)', () => {
    expect(trained.tweets.macroF1).toBeGreaterThanOrEqual(0.75);
  });

  it('holds per-entity accuracy ≥ 0.64 on sentfin-dev.jsonl (target 0.70)', () => {
    expect(trained.entities.accuracy).toBeGreaterThanOrEqual(0.64);
  });

  it('beats the natural AFINN baseline on both files', () => {
    expect(trained.tweets.macroF1).toBeGreaterThan(baseline.tweets.macroF1 + 0.2);
    expect(trained.entities.accuracy).toBeGreaterThan(baseline.entities.accuracy);
  });
});
