import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import Parser from 'rss-parser';
import { decodeBytes } from './charset.ts';
import { FeedError, type FeedErrorKind } from './errors.ts';
import { absoluteHttpUrl, parseDate } from './feed-values.ts';
import type { Enclosure, FeedFormat, FeedItem, ParsedFeed } from './feed-types.ts';
import { htmlToText, repairXmlEntities } from './html-text.ts';
import { parseJsonFeed } from './json-feed.ts';
import { asArray, attribute, field, firstText, isRecord, textOf } from './xml-node.ts';

/**
 * Feed text to FeedItems: RSS 0.9x/1.0/2.0 and Atom through rss-parser's parseString (on text
 * we fetched and decoded ourselves; never parseURL), JSON Feed by hand. Items are built field
 * by field from checked values; parsed objects are never merged or spread.
 */

export const maxFeedChars = 20 * 1024 * 1024;
const maxSummaryChars = 4000;

// rss-parser computes a "contentSnippet" for every item with a regex that is quadratic in the
// length of the HTML (a 64 KB description of "<p<p<p..." takes ~6 s; 1 MB, minutes). We never
// read that field, so the helper is replaced by a constant-time one. If a future version moves
// the helper, this does nothing and the size cap still bounds the damage.
const requireFromHere = createRequire(import.meta.url);
try {
  const rssParserUtils: unknown = requireFromHere('rss-parser/lib/utils.js');
  if (isRecord(rssParserUtils) && typeof field(rssParserUtils, 'getSnippet') === 'function') {
    Object.assign(rssParserUtils, { getSnippet: () => '' });
  }
} catch {
  // Layout changed: nothing to patch.
}

// Extra raw elements we read ourselves, kept as arrays so repeated elements are not lost.
const customItemFields: [string, string, { keepArray: boolean }][] = [
  ['category', 'tw:category', { keepArray: true }],
  ['dc:subject', 'tw:subject', { keepArray: true }],
  ['enclosure', 'tw:enclosure', { keepArray: true }],
  ['media:content', 'tw:media', { keepArray: true }],
  ['link', 'tw:link', { keepArray: true }],
  ['guid', 'tw:guid', { keepArray: true }],
  ['id', 'tw:id', { keepArray: true }],
  ['author', 'tw:author', { keepArray: true }],
  ['dc:creator', 'tw:creator', { keepArray: true }],
  ['pubDate', 'tw:pubDate', { keepArray: true }],
  ['dc:date', 'tw:dcDate', { keepArray: true }],
  ['published', 'tw:published', { keepArray: true }],
  ['updated', 'tw:updated', { keepArray: true }],
  ['issued', 'tw:issued', { keepArray: true }],
  ['title', 'tw:title', { keepArray: true }],
  ['description', 'tw:description', { keepArray: true }],
  ['summary', 'tw:summary', { keepArray: true }],
  ['content:encoded', 'tw:encoded', { keepArray: true }],
  ['content', 'tw:content', { keepArray: true }],
];

// rss-parser turns Atom <published>/<updated> into ISO strings with toISOString(), which throws
// on an unreadable date and so loses the whole feed; blank such values before it sees them.
function blankUnreadableDates(value: string, name: string): string {
  return (name === 'published' || name === 'updated') && Number.isNaN(Date.parse(value)) ? '' : value;
}

function newParser(): Parser {
  // A fresh parser per document: xml2js keeps state on the instance between calls.
  return new Parser({ defaultRSS: 2, customFields: { item: customItemFields }, xml2js: { valueProcessors: [blankUnreadableDates] } });
}

/** Root element name of an XML document, skipping the declaration, comments and DOCTYPE. */
export function xmlRootName(text: string): string | null {
  let position = 0;
  for (let guard = 0; guard < 1000; guard++) {
    const open = text.indexOf('<', position);
    if (open < 0) return null;
    if (text.startsWith('<?', open)) position = text.indexOf('?>', open) + 2;
    else if (text.startsWith('<!--', open)) position = text.indexOf('-->', open) + 3;
    else if (text.startsWith('<!', open)) position = text.indexOf('>', open) + 1;
    else return /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(open, open + 200))?.[1] ?? null;
    if (position <= open) return null;
  }
  return null;
}

