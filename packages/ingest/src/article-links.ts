import { canonicalizeUrl } from './identity.ts';
import { decodeHtmlEntities } from './html-text.ts';

/**
 * Article links on a listing page (a news section front, a press-release index).
 *
 * A linear scan over the tags, not a DOM: measured on this machine, cheerio (htmlparser2 back
 * end) took ~1.9 s to select 40,000 `a[href]` and ~0.6 s for one link under 40,000 nested
 * <div>s, both growing quadratically. Here every character is looked at a bounded number of
 * times, so hostile HTML costs what its size costs, and the size is capped.
 *
 * Which links count as articles (a heuristic, kept simple on purpose):
 * - http(s) only, on the listing's host (a leading "www." ignored on either side);
 * - de-duplicated by canonical URL (fragment and tracking parameters dropped), document order;
 * - not the listing itself (trailing slash ignored), not the site's home page "/";
 * - a bare "#fragment" is the same page, so it is not a link to anything;
 * - not an asset by file extension (images, media, scripts, styles, documents, archives, feeds);
 * - no path segment naming site furniture: tag, category, topic, author, login, about, contact,
 *   search, page (pagination)... (whole segments: "/news/about-apple.html" is kept);
 * - no pagination or search query parameter (page, paged, s, q, search).
 * Links inside comments, <script>, <style>, <textarea> and <title> are not links.
 */

/** Only this much of a listing is read: its newest links come first, and more is not a listing. */
export const maxListingChars = 2 * 1024 * 1024;
/** At most this many links are returned from one listing. */
export const maxArticleLinks = 1000;
const maxHrefChars = 2048;

const assetExtensions = new Set([
  'jpg', 'jpeg', 'png', 'gif', 'webp', 'avif', 'svg', 'ico', 'bmp', 'tif', 'tiff',
  'css', 'js', 'mjs', 'map', 'json', 'xml', 'rss', 'atom', 'txt',
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'csv', 'epub',
  'zip', 'gz', 'tgz', 'tar', 'rar', '7z', 'exe', 'dmg', 'apk',
  'mp3', 'm4a', 'wav', 'ogg', 'mp4', 'm4v', 'webm', 'mov', 'avi',
  'woff', 'woff2', 'ttf', 'otf', 'eot',
]);

const furnitureSegments = new Set([
  'tag', 'tags', 'category', 'categories', 'topic', 'topics', 'author', 'authors',
  'login', 'logout', 'signin', 'sign-in', 'signup', 'sign-up', 'register', 'account', 'profile',
  'about', 'about-us', 'contact', 'contact-us', 'privacy', 'privacy-policy', 'terms', 'cookies',
  'search', 'subscribe', 'newsletter', 'newsletters', 'feed', 'feeds', 'rss', 'page',
  'help', 'faq', 'careers', 'cart', 'wp-admin', 'wp-login.php', 'cdn-cgi',
]);
const furnitureParams = ['page', 'paged', 's', 'q', 'search'];

// Elements whose content is text, not markup: an "<a" inside them is not a link.
const rawTextEndTags = new Map(['script', 'style', 'textarea', 'title', 'xmp'].map((name) => [name, new RegExp(`</${name}[\\s/>]`, 'gi')]));

const siteName = (hostname: string) => hostname.replace(/^www\./, '');
const withoutTrailingSlash = (url: URL) => `${url.origin}${url.pathname.replace(/\/+$/, '')}${url.search}`;

function isArticleUrl(url: URL, listing: URL): boolean {
  if (siteName(url.hostname) !== siteName(listing.hostname)) return false;
  if (url.pathname === '/' || withoutTrailingSlash(url) === withoutTrailingSlash(listing)) return false;
  const segments = url.pathname.toLowerCase().split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => furnitureSegments.has(segment))) return false;
  const last = segments.at(-1) ?? '';
  const dot = last.lastIndexOf('.');
  if (dot > 0 && assetExtensions.has(last.slice(dot + 1))) return false;
  return !furnitureParams.some((name) => url.searchParams.has(name));
}

interface Tag {
  name: string;
  attributes: Map<string, string>;
  /** Index just past the tag's ">" (or the end of the text). */
  end: number;
}

