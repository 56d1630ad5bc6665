import type { SampleArticle } from './articles.ts';
import { articlePath, feedPaths } from './feeds.ts';
import { bodyHtml, escapeXml, leadOf } from './markup.ts';

export const robotsTxt = 'User-agent: *\nAllow: /\n';

/** JSON inside <script>: "<" is escaped so that no text can close the element early. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

// Furniture a real news page has around the story; the page extractor must drop all of it.
const siteNavigation = `<header class="site-header"><nav><a href="/news/">Markets</a> <a href="/news/">Research</a> <a href="/news/">Wire</a></nav></header>`;
const advert = `<div class="ad-slot" aria-label="advertisement">Advertisement: open a brokerage account today</div>`;
const siteFooter = `<footer><p>Tickerwire sample site. Fictional companies, written for tests.</p></footer>`;

function relatedLinks(related: readonly SampleArticle[]): string {
  const links = related.map((article) => `<li><a href="${escapeXml(articlePath(article))}">${escapeXml(article.title)}</a></li>`).join('');
  return `<aside class="related"><h2>More markets news</h2><ul>${links}</ul></aside>`;
}

/** One article page: metadata in JSON-LD, og: and article: tags; the story alone in <article>. */
export function renderArticlePage(article: SampleArticle, origin: string, related: readonly SampleArticle[]): string {
  const url = origin + articlePath(article);
  // A syndicated copy keeps its own canonical URL, as wires do: duplicate detection must find
  // it by its text, not by a canonical link pointing at the original.
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    datePublished: article.publishedAt,
    author: [{ '@type': 'Person', name: article.author }],
    mainEntityOfPage: url,
    about: article.tickers.map((ticker) => ({ '@type': 'Corporation', tickerSymbol: ticker })),
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeXml(article.title)} | Tickerwire Sample Site</title>
<link rel="canonical" href="${escapeXml(url)}">
<meta property="og:type" content="article">
<meta property="og:title" content="${escapeXml(article.title)}">
<meta property="og:url" content="${escapeXml(url)}">
<meta property="og:description" content="${escapeXml(leadOf(article.body))}">
<meta property="og:site_name" content="Tickerwire Sample Site">
<meta property="article:published_time" content="${article.publishedAt}">
<meta name="author" content="${escapeXml(article.author)}">
<meta name="tickers" content="${escapeXml(article.tickers.join(','))}">
<link rel="alternate" type="application/rss+xml" href="${feedPaths.markets}">
<script type="application/ld+json">${scriptJson(jsonLd)}</script>
</head>
<body>
${siteNavigation}
${advert}
<main>
<article>
<header><h1>${escapeXml(article.title)}</h1>
<p class="byline">By <a rel="author" href="/news/">${escapeXml(article.author)}</a>, <time datetime="${article.publishedAt}">${article.publishedAt.slice(0, 10)}</time></p></header>
${bodyHtml(article.body)}
</article>
${relatedLinks(related)}
</main>
<div class="newsletter-signup">Get the morning briefing in your inbox.</div>
${siteFooter}
</body>
</html>
`;
}

/** The front page of the news section: a link to every article, newest first. */
export function renderListingPage(articles: readonly SampleArticle[]): string {
  const items = articles
    .map((article) => `<li><a href="${escapeXml(articlePath(article))}">${escapeXml(article.title)}</a> <time datetime="${article.publishedAt}">${article.publishedAt.slice(0, 10)}</time></li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Markets news | Tickerwire Sample Site</title></head>
<body>
${siteNavigation}
<main><h1>Markets news</h1>
<ul class="article-list">
${items}
</ul></main>
${siteFooter}
</body>
</html>
`;
}
