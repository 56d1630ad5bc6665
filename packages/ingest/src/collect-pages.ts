import type { Source } from '@tickerwire/core';
import { extractArticleLinks } from './article-links.ts';
import { candidateFromPage, emptyPageError, itemErrorOf, type ArticleCandidate, type ItemError } from './candidate.ts';
import type { Collected, PollOptions } from './collect.ts';
import type { Fetched, Fetcher } from './fetcher.ts';
import { canonicalizeUrl } from './identity.ts';
import { extractFetchedPage, fetchLinkedPage, mapLimited, pageHtml } from './linked-page.ts';

/** Page sources (the page is the article) and page-list sources (the page lists articles). */

/** Article pages fetched at once from one listing: the Fetcher's per-host gate still spaces them. */
const pageFetchConcurrency = 4;
/** isKnown() lookups issued together, so a long, fully stored listing costs few round trips. */
const knownCheckBatch = 20;

/** A page source: one candidate, or an 'empty-page' item error. Extraction failures throw PageError. */
export async function pageCandidates(source: Source, fetched: Fetched, options: PollOptions): Promise<Collected> {
  const page = await extractFetchedPage(fetched, options.pool);
  const candidate = candidateFromPage(page, source.id, canonicalizeUrl(source.url) ?? fetched.finalUrl);
  return candidate ? { candidates: [candidate], itemErrors: [] } : { candidates: [], itemErrors: [emptyPageError(fetched.finalUrl)] };
}

/** The first `limit` links that isKnown() does not report as stored, in listing order. */
async function unknownLinks(links: readonly string[], limit: number, isKnown: PollOptions['isKnown']): Promise<string[]> {
  if (!isKnown) return links.slice(0, limit);
  const unknown: string[] = [];
  for (let start = 0; start < links.length && unknown.length < limit; start += knownCheckBatch) {
    const batch = links.slice(start, start + knownCheckBatch);
    const known = await Promise.all(batch.map((link) => isKnown(link)));
    batch.forEach((link, index) => {
      if (!known[index] && unknown.length < limit) unknown.push(link);
    });
  }
  return unknown;
}

/**
 * A page-list source: the article links on the listing, minus stored ones, each fetched and
 * extracted. The listing is scanned on the main thread even with a pool: extractArticleLinks is
 * a linear scan over at most 2 MiB, not a DOM parse, so there is no tree to blow up.
 */
export async function listingCandidates(fetcher: Fetcher, source: Source, fetched: Fetched, options: PollOptions): Promise<Collected> {
  const links = extractArticleLinks(pageHtml(fetched), fetched.finalUrl);
  const toFetch = await unknownLinks(links, options.maxItems, options.isKnown);
  const results = await mapLimited(toFetch, pageFetchConcurrency, async (link): Promise<ArticleCandidate | ItemError> => {
    try {
      const page = await fetchLinkedPage(fetcher, link, options.pool, options.signal);
      return candidateFromPage(page, source.id, link) ?? emptyPageError(link);
    } catch (error) {
      return itemErrorOf(link, error, options.signal);
    }
  });
  const candidates: ArticleCandidate[] = [];
  const itemErrors: ItemError[] = [];
  for (const result of results) {
    if ('kind' in result) itemErrors.push(result);
    else candidates.push(result);
  }
  return { candidates, itemErrors };
}
