import type { FeedFormat } from './filters.ts';

/** Media type of each format. */
export const formatMediaTypes: Record<FeedFormat, string> = {
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  jsonfeed: 'application/feed+json',
  csv: 'text/csv',
};

const acceptedTypes: Record<string, FeedFormat> = {
  'application/json': 'json',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'application/x-jsonlines': 'ndjson',
  'application/rss+xml': 'rss',
  'application/atom+xml': 'atom',
  'application/feed+json': 'jsonfeed',
  'text/csv': 'csv',
  'application/xml': 'rss',
  'text/xml': 'rss',
  'application/*': 'json',
  '*/*': 'json',
};

/**
 * The format to answer in: `format=` wins, else the Accept header's most preferred type we
 * can produce (q-values honoured, ties in header order), else JSON. Null when Accept names only
 * types we cannot produce (406).
 */
export function negotiateFormat(format: FeedFormat | undefined, accept: string | undefined): FeedFormat | null {
  if (format) return format;
  if (!accept || accept.trim() === '') return 'json';
  const ranges = accept
    .split(',')
    .map((part, index) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
      const q = params.find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { type, quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((r) => r.type.length > 0 && r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const range of ranges) {
    const found = acceptedTypes[range.type];
    if (found) return found;
  }
  return ranges.length === 0 ? 'json' : null;
}

/** One entry of a rendered feed, whatever the item is (article or event). */
export interface FeedEntry {
  id: string;
  title: string;
  url: string | null;
  summary: string | null;
  content: string | null;
  published: Date | null;
  updated: Date;
  /** Categories: tickers, the sentiment label, the event type, other tags. */
  categories: FeedCategory[];
  author: string | null;
  /** The item's JSON representation (NDJSON lines, JSON Feed `_tickerwire`). */
  data: unknown;
}

export interface FeedCategory {
  term: string;
  /** What kind of category: Atom `scheme` (urn:tickerwire:<kind>), RSS readers see the term alone. */
  kind: 'ticker' | 'sentiment' | 'event-type' | 'tag';
  /** A human label (Atom `label`), e.g. "bullish +0.37". */
  label?: string;
}

export interface FeedMeta {
  title: string;
  description: string;
  /** This page's URL. */
  selfUrl: string;
  /** The feed's own first page (the channel link: there is no HTML page of it). */
  homeUrl: string;
  nextUrl: string | null;
  /** A stable id for the feed (Atom `id`). */
  id: string;
}

// XML 1.0 forbids most control characters even escaped; drop them.
const invalidXml = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text.replace(invalidXml, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function newest(entries: readonly FeedEntry[]): Date {
  return entries.reduce((max, e) => (e.updated > max ? e.updated : max), new Date(0));
}

export function renderRss(meta: FeedMeta, entries: readonly FeedEntry[]): string {
  const x = escapeXml;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${x(meta.title)}</title>`,
    `<link>${x(meta.homeUrl)}</link>`,
    `<description>${x(meta.description)}</description>`,
    `<atom:link rel="self" type="application/rss+xml" href="${x(meta.selfUrl)}"/>`,
  ];
  if (meta.nextUrl) lines.push(`<atom:link rel="next" type="application/rss+xml" href="${x(meta.nextUrl)}"/>`);
  if (entries.length > 0) lines.push(`<lastBuildDate>${newest(entries).toUTCString()}</lastBuildDate>`);
  for (const e of entries) {
    lines.push('<item>', `<title>${x(e.title)}</title>`);
    if (e.url) lines.push(`<link>${x(e.url)}</link>`);
    lines.push(`<guid isPermaLink="false">${x(e.id)}</guid>`);
    lines.push(`<pubDate>${(e.published ?? e.updated).toUTCString()}</pubDate>`);
    const description = e.summary ?? e.content;
    if (description) lines.push(`<description>${x(description)}</description>`);
    if (e.author) lines.push(`<author>${x(e.author)}</author>`);
    for (const c of e.categories) lines.push(`<category>${x(c.term)}</category>`);
    lines.push('</item>');
  }
  lines.push('</channel>', '</rss>');
  return `${lines.join('\n')}\n`;
}

export function renderAtom(meta: FeedMeta, entries: readonly FeedEntry[]): string {
  const x = escapeXml;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${x(meta.id)}</id>`,
    `<title>${x(meta.title)}</title>`,
    `<subtitle>${x(meta.description)}</subtitle>`,
    `<updated>${newest(entries).toISOString()}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${x(meta.selfUrl)}"/>`,
    `<link rel="alternate" type="application/atom+xml" href="${x(meta.homeUrl)}"/>`,
    '<author><name>tickerwire</name></author>',
  ];
  if (meta.nextUrl) lines.push(`<link rel="next" type="application/atom+xml" href="${x(meta.nextUrl)}"/>`);
  for (const e of entries) {
    lines.push('<entry>', `<id>${x(`urn:tickerwire:${e.id}`)}</id>`, `<title>${x(e.title)}</title>`, `<updated>${e.updated.toISOString()}</updated>`);
    if (e.published) lines.push(`<published>${e.published.toISOString()}</published>`);
    if (e.url) lines.push(`<link rel="alternate" href="${x(e.url)}"/>`);
    if (e.author) lines.push(`<author><name>${x(e.author)}</name></author>`);
    if (e.summary) lines.push(`<summary>${x(e.summary)}</summary>`);
    if (e.content) lines.push(`<content type="text">${x(e.content)}</content>`);
    for (const c of e.categories) lines.push(`<category term="${x(c.term)}" scheme="urn:tickerwire:${c.kind}"${c.label ? ` label="${x(c.label)}"` : ''}/>`);
    lines.push('</entry>');
  }
  lines.push('</feed>');
  return `${lines.join('\n')}\n`;
}

/** JSON Feed 1.1; each item keeps its full representation under the `_tickerwire` extension. */
export function renderJsonFeed(meta: FeedMeta, entries: readonly FeedEntry[]): string {
  const feed: Record<string, unknown> = {
    version: 'https://jsonfeed.org/version/1.1',
    title: meta.title,
    description: meta.description,
    home_page_url: meta.homeUrl,
    feed_url: meta.selfUrl,
    ...(meta.nextUrl ? { next_url: meta.nextUrl } : {}),
    items: entries.map((e) => ({
      id: e.id,
      ...(e.url ? { url: e.url } : {}),
      title: e.title,
      content_text: e.content ?? e.summary ?? e.title,
      ...(e.summary ? { summary: e.summary } : {}),
      ...(e.published ? { date_published: e.published.toISOString() } : {}),
      date_modified: e.updated.toISOString(),
      ...(e.categories.length > 0 ? { tags: e.categories.map((c) => c.term) } : {}),
      ...(e.author ? { authors: [{ name: e.author }] } : {}),
      _tickerwire: e.data,
    })),
  };
  return JSON.stringify(feed);
}

/** One JSON item per line; the next page is in the Link header. */
export function renderNdjson(entries: readonly FeedEntry[]): string {
  return entries.map((e) => `${JSON.stringify(e.data)}\n`).join('');
}
