import { describeSentiment, eventHeadline } from '@tickerwire/core';
import type { ApiArticle, ApiEvent } from './representations.ts';

/**
 * CSV export (RFC 4180): a header row, CRLF line ends, a field quoted when it holds a comma,
 * a quote, CR or LF, quotes doubled. One row per event: /v1/events one per event, /v1/articles
 * one per (article, event), an article without events on one row with the event columns empty.
 *
 * Spreadsheets run a cell that starts with = + - @ (or tab, CR) as a formula: such a text cell
 * is written with a leading apostrophe (the OWASP CSV-injection guard). Numbers we write
 * ourselves (scores, prices) are left alone.
 */
type Cell = string | number | boolean | null;

const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null) return '';
  let text = typeof value === 'string' ? (formulaStart.test(value) ? `'${value}` : value) : String(value);
  if (/[",\r\n]/.test(text)) text = `"${text.replaceAll('"', '""')}"`;
  return text;
}

export function csvRows(header: readonly string[], rows: readonly Cell[][]): string {
  return [header, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}

/** Columns of /v1/events as CSV, in order, with what each holds (the README lists them too). */
export const eventColumns = [
  ['event_id', 'the event id (GET /v1/events/{id})'],
  ['type', 'analyst_rating, price_target, contract, capacity, valuation or price_move'],
  ['ticker', 'the ticker, empty for a sector-level event'],
  ['company', 'the company named'],
  ['action', 'rating or target action; up/down for a price move'],
  ['firm', 'the analyst firm'],
  ['headline', 'the event in words, with its sentiment'],
  ['sentiment_label', 'bullish, bearish or neutral'],
  ['sentiment_score', '-1 to 1'],
  ['relevance', "the article's relevance to the ticker, 0 to 1"],
  ['published_at', 'when the article was published (ISO 8601)'],
  ['first_seen_at', 'when the fact was first fetched (ISO 8601)'],
  ['article_id', 'the article that first reported it'],
  ['article_title', "that article's title"],
  ['article_url', "that article's URL"],
  ['sources', 'ids of the sources that reported it, space-separated'],
  ['reports', 'how many articles reported it'],
  ['tags', 'tags, space-separated'],
  ['evidence', 'the sentence it was extracted from'],
] as const;

function eventCells(e: ApiEvent): Cell[] {
  return [
    e.id,
    e.type,
    e.ticker,
    e.company,
    e.action,
    e.firm,
    eventHeadline(e.event),
    e.sentiment?.label ?? null,
    e.sentiment?.score ?? null,
    e.relevance,
    e.publishedAt,
    e.firstSeenAt,
    e.article?.id ?? e.reports[0]?.articleId ?? null,
    e.article?.title ?? null,
    e.article?.url ?? null,
    [...new Set(e.reports.flatMap((r) => r.sourceIds))].join(' '),
    e.reports.length,
    e.tags.join(' '),
    e.event.evidence.text,
  ];
}

export function eventsCsv(events: readonly ApiEvent[]): string {
  return csvRows(
    eventColumns.map(([name]) => name),
    events.map(eventCells),
  );
}

/** Columns of /v1/articles as CSV: the article's, then its event's (empty without events). */
export const articleColumns = [
  ['article_id', 'the article id (GET /v1/articles/{id})'],
  ['title', 'its title'],
  ['url', 'its canonical URL'],
  ['published_at', 'when it was published (ISO 8601)'],
  ['first_seen_at', 'when it was first fetched (ISO 8601)'],
  ['sources', 'ids of the sources that carried it, space-separated'],
  ['tickers', 'tickers it names, space-separated'],
  ['tags', 'its tags, space-separated'],
  ['sentiment_label', "the article's sentiment label"],
  ['sentiment_score', "the article's sentiment score, -1 to 1"],
  ['event_type', 'the event of this row (empty: the article has none)'],
  ['event_ticker', "the event's ticker"],
  ['event_action', "the event's action"],
  ['event_firm', "the event's firm"],
  ['event_headline', 'the event in words, with its sentiment'],
  ['event_sentiment_score', "the event's sentiment score"],
  ['ticker_sentiment', "the article's sentiment about the event's ticker, e.g. \"bullish +0.37\""],
  ['ticker_relevance', "the article's relevance to the event's ticker, 0 to 1"],
] as const;

export function articlesCsv(articles: readonly ApiArticle[]): string {
  const rows: Cell[][] = [];
  for (const a of articles) {
    const analysis = a.analysis;
    const base: Cell[] = [
      a.id,
      a.title,
      a.canonicalUrl,
      a.publishedAt,
      a.firstSeenAt,
      [...new Set(a.sources.map((s) => s.sourceId))].join(' '),
      (analysis?.tickers ?? []).join(' '),
      (analysis?.tags ?? []).join(' '),
      analysis?.sentiment?.label ?? null,
      analysis?.sentiment?.score ?? null,
    ];
    const events = analysis?.events ?? [];
    if (events.length === 0) rows.push([...base, null, null, null, null, null, null, null, null]);
    for (const e of events) {
      const own = e.ticker ? analysis?.tickerSentiment?.find((t) => t.ticker === e.ticker) : undefined;
      rows.push([
        ...base,
        e.type,
        e.ticker,
        'action' in e ? e.action : e.type === 'price_move' ? e.direction : null,
        'firm' in e ? e.firm : null,
        eventHeadline(e),
        e.sentiment?.score ?? null,
        describeSentiment(own),
        own?.relevance ?? null,
      ]);
    }
  }
  return csvRows(
    articleColumns.map(([name]) => name),
    rows,
  );
}
