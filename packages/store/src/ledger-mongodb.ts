import type { Db, Document } from 'mongodb';
import type { Article } from '@tickerwire/core';
import { ArticlesRepository, storyCandidateOf, storyCandidateProjection, type ArticleDocument, type StoryCandidate } from './articles.ts';
import { EventsRepository, factCandidateOf, type EventReport, type FactCandidate, type StoredEvent } from './events.ts';
import { embeddedReportCondition, type LedgerBackend, type LedgerStamp } from './ledger.ts';

/**
 * The ledger on MongoDB: its indexes answer the lookups (articles: `canonicalUrl_unique`,
 * `storyKeys`, `sources_url`; events: `factKey_firstSeenAt`), so nothing is kept anywhere else
 * (no copy of a story in Redis or in memory): two queries per batch. A later report or source
 * is an atomic `$addToSet` on the event or story, which also keeps the source lists the feeds
 * filter on; readers read the documents as they are.
 */
export class MongoLookup implements LedgerBackend {
  readonly #articles: ArticlesRepository;
  readonly #events: EventsRepository;

  constructor(db: Db) {
    this.#articles = new ArticlesRepository(db);
    this.#events = new EventsRepository(db);
  }

  async stories(canonicalUrls: readonly string[], keysOfStories: readonly (readonly string[])[], seenFrom: Date, seenTo: Date): Promise<StoryCandidate[]> {
    const keys = [...new Set(keysOfStories.flat())];
    const or: object[] = [{ canonicalUrl: { $in: [...canonicalUrls] } }];
    if (keys.length > 0) or.push({ storyKeys: { $in: [...keys] }, firstSeenAt: { $gte: seenFrom, $lte: seenTo } });
    const docs = await this.#articles.collection.find({ $or: or }, { projection: storyCandidateProjection }).toArray();
    return docs.map((d) => storyCandidateOf(d as ArticleDocument));
  }

  async facts(factKeys: readonly string[], seenFrom: Date, seenTo: Date): Promise<FactCandidate[]> {
    const docs = await this.#events.collection
      .find({ factKey: { $in: [...factKeys] }, firstSeenAt: { $gte: seenFrom, $lte: seenTo } }, { projection: { factKey: 1, firstSeenAt: 1, reports: 1 } })
      .toArray();
    return docs.map(factCandidateOf);
  }

  async remember(): Promise<void> {}

  async addReports(added: ReadonlyMap<string, EventReport[]>, stamp: LedgerStamp): Promise<void> {
    // One update per event, by _id.
    await this.#events.collection.bulkWrite(
      [...added].map(([eventId, reports]) => {
        const sourceIds = [...new Set(reports.flatMap((r) => r.sourceIds))];
        return {
          updateOne: {
            filter: { _id: eventId },
            update: { $addToSet: { reports: { $each: reports }, reportSourceIds: { $each: sourceIds }, repeatSourceIds: { $each: sourceIds } }, $set: { repeated: true, ...stamp } },
          },
        };
      }),
      { ordered: false },
    );
  }

  async addSources(added: readonly { storyId: string; sighting: Article['sources'][number] }[], stamp: LedgerStamp): Promise<void> {
    await this.#articles.collection.bulkWrite(
      added.map(({ storyId, sighting }) => ({ updateOne: { filter: { _id: storyId }, update: { $addToSet: { sources: sighting }, $set: stamp } } })),
      { ordered: false },
    );
  }

  async withReports<T extends Pick<StoredEvent, '_id' | 'reports'>>(events: readonly T[]): Promise<T[]> {
    return [...events];
  }

  async withSources<T extends Pick<ArticleDocument, '_id' | 'sources'>>(stories: readonly T[]): Promise<T[]> {
    return [...stories];
  }

  async eventReportCondition(sources: readonly string[] | null, novel: boolean | undefined): Promise<Document | null> {
    return embeddedReportCondition(sources, novel);
  }

  async storySourceCondition(sources: readonly string[]): Promise<Document> {
    return { 'sources.sourceId': { $in: [...sources] } };
  }

  async knownFromSource(sourceId: string, urls: readonly string[]): Promise<Set<string>> {
    if (urls.length === 0) return new Set();
    const docs = await this.#articles.collection
      .find({ $or: [{ canonicalUrl: { $in: [...urls] } }, { 'sources.url': { $in: [...urls] } }] }, { projection: { canonicalUrl: 1, sources: 1 } })
      .toArray();
    return knownUrls(docs, sourceId, urls);
  }
}

/** The URLs among `urls` that this source brought, as a story's canonical URL or one of its sources' URLs. */
export function knownUrls(stories: readonly Pick<StoryCandidate, 'canonicalUrl' | 'sources'>[], sourceId: string, urls: readonly string[]): Set<string> {
  const wanted = new Set(urls);
  const known = new Set<string>();
  for (const story of stories) {
    const fromSource = story.sources.filter((s) => s.sourceId === sourceId);
    if (fromSource.length === 0) continue;
    if (wanted.has(story.canonicalUrl)) known.add(story.canonicalUrl);
    for (const s of fromSource) if (wanted.has(s.url)) known.add(s.url);
  }
  return known;
}
