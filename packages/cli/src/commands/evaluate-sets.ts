/**
 * Our own labelled sets (`eval/`): records are read in one of two shapes and split into the
 * dev part and the lockbox (a seeded third by id, `inLockbox`), scored side by side.
 *
 * - Prose articles: `{id, title, body, tickers, tickerSentiment, events}` — the companies each
 *   article is about (ticker precision and recall), each one's label, and the rating and
 *   target events.
 * - Labels of third-party headlines: `{id, events}` without text — the text is joined from
 *   `shared/eval/unlabeled/headlines-pool.jsonl` here, at evaluation time, and never stored.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inLockbox, sameListedCompany, type EvaluationRecord } from '@tickerwire/extract';
import { UsageError } from '../config.ts';

export type Part = 'dev' | 'lockbox' | 'all';

export interface ProseRecord {
  id: string;
  title: string;
  body: string;
  tickers: string[];
  tickerSentiment?: Record<string, string>;
  events: EvaluationRecord['events'];
}

export function isProseRecord(value: unknown): value is ProseRecord {
  return typeof value === 'object' && value !== null && 'body' in value && 'tickers' in value && Array.isArray((value as ProseRecord).tickers);
}

export function inPart(id: string, part: Part): boolean {
  return part === 'all' || (part === 'lockbox') === inLockbox(id);
}

/** Labels without text get the text of the pool headline with the same id. */
export function joinPoolText(records: { id: string; text?: string; events: unknown[] }[], file: string): EvaluationRecord[] {
  if (records.every((r) => typeof r.text === 'string')) return records as EvaluationRecord[];
  const pool = poolFile(file);
  const texts = new Map<string, { text: string; meta?: { ticker?: string } }>();
  for (const line of readFileSync(pool, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { id: string; text: string; meta?: { ticker?: string } };
    texts.set(row.id, row);
  }
  return records.map((r) => {
    const row = texts.get(r.id);
    if (!row) throw new UsageError(`${r.id}: no headline with this id in ${pool}`);
    return { id: r.id, text: row.text, meta: row.meta?.ticker ? { ticker: row.meta.ticker } : undefined, events: r.events } as EvaluationRecord;
  });
}

/** `shared/eval/unlabeled/headlines-pool.jsonl`, looked for beside the repo as everywhere else. */
function poolFile(file: string): string {
  const candidates = [join(process.cwd(), '..', 'shared/eval/unlabeled/headlines-pool.jsonl'), join(dirname(file), '../../../shared/eval/unlabeled/headlines-pool.jsonl')];
  for (const path of candidates) {
    try {
      readFileSync(path, { flag: 'r' });
      return path;
    } catch {
      // next
    }
  }
  throw new UsageError('these labels carry no text: shared/eval/unlabeled/headlines-pool.jsonl must be beside the repo');
}

export interface EntityScore {
  records: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  /** Labelled tickers whose predicted label (bullish/bearish/neutral) matches; a missed ticker counts as wrong. */
  labelCorrect: number;
  labelTotal: number;
  misses: { id: string; missing: string[]; extra: string[] }[];
}

export function scoreEntities(records: readonly ProseRecord[], analyze: (r: ProseRecord) => { tickers: string[]; tickerSentiment?: { ticker: string; label: string }[] }): EntityScore {
  const score: EntityScore = { records: records.length, tp: 0, fp: 0, fn: 0, precision: 1, recall: 1, labelCorrect: 0, labelTotal: 0, misses: [] };
  for (const record of records) {
    const got = analyze(record);
    // One listing written two ways (TM and 7203.T, 8035 and 8035.T) is the same company, as for events.
    const want = new Set(record.tickers);
    const predicted = new Set(got.tickers);
    const missing = [...want].filter((t) => ![...predicted].some((p) => sameListedCompany(t, p)));
    const extra = [...predicted].filter((p) => ![...want].some((t) => sameListedCompany(t, p)));
    score.tp += want.size - missing.length;
    score.fn += missing.length;
    score.fp += extra.length;
    for (const [ticker, label] of Object.entries(record.tickerSentiment ?? {})) {
      score.labelTotal++;
      if (got.tickerSentiment?.find((s) => sameListedCompany(s.ticker, ticker))?.label === label) score.labelCorrect++;
    }
    if (missing.length > 0 || extra.length > 0) score.misses.push({ id: record.id, missing, extra });
  }
  score.precision = score.tp + score.fp > 0 ? score.tp / (score.tp + score.fp) : 1;
  score.recall = score.tp + score.fn > 0 ? score.tp / (score.tp + score.fn) : 1;
  return score;
}