const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 12 || code === 13;

/** Read a start tag at `open` ("<" followed by a letter). Quoted values may hold ">". */
function readTag(html: string, open: number): Tag {
  let position = open + 1;
  while (position < html.length && /[A-Za-z0-9]/.test(html[position]!)) position++;
  const name = html.slice(open + 1, position).toLowerCase();
  const attributes = new Map<string, string>();
  while (position < html.length) {
    const code = html.charCodeAt(position);
    if (code === 62) return { name, attributes, end: position + 1 }; // ">"
    if (isSpace(code) || code === 47) {
      position++;
      continue;
    }
    const nameStart = position;
    while (position < html.length && !/[\s/>=]/.test(html[position]!)) position++;
    // A stray "=" with no name before it: step over it so the scan always advances.
    if (position === nameStart) position++;
    const attribute = html.slice(nameStart, position).toLowerCase();
    while (position < html.length && isSpace(html.charCodeAt(position))) position++;
    if (html[position] !== '=') {
      if (!attributes.has(attribute)) attributes.set(attribute, '');
      continue;
    }
    position++;
    while (position < html.length && isSpace(html.charCodeAt(position))) position++;
    const quote = html[position];
    let value: string;
    if (quote === '"' || quote === "'") {
      const close = html.indexOf(quote, position + 1);
      const valueEnd = close < 0 ? html.length : close;
      value = html.slice(position + 1, valueEnd);
      position = valueEnd + 1;
    } else {
      const valueStart = position;
      while (position < html.length && !/[\s>]/.test(html[position]!)) position++;
      value = html.slice(valueStart, position);
    }
    // The first occurrence of an attribute wins, as in browsers.
    if (!attributes.has(attribute) && value.length <= maxHrefChars) attributes.set(attribute, value);
  }
  return { name, attributes, end: html.length };
}

/** Index just past the raw-text element's end tag, or the end of the text. */
function skipRawText(html: string, endTag: RegExp, from: number): number {
  endTag.lastIndex = from;
  const match = endTag.exec(html);
  if (!match) return html.length;
  const close = html.indexOf('>', match.index);
  return close < 0 ? html.length : close + 1;
}

/**
 * Canonical URLs of the article links on a listing page, in document order. Pure; never
 * throws on any input (an unusable `baseUrl` gives no links).
 */
export function extractArticleLinks(html: string, baseUrl: string): string[] {
  const listingCanonical = canonicalizeUrl(baseUrl);
  if (listingCanonical === null) return [];
  const listing = new URL(listingCanonical);
  const text = html.length > maxListingChars ? html.slice(0, maxListingChars) : html;
  let base = listing.href;
  let baseSeen = false;
  const found = new Set<string>();
  let position = 0;
  while (position < text.length && found.size < maxArticleLinks) {
    const open = text.indexOf('<', position);
    if (open < 0) break;
    if (text.startsWith('<!--', open)) {
      const close = text.indexOf('-->', open + 4);
      if (close < 0) break;
      position = close + 3;
      continue;
    }
    if (!/[A-Za-z]/.test(text[open + 1] ?? '')) {
      position = open + 1;
      continue;
    }
    const tag = readTag(text, open);
    position = tag.end;
    const rawTextEnd = rawTextEndTags.get(tag.name);
    if (rawTextEnd) {
      position = skipRawText(text, rawTextEnd, position);
    } else if (tag.name === 'base' && !baseSeen && tag.attributes.has('href')) {
      // Only the first <base href> counts, and only an http(s) one.
      baseSeen = true;
      base = canonicalizeUrl(decodeHtmlEntities(tag.attributes.get('href')!), listing.href) ?? base;
    } else if (tag.name === 'a') {
      const href = decodeHtmlEntities(tag.attributes.get('href') ?? '').trim();
      if (href === '' || href.startsWith('#')) continue;
      const canonical = canonicalizeUrl(href, base);
      if (canonical !== null && !found.has(canonical) && isArticleUrl(new URL(canonical), listing)) found.add(canonical);
    }
  }
  return [...found];
}
