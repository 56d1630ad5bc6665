import { describe, expect, it } from 'vitest';
import { extractArticleLinks, maxArticleLinks } from './article-links.ts';

const listingUrl = 'https://news.example.com/news/';

// The shape of packages/sample-site's /news/ listing (renderListingPage): site navigation in a
// <header><nav> pointing back at /news/, then a <ul class="article-list"> of /news/<slug>.html.
const sampleSiteListing = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Markets news | Tickerwire Sample Site</title></head>
<body>
<header class="site-header"><nav><a href="/news/">Markets</a> <a href="/news/">Research</a> <a href="/news/">Wire</a></nav></header>
<main><h1>Markets news</h1>
<ul class="article-list">
<li><a href="/news/cipher-mining-upgrade-3f2a.html">Cipher Mining jumps</a> <time datetime="2025-07-01T10:00:00Z">2025-07-01</time></li>
<li><a href="/news/riot-output-&amp;-costs.html">Riot output</a> <time datetime="2025-06-30T10:00:00Z">2025-06-30</time></li>
</ul></main>
<footer><p>Tickerwire sample site. Fictional companies, written for tests.</p></footer>
</body>
</html>`;

describe('extractArticleLinks', () => {
  it('finds the article links of a sample-site style listing and not its navigation', () => {
    expect(extractArticleLinks(sampleSiteListing, listingUrl)).toEqual([
      'https://news.example.com/news/cipher-mining-upgrade-3f2a.html',
      'https://news.example.com/news/riot-output-&-costs.html',
    ]);
  });

  it('keeps same-host http(s) links only, de-duplicated by canonical URL, in document order', () => {
    const html = `
      <a href="/news/b.html">B</a>
      <a href="https://news.example.com/news/a.html?utm_source=x#comments">A</a>
      <a href="https://www.news.example.com/news/w.html">same site on www.</a>
      <a href="/news/b.html?fbclid=1">B again</a>
      <a href="https://other.example.org/news/c.html">off host</a>
      <a href="http://news.example.com/news/d.html">plain http</a>
      <a href="mailto:desk@news.example.com">mail</a> <a href="javascript:void(0)">js</a> <a href="tel:+100">tel</a>
      <a href="ftp://news.example.com/news/e.html">ftp</a>
      <A HREF=/news/unquoted.html>upper case, unquoted</A>`;
    expect(extractArticleLinks(html, listingUrl)).toEqual([
      'https://news.example.com/news/b.html',
      'https://news.example.com/news/a.html',
      'https://www.news.example.com/news/w.html',
      'http://news.example.com/news/d.html',
      'https://news.example.com/news/unquoted.html',
    ]);
  });

  it('drops the listing itself, the home page, fragments, assets, furniture pages and pagination', () => {
    const html = [
      '/news/', '/news', '/news/?utm_medium=rss', '/', '#top', '#',
      '/img/chart.PNG', '/files/report.pdf', '/static/app.js', '/feeds/markets.rss',
      '/tag/bitcoin', '/category/markets/', '/topics/mining', '/author/jane', '/login', '/about', '/about-us/', '/contact',
      '/search?q=cifr', '/news/?page=2', '/news/page/2/', '/news/?s=riot',
      '/news/about-apple-earnings.html', '/2025/07/01/cipher-upgrade/', '/news/story?id=7',
    ].map((href) => `<a href="${href}">x</a>`).join('\n');
    expect(extractArticleLinks(html, listingUrl)).toEqual([
      'https://news.example.com/news/about-apple-earnings.html',
      'https://news.example.com/2025/07/01/cipher-upgrade/',
      'https://news.example.com/news/story?id=7',
    ]);
  });

  it('honours the first <base href> and decodes entities in href', () => {
    const html = `<head><base href="/archive/2025/"><base href="/ignored/"></head>
      <a href="cipher.html?a=1&amp;b=2">relative</a> <a href="&#47;news&#47;riot.html">entities</a>`;
    expect(extractArticleLinks(html, listingUrl)).toEqual([
      'https://news.example.com/archive/2025/cipher.html?a=1&b=2',
      'https://news.example.com/news/riot.html',
    ]);
  });

  it('ignores links in comments, scripts, styles and titles, and ">" inside quoted attributes', () => {
    const html = `<!-- <a href="/news/commented.html">x</a> -->
      <script>document.write('<a href="/news/scripted.html">x</a>')</script>
      <style>a[href="/news/styled.html"]{}</style><title><a href="/news/title.html"></title>
      <a title="a > b" data-x='<a href="/news/inside-attr.html">' href="/news/real.html">real</a>`;
    expect(extractArticleLinks(html, listingUrl)).toEqual(['https://news.example.com/news/real.html']);
  });

  it('gives no links for an unusable base URL instead of throwing', () => {
    expect(extractArticleLinks('<a href="/news/a.html">a</a>', 'not a url')).toEqual([]);
    expect(extractArticleLinks('<a href="/news/a.html">a</a>', 'file:///etc/passwd')).toEqual([]);
  });

  it('stays fast and bounded on hostile HTML: deep nesting, unclosed tags and quotes, megabytes of links', () => {
    const hostile = [
      '<div>'.repeat(200_000) + '<a href="/news/deep.html">deep</a>',
      '<a href="/x'.repeat(200_000),
      '<a '.repeat(300_000) + 'href="/news/after-junk.html">',
      '<script>'.repeat(100_000),
      '<!--' + '<a href="/news/never.html">'.repeat(50_000),
      Array.from({ length: 150_000 }, (_, i) => `<a href="/news/story-${i}.html">s</a>`).join(''),
      `<a href="/news/${'x'.repeat(3_000_000)}.html">huge href</a>`,
    ];
    for (const html of hostile) {
      const started = performance.now();
      const links = extractArticleLinks(html, listingUrl);
      // Generous bound for a shared, busy machine; the quadratic cheerio path took seconds here.
      expect(performance.now() - started).toBeLessThan(1500);
      expect(links.length).toBeLessThanOrEqual(maxArticleLinks);
    }
    expect(extractArticleLinks(hostile[0]!, listingUrl)).toEqual(['https://news.example.com/news/deep.html']);
    expect(extractArticleLinks(hostile[5]!, listingUrl)).toHaveLength(maxArticleLinks);
  });
});
