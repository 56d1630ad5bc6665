import { decodeBytes } from './charset.ts';
import { FetchError, PageError } from './errors.ts';
import type { Fetched, Fetcher } from './fetcher.ts';
import { extractPage, type ExtractedPage } from './page-extract.ts';
import type { PagePool } from './page-pool.ts';

/**
 * Fetching and extracting the pages a source points at (feed item links, listing links) and
 * the page a page source is. Every page goes through the guarded Fetcher, which gates requests
 * per host and honours robots.txt here.
 */

/** Larger linked pages are refused while downloading; larger pages are never parsed in-process. Matches PagePool's default cap. */
export const maxPageBytes = 5 * 1024 * 1024;

const pageAccept = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/** text/plain is accepted because misconfigured servers send HTML with it; a missing type is tried too. */
function isPageType(contentType: string | null): boolean {
  const media = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return media === '' || media === 'text/html' || media === 'application/xhtml+xml' || media === 'text/plain';
}

/** The decoded HTML of a fetched page. Throws PageError 'not-html' for other content types. */
export function pageHtml(fetched: Fetched): string {
  if (!isPageType(fetched.contentType)) {
    throw new PageError('not-html', `${fetched.finalUrl}: content type "${fetched.contentType}" is not a web page`);
  }
  return decodeBytes(fetched.body, fetched.contentType).text;
}

/**
 * Decode and extract a fetched page: in the pool's worker when given, else in-process under the
 * size cap. Throws PageError ('not-html', 'too-large', 'extract-failed', or the pool's kinds).
 */
export async function extractFetchedPage(fetched: Fetched, pool: PagePool | undefined): Promise<ExtractedPage> {
  const html = pageHtml(fetched);
  if (pool) return pool.extract(html, fetched.finalUrl);
  if (html.length > maxPageBytes) throw new PageError('too-large', `${fetched.finalUrl}: page of ${html.length} characters exceeds ${maxPageBytes}`);
  try {
    return extractPage(html, fetched.finalUrl);
  } catch (error) {
    // As in the page worker: a page that breaks the extractor (RangeError on deep nesting) is that page's failure.
    throw new PageError('extract-failed', `${fetched.finalUrl}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
}

/**
 * Fetch and extract a page a source links to. The links a feed lists pass the same SSRF guard
 * as the feed: a private address only when the operator's allowlist names it.
 * Throws FetchError or PageError.
 */
export async function fetchLinkedPage(fetcher: Fetcher, url: string, pool: PagePool | undefined, signal?: AbortSignal): Promise<ExtractedPage> {
  const fetched = await fetcher.fetch({
    url,
    checkRobots: true,
    accept: pageAccept,
    maxBodyBytes: maxPageBytes,
    ...(signal ? { signal } : {}),
  });
  if (fetched.notModified) {
    // We sent no validators, so a 304 is the server misbehaving; it may answer properly later.
    throw new FetchError('http-status', `${url}: HTTP 304 to an unconditional request`, { permanent: false, url, status: 304 });
  }
  return extractFetchedPage(fetched, pool);
}

/**
 * `work` over `items` with at most `limit` running at once; results in input order. After one
 * rejects, no further item is started (the rejection is what the caller gets).
 */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const runner = async () => {
    while (next < items.length && !failed) {
      const index = next++;
      try {
        results[index] = await work(items[index]!, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, runner));
  return results;
}
