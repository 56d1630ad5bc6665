import { readFile } from 'node:fs/promises';
import { EvaluationRecord, evaluate, extractEvents, type EvaluationReport } from '@tickerwire/extract';
import { formatIssues } from '@tickerwire/core';
import { UsageError } from '../config.ts';
import { evaluateSentiment, isTrainingHeadlines, sentimentFileKind } from './evaluate-sentiment.ts';
import { analyzeArticle } from './analyze.ts';
import { inPart, isProseRecord, joinPoolText, scoreEntities, type Part, type ProseRecord } from './evaluate-sets.ts';

const pct = (x: number) => (x * 100).toFixed(1).padStart(6);

/**
 * `eval FILE`: for labelled events, precision, recall and F1 per event type and accuracy per
 * field, then the misses; for labelled sentiment (per text or per entity), accuracy, macro-F1
 * and the confusion matrix beside natural's AFINN baseline.
 */
export async function evaluateFile(file: string, options: { misses: number; json: boolean; types?: string[]; part?: Part }, out: (line: string) => void): Promise<number> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const sentimentKind = sentimentFileKind(content);
  if (sentimentKind) {
    evaluateSentiment(content, sentimentKind, out, { heldOutOnly: isTrainingHeadlines(file) });
    return 0;
  }
  const rows = content
    .split('\n')
    .map((line, i) => ({ line, number: i + 1 }))
    .filter(({ line }) => line.trim())
    .map(({ line, number }) => {
      try {
        return { value: JSON.parse(line) as unknown, number };
      } catch {
        throw new UsageError(`${file}:${number}: not JSON`);
      }
    })
    .filter(({ value }) => inPart(String((value as { id?: unknown }).id ?? ''), options.part ?? 'all'));
  if (options.part && options.part !== 'all') out(`part: ${options.part} (${rows.length} records; the lockbox is a seeded third by id)`);
  const prose = rows.length > 0 && rows.every(({ value }) => isProseRecord(value)) ? rows.map(({ value }) => value as ProseRecord) : null;
  if (prose) printEntities(prose, options.misses, out);
  const unlabelledText = rows.map(({ value }) => (prose ? { id: (value as ProseRecord).id, title: (value as ProseRecord).title, text: (value as ProseRecord).body, events: (value as ProseRecord).events } : value));
  const records = joinPoolText(unlabelledText as { id: string; text?: string; events: unknown[] }[], file).map((value, i) => {
    const parsed = EvaluationRecord.safeParse(value);
    if (!parsed.success) throw new UsageError(`${file}:${rows[i]!.number}: ${formatIssues(parsed.error)}`);
    return parsed.data;
  });
  // Counted: the types asked for, else the types the file labels (its other types are not labelled, so not judged).
  const types = options.types ?? [...new Set(records.flatMap((r) => r.events.map((e) => e.type)))];
  // The record's own ticker (its source's subject) is given as a source's known tickers would be.
  const report = evaluate(records, (r) => extractEvents({ ...(r.title ? { title: r.title } : {}), body: r.text, tickers: r.meta?.ticker ? [r.meta.ticker] : [] }), types);
  out(`counted event types: ${types.join(', ')}`);
  if (options.json) {
    out(JSON.stringify({ ...report, misses: report.misses.slice(0, options.misses) }));
    return 0;
  }
  printReport(report, records.length, options.misses, out);
  return 0;
}

function printEntities(records: readonly ProseRecord[], misses: number, out: (line: string) => void): void {
  const score = scoreEntities(records, (r) => analyzeArticle({ title: r.title, body: r.body }));
  out(`companies each article is about (${score.records} articles)`);
  out(`tickers            tp ${score.tp}  fp ${score.fp}  fn ${score.fn}   precision ${pct(score.precision)}  recall ${pct(score.recall)}`);
  out(`per-ticker label   ${score.labelCorrect} / ${score.labelTotal} correct   ${pct(score.labelTotal ? score.labelCorrect / score.labelTotal : 1)}`);
  for (const miss of score.misses.slice(0, misses)) out(`- ${miss.id}: missing [${miss.missing.join(', ')}] extra [${miss.extra.join(', ')}]`);
  out('');
}

function printReport(report: EvaluationReport, records: number, misses: number, out: (line: string) => void): void {
  out(`${records} records`);
  out('');
  out('type                 tp    fp    fn  precision  recall      f1');
  for (const [type, t] of [...Object.entries(report.byType), ['all', report.overall] as const]) {
    out(`${type.padEnd(18)} ${String(t.tp).padStart(4)}  ${String(t.fp).padStart(4)}  ${String(t.fn).padStart(4)}     ${pct(t.precision)}  ${pct(t.recall)}  ${pct(t.f1)}`);
  }
  out('');
  out('field            correct / labelled   accuracy');
  for (const [field, f] of Object.entries(report.byField)) {
    out(`${field.padEnd(16)} ${String(f.correct).padStart(7)} / ${String(f.total).padEnd(8)}   ${pct(f.accuracy)}`);
  }
  if (misses > 0 && report.misses.length > 0) {
    out('');
    out(`misses (${Math.min(misses, report.misses.length)} of ${report.misses.length} records):`);
    for (const miss of report.misses.slice(0, misses)) {
      out(`- ${miss.id}: ${miss.text}`);
      for (const e of miss.expected) out(`    expected ${JSON.stringify(e)}`);
      for (const g of miss.got) {
        const { evidence: _e, confidence: _c, sentiment: _s, ...rest } = g;
        out(`    got      ${JSON.stringify(rest)}`);
      }
    }
  }
}
