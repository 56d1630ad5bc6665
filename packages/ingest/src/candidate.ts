import { FetchError, PageError } from './errors.ts';
import { contentHash, itemId } from './identity.ts';
import type { ExtractedPage } from './page-extract.ts';

/** One article as read from a source, before the writer de-duplicates and stores it. */
export interface ArticleCandidate {
  /** Stable id: itemId() of the feed guid, else of the canonical URL. */
  id: string;
  /** Where the text was read: the page after redirects, or the feed item's link. */
  url: string;
  /**
   * Canonical form of the URL we were pointed at (feed item link, listing link, page source
   * URL), never a page's own <link rel="canonical">: a page can claim any URL (syndication,
   * AMP, or hostile), and isKnown() must be asked the same key the next poll will ask.
   */
  canonicalUrl: string;
  /** Empty when neither the feed nor the page has a title. */
  title: string;
  /** Plain text. */
  body: string;
  author: string | null;
  publishedAt: Date | null;
  /** contentHash() of the body. */
  contentHash: string;
  /**
   * Ticker hints, may be empty: the source's own tickers, feed categories, page metadata and
   * $CASHTAG / "(NASDAQ: X)" mentions in the text.
   */
  tickers: string[];
}

/** A failure confined to one item: the poll itself still succeeded. */
export interface ItemError {
  url: string;
  /** FetchError/PageError kind, or 'no-link' / 'empty-page'. */
  kind: string;
  message: string;
}

/** A candidate for an extracted page; null when the page has neither a title nor text. */
export function candidateFromPage(page: ExtractedPage, sourceId: string, canonicalUrl: string): ArticleCandidate | null {
  if (page.title === null && page.text === '') return null;
  return {
    // canonicalUrl is an absolute http(s) URL, so itemId() always has a link to hash.
    id: itemId({ sourceId, link: canonicalUrl })!,
    url: page.url,
    canonicalUrl,
    title: page.title ?? '',
    body: page.text,
    author: page.author,
    publishedAt: page.publishedAt,
    contentHash: contentHash(page.text),
    tickers: page.tickers,
  };
}

export function emptyPageError(url: string): ItemError {
  return { url, kind: 'empty-page', message: `${url}: no title and no text found on the page` };
}

/**
 * The ItemError for a failed linked page. Only classified failures (FetchError, PageError) are
 * item errors; anything else is a bug or an abort and is rethrown so the poll fails visibly.
 */
export function itemErrorOf(url: string, error: unknown, signal: AbortSignal | undefined): ItemError {
  if (signal?.aborted) throw signal.reason;
  if (error instanceof FetchError || error instanceof PageError) return { url, kind: error.kind, message: error.message };
  throw error;
}
