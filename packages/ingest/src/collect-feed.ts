import type { Source } from '@tickerwire/core';
import { itemErrorOf, type ArticleCandidate, type ItemError } from './candidate.ts';
import type { Collected, PollOptions } from './collect.ts';
import { FeedError } from './errors.ts';
import { parseFeedBytes } from './feed.ts';
import type { FeedItem } from './feed-types.ts';
import type { Fetched, Fetcher } from './fetcher.ts';
import { htmlToText } from './html-text.ts';
import { canonicalizeUrl, contentHash, itemId } from './identity.ts';
import { fetchLinkedPage, mapLimited } from './linked-page.ts';
import { tickersFromMetadata, tickersFromText, unique } from './tickers.ts';

/** Feed items to candidates, optionally with the text of the page each item links to. */

/** Full-text page fetches in flight per poll: bounds memory; the Fetcher still gates each host. */
const pageFetchConcurrency = 4;

interface LinkedItem {
  item: FeedItem;
  link: string;
  candidate: ArticleCandidate;
}

function feedCandidate(item: FeedItem, link: string, canonicalUrl: string, id: string): ArticleCandidate {
  const title = item.title ?? '';
  // Full content when the feed carries it; the summary (a lead, capped) otherwise.
  const content = item.contentHtml === null ? '' : htmlToText(item.contentHtml);
  const body = content !== '' ? content : (item.summary ?? '');
  return {
    id,
    url: link,
    canonicalUrl,
    title,
    body,
    author: item.author,
    publishedAt: item.publishedAt,
    contentHash: contentHash(body),
    tickers: unique([...item.categories.flatMap(tickersFromMetadata), ...tickersFromText(`${title}\n${body}`)]),
  };
}

async function withPageText(fetcher: Fetcher, source: Source, linked: LinkedItem, options: PollOptions): Promise<{ candidate: ArticleCandidate; error: ItemError | null }> {
  const { candidate } = linked;
  // A stored article needs no re-fetch: the feed-text candidate is still returned (the writer
  // de-duplicates it by id), so a poll's result does not depend on what is stored, and only
  // the page request is saved.
  if (options.isKnown && (await options.isKnown(candidate.canonicalUrl))) return { candidate, error: null };
  try {
    const page = await fetchLinkedPage(fetcher, linked.link, options.pool, options.signal);
    // Feeds often carry only a lead; a page that extracts to less than the feed gave is more
    // likely a paywall, consent wall or extraction miss than the story, so the feed text stays.
    const richer = page.text.length > candidate.body.length;
    const body = richer ? page.text : candidate.body;
    return {
      candidate: {
        ...candidate,
        url: richer ? page.url : candidate.url,
        title: candidate.title || (page.title ?? ''),
        body,
        author: candidate.author ?? page.author,
        publishedAt: candidate.publishedAt ?? page.publishedAt,
        contentHash: contentHash(body),
        tickers: unique([...candidate.tickers, ...page.tickers]),
      },
      error: null,
    };
  } catch (error) {
    // Never lose the item because its page failed: keep the feed text, report the failure.
    return { candidate, error: itemErrorOf(linked.link, error, options.signal) };
  }
}

export async function feedCandidates(fetcher: Fetcher, source: Source, fetched: Fetched, options: PollOptions): Promise<Collected> {
  let items: FeedItem[];
  try {
    // Off the event loop when there is a pool: a huge feed takes seconds to parse.
    items = options.pool
      ? await options.pool.parseFeed(fetched.body, fetched.contentType, fetched.finalUrl, options.maxItems)
      : (await parseFeedBytes(fetched.body, fetched.contentType, { baseUrl: fetched.finalUrl })).items;
  } catch (error) {
    // A feed with no entries (a new source, a quiet day) is a successful poll that found nothing.
    if (error instanceof FeedError && error.kind === 'no-items') return { candidates: [], itemErrors: [] };
    throw error;
  }
  const itemErrors: ItemError[] = [];
  const linked: LinkedItem[] = [];
  // Feeds list newest first, so the cap drops the oldest entries.
  for (const item of items.slice(0, options.maxItems)) {
    const canonicalUrl = item.link === null ? null : canonicalizeUrl(item.link);
    const id = itemId({ sourceId: source.id, guid: item.guid, link: item.link });
    if (item.link === null || canonicalUrl === null || id === null) {
      const name = item.guid ?? item.title ?? '(untitled)';
      itemErrors.push({ url: fetched.finalUrl, kind: 'no-link', message: `feed item ${JSON.stringify(name.slice(0, 200))} has no usable link` });
      continue;
    }
    linked.push({ item, link: item.link, candidate: feedCandidate(item, item.link, canonicalUrl, id) });
  }
  if (!source.fetchFullText) return { candidates: linked.map((entry) => entry.candidate), itemErrors };
  const results = await mapLimited(linked, pageFetchConcurrency, (entry) => withPageText(fetcher, source, entry, options));
  for (const result of results) if (result.error) itemErrors.push(result.error);
  return { candidates: results.map((result) => result.candidate), itemErrors };
}
