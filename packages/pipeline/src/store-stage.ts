import { reasonsOfEvent, relevanceOfEvent } from '@tickerwire/core';
import { storyFingerprint } from '@tickerwire/ingest';
import { publishStoredEvent, type AnalysedArticle } from '@tickerwire/queue';
import { eventAction, factKeyOf, storyKeys, type EventReportInput, type StoryOutcome } from '@tickerwire/store';
import type { StoreStageDeps } from './deps.ts';

export interface StoreOutcome {
  stories: Record<StoryOutcome['status'], number>;
  events: { stored: number; reportedAgain: number; alreadyStored: number };
  /** Reports announced on the stored-event stream by this run (a re-run announces none twice). */
  announced: number;
}

/**
 * The store job: each article's story once (a syndicated copy adds its source to the story
 * it copies), each event once per fact with one report per article, and each report
 * announced once on the stored-event stream for the notifier.
 *
 * A re-run after a crash at any point is harmless: stories and reports are recorded once, and
 * the announcement is made once per report by an atomic marker in Redis. Events are recorded
 * for "already-stored" articles too, because the crash may have come between the two writes.
 */
export async function storeArticles(deps: StoreStageDeps, articles: readonly AnalysedArticle[]): Promise<StoreOutcome> {
  const { repos, redis, metrics } = deps;
  const outcome: StoreOutcome = {
    stories: { stored: 0, 'added-source': 0, 'already-stored': 0 },
    events: { stored: 0, reportedAgain: 0, alreadyStored: 0 },
    announced: 0,
  };
  await deps.index.ensureBuilt();
  const pending = await deps.index.markPending({
    urls: articles.flatMap((a) => [a.canonicalUrl, a.url]),
    storyKeys: articles.flatMap((a) => storyKeys(a.title, a.body)),
    factKeys: articles.flatMap((a) => a.analysis.events.map(factKeyOf)),
  });
  const stories = await repos.articles.recordStories(
    articles.map((article) => ({ article, fingerprint: storyFingerprint({ title: article.title, lead: article.body }) })),
    deps.index.stories,
  );

  const reports: EventReportInput[] = [];
  const reporting: AnalysedArticle[] = [];
  articles.forEach((article, i) => {
    const story = stories[i]!;
    outcome.stories[story.status]++;
    // A copy of a story we have (another URL, or another article id for the URL): the
    // original's events stand for it; the story now lists this source too.
    if (story.status === 'added-source' || story.articleId !== article.id) return;
    const sourceIds = article.sources.map((s) => s.sourceId);
    for (const event of article.analysis.events) {
      reports.push({ event, articleId: article.id, sourceIds, seenAt: article.firstSeenAt, publishedAt: article.publishedAt, tags: article.analysis.tags, relevance: relevanceOfEvent(article.analysis, event) });
      reporting.push(article);
    }
  });

  const recorded = await repos.events.recordMany(reports, deps.index.facts);
  // Sent together on one connection: Redis applies them in this order, without a round trip each.
  const announcements = recorded.map((result, i) => {
    const report = reports[i]!;
    if (result.status === 'stored') outcome.events.stored++;
    else if (result.status === 'reported-again') outcome.events.reportedAgain++;
    else outcome.events.alreadyStored++;
    const { event } = report;
    const article = reporting[i]!;
    return publishStoredEvent(redis, deps.prefix, {
      eventId: result.eventId,
      articleId: report.articleId,
      sourceIds: report.sourceIds,
      novel: result.novel,
      type: event.type,
      ticker: event.ticker,
      action: eventAction(event),
      sentimentLabel: event.sentiment?.label ?? null,
      sentimentScore: event.sentiment?.score ?? null,
      tags: report.tags ?? [],
      publishedAt: report.publishedAt,
      firstSeenAt: result.firstSeenAt,
      reportedAt: report.seenAt,
      event,
      article: { title: article.title, url: article.url, canonicalUrl: article.canonicalUrl, sourceId: article.sources[0]?.sourceId ?? null },
      reasons: reasonsOfEvent(article.analysis, event),
      relevance: report.relevance ?? null,
    });
  });
  outcome.announced = (await Promise.all(announcements)).filter((id) => id !== null).length;
  await deps.index.settle(pending);

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
