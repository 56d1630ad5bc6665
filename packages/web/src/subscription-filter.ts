import { eventTypeNames } from './format.ts';
import type { EventType, SentimentLabel, SubscriptionFilter } from './types.ts';

// The filter builder's pure half: form values to the API's one filter schema (feeds, streams
// and subscriptions share it: @tickerwire/core eventCriteria) and a filter back to words.

/** What `actions` takes (core's eventActions): rating and price-target actions, a move's direction. */
export const eventActionValues = ['upgrade', 'downgrade', 'initiate', 'maintain', 'resume', 'terminate', 'raise', 'lower', 'remove', 'up', 'down'] as const;
export const sentimentValues: readonly SentimentLabel[] = ['bullish', 'bearish', 'neutral'];

export interface FilterFormValues {
  tickers: string;
  types: string[];
  actions: string[];
  sentiment: string[];
  minAbsScore: string;
  minRelevance: string;
  sources: string[];
  tags: string;
  novelOnly: boolean;
}

export interface FieldProblem {
  field: keyof FilterFormValues;
  message: string;
}

/** "AAPL, msft  NVDA" → ["AAPL", "MSFT", "NVDA"]: commas or spaces, no repeats. */
export function splitList(text: string, upper = false): string[] {
  const values = text
    .split(/[\s,]+/)
    .map((v) => (upper ? v.trim().toUpperCase() : v.trim()))
    .filter(Boolean);
  return [...new Set(values)];
}

/** "sample site, miners" → ["sample site", "miners"]: tags may hold spaces, so commas only. */
export function commaList(text: string): string[] {
  return [...new Set(text.split(',').map((v) => v.trim()).filter(Boolean))];
}

const tickerPattern = /^[A-Z0-9][A-Z0-9.-]{0,11}$/;

function unitNumber(text: string, field: 'minAbsScore' | 'minRelevance', problems: FieldProblem[]): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    problems.push({ field, message: 'a number from 0 to 1' });
    return undefined;
  }
  return value;
}

/** The filter the form describes, or what is wrong with it (checked as the API would, to say it next to the field). */
export function filterFromForm(values: FilterFormValues): { filter: SubscriptionFilter; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const filter: SubscriptionFilter = {};
  const tickers = splitList(values.tickers, true);
  const badTickers = tickers.filter((t) => !tickerPattern.test(t));
  if (badTickers.length > 0) problems.push({ field: 'tickers', message: `not a ticker symbol: ${badTickers.join(', ')}` });
  if (tickers.length > 0) filter.tickers = tickers;
  if (values.types.length > 0) filter.types = [...values.types];
  if (values.actions.length > 0) filter.actions = [...values.actions];
  if (values.sentiment.length > 0) filter.sentiment = values.sentiment as SentimentLabel[];
  const minAbsScore = unitNumber(values.minAbsScore, 'minAbsScore', problems);
  if (minAbsScore !== undefined && minAbsScore > 0) filter.minAbsScore = minAbsScore;
  const minRelevance = unitNumber(values.minRelevance, 'minRelevance', problems);
  if (minRelevance !== undefined && minRelevance > 0) filter.minRelevance = minRelevance;
  if (values.sources.length > 0) filter.sources = [...values.sources];
  const tags = commaList(values.tags);
  if (tags.some((t) => t.length > 100)) problems.push({ field: 'tags', message: 'a tag is at most 100 characters' });
  if (tags.length > 0) filter.tags = tags;
  if (values.novelOnly) filter.novelOnly = true;
  return { filter, problems };
}

/** A filter in words: "tickers EXMPL · Price target · raise · bullish · |score| ≥ 0.3", or "every event". */
export function describeFilter(filter: SubscriptionFilter): string {
  const parts: string[] = [];
  if (filter.tickers?.length) parts.push(`tickers ${filter.tickers.join(', ')}`);
  if (filter.types?.length) parts.push(filter.types.map((t) => eventTypeNames[t as EventType] ?? t).join(' or '));
  if (filter.actions?.length) parts.push(`action ${filter.actions.join(' or ')}`);
  if (filter.sentiment?.length) parts.push(filter.sentiment.join(' or '));
  if (filter.minAbsScore) parts.push(`|score| ≥ ${filter.minAbsScore}`);
  if (filter.minRelevance) parts.push(`relevance ≥ ${filter.minRelevance}`);
  if (filter.sources?.length) parts.push(`from ${filter.sources.join(', ')}`);
  if (filter.tags?.length) parts.push(`tagged ${filter.tags.join(', ')}`);
  if (filter.novelOnly) parts.push('first reports only');
  return parts.length > 0 ? parts.join(' · ') : 'every event';
}
