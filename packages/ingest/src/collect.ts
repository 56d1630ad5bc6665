import type { Source } from '@tickerwire/core';
import type { ArticleCandidate, ItemError } from './candidate.ts';
import { feedCandidates } from './collect-feed.ts';
import { listingCandidates, pageCandidates } from './collect-pages.ts';
import { fetchSource, type Fetcher, type Validators } from './fetcher.ts';
import type { PagePool } from './page-pool.ts';
import { unique } from './tickers.ts';

/**
 * One scheduled poll of one source, start to finish, so the fetcher service stays a thin
 * shell: conditional GET of the source, parse, follow links where the source kind asks for it,
 * and hand back article candidates plus the validators to store for the next poll.
 */

export interface CollectOptions {
  /** Conditional GET for the source URL itself (from the previous poll's result). */
  validators?: Validators | null;
  /** Parse pages in worker threads when given; else extractPage in-process under a 5 MiB cap. */
  pagePool?: PagePool;
  /** Whether an article is already stored: its page is not fetched (page-list links, full-text fetches). */
  isKnown?: (canonicalUrl: string) => Promise<boolean>;
  /** Cap per poll on feed items read and on listing links fetched. */
  maxItems?: number;
  signal?: AbortSignal;
}

export interface CollectResult {
  notModified: boolean;
  /** To store for the next poll. */
  validators: Validators;
  candidates: ArticleCandidate[];
  /** Per-item failures that did not fail the poll. */
  itemErrors: ItemError[];
}

export const defaultMaxItems = 200;

/** Options after defaults, as the per-kind collectors take them. */
export interface PollOptions {
  pool: PagePool | undefined;
  isKnown: ((canonicalUrl: string) => Promise<boolean>) | undefined;
  maxItems: number;
  signal: AbortSignal | undefined;
}

/** What a per-kind collector found. */
export interface Collected {
  candidates: ArticleCandidate[];
  itemErrors: ItemError[];
}

/**
 * Poll `source` once.
 *
 * - feed: one candidate per item with a usable link (others are 'no-link' item errors); with
 *   `fetchFullText`, each item's page is fetched (robots.txt honoured) and its text used when
 *   richer. A page failure keeps the feed text and adds an item error. A feed with no items
 *   is an empty, successful poll.
 * - page: the page itself is one article.
 * - page-list: the listing's article links (extractArticleLinks), minus stored ones, each
 *   fetched and extracted, at most `maxItems`.
 * - 304: `notModified: true`, no candidates, the validators to keep.
 * Every candidate's ticker hints start with the source's own `tickers`, when it has any.
 *
 * Errors, the contract callers rely on: a failure of the source URL itself is thrown as
 * FetchError (fetch, HTTP status, robots.txt), FeedError (feed bytes) or PageError (page or
 * listing bytes); each has `kind` and `permanent`, from which callers choose retry or give up.
 * Failures of linked pages never throw: they are `itemErrors`. An abort through `signal`
 * rejects with the signal's reason; an error thrown by `isKnown` (a database outage) is
 * rethrown as is, so the poll is retried rather than half-done.
 */
export async function collectArticles(fetcher: Fetcher, source: Source, options: CollectOptions = {}): Promise<CollectResult> {
  const fetched = await fetchSource(fetcher, source, options.validators, options.signal);
  if (fetched.notModified) return { notModified: true, validators: fetched.validators, candidates: [], itemErrors: [] };
  const poll: PollOptions = {
    pool: options.pagePool,
    isKnown: options.isKnown,
    maxItems: Math.max(0, Math.floor(options.maxItems ?? defaultMaxItems)),
    signal: options.signal,
  };
  let collected: Collected;
  switch (source.kind) {
    case 'feed':
      collected = await feedCandidates(fetcher, source, fetched, poll);
      break;
    case 'page':
      collected = await pageCandidates(source, fetched, poll);
      break;
    case 'page-list':
      collected = await listingCandidates(fetcher, source, fetched, poll);
      break;
  }
  // A source's own tickers (a company's press page, a single-stock feed) hint at every article it carries.
  const sourceTickers = source.tickers ?? [];
  const candidates = sourceTickers.length === 0
    ? collected.candidates
    : collected.candidates.map((candidate) => ({ ...candidate, tickers: unique([...sourceTickers, ...candidate.tickers]) }));
  return { notModified: false, validators: fetched.validators, candidates, itemErrors: collected.itemErrors };
}
