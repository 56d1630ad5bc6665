import { describe, expect, it } from 'vitest';
import { evalFilesPresent } from '@tickerwire/score';
import { evaluateSentimentDevFiles, sentimentDevFiles } from './evaluate-sentiment.ts';

describe.skipIf(!evalFilesPresent())('eval --sentiment', () => {
  it('prints every dev file beside the AFINN baseline in one run, sentfin-dev on its held-out third only', () => {
    const lines: string[] = [];
    expect(evaluateSentimentDevFiles((line) => lines.push(line))).toBe(0);
    const text = lines.join('\n');
    for (const name of ['tweets dev.csv', 'sentfin-dev held-out third', 'semeval2017-headlines', 'fiqa-headlines', 'our results sentences', 'our news sentences', 'results-guidance set, dev part', 'our multi-company sentences']) {
      expect(text).toContain(`== ${name}`);
    }
    expect(text.match(/natural AFINN baseline/g)?.length).toBe(sentimentDevFiles.length);
    expect(text).toMatch(/1461 headlines \(the held-out third of 4278/);
    // The summary has one line per file with the baseline's and our accuracy.
    const summary = lines.slice(lines.indexOf('summary (accuracy / macro-F1, %):'));
    expect(summary.filter((l) => /\d+\.\d \/ \d+\.\d/.test(l))).toHaveLength(sentimentDevFiles.length);
  }, 60_000);
});
