import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { MongoClient } from 'mongodb';
import type { Redis } from 'ioredis';
import type { MarketEvent } from '@tickerwire/core';
import { canonicalizeUrl, contentHash, storyFingerprint } from '@tickerwire/ingest';
import { RedisLedgerCoordination } from '@tickerwire/pipeline';
import { FeedQueries, StoryFeedOrder, ledgerView, openLedger, type FeedFilter, type FeedPosition, type Ledger, type StoredArticle } from '@tickerwire/store';
import { deleteKeys, freshRepositories, testRedis, uniquePrefix } from '../support/services.ts';
import { analysedArticles } from '../support/articles.ts';
import { articleDoc } from './support.ts';

// Issue #17: on the development server (FerretDB 1.24, which sorts by decoding every document)
// the API keeps the stories' feed order in memory, from the ledger's batch list in Redis
// (ledger-development-feed.ts). Its pages must be the sorted query's pages, item for item and
// cursor for cursor, whatever the writers do meanwhile.

const minute = 60_000;
const base = Date.now() - 3 * 3600_000;

/** Every page of a feed, from the first to the last cursor. */
async function walk(feeds: FeedQueries, filter: FeedFilter, limit: number): Promise<{ items: StoredArticle[]; next: FeedPosition | null }[]> {
  const pages = [];
  let after: FeedPosition | undefined;
  for (let n = 0; n < 100; n++) {
    const page = await feeds.articlesPage(filter, limit, after);
    pages.push(page);
    if (!page.next) return pages;
    after = page.next;
  }
  throw new Error('more than 100 pages');
}

const filters: [string, FeedFilter, number][] = [
  ['publication order (the research page)', { order: 'publishedAt', timeField: 'publishedAt' }, 7],
  ['fetch order', { order: 'firstSeenAt', timeField: 'firstSeenAt' }, 5],
  ['publication order within a publication range', { order: 'publishedAt', timeField: 'publishedAt', since: new Date(base + 3 * minute), until: new Date(base + 9 * minute) }, 4],
  ['publication order within a fetch range', { order: 'publishedAt', timeField: 'firstSeenAt', since: new Date(base + 2 * minute) }, 6],
  ['fetch order, since only', { order: 'firstSeenAt', timeField: 'firstSeenAt', since: new Date(base + 5 * minute) }, 3],
];

// A summary from a feed, then the full page at the same URL (issue #16 item 9): the story takes
// the page's text and its publication time.
const lift = {
  type: 'price_target', ticker: 'KSTM', company: 'Kestrel Mining', firm: 'Harbor Lane Capital', action: 'raise', from: 9, to: 14, currency: 'USD', changePct: 55.56, confidence: 0.9,
  evidence: { text: 'Harbor Lane lifted its Kestrel target to $14 from $9.', start: 0, end: 10 }, sentiment: { label: 'bullish', score: 0.5 },
} as MarketEvent;
const upgrade = {
  type: 'analyst_rating', ticker: 'KSTM', company: 'Kestrel Mining', firm: 'Harbor Lane Capital', analyst: null, action: 'upgrade', ratingFrom: 'Hold', ratingTo: 'Buy', ratingScore: 4,
  confidence: 0.9, evidence: { text: 'Harbor Lane Capital raised its rating on Kestrel Mining to buy from hold', start: 0, end: 10 }, sentiment: { label: 'bullish', score: 0.6 },
} as MarketEvent;
function copyAt(sourceId: string, url: string, title: string, body: string, seenAt: Date, publishedAt: Date | null, events: MarketEvent[]) {
  const canonicalUrl = canonicalizeUrl(url)!;
  return {
    article: {
      id: contentHash(`${sourceId} ${canonicalUrl}`).slice(0, 24),
      url,
      canonicalUrl,
      title,
      body,
      publishedAt,
      firstSeenAt: seenAt,
      contentHash: contentHash(`${title}\n${body}`),
      sources: [{ sourceId, url, firstSeenAt: seenAt }],
      analysis: { tickers: ['KSTM'], events, tags: [] },
    },
    fingerprint: storyFingerprint({ title, lead: body }),
  };
}

