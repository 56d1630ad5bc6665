import { FeedError } from './errors.ts';
import type { Enclosure, FeedItem, ParsedFeed } from './feed-types.ts';
import { htmlToText } from './html-text.ts';
import { asArray, field } from './xml-node.ts';
import { absoluteHttpUrl, parseDate } from './feed-values.ts';

/** JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1), read field by field. */

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

export function isJsonFeedVersion(version: unknown): boolean {
  return typeof version === 'string' && /^https?:\/\/jsonfeed\.org\/version\/1(\.\d+)?\/?$/.test(version);
}

function authorName(item: unknown, feed: unknown): string | null {
  // 1.1 has "authors" (an array); 1.0 had "author". Items inherit the feed's author.
  for (const holder of [item, feed]) {
    for (const author of [...asArray(field(holder, 'authors')), field(holder, 'author')]) {
      const name = str(field(author, 'name'));
      if (name) return name;
    }
  }
  return null;
}

function attachments(item: unknown, base: string | undefined): Enclosure[] {
  const result: Enclosure[] = [];
  for (const attachment of asArray(field(item, 'attachments'))) {
    const url = absoluteHttpUrl(str(field(attachment, 'url')), base);
    if (!url) continue;
    const size = field(attachment, 'size_in_bytes');
    result.push({ url, type: str(field(attachment, 'mime_type')), length: typeof size === 'number' && Number.isFinite(size) && size >= 0 ? size : null });
  }
  return result;
}

function toItem(item: unknown, feed: unknown, base: string | undefined): FeedItem {
  const id = field(item, 'id');
  const contentHtml = str(field(item, 'content_html'));
  const contentText = str(field(item, 'content_text'));
  const summary = str(field(item, 'summary')) ?? contentText ?? (contentHtml ? htmlToText(contentHtml) : null);
  return {
    guid: typeof id === 'number' && Number.isFinite(id) ? String(id) : str(id),
    title: str(field(item, 'title')),
    link: absoluteHttpUrl(str(field(item, 'url')) ?? str(field(item, 'external_url')), base),
    publishedAt: parseDate(str(field(item, 'date_published')) ?? str(field(item, 'date_modified'))),
    author: authorName(item, feed),
    categories: asArray(field(item, 'tags')).flatMap((tag) => (typeof tag === 'string' && tag.trim() ? [tag.trim()] : [])),
    summary: summary ? summary.slice(0, 4000) : null,
    contentHtml,
    enclosures: attachments(item, base),
  };
}

/** Parse JSON Feed text; FeedError 'malformed-json' or 'not-a-feed' otherwise. */
export function parseJsonFeed(text: string, baseUrl?: string): ParsedFeed {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new FeedError('malformed-json', `not valid JSON: ${(error as Error).message}`, error);
  }
  if (!isJsonFeedVersion(field(document, 'version'))) throw new FeedError('not-a-feed', 'JSON without a jsonfeed.org version');
  const items = field(document, 'items');
  if (!Array.isArray(items)) throw new FeedError('not-a-feed', 'JSON Feed without an "items" array');
  const base = absoluteHttpUrl(str(field(document, 'home_page_url')), baseUrl) ?? baseUrl;
  return {
    format: 'json-feed',
    title: str(field(document, 'title')),
    link: absoluteHttpUrl(str(field(document, 'home_page_url')), baseUrl),
    items: items.map((item) => toItem(item, document, base)),
  };
}
