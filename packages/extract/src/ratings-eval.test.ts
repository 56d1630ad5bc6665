import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EvaluationRecord, evaluate, extractEvents } from './index.ts';

const file = fileURLToPath(new URL('../../../../shared/eval/ratings-dev.jsonl', import.meta.url));

describe.skipIf(!existsSync(file))('ratings-dev.jsonl (real headlines, hand-labelled)', () => {
  it('reaches precision >= 0.97 and recall >= 0.95 on rating and target events, all fields counted', () => {
    const records = readFileSync(file, 'utf8').trim().split('\n').map((line) => EvaluationRecord.parse(JSON.parse(line)));
    const report = evaluate(
      records,
      (r) => extractEvents({ body: r.text, tickers: r.meta?.ticker ? [r.meta.ticker] : [] }),
      ['analyst_rating', 'price_target'],
    );
    expect(report.overall.tp + report.overall.fn).toBeGreaterThan(150);
    expect(report.overall.precision).toBeGreaterThanOrEqual(0.97);
    expect(report.overall.recall).toBeGreaterThanOrEqual(0.95);
  });
});