describe('the development feed order: the same pages as the sorted query (FerretDB, Redis)', () => {
  let database: Awaited<ReturnType<typeof freshRepositories>>['database'];
  let redis: Redis;
  let writerRedis: Redis;
  let monitored: MongoClient;
  let prefix: string;
  let order: StoryFeedOrder;
  let indexed: FeedQueries;
  let scanned: FeedQueries;
  let writer: Ledger;
  const sortedFinds: unknown[] = [];
  const idFinds: unknown[] = [];

  async function expectSamePages(): Promise<void> {
    for (const [label, filter, limit] of filters) {
      const expected = await walk(scanned, filter, limit);
      const actual = await walk(indexed, filter, limit);
      expect(actual.map((p) => p.items.map((a) => a._id)), label).toEqual(expected.map((p) => p.items.map((a) => a._id)));
      expect(actual.map((p) => p.next), label).toEqual(expected.map((p) => p.next));
      expect(actual, label).toEqual(expected);
    }
    expect(sortedFinds, 'a sorted find of the articles: the feed order was not used').toEqual([]);
  }

  beforeAll(async () => {
    let repos;
    ({ database, repos } = await freshRepositories('feed_order'));
    // Ties in both orders, stories without a publication time, ids of different lengths.
    const docs = Array.from({ length: 40 }, (_, i) =>
      articleDoc({ id: `s-${i}`, publishedAt: i % 5 === 0 ? null : new Date(base + Math.floor(i / 3) * minute), firstSeenAt: new Date(base + Math.floor(i / 4) * minute) }),
    );
    await repos.articles.collection.insertMany(docs as never);
    prefix = uniquePrefix('feed-order');
    redis = testRedis('producer');
    writerRedis = testRedis('producer');
    // The API's reader: its own connection, with every command it sends watched.
    monitored = new MongoClient(inject('mongodbUri'), { monitorCommands: true });
    monitored.on('commandStarted', (event) => {
      if (event.commandName !== 'find' || event.command.find !== 'articles') return;
      if (event.command.sort && Object.keys(event.command.sort).length > 0) sortedFinds.push(event.command);
      else if (event.command.filter?._id !== undefined) idFinds.push(event.command.filter._id);
    });
    const db = monitored.db(database.db.databaseName);
    // Documents kept for 20 stories (4,000 in the API): the rest of a walk is read by id.
    order = new StoryFeedOrder(db.collection<StoredArticle>('articles'), new RedisLedgerCoordination(redis, prefix), { maxDocuments: 20 });
    indexed = new FeedQueries(db, { ...ledgerView(db, 'development'), storyPage: (request, limit) => order.page(request, limit), prepare: () => order.prepare(), close: () => order.close() });
    scanned = new FeedQueries(database.db, ledgerView(database.db, 'development'));
    // Another process's writer: its own connection and writer id, the same batch list.
    writer = await openLedger(database.db, new RedisLedgerCoordination(writerRedis, prefix), { kind: 'development' });
    await indexed.warm();
  });

  afterAll(async () => {
    indexed?.close();
    await monitored?.close();
    await deleteKeys(redis, prefix);
    redis?.disconnect();
    writerRedis?.disconnect();
    await database?.drop();
  });

  it('built from the stored stories: every page and cursor as the query has them', async () => {
    expect(order.size).toBe(40);
    idFinds.length = 0;
    const first = await indexed.articlesPage({ order: 'publishedAt', timeField: 'publishedAt' }, 8);
    expect(first.items).toHaveLength(8);
    // The newest stories' documents are kept: the first page reads nothing from the server.
    expect(idFinds).toEqual([]);
    await expectSamePages();
    // Deeper pages read their stories by _id, one find each.
    expect(idFinds.length).toBeGreaterThan(0);
    expect(idFinds.every((id) => typeof id === 'string')).toBe(true);
  });

  it('stories a writer (another process) stored after it was built', async () => {
    const items = analysedArticles(12, 17, 'later-source').map((article, i) => ({ article: { ...article, publishedAt: i % 4 === 0 ? null : new Date(base + (i + 2) * minute) }, fingerprint: storyFingerprint({ title: article.title, lead: article.body }) }));
    const { stories } = await writer.record(items);
    expect(stories.filter((s) => s.status === 'stored').length).toBeGreaterThan(5);
    await expectSamePages();
    expect(order.builds).toBe(1);
  });

  it('a richer copy that gives a story its publication time moves it', async () => {
    const url = 'https://news.example.com/kestrel-target';
    const summary = copyAt('feed', url, 'Kestrel Mining target lifted at Harbor Lane', 'The firm lifted its price target to $14 from $9.', new Date(base + 30 * minute), null, [lift]);
    const body = 'Harbor Lane Capital raised its rating on Kestrel Mining to buy from hold on Tuesday, citing new hosting contracts in Texas. The firm also lifted its price target to $14 from $9.';
    const page = copyAt('page', url, 'Kestrel Mining upgraded to buy at Harbor Lane, target lifted', body, new Date(base + 31 * minute), new Date(base + 4 * minute), [lift, upgrade]);
    const storyId = (await writer.record([summary])).stories[0]!.articleId;
    await expectSamePages();
    const last = (await walk(indexed, { order: 'publishedAt', timeField: 'publishedAt' }, 100)).flatMap((p) => p.items).map((a) => a._id);
    expect(last.indexOf(storyId)).toBeGreaterThan(last.length - 10);
    expect((await writer.record([page])).stories).toMatchObject([{ status: 'added-source', articleId: storyId, enriched: true }]);
    await expectSamePages();
    const moved = (await walk(indexed, { order: 'publishedAt', timeField: 'publishedAt' }, 100)).flatMap((p) => p.items);
    expect(moved.find((a) => a._id === storyId)!.publishedAt).toEqual(new Date(base + 4 * minute));
    expect(moved.findIndex((a) => a._id === storyId)).toBeLessThan(last.indexOf(storyId));
  });

  it('a richer copy at the top of the feed: its kept document is read again', async () => {
    const url = 'https://news.example.com/kestrel-top';
    const at = new Date(Date.now() + 60 * minute);
    const summary = copyAt('feed', url, 'Kestrel Mining target lifted again at Harbor Lane', 'The firm lifted its price target to $16 from $14.', new Date(base + 40 * minute), at, [{ ...lift, from: 14, to: 16 } as MarketEvent]);
    const body = 'Harbor Lane Capital reiterated buy on Kestrel Mining on Wednesday after a site visit in Texas. The firm lifted its price target to $16 from $14, its second raise this month.';
    const page = copyAt('page', url, 'Kestrel Mining: Harbor Lane lifts target again after site visit', body, new Date(base + 41 * minute), at, [{ ...lift, from: 14, to: 16 } as MarketEvent, { ...upgrade, action: 'maintain', ratingFrom: null } as MarketEvent]);
    const storyId = (await writer.record([summary])).stories[0]!.articleId;
    const top = await indexed.articlesPage({ order: 'publishedAt', timeField: 'publishedAt' }, 1);
    expect(top.items.map((a) => [a._id, a.title])).toEqual([[storyId, summary.article.title]]);
    expect((await writer.record([page])).stories).toMatchObject([{ articleId: storyId, enriched: true }]);
    idFinds.length = 0;
    const again = await indexed.articlesPage({ order: 'publishedAt', timeField: 'publishedAt' }, 1);
    expect(again.items.map((a) => [a._id, a.title, a.body])).toEqual([[storyId, page.article.title, body]]);
    expect(idFinds).toEqual([storyId]);
    await expectSamePages();
  });

  it('behind a trimmed list (batches it never read), builds again', async () => {
    const [a, b] = [analysedArticles(3, 23, 'trimmed-a'), analysedArticles(3, 29, 'trimmed-b')];
    await writer.record(a.map((article) => ({ article, fingerprint: storyFingerprint({ title: article.title, lead: article.body }) })));
    // The batch above leaves the list unread by the feed order, as a list trimmed past it would.
    await redis.xtrim(`${prefix}:ledger:batches`, 'MAXLEN', 0);
    await writer.record(b.map((article) => ({ article, fingerprint: storyFingerprint({ title: article.title, lead: article.body }) })));
    const builds = order.builds;
    await expectSamePages();
    expect(order.builds).toBe(builds + 1);
    expect(order.size).toBe(await database.db.collection('articles').countDocuments());
  });

  it('stories written or removed without an announcement (not by a ledger) are found by the timer', async () => {
    const timed = new StoryFeedOrder(database.db.collection<StoredArticle>('articles'), new RedisLedgerCoordination(redis, prefix), { tickMs: 100 });
    try {
      await timed.prepare();
      const held = timed.size;
      await database.db.collection('articles').insertOne(articleDoc({ id: 'unannounced', firstSeenAt: new Date(base) }) as never);
      await vi.waitFor(() => expect(timed.size).toBe(held + 1), { timeout: 10_000, interval: 50 });
      const [newest] = (await timed.page({ order: 'publishedAt' }, 1))!.items;
      await database.db.collection('articles').deleteOne({ _id: newest!._id as never });
      await vi.waitFor(() => expect(timed.size).toBe(held), { timeout: 10_000, interval: 50 });
      expect((await timed.page({ order: 'publishedAt' }, 1))!.items[0]!._id).not.toBe(newest!._id);
    } finally {
      timed.close();
    }
  });
});

describe('the feed order is not used where the view keeps none', () => {
  it('without the coordination, or on MongoDB, a page is the sorted query', async () => {
    const { database } = await freshRepositories('feed_order_none');
    try {
      await database.db.collection('articles').insertMany([articleDoc({ id: 'x-1', firstSeenAt: new Date(base) }), articleDoc({ id: 'x-2', firstSeenAt: new Date(base + minute) })] as never);
      const redis = testRedis('producer');
      const prefix = uniquePrefix('feed-order-none');
      try {
        for (const feeds of [new FeedQueries(database.db, ledgerView(database.db, 'development')), new FeedQueries(database.db, ledgerView(database.db, 'mongodb', { coordination: new RedisLedgerCoordination(redis, prefix) }))]) {
          await feeds.warm();
          expect((await feeds.articlesPage({ order: 'publishedAt' }, 1)).items.map((a) => a._id)).toEqual(['x-2']);
          feeds.close();
        }
        expect(await redis.exists(`${prefix}:ledger:batches`)).toBe(0);
      } finally {
        await deleteKeys(redis, prefix);
        redis.disconnect();
      }
    } finally {
      await database.drop();
    }
  });
});
