import { UnrecoverableError, jobCatalogue } from '@tickerwire/queue';
import { collectArticles } from '@tickerwire/ingest';
import type { FetchStageDeps } from './deps.ts';
import { batches, draftOf } from './drafts.ts';

export interface PollOutcome {
  status: 'polled' | 'not-modified' | 'disabled' | 'missing';
  /**
   * Articles the poll found, those this source had already brought, those sent on, and those
   * not sent because a job with their batch's id exists already (queued, running, done or
   * dead: that job has or had them; BullMQ drops the add).
   */
  found: number;
  known: number;
  enqueued: number;
  inExistingJob: number;
  /** Not stored yet, but sent to analysis by an earlier poll of this process (RecentlySent). */
  inFlight: number;
  itemErrors: number;
}

const nothing = { found: 0, known: 0, enqueued: 0, inExistingJob: 0, inFlight: 0, itemErrors: 0 };

/** Whether an error can never succeed on retry (a 404, a refused address, a malformed feed). */
function isPermanent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'permanent' in error && error.permanent === true;
}

/** Keeps the poll's error on the source; failing to (the database away) must not hide the poll's own error. */
async function recordFailedPoll(deps: FetchStageDeps, sourceId: string, at: Date, error: unknown): Promise<void> {
  try {
    await deps.repos.sources.recordPoll(sourceId, { at, error: error instanceof Error ? error.message : String(error) });
  } catch {
    // The poll's error is what the job reports; health is best effort when the store is away.
  }
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

  const now = deps.now ?? (() => new Date());
  const sentLately = (urls: string[]) => deps.recentlySent?.has(source.id, urls, Date.now()) ?? false;
  const isKnown = async (url: string) => sentLately([url]) || (await deps.ledger.knownFromSource(source.id, [url])).size > 0;
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
    await recordFailedPoll(deps, source.id, now(), error);
    // Retrying a 404 or a malformed feed cannot help: straight to the dead letters, with the reason.
    if (isPermanent(error)) throw new UnrecoverableError(`source ${source.id}: ${(error as Error).message}`);
    throw error;
  }
  metrics.add({ [`fetch_ok:${source.id}`]: 1, 'items:fetch:item_errors': result.itemErrors.length });
  if (result.notModified) {
    await repos.sources.recordPoll(source.id, { at: now(), error: null });
    return { status: 'not-modified', ...nothing };
  }

  const seenAt = now();
  const known = await deps.ledger.knownFromSource(source.id, result.candidates.flatMap((c) => [c.canonicalUrl, c.url]));
  const unknown = result.candidates.filter((c) => !known.has(c.canonicalUrl) && !known.has(c.url));
  // Sent to analysis by an earlier poll and not stored yet: still on its way, not new.
  const fresh = unknown.filter((c) => !sentLately([c.canonicalUrl, c.url]));
  const analyze = producer.queue(jobCatalogue['analyze-articles'].queue);
  let enqueued = 0;
  let inExistingJob = 0;
  for (const batch of batches(fresh)) {
    const payload = { articles: batch.map((c) => draftOf(c, source, seenAt)) };
    // Adding an id BullMQ knows is silently dropped: count those apart, not as new.
    if ((await analyze.getJobState(jobCatalogue['analyze-articles'].jobId(payload))) !== 'unknown') {
      inExistingJob += batch.length;
      continue;
    }
    await producer.add('analyze-articles', payload);
    deps.recentlySent?.add(source.id, batch.flatMap((c) => [c.canonicalUrl, c.url]), Date.now());
    enqueued += batch.length;
  }
  await repos.sources.saveValidators(source.id, result.validators);
  // A success once its articles are on their way: a poll whose batches could not be queued is not one.
  await repos.sources.recordPoll(source.id, { at: now(), error: null });
  const knownCount = result.candidates.length - unknown.length;
  const inFlight = unknown.length - fresh.length;
  metrics.add({ 'items:fetch:new': enqueued, 'items:fetch:known': knownCount, 'items:fetch:in_existing_job': inExistingJob, 'items:fetch:in_flight': inFlight });
  return { status: 'polled', found: result.candidates.length, known: knownCount, enqueued, inExistingJob, inFlight, itemErrors: result.itemErrors.length };
}
