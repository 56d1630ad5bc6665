import { z } from 'zod';
import type { MarketEvent } from '@tickerwire/core';
import { sameListedCompany } from './entity/listings.ts';
import { foldRating, spelledOutRating } from './lexicon/ratings.ts';
import { researchFirms } from './lexicon/firms.ts';

/** One labelled record of the contract's evaluation format. */
export const EvaluationRecord = z.object({
  id: z.string(),
  text: z.string(),
  title: z.string().optional(),
  meta: z.object({ ticker: z.string().nullable().optional() }).passthrough().optional(),
  events: z.array(z.object({ type: z.string() }).passthrough()),
});
export type EvaluationRecord = z.infer<typeof EvaluationRecord>;
type LabelledEvent = EvaluationRecord['events'][number] & Record<string, unknown>;

export { normaliseName, namesMatch } from './names-match.ts';
import { namesMatch, normaliseName } from './names-match.ts';

function firmsMatch(label: unknown, got: unknown): boolean {
  if ((label ?? null) === null || (got ?? null) === null) return (label ?? null) === (got ?? null);
  return namesMatch(label, got) || sameResearchFirm(label, got);
}

// "BofA Securities" and "Bank of America", "J.P. Morgan" and "JPMorgan": one firm of the firm table under two names.
const firmIdOf = new Map(Object.entries(researchFirms).flatMap(([id, names]) => [id, ...names].map((n) => [normaliseName(n).replace(/ /g, ''), id] as const)));
function sameResearchFirm(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const x = firmIdOf.get(normaliseName(a).replace(/ /g, ''));
  return x !== undefined && x === firmIdOf.get(normaliseName(b).replace(/ /g, ''));
}

/** Do a labelled and a predicted event describe the same fact? */
export function eventsMatch(label: LabelledEvent, got: MarketEvent): boolean {
  if (label.type !== got.type) return false;
  const gotRecord = got as unknown as Record<string, unknown>;
  const sameSubject = (typeof label.ticker === 'string' && typeof got.ticker === 'string' && sameListedCompany(label.ticker, got.ticker)) || namesMatch(label.company, got.company);
  if (!sameSubject) return false;
  if ('firm' in label || 'firm' in gotRecord) return firmsMatch(label.firm, gotRecord.firm);
  return true;
}

function valuesEqual(field: string, label: unknown, got: unknown): boolean {
  if (label === null || got === null || label === undefined || got === undefined) return (label ?? null) === (got ?? null);
  // "OW" as written and "overweight" spelled out by a labeller are one rating.
  if (field === 'ratingFrom' || field === 'ratingTo') return typeof got === 'string' && foldRating(spelledOutRating(String(label))!) === foldRating(spelledOutRating(got)!);
  if (field === 'firm') return namesMatch(label, got) || sameResearchFirm(label, got);
  if (field === 'company') return namesMatch(label, got);
  if (typeof label === 'number' && typeof got === 'number') return Math.abs(label - got) < 1e-6 * Math.max(1, Math.abs(label));
  if (typeof label === 'string' && typeof got === 'string') return label.toLowerCase() === got.toLowerCase();
  return JSON.stringify(label) === JSON.stringify(got);
}

/**
 * The fields of a label a prediction gets wrong. A label's `ticker: null` beside a company
 * name means the text writes no ticker ("Home Depot upgraded …"), not that the company has
 * none: a ticker the entity linker supplies for the same company is not an error. And a
 * company written another way ("Lilly" for "Eli Lilly") is the same company when both carry
 * the label's ticker, and a dual-listed company's US and home symbols (TM, 7203.T) are one.
 */
