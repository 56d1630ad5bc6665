import type { SampleArticle } from './articles.ts';
import { bodyHtml, escapeXml, leadOf } from './markup.ts';

/** The three feeds of the site, one per format, so the pipeline reads each format it supports. */
export const feedNames = ['markets', 'research', 'wire'] as const;
export type FeedName = (typeof feedNames)[number];

export const feedPaths: Readonly<Record<FeedName, string>> = {
  markets: '/feeds/markets.rss',
  research: '/feeds/research.atom',
  wire: '/feeds/wire.json',
};

export const feedContentTypes: Readonly<Record<FeedName, string>> = {
  markets: 'application/rss+xml; charset=utf-8',
  research: 'application/atom+xml; charset=utf-8',
  wire: 'application/feed+json; charset=utf-8',
};

export interface FeedDocument {
  origin: string;
  /** Newest first. */
  articles: readonly SampleArticle[];
  updated: Date;
}

export const articlePath = (article: SampleArticle): string => `/news/${article.slug}.html`;

function renderRss({ origin, articles, updated }: FeedDocument): string {
  const items = articles.map((article) => [
    '<item>',
    `<title>${escapeXml(article.title)}</title>`,
    `<link>${escapeXml(origin + articlePath(article))}</link>`,
    // The id, not the URL, identifies the item: a syndicated copy is another item with its own id.
    `<guid isPermaLink="false">${escapeXml(article.id)}</guid>`,
    `<pubDate>${new Date(article.publishedAt).toUTCString()}</pubDate>`,
    `<dc:creator>${escapeXml(article.author)}</dc:creator>`,
    ...article.tickers.map((ticker) => `<category>${escapeXml(ticker)}</category>`),
    `<description>${escapeXml(leadOf(article.body))}</description>`,
    `<content:encoded>${escapeXml(bodyHtml(article.body))}</content:encoded>`,
    '</item>',
  ].join('\n'));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    '<title>Tickerwire Sample Site: Markets</title>',
    `<link>${escapeXml(`${origin}/news/`)}</link>`,
    `<atom:link href="${escapeXml(origin + feedPaths.markets)}" rel="self" type="application/rss+xml"/>`,
    '<description>Fictional market news written by Tickerwire for its own tests.</description>',
    '<language>en-us</language>',
    `<lastBuildDate>${updated.toUTCString()}</lastBuildDate>`,
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}

/** Atom entries carry the lead only: the research feed is the one whose pages the pipeline fetches. */
function renderAtom({ origin, articles, updated }: FeedDocument): string {
  const entries = articles.map((article) => [
    '<entry>',
    `<title type="text">${escapeXml(article.title)}</title>`,
    `<id>urn:tickerwire-sample:${escapeXml(article.id)}</id>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(origin + articlePath(article))}"/>`,
    `<published>${article.publishedAt}</published>`,
    `<updated>${article.publishedAt}</updated>`,
    `<author><name>${escapeXml(article.author)}</name></author>`,
    ...article.tickers.map((ticker) => `<category term="${escapeXml(ticker)}"/>`),
    `<summary type="text">${escapeXml(leadOf(article.body))}</summary>`,
    '</entry>',
  ].join('\n'));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    '<title>Tickerwire Sample Site: Research Notes</title>',
    `<id>${escapeXml(origin + feedPaths.research)}</id>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(origin + feedPaths.research)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(`${origin}/news/`)}"/>`,
    `<updated>${updated.toISOString()}</updated>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

function renderJsonFeed({ origin, articles }: FeedDocument): string {
  return `${JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Tickerwire Sample Site: Wire',
      home_page_url: `${origin}/news/`,
      feed_url: origin + feedPaths.wire,
      items: articles.map((article) => ({
        id: article.id,
        url: origin + articlePath(article),
        title: article.title,
        summary: leadOf(article.body),
        content_html: bodyHtml(article.body),
        date_published: article.publishedAt,
        authors: [{ name: article.author }],
        tags: article.tickers,
      })),
    },
    null,
    2,
  )}\n`;
}

export const renderFeed: Readonly<Record<FeedName, (document: FeedDocument) => string>> = {
  markets: renderRss,
  research: renderAtom,
  wire: renderJsonFeed,
};
