import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evalDirectory, evalFiles, evalFilesPresent } from './eval-files.ts';
import { compareWithBaseline } from './evaluation.ts';
import { splitHeldOut } from './holdout.ts';
import { createTextSentimentScorer, evaluateEntities, labelFromAfinn, parseEntityJsonLines, parseLabelledCsv, polarityOf } from './index.ts';

/*
 * Measured on text the model never trained on (shared/eval; skipped when absent): tweets
 * dev.csv, the seeded held-out third of sentfin-dev.jsonl (holdout.ts), and the SemEval-2017
 * and FiQA headline sets (measuring only). Today (feature set /4): tweets 0.839 accuracy and
 * 0.780 macro-F1 (0.839 / 0.781 with feature set /3, within dev.csv's ±0.01 noise), sentfin
 * held-out 0.789 per entity (0.706 with /3), SemEval 0.565 (0.528), FiQA 0.583 (0.531). The
 * bounds sit a little under today's figures so a retrain that loses ground fails.
 */
describe.skipIf(!evalFilesPresent())('accuracy on held-out evaluation files', () => {
  // Measured once, when the first test runs: a skipped suite still has its body collected.
  let measured: ReturnType<typeof compareWithBaseline> | undefined;
  const scorer = createTextSentimentScorer();
  const heldOut = () => splitHeldOut(parseEntityJsonLines(readFileSync(evalFiles.entityHeadlines, 'utf8'))).heldOut;
  const measure = () => (measured ??= compareWithBaseline(scorer, parseLabelledCsv(readFileSync(evalFiles.tweetDev, 'utf8')), heldOut()));

  it('reaches accuracy ≥ 0.83 on twitter-fin-sentiment/dev.csv', () => {
    const [, trained] = measure();
    expect(trained.tweets.accuracy).toBeGreaterThanOrEqual(0.83);
  });

  it('reaches macro-F1 ≥ 0.775 on dev.csv', () => {
    const [, trained] = measure();
    expect(trained.tweets.macroF1).toBeGreaterThanOrEqual(0.775);
  });

  it('reaches per-entity accuracy ≥ 0.78 on the held-out third of sentfin-dev.jsonl', () => {
    const [, trained] = measure();
    expect(trained.entities.accuracy).toBeGreaterThanOrEqual(0.78);
  });

  it('beats the natural AFINN baseline on tweets, held-out SEntFiN, SemEval and FiQA', () => {
    const [baseline, trained] = measure();
    expect(trained.tweets.macroF1).toBeGreaterThan(baseline.tweets.macroF1 + 0.2);
    expect(trained.entities.accuracy).toBeGreaterThan(baseline.entities.accuracy + 0.1);
    for (const file of ['semeval2017-headlines.jsonl', 'fiqa-headlines.jsonl']) {
      const headlines = parseEntityJsonLines(readFileSync(`${evalDirectory}/${file}`, 'utf8'));
      const ours = evaluateEntities(headlines, (text, entity) => scorer.scoreEntity(text, entity));
      const afinn = evaluateEntities(headlines, (text) => ({ polarity: polarityOf(labelFromAfinn(scorer.afinn.score(text))) }));
      expect(ours.accuracy, file).toBeGreaterThan(afinn.accuracy);
    }
  });
});
