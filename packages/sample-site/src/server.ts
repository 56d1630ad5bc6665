import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Source } from '@tickerwire/core';
import type { SampleArticle } from './articles.ts';
import { isNotModified, representation, type Representation } from './conditional.ts';
import { articlePath, feedContentTypes, feedNames, feedPaths, renderFeed, type FeedName } from './feeds.ts';
import { renderArticlePage, renderListingPage, robotsTxt } from './pages.ts';
import { sampleSources } from './sources.ts';

export interface SampleSiteOptions {
  articles: readonly SampleArticle[];
  /** 0 (the default) picks a free port. */
  port?: number;
}

export interface SampleSite {
  /** http://127.0.0.1:PORT, no trailing slash. */
  origin: string;
  /** Feed sources for the three feeds and one page source, validated with core's Source. */
  sources: Source[];
  feedUrls: Readonly<Record<FeedName, string>>;
  articleUrl(article: SampleArticle): string;
  /** What a feed lists now, newest first. */
  articlesIn(feed: FeedName): readonly SampleArticle[];
  /** Adds an article to a feed (markets unless told) and serves its page from now on. */
  publish(article: SampleArticle, feed?: FeedName): void;
  close(): Promise<void>;
}

interface FeedState {
  articles: SampleArticle[];
  lastModified: Date;
}

const newestFirst = (a: SampleArticle, b: SampleArticle): number => Date.parse(b.publishedAt) - Date.parse(a.publishedAt);
const relatedCount = 3;

/** The site's content; renders each path once and forgets the renderings when content changes. */
class SiteContent {
  readonly #feeds = new Map<FeedName, FeedState>();
  readonly #pages = new Map<string, SampleArticle>();
  readonly #rendered = new Map<string, Representation>();

  constructor(articles: readonly SampleArticle[]) {
    for (const feed of feedNames) this.#feeds.set(feed, { articles: [], lastModified: new Date(0) });
    // Round robin, so each feed gets a third of the articles and a spread of dates.
    articles.forEach((article, index) => this.add(article, feedNames[index % feedNames.length]!));
  }

  articlesIn(feed: FeedName): SampleArticle[] {
    return this.#feeds.get(feed)!.articles;
  }

  add(article: SampleArticle, feed: FeedName): void {
    const path = articlePath(article);
    if (this.#pages.has(path)) throw new Error(`an article with slug "${article.slug}" is already published`);
    const state = this.#feeds.get(feed)!;
    state.articles.push(article);
    state.articles.sort(newestFirst);
    // HTTP dates have whole seconds: every change moves Last-Modified on by at least one, so a
    // poller's If-Modified-Since never hides an article published with an older date.
    const published = new Date(article.publishedAt);
    state.lastModified = new Date(Math.max(published.getTime(), state.lastModified.getTime() + 1000));
    this.#pages.set(path, article);
    this.#rendered.clear();
  }

  get(path: string, origin: string): Representation | null {
    const cached = this.#rendered.get(path);
    if (cached) return cached;
    const rendered = this.#render(path, origin);
    if (rendered) this.#rendered.set(path, rendered);
    return rendered;
  }

  #render(path: string, origin: string): Representation | null {
    if (path === '/robots.txt') return representation(robotsTxt, 'text/plain; charset=utf-8', new Date(0));
    if (path === '/news/') return representation(renderListingPage(this.#allNewestFirst()), 'text/html; charset=utf-8', this.#lastChange());
    const feed = feedNames.find((name) => feedPaths[name] === path);
    if (feed) {
      const state = this.#feeds.get(feed)!;
      const text = renderFeed[feed]({ origin, articles: state.articles, updated: state.lastModified });
      return representation(text, feedContentTypes[feed], state.lastModified);
    }
    const article = this.#pages.get(path);
    if (!article) return null;
    const related = this.#allNewestFirst().filter((other) => other !== article).slice(0, relatedCount);
    return representation(renderArticlePage(article, origin, related), 'text/html; charset=utf-8', new Date(article.publishedAt));
  }

  #allNewestFirst(): SampleArticle[] {
    return [...this.#pages.values()].sort(newestFirst);
  }

  #lastChange(): Date {
    return new Date(Math.max(...[...this.#feeds.values()].map((state) => state.lastModified.getTime())));
  }
}

function send(request: IncomingMessage, response: ServerResponse, content: Representation): void {
  response.setHeader('ETag', content.etag);
  response.setHeader('Last-Modified', content.lastModified.toUTCString());
  response.setHeader('Cache-Control', 'no-cache');
  if (isNotModified(request.headers, content)) {
    response.writeHead(304).end();
    return;
  }
  response.writeHead(200, { 'Content-Type': content.contentType, 'Content-Length': content.body.byteLength });
  response.end(request.method === 'HEAD' ? undefined : content.body);
}

function handle(content: SiteContent, origin: string, request: IncomingMessage, response: ServerResponse): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const path = new URL(request.url ?? '/', origin).pathname;
  if (path === '/' || path === '/news') {
    response.writeHead(301, { Location: '/news/' }).end();
    return;
  }
  const found = content.get(path, origin);
  if (!found) {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
    return;
  }
  send(request, response, found);
}

/** Serve the articles on 127.0.0.1 until close(). */
export async function startSampleSite({ articles, port = 0 }: SampleSiteOptions): Promise<SampleSite> {
  const content = new SiteContent(articles);
  let origin = '';
  const server = createServer((request, response) => handle(content, origin, request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const feedUrls = Object.fromEntries(feedNames.map((feed) => [feed, origin + feedPaths[feed]])) as Record<FeedName, string>;
  return {
    origin,
    sources: sampleSources(origin, articles[0]),
    feedUrls,
    articleUrl: (article) => origin + articlePath(article),
    articlesIn: (feed) => [...content.articlesIn(feed)],
    publish: (article, feed = 'markets') => content.add(article, feed),
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Pollers keep connections alive; without this close() would wait for them to time out.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