function formatOfRoot(root: string | null): FeedFormat | null {
  const name = root?.toLowerCase() ?? '';
  const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
  if (local === 'rss') return 'rss';
  if (local === 'feed') return 'atom';
  if (name === 'rdf:rdf' || local === 'rdf') return 'rdf';
  return null;
}

/** sax reports real XML errors with these words (and "Line:/Column:" details). */
const xmlSyntaxError = /Line:|Unexpected|Unclosed|Invalid|Non-whitespace|Text data outside|Unmatched|entity/i;

function isXmlSyntaxError(error: unknown): boolean {
  return error instanceof Error && !(error instanceof TypeError) && xmlSyntaxError.test(error.message);
}

/**
 * What went wrong, from rss-parser's error. Besides XML syntax errors it throws "not
 * recognized" for other roots, and TypeErrors from its builders on well-formed documents
 * it cannot read, such as <rss> without a <channel>.
 */
function feedErrorKind(error: unknown, text: string): FeedErrorKind {
  if (isXmlSyntaxError(error)) return 'malformed-xml';
  if (error instanceof Error && /not recognized as RSS/i.test(error.message)) return 'not-a-feed';
  return /<(?:[\w-]+:)?(?:item|entry)[\s>/]/.test(text) ? 'malformed-feed' : 'no-items';
}

type RssOutput = Awaited<ReturnType<Parser['parseString']>>;

async function parseXml(text: string): Promise<RssOutput> {
  try {
    return await newParser().parseString(text);
  } catch (firstError) {
    // The commonest ill-formed feeds use HTML entities (&nbsp;) or bare "&": repair and retry once.
    if (!isXmlSyntaxError(firstError)) throw firstError;
    const repaired = repairXmlEntities(text);
    if (repaired === text) throw firstError;
    try {
      return await newParser().parseString(repaired);
    } catch {
      throw firstError;
    }
  }
}

const cleanText = (value: string | null): string | null => {
  if (value === null) return null;
  const text = htmlToText(value);
  return text === '' ? null : text;
};

function itemLink(raw: unknown, base: string | undefined): string | null {
  const links = asArray(field(raw, 'tw:link'));
  // Atom: <link rel="alternate" href>, or the first <link href> with no rel.
  const alternate = links.find((link) => attribute(link, 'href') && (attribute(link, 'rel') ?? 'alternate') === 'alternate');
  const href = attribute(alternate, 'href');
  if (href) return absoluteHttpUrl(href, base);
  // RSS: <link>text</link>.
  for (const link of links) {
    const url = absoluteHttpUrl(textOf(link)?.trim(), base);
    if (url) return url;
  }
  // RSS guid that is a permalink (the default unless isPermaLink="false").
  const guid = asArray(field(raw, 'tw:guid'))[0];
  if (guid !== undefined && attribute(guid, 'isPermaLink') !== 'false') return absoluteHttpUrl(textOf(guid)?.trim(), base);
  return null;
}

function itemGuid(raw: unknown): string | null {
  // RSS 1.0 items are named by rdf:about, which rss-parser copies onto the item.
  const about = field(raw, 'rdf:about');
  return firstText(raw, 'tw:guid') ?? firstText(raw, 'tw:id') ?? (typeof about === 'string' && about.trim() ? about.trim() : null);
}

/** "jane@example.com (Jane Doe)" is how RSS <author> names people; keep the name. */
function personName(text: string | null): string | null {
  if (!text) return null;
  const inParens = /\(([^()]+)\)\s*$/.exec(text);
  const name = (inParens?.[1] ?? text).replace(/\s+/g, ' ').trim();
  return name === '' ? null : name;
}

