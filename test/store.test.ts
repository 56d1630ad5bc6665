import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError } from '@tickerwire/core';
import type { Repositories } from '@tickerwire/store';
import { articleIndexes, ensureAllIndexes } from '@tickerwire/store';
import { freshRepositories } from './support/services.ts';

let database: Awaited<ReturnType<typeof freshRepositories>>['database'];
let repos: Repositories;

beforeAll(async () => {
  ({ database, repos } = await freshRepositories('store'));
});
afterAll(async () => database?.drop());

const article = {
  id: 'art-1',
  url: 'https://news.example.com/miners?utm_source=x',
  canonicalUrl: 'https://news.example.com/miners',
  title: 'Miners pivot to HPC',
  body: 'JPMorgan raised its ratings on two miners.',
  publishedAt: new Date('2026-11-20T10:00:00Z'),
  firstSeenAt: new Date('2026-11-20T10:05:00Z'),
  contentHash: 'a3f1c09e5b7d2e44',
  sources: [{ sourceId: 'miners-feed', url: 'https://news.example.com/miners', firstSeenAt: new Date('2026-11-20T10:05:00Z') }],
};

describe('store on the real MongoDB-compatible server', () => {
  it('creates the declared indexes at boot', async () => {
    const names = (await database.db.collection('articles').listIndexes().toArray()).map((i) => i.name);
    expect(names).toEqual(expect.arrayContaining(['canonicalUrl_unique', 'contentHash', 'firstSeenAt_id']));
  });

  it('writes a document and reads the same back', async () => {
    expect(await repos.articles.insert(article)).toBe('stored');
    expect(await repos.articles.get('art-1')).toEqual({ ...article, author: null });
  });

  it('turns a duplicate on a unique index into "already stored", not an error', async () => {
    const copy = { ...article, id: 'art-2', title: 'Same story, other id' };
    expect(await repos.articles.insert(copy)).toBe('already-stored');
    expect(await repos.articles.count()).toBe(1);
    // The server itself refuses it: the unique index, not our code, is what holds.
    await expect(repos.articles.collection.insertOne({ ...copy, _id: 'art-3' } as never)).rejects.toMatchObject({ code: 11000 });
  });

  it('refuses a document that breaks the contract, naming the field', async () => {
    await expect(repos.articles.insert({ ...article, id: 'art-4', url: 'not a url' })).rejects.toThrow(ContractError);
    await expect(repos.articles.insert({ ...article, id: 'art-4', url: 'not a url' })).rejects.toThrow(/url/);
  });

  it('keeps sources by id and reports an existing id', async () => {
    const source = { id: 'miners-feed', kind: 'feed', url: 'https://news.example.com/feed.xml', interval: 300 };
    expect(await repos.sources.add(source)).toBe('stored');
    expect(await repos.sources.add({ ...source, interval: 600 })).toBe('already-stored');
    expect(await repos.sources.get('miners-feed')).toMatchObject({ interval: 300, enabled: true, tags: [] });
    await repos.sources.upsert({ ...source, enabled: false });
    expect(await repos.sources.list({ enabled: true })).toEqual([]);
  });
});

describe('indexes at boot', () => {
  it('can be ensured again on a database that has them (every restart of every service)', async () => {
    const { repos, database } = await freshRepositories('reindex');
    try {
      await ensureAllIndexes(repos);
      await ensureAllIndexes(repos);
      const names = (await repos.articles.collection.listIndexes().toArray()).map((i) => i.name);
      expect(names).toEqual(expect.arrayContaining(articleIndexes.map((i) => i.options.name)));
    } finally {
      await database.drop();
    }
  });
});
