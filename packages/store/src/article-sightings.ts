import { createHash } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { Article } from '@tickerwire/core';
import { ensureIndexes, insertOnce, type IndexDeclaration } from './indexes.ts';

type Sighting = Article['sources'][number];

/**
 * A source that carried a story we had already stored (a syndicated copy, or the story seen
 * again from another feed): an insert of its own rather than an update of the article, for
 * the reason given in event-reports.ts. Readers merge these into the article's `sources`.
 */
export interface StoredSighting extends Sighting {
  /** The article, source and URL: a second insert of the same sighting is a duplicate key. */
  _id: string;
  articleId: string;
}

export const sightingIndexes: readonly IndexDeclaration[] = [
  { key: { articleId: 1 }, options: { name: 'articleId' }, serves: 'the sources of the stories on a feed page' },
  { key: { firstSeenAt: 1 }, options: { name: 'firstSeenAt' }, serves: "rebuilding the writer's lookup index from recent stories" },
];

export function sightingId(articleId: string, sighting: Pick<Sighting, 'sourceId' | 'url'>): string {
  return `${articleId}:${createHash('sha256').update(`${sighting.sourceId} ${sighting.url}`).digest('hex').slice(0, 16)}`;
}

/** Every source of a story, first seen first, each source and URL once. */
export function mergeSightings(embedded: readonly Sighting[], later: readonly Sighting[]): Sighting[] {
  const unique = new Map<string, Sighting>();
  for (const s of [...embedded, ...later]) {
    const key = `${s.sourceId} ${s.url}`;
    if (!unique.has(key)) unique.set(key, s);
  }
  return [...unique.values()].sort((a, b) => a.firstSeenAt.getTime() - b.firstSeenAt.getTime());
}

function groupByArticle(docs: readonly StoredSighting[]): Map<string, Sighting[]> {
  const byArticle = new Map<string, Sighting[]>();
  for (const { articleId, sourceId, url, firstSeenAt } of docs) {
    byArticle.set(articleId, [...(byArticle.get(articleId) ?? []), { sourceId, url, firstSeenAt }]);
  }
  return byArticle;
}

export class ArticleSightingsRepository {
  readonly collection: Collection<StoredSighting>;

  constructor(db: Db) {
    this.collection = db.collection<StoredSighting>('article_sightings');
  }

  ensureIndexes(): Promise<void> {
    return ensureIndexes(this.collection, sightingIndexes);
  }

  /** Stores each sighting once: one already there (an earlier run of the same job) is left as it is. */
  async insertMany(sightings: readonly { articleId: string; sighting: Sighting }[]): Promise<void> {
    await insertOnce(this.collection, sightings.map(({ articleId, sighting }) => ({ _id: sightingId(articleId, sighting), articleId, ...sighting })));
  }

  /** The later sightings of these articles, by article id. */
  async ofArticles(articleIds: readonly string[]): Promise<Map<string, Sighting[]>> {
    if (articleIds.length === 0) return new Map();
    return groupByArticle(await this.collection.find({ articleId: { $in: [...new Set(articleIds)] } }).toArray());
  }

  /** The later sightings since this moment, by article id. */
  async seenSince(since: Date): Promise<Map<string, Sighting[]>> {
    return groupByArticle(await this.collection.find({ firstSeenAt: { $gte: since } }).toArray());
  }
}
