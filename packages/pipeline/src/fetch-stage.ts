import { UnrecoverableError } from '@tickerwire/queue';
import { collectArticles } from '@tickerwire/ingest';
import type { FetchStageDeps } from './deps.ts';
import { batches, draftOf } from './drafts.ts';

export interface PollOutcome {
  status: 'polled' | 'not-modified' | 'disabled' | 'missing';
  /** Articles the poll found, those this source had already brought, and those sent on. */
  found: number;
  known: number;
  enqueued: number;
  itemErrors: number;
}

const nothing = { found: 0, known: 0, enqueued: 0, itemErrors: 0 };

/** Whether an error can never succeed on retry (a 404, a refused address, a malformed feed). */
function isPermanent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'permanent' in error && error.permanent === true;
}

/**
 * One poll of one source: fetch (conditionally), collect its articles, skip those this source
 * already brought, and hand the rest to analysis in batches. The source's validators are
 * saved only after the batches are queued: a crash in between re-fetches the feed instead of
 * getting a 304 for items that never reached the queue.
 */
export async function pollSource(deps: FetchStageDeps, sourceId: string, signal?: AbortSignal): Promise<PollOutcome> {
  const { repos, producer, metrics } = deps;
  const source = await repos.sources.get(sourceId);
  // A scheduler can outlive its source by one tick; nothing to do, and nothing to retry.
  if (!source) return { status: 'missing', ...nothing };
  if (!source.enabled) return { status: 'disabled', ...nothing };

  const isKnown = async (url: string) => (await deps.index.knownFromSource(source.id, [url])).size > 0;
  let result;
  try {
    result = await collectArticles(deps.fetcher, source, {
      validators: await repos.sources.validators(source.id),
      isKnown,
      ...(deps.maxItemsPerPoll ? { maxItems: deps.maxItemsPerPoll } : {}),
      ...(deps.pagePool ? { pagePool: deps.pagePool } : {}),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    metrics.add({ [`fetch_errors:${source.id}`]: 1 });
    // Retrying a 404 or a malformed feed cannot help: straight to the dead letters, with the reason.
    if (isPermanent(error)) throw new UnrecoverableError(`source ${source.id}: ${(error as Error).message}`);
    throw error;
  }
  metrics.add({ [`fetch_ok:${source.id}`]: 1, 'items:fetch:item_errors': result.itemErrors.length });
  if (result.notModified) return { status: 'not-modified', ...nothing };

  const seenAt = (deps.now ?? (() => new Date()))();
  const known = await deps.index.knownFromSource(source.id, result.candidates.flatMap((c) => [c.canonicalUrl, c.url]));
  const fresh = result.candidates.filter((c) => !known.has(c.canonicalUrl) && !known.has(c.url));
  for (const batch of batches(fresh)) {
    await producer.add('analyze-articles', { articles: batch.map((c) => draftOf(c, source, seenAt)) });
  }
  await repos.sources.saveValidators(source.id, result.validators);
  const knownCount = result.candidates.length - fresh.length;
  metrics.add({ 'items:fetch:new': fresh.length, 'items:fetch:known': knownCount });
  return { status: 'polled', found: result.candidates.length, known: knownCount, enqueued: fresh.length, itemErrors: result.itemErrors.length };
}
