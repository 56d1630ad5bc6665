import { createHash } from 'node:crypto';
import { reasonsOfEvent } from '@tickerwire/core';
import { storyFingerprint } from '@tickerwire/ingest';
import { jobReportsKey, pendingTtlSeconds, publishJobReports, type AnalysedArticle } from '@tickerwire/queue';
import { eventAction, factKeyOf, type LedgerOutcome, type StoryOutcome } from '@tickerwire/store';
import type { StoreStageDeps } from './deps.ts';

export interface StoreOutcome {
  stories: Record<StoryOutcome['status'], number>;
  events: { stored: number; reportedAgain: number; alreadyStored: number };
  /** Reports announced on the stored-event stream by this run (a re-run announces none twice). */
  announced: number;
}

/**
 * What each source's copies added, for its health: a new story or a new source of one is an
 * item, a first report or a report again is an event. Counted by the source of the copy (its
 * first sighting); a re-run finds them already stored and counts nothing twice.
 */
export function storedBySource(articles: readonly AnalysedArticle[], recorded: Pick<LedgerOutcome, 'stories' | 'reports'>): Map<string, { items: number; events: number }> {
  const counts = new Map<string, { items: number; events: number }>();
  const countFor = (item: number) => {
    const sourceId = articles[item]?.sources[0]?.sourceId;
    if (!sourceId) return null;
    let count = counts.get(sourceId);
    if (!count) counts.set(sourceId, (count = { items: 0, events: 0 }));
    return count;
  };
  recorded.stories.forEach((story, item) => {
    if (story.status === 'already-stored') return;
    const count = countFor(item);
    if (count) count.items++;
  });
  for (const report of recorded.reports) {
    if (report.status === 'already-stored') continue;
    const count = countFor(report.item);
    if (count) count.events++;
  }
  return counts;
}

/**
 * The reports a store job announces: what this run recorded, and what an earlier run of the job
 * recorded (still marked pending) but may have stopped before announcing. A copy's report of
 * its story's fact is the story's own report ("already stored" under the story's id), which the
 * job that recorded the story announces: a retried copy's job must not announce it again.
 */
export function reportsToAnnounce<R extends Pick<LedgerOutcome['reports'][number], 'status' | 'item' | 'articleId' | 'event'>>(
  articles: readonly Pick<AnalysedArticle, 'id'>[],
  reports: readonly R[],
  pending: Readonly<Record<string, string>>,
  field: (articleId: string, event: R['event']) => string,
): R[] {
  return reports.filter((r) => {
    if (r.status !== 'already-stored') return true;
    const article = articles[r.item]!;
    return pending[field(article.id, r.event)] === 'p' && r.articleId === article.id;
  });
}

/**
 * The store job: record the batch in the ledger, announce what is new.
 *
 * The ledger (packages/store ledger.ts) stores each story once (a syndicated copy adds its
 * source to the story it copies) and each fact once with one report per article. Each report
 * is announced once on the stored-event stream for the notifier: the job marks its reports
 * pending before recording them, so a re-run after a crash at any point announces what an
 * earlier run recorded but did not announce, and nothing twice.
 */
export async function storeArticles(deps: StoreStageDeps, articles: readonly AnalysedArticle[], jobId?: string, signal?: AbortSignal): Promise<StoreOutcome> {
  const { ledger, redis, metrics } = deps;
  const outcome: StoreOutcome = {
    stories: { stored: 0, 'added-source': 0, 'already-stored': 0 },
    events: { stored: 0, reportedAgain: 0, alreadyStored: 0 },
    announced: 0,
  };
  const job = jobReportsKey(deps.prefix, jobId ?? createHash('sha256').update(articles.map((a) => a.id).join(' ')).digest('hex').slice(0, 24));
  const field = (articleId: string, event: AnalysedArticle['analysis']['events'][number]) => `${articleId}:${factKeyOf(event)}`;
  // What an earlier run of this job left pending (recorded, perhaps not announced), then this run's marks.
  const before = await redis.hgetall(job);
  const marks = articles.flatMap((a) => a.analysis.events.map((e) => field(a.id, e))).filter((f) => before[f] === undefined);
  if (marks.length > 0) await redis.pipeline().hset(job, Object.fromEntries(marks.map((f) => [f, 'p']))).expire(job, pendingTtlSeconds).exec();

  const recorded = await ledger.record(articles.map((article) => ({ article, fingerprint: storyFingerprint({ title: article.title, lead: article.body }) })), signal);
  for (const story of recorded.stories) outcome.stories[story.status]++;
  await deps.sources.countStored(storedBySource(articles, recorded));

  for (const r of recorded.reports) {
    if (r.status === 'stored') outcome.events.stored++;
    else if (r.status === 'reported-again') outcome.events.reportedAgain++;
    else outcome.events.alreadyStored++;
  }
  const announce = reportsToAnnounce(articles, recorded.reports, before, field);
  const ids = await publishJobReports(
    redis,
    deps.prefix,
    job,
    announce.map((r) => {
      const article = articles[r.item]!;
      const { event } = r;
      return {
        field: field(article.id, event),
        message: {
          eventId: r.eventId,
          // The story it is recorded under (a richer copy's facts are its story's).
          articleId: r.articleId,
          sourceIds: article.sources.map((s) => s.sourceId),
          novel: r.novel,
          type: event.type,
          ticker: event.ticker,
          action: eventAction(event),
          sentimentLabel: event.sentiment?.label ?? null,
          sentimentScore: event.sentiment?.score ?? null,
          tags: article.analysis.tags ?? [],
          publishedAt: article.publishedAt,
          firstSeenAt: r.firstSeenAt,
          reportedAt: article.firstSeenAt,
          event,
          article: { title: article.title, url: article.url, canonicalUrl: article.canonicalUrl, sourceId: article.sources[0]?.sourceId ?? null },
          reasons: reasonsOfEvent(article.analysis, event),
          relevance: r.relevance,
        },
      };
    }),
  );
  outcome.announced = ids.filter((id) => id !== null).length;
  // Every report of the job is out: its markers go.
  await redis.del(job);

  metrics.add({
    'items:store:stored': outcome.stories.stored,
    'items:store:added_source': outcome.stories['added-source'],
    'items:store:already_stored': outcome.stories['already-stored'],
    'events:stored': outcome.events.stored,
    'events:reported_again': outcome.events.reportedAgain,
    'events:announced': outcome.announced,
  });
  return outcome;
}
