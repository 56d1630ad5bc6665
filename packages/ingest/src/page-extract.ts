import * as cheerio from 'cheerio';
import { hasChildren, isTag, isText, type AnyNode, type Element } from 'domhandler';
import { canonicalizeUrl } from './identity.ts';
import { tickersFromMetadata, tickersFromTags, tickersFromText, unique } from './tickers.ts';

/**
 * Article metadata and readable text from one HTML page. Pure and synchronous: run it in a
 * worker (page-pool.ts), never on the main thread for untrusted pages.
 *
 * Parsed with cheerio's htmlparser2 back end: `xml: { xmlMode: false }` selects htmlparser2 in
 * HTML mode (`xml: false` would select parse5, ~5x slower here). Nothing below recurses over
 * the tree: cheerio's .text() does, and throws RangeError on pages nested 10,000 deep.
 */

export interface ExtractedPage {
  url: string;
  canonicalUrl: string;
  title: string | null;
  publishedAt: Date | null;
  author: string | null;
  /** Readable main text, paragraphs separated by blank lines. */
  text: string;
  /** First paragraph or two (for near-duplicate matching and previews). */
  lead: string;
  tickers: string[];
}

type Cheerio = cheerio.CheerioAPI;

const junkSelector = [
  'script', 'style', 'noscript', 'template', 'iframe', 'svg', 'canvas', 'form', 'button', 'select', 'textarea',
  'nav', 'header', 'footer', 'aside', 'dialog', 'menu',
  '[role="navigation"]', '[role="banner"]', '[role="contentinfo"]', '[role="complementary"]', '[aria-hidden="true"]', '[hidden]',
  'ins.adsbygoogle',
].join(', ');
// Class or id tokens of ads and page furniture; whole tokens, so "header-ad" matches and "lead" or "download" do not.
const junkToken = /(?:^|[\s_-])(?:ads?|advert\w*|sponsor\w*|promo\w*|outbrain|taboola|dfp|newsletter|subscribe|paywall|related|recommended|share|social|comments?|cookie\w*|breadcrumbs?|sidebar|popup|modal)(?:$|[\s_-])/i;

const blockNames = new Set([
  'p', 'div', 'section', 'article', 'main', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre',
  'table', 'tr', 'td', 'th', 'figure', 'figcaption', 'br', 'hr', 'dd', 'dt', 'dl', 'address', 'summary', 'details',
]);

const articleTypes = new Set(['newsarticle', 'article', 'reportagenewsarticle', 'analysisnewsarticle', 'blogposting', 'report', 'opinionnewsarticle', 'backgroundnewsarticle']);

const clean = (text: string | null | undefined): string | null => {
  const value = text?.replace(/\s+/g, ' ').trim();
  return value ? value : null;
};

function parseDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? null : new Date(time);
}

