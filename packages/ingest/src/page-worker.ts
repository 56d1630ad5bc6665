import { parentPort } from 'node:worker_threads';
import { FeedError, type FeedErrorKind } from './errors.ts';
import { parseFeedBytes } from './feed.ts';
import type { FeedItem } from './feed-types.ts';
import { extractPage } from './page-extract.ts';

/**
 * Worker side of the page pool: extracts one page, or parses one feed, per message. Any
 * exception (including RangeError from something recursing too deep) is sent back as a
 * message; the pool's timeout and the worker's heap limit cover what cannot be caught.
 */

export type PageJob =
  | { id: number; kind: 'page'; html: string; url: string }
  /** A feed's bytes; only its first `maxItems` entries come back (the poll takes no more). */
  | { id: number; kind: 'feed'; bytes: Uint8Array; contentType: string | null; baseUrl: string; maxItems: number };

export type PageJobResult =
  | { id: number; ok: true; page: ReturnType<typeof extractPage> }
  | { id: number; ok: true; items: FeedItem[] }
  | { id: number; ok: false; message: string; feedKind?: FeedErrorKind };

async function run(job: PageJob): Promise<PageJobResult> {
  try {
    if (job.kind === 'page') return { id: job.id, ok: true, page: extractPage(job.html, job.url) };
    const feed = await parseFeedBytes(job.bytes, job.contentType, { baseUrl: job.baseUrl });
    return { id: job.id, ok: true, items: feed.items.slice(0, job.maxItems) };
  } catch (error) {
    if (error instanceof FeedError) return { id: job.id, ok: false, message: error.message, feedKind: error.kind };
    return { id: job.id, ok: false, message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

parentPort?.on('message', (job: PageJob) => {
  void run(job).then((reply) => parentPort?.postMessage(reply));
});
