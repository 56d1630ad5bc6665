import type { Collection, Db } from 'mongodb';
import { Article, parseContract } from '@tickerwire/core';
import { ensureIndexes, isDuplicateKeyError, writeOnce, type IndexDeclaration, type WriteOutcome } from './indexes.ts';
import { fingerprintBands, fingerprintDistance, maxSameStoryDistance } from './fingerprints.ts';

interface ArticleDocument extends Omit<Article, 'id'> {
  _id: string;
  /** SimHash of title + lead (hex), and its bands for the near-duplicate lookup. */
  fingerprint?: string;
  fingerprintBands?: string[];
}

/** How a story was recorded: new, a new source for a story we had, or nothing new. */
export type StoryOutcome = { status: 'stored' | 'added-source' | 'already-stored'; articleId: string };

// A syndicated copy is looked for among stories first seen this close to it.
const sameStoryWindowMs = 7 * 24 * 3600 * 1000;

export const articleIndexes: readonly IndexDeclaration[] = [
  {
    key: { canonicalUrl: 1 },
    options: { name: 'canonicalUrl_unique', unique: true },
    serves: 'one story per canonical URL; looking a story up by URL before fetching it again',
  },
  {
    key: { contentHash: 1 },
    options: { name: 'contentHash' },
    serves: 'finding the same text published under another URL',
  },
  {
    key: { fingerprintBands: 1 },
    options: { name: 'fingerprintBands' },
    serves: 'finding syndicated copies of a story (near-duplicate fingerprints share a band)',
  },
  {
    key: { firstSeenAt: -1, _id: -1 },
    options: { name: 'firstSeenAt_id' },
    serves: 'newest-first article listings and their cursor',
  },
];

function toArticle({ _id, fingerprint: _f, fingerprintBands: _b, ...rest }: ArticleDocument): Article {
  return parseContract(Article, { id: _id, ...rest }, `stored article ${_id}`);
}

export class ArticlesRepository {
  readonly collection: Collection<ArticleDocument>;

  constructor(db: Db) {
    this.collection = db.collection<ArticleDocument>('articles');
  }

  ensureIndexes(): Promise<void> {
    return ensureIndexes(this.collection, articleIndexes);
  }

  /** Stores a new story once: the same id or canonical URL again is "already-stored". */
  async insert(input: unknown): Promise<WriteOutcome> {
    const { id, ...rest } = parseContract(Article, input, 'article');
    return writeOnce(() => this.collection.insertOne({ _id: id, ...rest }));
  }

  /**
   * Stores a story once. The same canonical URL, or a near-identical title and lead (a
   * syndicated copy under another URL), adds the new source with its first-seen time to the
   * story we have; the same source and URL again changes nothing.
   */
  async recordStory(input: unknown, fingerprint: string): Promise<StoryOutcome> {
    const article = parseContract(Article, input, 'article');
    const sighting = article.sources[0]!;
    for (let attempt = 0; ; attempt++) {
      const existing = await this.#findSameStory(article.canonicalUrl, fingerprint, article.firstSeenAt);
      if (existing) {
        const known = existing.sources.some((s) => s.sourceId === sighting.sourceId && s.url === sighting.url);
        if (known) return { status: 'already-stored', articleId: existing._id };
        await this.collection.updateOne({ _id: existing._id }, { $push: { sources: sighting } });
        return { status: 'added-source', articleId: existing._id };
      }
      const { id, ...rest } = article;
      try {
        await this.collection.insertOne({ _id: id, ...rest, fingerprint, fingerprintBands: fingerprintBands(fingerprint) });
        return { status: 'stored', articleId: id };
      } catch (error) {
        // Another writer stored the same URL between our lookup and insert: look again, once.
        if (!isDuplicateKeyError(error) || attempt > 0) throw error;
      }
    }
  }

  async #findSameStory(canonicalUrl: string, fingerprint: string, seenAt: Date): Promise<ArticleDocument | null> {
    const byUrl = await this.collection.findOne({ canonicalUrl });
    if (byUrl) return byUrl;
    const candidates = await this.collection
      .find({
        fingerprintBands: { $in: fingerprintBands(fingerprint) },
        firstSeenAt: { $gte: new Date(seenAt.getTime() - sameStoryWindowMs), $lte: new Date(seenAt.getTime() + sameStoryWindowMs) },
      })
      .limit(50)
      .toArray();
    let best: ArticleDocument | null = null;
    let bestDistance = maxSameStoryDistance + 1;
    for (const candidate of candidates) {
      const distance = candidate.fingerprint ? fingerprintDistance(candidate.fingerprint, fingerprint) : Infinity;
      if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
    }
    return best;
  }

  async get(id: string): Promise<Article | null> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? toArticle(doc) : null;
  }

  async findByCanonicalUrl(canonicalUrl: string): Promise<Article | null> {
    const doc = await this.collection.findOne({ canonicalUrl });
    return doc ? toArticle(doc) : null;
  }

  async count(): Promise<number> {
    return this.collection.countDocuments();
  }
}