export function wrongFields(label: LabelledEvent, got: MarketEvent): string[] {
  const gotRecord = got as unknown as Record<string, unknown>;
  const linkedTicker = (field: string) => field === 'ticker' && label.ticker === null && got.ticker !== null && namesMatch(label.company, got.company);
  // "Lilly" for a label's "Eli Lilly": both written in the text, both linked to the same ticker.
  const sameCompany = (field: string) => field === 'company' && typeof label.ticker === 'string' && typeof got.ticker === 'string' && (label.ticker === got.ticker || sameListedCompany(label.ticker, got.ticker));
  // "7203.T" for Toyota where we report TM: one company, two listed lines (data/home-listings.json).
  const otherLine = (field: string) => field === 'ticker' && typeof label.ticker === 'string' && typeof got.ticker === 'string' && sameListedCompany(label.ticker, got.ticker);
  return Object.keys(label).filter((field) => field !== 'type' && !linkedTicker(field) && !sameCompany(field) && !otherLine(field) && !valuesEqual(field, label[field], gotRecord[field]));
}

export interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

export interface EvaluationReport {
  byType: Record<string, Tally & { precision: number; recall: number; f1: number }>;
  byField: Record<string, { correct: number; total: number; accuracy: number }>;
  overall: Tally & { precision: number; recall: number; f1: number };
  misses: { id: string; text: string; expected: LabelledEvent[]; got: MarketEvent[] }[];
}

/**
 * Precision and recall over events. A prediction counts as a true positive only when it
 * matches a label and every field the label gives is equal; a matched prediction with a
 * wrong field is both a false positive and a false negative.
 */
export function evaluate(records: readonly EvaluationRecord[], predict: (record: EvaluationRecord) => MarketEvent[], types?: readonly string[]): EvaluationReport {
  const tallies = new Map<string, Tally>();
  const fields = new Map<string, { correct: number; total: number }>();
  const misses: EvaluationReport['misses'] = [];
  const tally = (type: string) => tallies.get(type) ?? (tallies.set(type, { tp: 0, fp: 0, fn: 0 }), tallies.get(type)!);
  const counted = (type: string) => !types || types.includes(type);

  for (const record of records) {
    const labels = (record.events as LabelledEvent[]).filter((e) => counted(e.type));
    const predictions = predict(record).filter((e) => counted(e.type));
    const unmatched = new Set(predictions.map((_, i) => i));
    let missed = false;
    for (const label of labels) {
      const index = [...unmatched].find((i) => eventsMatch(label, predictions[i]!));
      const t = tally(label.type);
      if (index === undefined) {
        t.fn++;
        missed = true;
        for (const field of Object.keys(label)) if (field !== 'type') bump(fields, field, false);
        continue;
      }
      unmatched.delete(index);
      const wrong = wrongFields(label, predictions[index]!);
      for (const field of Object.keys(label)) if (field !== 'type') bump(fields, field, !wrong.includes(field));
      if (wrong.length === 0) t.tp++;
      else {
        t.fp++;
        t.fn++;
        missed = true;
      }
    }
    for (const i of unmatched) {
      tally(predictions[i]!.type).fp++;
      missed = true;
    }
    if (missed) misses.push({ id: record.id, text: record.text, expected: labels, got: predictions });
  }

  const withRates = (t: Tally) => {
    const precision = t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp);
    const recall = t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { ...t, precision, recall, f1 };
  };
  const total = [...tallies.values()].reduce((a, t) => ({ tp: a.tp + t.tp, fp: a.fp + t.fp, fn: a.fn + t.fn }), { tp: 0, fp: 0, fn: 0 });
  return {
    byType: Object.fromEntries([...tallies].sort().map(([type, t]) => [type, withRates(t)])),
    byField: Object.fromEntries([...fields].sort().map(([f, v]) => [f, { ...v, accuracy: v.total ? v.correct / v.total : 1 }])),
    overall: withRates(total),
    misses,
  };
}

function bump(fields: Map<string, { correct: number; total: number }>, field: string, correct: boolean): void {
  const entry = fields.get(field) ?? { correct: 0, total: 0 };
  entry.total++;
  if (correct) entry.correct++;
  fields.set(field, entry);
}