/** Text under a node, walked with an explicit stack; block elements become line breaks. */
export function textContent(root: AnyNode): string {
  const parts: string[] = [];
  const stack: (AnyNode | 'break')[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === 'break') {
      parts.push('\n');
      continue;
    }
    if (isText(node)) {
      parts.push(node.data);
    } else if (hasChildren(node)) {
      // Elements (script and style included: JSON-LD is read through here), the document, CDATA.
      const isBlock = isTag(node) && blockNames.has(node.name);
      if (isBlock) {
        parts.push('\n');
        stack.push('break');
      }
      const children = node.children;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return parts.join('');
}

function paragraphs(text: string): string[] {
  return text
    .split(/\n/)
    .map((line) => line.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter((line) => line.length > 0);
}

function meta($: Cheerio, ...names: string[]): string | null {
  for (const name of names) {
    const content = $(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"]`).first().attr('content');
    if (clean(content)) return clean(content);
  }
  return null;
}

interface JsonLdArticle {
  headline: string | null;
  datePublished: string | null;
  author: string | null;
  tickers: string[];
}

/** Objects in a JSON-LD value (top level, arrays and @graph), breadth-first with a bound. */
function jsonLdObjects(value: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const queue: unknown[] = [value];
  for (let visited = 0; queue.length > 0 && visited < 2000; visited++) {
    const next = queue.shift();
    if (Array.isArray(next)) queue.push(...next);
    else if (typeof next === 'object' && next !== null) {
      const record = next as Record<string, unknown>;
      found.push(record);
      for (const key of ['@graph', 'mainEntity', 'about', 'mentions', 'itemListElement']) {
        if (Object.hasOwn(record, key)) queue.push(record[key]);
      }
    }
  }
  return found;
}

const typesOf = (record: Record<string, unknown>): string[] =>
  (Array.isArray(record['@type']) ? record['@type'] : [record['@type']]).filter((t): t is string => typeof t === 'string').map((t) => t.toLowerCase());

function personNames(value: unknown): string | null {
  const names = (Array.isArray(value) ? value : [value]).flatMap((person) => {
    if (typeof person === 'string') return clean(person) ? [clean(person)!] : [];
    const name = typeof person === 'object' && person !== null && Object.hasOwn(person, 'name') ? (person as { name: unknown }).name : null;
    return typeof name === 'string' && clean(name) ? [clean(name)!] : [];
  });
  return names.length > 0 ? unique(names).join(', ') : null;
}

function readJsonLd($: Cheerio): JsonLdArticle {
  const result: JsonLdArticle = { headline: null, datePublished: null, author: null, tickers: [] };
  $('script[type="application/ld+json"]').each((_, element) => {
    let data: unknown;
    try {
      data = JSON.parse(textContent(element));
    } catch {
      return;
    }
    for (const record of jsonLdObjects(data)) {
      if (typeof record.tickerSymbol === 'string') result.tickers.push(...tickersFromMetadata(record.tickerSymbol));
      if (!typesOf(record).some((type) => articleTypes.has(type))) continue;
      if (result.headline === null && typeof record.headline === 'string') result.headline = clean(record.headline);
      if (result.datePublished === null && typeof record.datePublished === 'string') result.datePublished = record.datePublished;
      if (result.author === null) result.author = personNames(record.author);
    }
  });
  return result;
}

/** Remove navigation, ads and other furniture so only the story is left. */
function removeJunk($: Cheerio): void {
  $(junkSelector).remove();
  $('[class], [id]').each((_, element) => {
    const tokens = `${element.attribs.class ?? ''} ${element.attribs.id ?? ''}`;
    // Never remove the story container itself because of a "share" or "related" token in it.
    if (junkToken.test(tokens) && !['article', 'main', 'body', 'html'].includes(element.name)) $(element).remove();
  });
}

/** The element holding the story: the <article> (or articleBody) with the most text, else <main>, else <body>. */
function mainElement($: Cheerio): AnyNode {
  const candidates = $('[itemprop="articleBody"], article, [role="main"], main').toArray();
  let best: Element | null = null;
  let bestLength = 0;
  for (const candidate of candidates) {
    const length = textContent(candidate).replace(/\s+/g, ' ').length;
    if (length > bestLength) {
      best = candidate;
      bestLength = length;
    }
  }
  return best ?? $('body').get(0) ?? $.root().get(0)!;
}

function canonicalOf($: Cheerio, pageUrl: string): string {
  for (const href of [$('link[rel="canonical"]').attr('href'), meta($, 'og:url')]) {
    const canonical = href ? canonicalizeUrl(href, pageUrl) : null;
    if (canonical) return canonical;
  }
  return canonicalizeUrl(pageUrl) ?? pageUrl;
}

/** Extract one page. `url` is where it was fetched from (relative links resolve against it). */
export function extractPage(html: string, url: string): ExtractedPage {
  const $ = cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true } });
  const jsonLd = readJsonLd($);
  const metaTickers = [
    ...tickersFromMetadata(meta($, 'tickers', 'ticker', 'stock_symbols', 'stock-symbols', 'parsely-tickers') ?? ''),
    ...tickersFromTags($('meta[property="article:tag"], meta[name="keywords"], meta[name="news_keywords"]').toArray()
      .flatMap((element) => (element.attribs.content ?? '').split(','))),
  ];
  const timeElement = $('time[itemprop="datePublished"], [itemprop="datePublished"], article time[datetime], time[datetime]').first();
  const publishedAt =
    parseDate(jsonLd.datePublished) ??
    parseDate(meta($, 'article:published_time', 'og:published_time', 'datePublished', 'pubdate', 'publishdate', 'date', 'DC.date.issued', 'parsely-pub-date')) ??
    parseDate(timeElement.attr('datetime') ?? timeElement.attr('content'));
  const authorLink = $('[rel="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"]').first().get(0);
  const author = jsonLd.author ?? meta($, 'author', 'article:author', 'parsely-author', 'byl')?.replace(/^by\s+/i, '') ?? (authorLink ? clean(textContent(authorLink)) : null);
  const titleElement = $('title').first().get(0);
  const h1 = $('h1').first().get(0);
  const title = meta($, 'og:title', 'twitter:title') ?? jsonLd.headline ?? (h1 ? clean(textContent(h1)) : null) ?? (titleElement ? clean(textContent(titleElement)) : null);
  const canonicalUrl = canonicalOf($, url);

  removeJunk($);
  const body = paragraphs(textContent(mainElement($)));
  // The page's <h1> is usually the headline again: the title is kept apart, so the text
  // would repeat it (and analysis read the headline twice).
  const fold = (t: string) => t.toLowerCase().replace(/\s+/g, ' ').trim();
  if (title && body.length > 1 && fold(body[0]!) === fold(title)) body.shift();
  const text = body.join('\n\n');
  // The lead: the first real paragraph(s), skipping datelines and bylines shorter than a sentence.
  const leadParagraphs = body.filter((paragraph) => paragraph.length >= 60).slice(0, 2);

  return {
    url,
    canonicalUrl,
    title,
    publishedAt,
    author: author && /^https?:\/\//.test(author) ? null : author,
    text,
    lead: leadParagraphs.join(' '),
    tickers: unique([...jsonLd.tickers, ...metaTickers, ...tickersFromText(`${title ?? ''}\n${text}`)]),
  };
}
