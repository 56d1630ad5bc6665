import type { ArticleCandidate } from '@tickerwire/ingest';
import type { ArticleDraft } from '@tickerwire/queue';
import { maxBatch } from '@tickerwire/queue';

/**
 * A fetched candidate as the article the rest of the chain carries: first seen now, from this
 * source, with the tickers the source covers and those its feed or page tagged, and the
 * source's tags (the article carries them, so `tags=` finds what a source was tagged with).
 */
export function draftOf(candidate: ArticleCandidate, source: { id: string; tickers?: readonly string[] | undefined; tags?: readonly string[] | undefined }, seenAt: Date): ArticleDraft {
  const sourceId = source.id;
  return {
    id: candidate.id,
    url: candidate.url,
    canonicalUrl: candidate.canonicalUrl,
    title: candidate.title,
    body: candidate.body,
    author: candidate.author,
    publishedAt: candidate.publishedAt,
    firstSeenAt: seenAt,
    contentHash: candidate.contentHash,
    sources: [{ sourceId, url: candidate.url, firstSeenAt: seenAt }],
    tickerHints: [...new Set([...(source.tickers ?? []), ...candidate.tickers])],
    sourceTags: [...new Set(source.tags ?? [])],
  };
}

/** Splits work into batches no larger than one job may carry. */
export function batches<T>(items: readonly T[], size = maxBatch): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