function itemAuthor(raw: unknown): string | null {
  const creator = firstText(raw, 'tw:creator');
  if (creator) return personName(creator);
  const author = asArray(field(raw, 'tw:author'))[0];
  // Atom <author><name>..</name></author>, else RSS <author>text</author>.
  return personName(firstText(author, 'name') ?? (typeof author === 'string' ? author : textOf(field(author, '_'))));
}

function itemCategories(raw: unknown): string[] {
  const names = new Set<string>();
  for (const category of asArray(field(raw, 'tw:category'))) {
    // Atom: term/label attributes; RSS: element text.
    const name = attribute(category, 'label') ?? attribute(category, 'term') ?? textOf(typeof category === 'string' ? category : field(category, '_'));
    if (name?.trim()) names.add(name.trim());
  }
  for (const subject of asArray(field(raw, 'tw:subject'))) {
    const name = textOf(subject)?.trim();
    if (name) names.add(name);
  }
  return [...names];
}

function itemEnclosures(raw: unknown, base: string | undefined): Enclosure[] {
  const result: Enclosure[] = [];
  const seen = new Set<string>();
  const add = (url: string | null, type: string | null, length: string | null) => {
    const absolute = absoluteHttpUrl(url, base);
    if (!absolute || seen.has(absolute)) return;
    seen.add(absolute);
    const size = length === null ? NaN : Number(length);
    result.push({ url: absolute, type: type?.trim() || null, length: Number.isFinite(size) && size >= 0 ? size : null });
  };
  for (const enclosure of asArray(field(raw, 'tw:enclosure'))) add(attribute(enclosure, 'url'), attribute(enclosure, 'type'), attribute(enclosure, 'length'));
  for (const media of asArray(field(raw, 'tw:media'))) add(attribute(media, 'url'), attribute(media, 'type'), attribute(media, 'fileSize'));
  for (const link of asArray(field(raw, 'tw:link'))) {
    if (attribute(link, 'rel') === 'enclosure') add(attribute(link, 'href'), attribute(link, 'type'), attribute(link, 'length'));
  }
  return result;
}

/** Content of an element as HTML: xhtml content (an element tree) is left to rss-parser's rendering. */
function htmlOf(raw: unknown, key: string, rendered: unknown): string | null {
  const element = asArray(field(raw, key))[0];
  if (element === undefined) return null;
  const text = typeof element === 'string' ? element : field(element, '_');
  if (typeof text === 'string') return text.trim() === '' ? null : text;
  return typeof rendered === 'string' && rendered.trim() !== '' ? rendered : null;
}

function toItem(raw: unknown, rendered: unknown, format: FeedFormat, base: string | undefined): FeedItem {
  const isAtom = format === 'atom';
  const summaryHtml = isAtom ? htmlOf(raw, 'tw:summary', field(rendered, 'summary')) : htmlOf(raw, 'tw:description', field(rendered, 'content'));
  const contentHtml = isAtom ? htmlOf(raw, 'tw:content', field(rendered, 'content')) : htmlOf(raw, 'tw:encoded', null);
  const summary = cleanText(summaryHtml ?? contentHtml);
  const title = cleanText(firstText(raw, 'tw:title'));
  return {
    guid: itemGuid(raw),
    title: title === null ? null : title.replace(/\n/g, ' '),
    link: itemLink(raw, base),
    publishedAt: parseDate(
      firstText(raw, 'tw:published') ?? firstText(raw, 'tw:pubDate') ?? firstText(raw, 'tw:dcDate') ?? firstText(raw, 'tw:issued') ?? firstText(raw, 'tw:updated'),
    ),
    author: itemAuthor(raw),
    categories: itemCategories(raw),
    summary: summary === null ? null : summary.slice(0, maxSummaryChars),
    contentHtml,
    enclosures: itemEnclosures(raw, base),
  };
}

/** The raw xml2js items in document order, which rss-parser's items follow one to one. */
function rawItems(output: RssOutput): unknown[] {
  return asArray(field(output, 'items'));
}

