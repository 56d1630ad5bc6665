/** One clean feed entry, whatever format it came in. Every field is checked and typed. */
export interface FeedItem {
  guid: string | null;
  title: string | null;
  /** Absolute http(s) URL, or null. */
  link: string | null;
  publishedAt: Date | null;
  author: string | null;
  categories: string[];
  /** Plain text (HTML removed). */
  summary: string | null;
  /** Full content as HTML when the feed carries it (content:encoded, Atom content). */
  contentHtml: string | null;
  enclosures: Enclosure[];
}

export interface Enclosure {
  url: string;
  type: string | null;
  length: number | null;
}

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json-feed';

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  link: string | null;
  items: FeedItem[];
}
