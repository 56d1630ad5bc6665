import type { Db } from 'mongodb';
import { ArticlesRepository, storyCandidateOf, storyCandidateProjection, type ArticleDocument, type StoryCandidate } from './articles.ts';
import { EventsRepository, factCandidateOf, type FactCandidate } from './events.ts';
import type { LedgerLookup } from './ledger.ts';

/**
 * The ledger's lookups on MongoDB: its indexes answer them (articles: `canonicalUrl_unique`,
 * `storyKeys`, `sources_url`; events: `factKey_firstSeenAt`), so nothing is kept anywhere else:
 * no copy of a story in Redis or in memory. Three queries per batch.
 */
export class MongoLookup implements LedgerLookup {
  readonly #articles: ArticlesRepository;
  readonly #events: EventsRepository;

  constructor(db: Db) {
    this.#articles = new ArticlesRepository(db);
    this.#events = new EventsRepository(db);
  }

  async stories(canonicalUrls: readonly string[], keys: readonly string[], seenFrom: Date, seenTo: Date): Promise<StoryCandidate[]> {
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
