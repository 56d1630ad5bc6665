import type { Collection, Db } from 'mongodb';
import { Article, parseContract } from '@tickerwire/core';
import { ensureIndexes, writeOnce, type IndexDeclaration, type WriteOutcome } from './indexes.ts';

interface ArticleDocument extends Omit<Article, 'id'> {
  _id: string;
}

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
    key: { firstSeenAt: -1, _id: -1 },
    options: { name: 'firstSeenAt_id' },
    serves: 'newest-first article listings and their cursor',
  },
];

function toArticle({ _id, ...rest }: ArticleDocument): Article {
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
