import { Source } from '@tickerwire/core';
import { extractPage, parseFeedBytes, parseFeedText } from '@tickerwire/ingest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArticles, type SampleArticle } from './articles.ts';
import { feedNames } from './feeds.ts';
import { startSampleSite, type SampleSite } from './server.ts';

const articles = generateArticles(30, 42, { syndicatedCopies: 2 });
let site: SampleSite;

beforeAll(async () => {
  site = await startSampleSite({ articles });
});
afterAll(async () => {
  await site.close();
});

const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers });

describe('startSampleSite', () => {
  it('listens on a free port of 127.0.0.1', () => {
    expect(site.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(site.origin).not.toMatch(/:0$/);
  });

  it('splits the articles across the three feeds, each parsing to its share of items', async () => {
    expect(feedNames.map((feed) => site.articlesIn(feed).length)).toEqual([10, 10, 10]);
    const markets = await parseFeedText(await (await get(site.feedUrls.markets)).text(), { baseUrl: site.feedUrls.markets });
    expect(markets.format).toBe('rss');
    expect(markets.items).toHaveLength(10);
    const research = await get(site.feedUrls.research);
    const atom = await parseFeedBytes(new Uint8Array(await research.arrayBuffer()), research.headers.get('content-type'));
    expect(atom.format).toBe('atom');
    expect(atom.items).toHaveLength(10);
    const wire = await get(site.feedUrls.wire);
    const jsonFeed = await parseFeedBytes(new Uint8Array(await wire.arrayBuffer()), wire.headers.get('content-type'));
    expect(jsonFeed.format).toBe('json-feed');
    expect(jsonFeed.items).toHaveLength(10);
  });

  it('fills the RSS items with guid, author, date, tickers and the full text', async () => {
    const feed = await parseFeedText(await (await get(site.feedUrls.markets)).text());
    const newest = site.articlesIn('markets')[0]!;
    const item = feed.items[0]!;
    expect(item.guid).toBe(newest.id);
    expect(item.title).toBe(newest.title);
    expect(item.link).toBe(site.articleUrl(newest));
    expect(item.author).toBe(newest.author);
    expect(item.publishedAt?.toISOString()).toBe(newest.publishedAt);
    expect(item.categories).toEqual(newest.tickers);
    expect(item.contentHtml).toContain('<p>');
  });

  it('serves pages that extract to the article title and text without the furniture', async () => {
    const article = articles[4]!;
    const url = site.articleUrl(article);
    const response = await get(url);
    expect(response.status).toBe(200);
    const page = extractPage(await response.text(), url);
    expect(page.title).toBe(article.title);
    expect(page.text).toBe(article.body);
    expect(page.author).toBe(article.author);
    expect(page.publishedAt?.toISOString()).toBe(article.publishedAt);
    expect(page.canonicalUrl).toBe(url);
    expect(page.tickers).toEqual(expect.arrayContaining(article.tickers));
  });

  it('lists every article on /news/ and allows everything in robots.txt', async () => {
    const listing = await (await get(`${site.origin}/news/`)).text();
    for (const article of articles) expect(listing).toContain(`/news/${article.slug}.html`);
    expect(await (await get(`${site.origin}/robots.txt`)).text()).toBe('User-agent: *\nAllow: /\n');
    expect((await get(`${site.origin}/news/no-such-story.html`)).status).toBe(404);
  });

  it('answers 304 to a repeat request with the ETag or the Last-Modified date', async () => {
    for (const url of Object.values(site.feedUrls)) {
      const first = await get(url);
      await first.arrayBuffer();
      const etag = first.headers.get('etag')!;
      const lastModified = first.headers.get('last-modified')!;
      expect(etag).toMatch(/^".+"$/);
      expect((await get(url, { 'If-None-Match': etag })).status).toBe(304);
      expect((await get(url, { 'If-Modified-Since': lastModified })).status).toBe(304);
      expect((await get(url, { 'If-None-Match': '"stale"', 'If-Modified-Since': lastModified })).status).toBe(200);
    }
  });

  it('offers valid sources for the three feeds and one page, on the site (127.0.0.1)', () => {
    expect(site.sources.map((source) => source.kind)).toEqual(['feed', 'feed', 'feed', 'page']);
    for (const source of site.sources) {
      expect(Source.parse(source)).toEqual(source);
      expect(source.url.startsWith(site.origin)).toBe(true);
      expect(source.interval).toBeGreaterThanOrEqual(30);
      expect(source.interval).toBeLessThanOrEqual(60);
    }
  });

  it('publishes a new article between two polls: a changed feed, then the new item', async () => {
    const before = await get(site.feedUrls.wire);
    await before.arrayBuffer();
    const etag = before.headers.get('etag')!;
    const lastModified = before.headers.get('last-modified')!;
    const fresh: SampleArticle = { ...generateArticles(1, 99)[0]!, id: 'sample-fresh', slug: 'fresh-story' };
    site.publish(fresh, 'wire');

    const byTag = await get(site.feedUrls.wire, { 'If-None-Match': etag });
    expect(byTag.status).toBe(200);
    const feed = await parseFeedText(await byTag.text());
    expect(feed.items).toHaveLength(11);
    expect(feed.items.map((item) => item.guid)).toContain('sample-fresh');
    expect((await get(site.feedUrls.wire, { 'If-Modified-Since': lastModified })).status).toBe(200);
    expect((await get(site.articleUrl(fresh))).status).toBe(200);
    expect(() => site.publish(fresh)).toThrow(/already published/);
  });
});