async function parseXmlFeed(text: string, format: FeedFormat, baseUrl: string | undefined): Promise<ParsedFeed> {
  const output = await parseXml(text);
  const feedLink = absoluteHttpUrl(typeof output.link === 'string' ? output.link : null, baseUrl);
  const base = baseUrl ?? feedLink ?? undefined;
  const title = typeof output.title === 'string' ? cleanText(output.title) : null;
  const items = rawItems(output).map((item) => toItem(item, item, format, base));
  return { format, title, link: feedLink, items };
}

export interface ParseFeedOptions {
  /** Where the feed came from: relative links are resolved against it. */
  baseUrl?: string;
}

/** Whether an item is worth keeping: without a title or a link there is nothing to show or fetch. */
export function isUsableItem(item: FeedItem): boolean {
  return item.title !== null || item.link !== null;
}

/**
 * Parse decoded feed text. Throws FeedError: 'empty', 'too-large', 'malformed-xml',
 * 'malformed-json', 'not-a-feed', or 'no-items' when the feed has no item with a title or a
 * link (a poller may treat that as "nothing new" rather than a failure).
 */
export async function parseFeedText(text: string, options: ParseFeedOptions = {}): Promise<ParsedFeed> {
  if (text.length > maxFeedChars) throw new FeedError('too-large', `feed of ${text.length} characters exceeds ${maxFeedChars}`);
  const trimmed = text.replace(/^\ufeff/, '').trim();
  if (trimmed === '') throw new FeedError('empty', 'empty document');
  let feed: ParsedFeed;
  if (trimmed.startsWith('{')) {
    feed = parseJsonFeed(trimmed, options.baseUrl);
  } else {
    const root = xmlRootName(trimmed);
    const format = formatOfRoot(root);
    if (format === null) {
      throw new FeedError(root === null ? 'malformed-xml' : 'not-a-feed', root === null ? 'no XML root element' : `root element <${root}> is not rss, feed or rdf:RDF`);
    }
    try {
      feed = await parseXmlFeed(trimmed, format, options.baseUrl);
    } catch (error) {
      if (error instanceof FeedError) throw error;
      const message = error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error);
      throw new FeedError(feedErrorKind(error, trimmed), message, error);
    }
  }
  const usable = feed.items.filter(isUsableItem);
  if (usable.length === 0) {
    throw new FeedError('no-items', feed.items.length === 0 ? 'feed has no items' : `none of ${feed.items.length} items has a title or a link`);
  }
  return { ...feed, items: usable };
}

/** Decode fetched or stored bytes (BOM, Content-Type charset, XML declaration) and parse. */
export async function parseFeedBytes(bytes: Uint8Array, contentType?: string | null, options: ParseFeedOptions = {}): Promise<ParsedFeed> {
  if (bytes.byteLength > maxFeedChars * 4) throw new FeedError('too-large', `feed of ${bytes.byteLength} bytes is too large`);
  return parseFeedText(decodeBytes(bytes, contentType).text, options);
}

export type FeedFileResult =
  | { file: string; ok: true; items: FeedItem[]; titles: string[] }
  | { file: string; ok: false; error: { kind: FeedErrorKind | 'unreadable'; message: string } };

/**
 * Parse a feed stored in a file, for `tickerwire feeds parse FILE...`. Never throws: every
 * failure is reported as `{ok: false, error: {kind, message}}`, ready to print as a JSON line.
 */
export async function parseFeedFile(path: string): Promise<FeedFileResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return { file: path, ok: false, error: { kind: 'unreadable', message: (error as Error).message } };
  }
  try {
    const feed = await parseFeedBytes(bytes);
    return { file: path, ok: true, items: feed.items, titles: feed.items.flatMap((item) => (item.title === null ? [] : [item.title])) };
  } catch (error) {
    if (error instanceof FeedError) return { file: path, ok: false, error: { kind: error.kind, message: error.message } };
    // Not expected: reported as a distinct kind so a crash is visible, not hidden as "malformed".
    return { file: path, ok: false, error: { kind: 'not-a-feed', message: `unexpected: ${String(error)}` } };
  }
}
