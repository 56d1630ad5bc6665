import { eventTypeNames } from './format.ts';
import { eventTypes, type EventType, type SentimentLabel } from './types.ts';

// The feed's filters as they live in the URL (#/?tickers=CIFR&types=guidance&…): the public
// API's own parameter names and values (services/api README, "Filters"), so a shared link is a
// view and the page passes them on as they are. Pure: unit-tested in node.

export const sentimentLabels: readonly SentimentLabel[] = ['bullish', 'bearish', 'neutral'];

/** The URL's filter parameters, in the order a summary names them. */
export const feedFilterNames = ['q', 'tickers', 'types', 'sentiment', 'minAbsScore', 'novel', 'sources', 'tags', 'since', 'until'] as const;
export type FeedFilterName = (typeof feedFilterNames)[number];

const listNames = new Set<FeedFilterName>(['tickers', 'types', 'sentiment', 'sources', 'tags']);
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function values(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/**
 * The filters of a feed URL, normalised (lists comma-joined and de-duplicated, tickers upper
 * case, a blank value dropped). Values are passed on unchecked otherwise: the API answers a
 * wrong one with a 400 naming the field, and the page shows that message.
 */
export function feedFilters(params: URLSearchParams): URLSearchParams {
  const filters = new URLSearchParams();
  for (const name of feedFilterNames) {
    if (listNames.has(name)) {
      const list = [...new Set(values(params, name).map((v) => (name === 'tickers' ? v.toUpperCase() : v)))];
      if (list.length > 0) filters.set(name, list.join(','));
    } else {
      const value = params.get(name)?.trim();
      if (value) filters.set(name, value);
    }
  }
  return filters;
}

/** What a filter form holds: the inputs a person fills in. */
export interface FilterForm {
  q: string;
  tickers: string;
  types: string[];
  sentiment: string[];
  minAbsScore: string;
  novel: string;
  sources: string;
  tags: string;
  /** yyyy-mm-dd, inclusive: published on or after this day (UTC). */
  from: string;
  /** yyyy-mm-dd, inclusive: published on or before this day (UTC). */
  to: string;
}

/** The day after an ISO date (yyyy-mm-dd), in UTC. */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The day before an ISO date (yyyy-mm-dd), in UTC. */
export function previousDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

const splitList = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/**
 * The URL's filters from a filled-in form. The form's "to" day is inclusive; the API's
 * `until` is exclusive, so it is the day after.
 */
export function formToFilters(form: FilterForm): URLSearchParams {
  const raw = new URLSearchParams();
  raw.set('q', form.q);
  raw.set('tickers', splitList(form.tickers).join(','));
  raw.set('types', form.types.join(','));
  raw.set('sentiment', form.sentiment.join(','));
  if (form.minAbsScore && Number(form.minAbsScore) > 0) raw.set('minAbsScore', form.minAbsScore);
  raw.set('novel', form.novel);
  raw.set('sources', splitList(form.sources).join(','));
  raw.set('tags', splitList(form.tags).join(','));
  if (isoDate.test(form.from)) raw.set('since', form.from);
  if (isoDate.test(form.to)) raw.set('until', nextDay(form.to));
  return feedFilters(raw);
}

/** The form's inputs for the URL's filters (the inverse of formToFilters). */
export function filtersToForm(filters: URLSearchParams): FilterForm {
  const list = (name: string) => (filters.get(name) ?? '').split(',').filter(Boolean);
  const until = filters.get('until') ?? '';
  const since = filters.get('since') ?? '';
  return {
    q: filters.get('q') ?? '',
    tickers: list('tickers').join(', '),
    types: list('types'),
    sentiment: list('sentiment'),
    minAbsScore: filters.get('minAbsScore') ?? '',
    novel: filters.get('novel') ?? '',
    sources: list('sources').join(', '),
    tags: list('tags').join(', '),
    from: isoDate.test(since) ? since : since.slice(0, 10),
    to: isoDate.test(until) ? previousDay(until) : until.slice(0, 10),
  };
}

/** The live stream's query: the stream's own filters that mean the same on an article (the page re-reads the feed on each frame). */
export function streamFilters(filters: URLSearchParams): URLSearchParams {
  const stream = new URLSearchParams();
  for (const name of ['tickers', 'types', 'sources', 'tags'] as const) {
    const value = filters.get(name);
    if (value) stream.set(name, value);
  }
  return stream;
}

/** One line naming the filters in force, for the feed's heading. */
export function describeFilters(filters: URLSearchParams): string {
  const parts: string[] = [];
  for (const name of feedFilterNames) {
    const value = filters.get(name);
    if (!value) continue;
    const list = value.split(',').join(', ');
    switch (name) {
      case 'q':
        parts.push(`words “${value}”`);
        break;
      case 'types':
        parts.push(`types ${value
          .split(',')
          .map((t) => (eventTypes as readonly string[]).includes(t) ? eventTypeNames[t as EventType] : t)
          .join(', ')}`);
        break;
      case 'minAbsScore':
        parts.push(`|score| ≥ ${value}`);
        break;
      case 'novel':
        parts.push(value === 'true' ? 'first reports only' : value === 'false' ? 'repeats only' : `novel ${value}`);
        break;
      case 'since':
        parts.push(`published from ${value}`);
        break;
      case 'until':
        parts.push(isoDate.test(value) ? `published to ${previousDay(value)}` : `published before ${value}`);
        break;
      default:
        parts.push(`${name} ${list}`);
    }
  }
  return parts.length ? `Filtered: ${parts.join('; ')}` : 'All stories';
}

const watchlistKey = 'tickerwire.watchlist';

/** The reader's watchlist (tickers kept in this browser's localStorage: not a secret). */
export const watchlist = {
  get(): string[] {
    try {
      return splitList(localStorage.getItem(watchlistKey) ?? '').map((t) => t.toUpperCase());
    } catch {
      return [];
    }
  },
  set(tickers: readonly string[]): void {
    if (tickers.length === 0) localStorage.removeItem(watchlistKey);
    else localStorage.setItem(watchlistKey, tickers.join(','));
  },
};
