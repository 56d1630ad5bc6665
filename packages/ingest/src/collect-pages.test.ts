import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectArticles } from './collect.ts';
import { articlePage, html, startTestSite, testSitePrivateNetwork, testSource, type TestSite } from './collect-test-site.ts';
import { Fetcher } from './fetcher.ts';
import { contentHash, itemId } from './identity.ts';
import { PagePool } from './page-pool.ts';

let site: TestSite;
const fetcher = new Fetcher({ politenessDelayMs: 0, maxConcurrentPerHost: 8, privateNetwork: testSitePrivateNetwork });
beforeAll(async () => {
  site = await startTestSite();
});
beforeEach(() => site.reset());
afterAll(async () => {
  await Promise.all([site.close(), fetcher.close()]);
});

/** The sample-site listing shape: nav back to /news/, then <ul class="article-list"> of links. */
const listing = (links: readonly string[]) => `<!doctype html><html><head><meta charset="utf-8"><title>Markets news</title></head>
<body><header class="site-header"><nav><a href="/news/">Markets</a> <a href="/news/">Research</a></nav></header>
<main><h1>Markets news</h1><ul class="article-list">
${links.map((href, i) => `<li><a href="${href}">Story ${i}</a> <time datetime="2025-07-01T10:00:00Z">2025-07-01</time></li>`).join('\n')}
</ul></main><footer><p>Footer.</p></footer></body></html>`;

const articlePaths = (paths: readonly string[]) => paths.filter((path) => path.startsWith('/news/') && path !== '/news/');

function serveArticles(...slugs: string[]): void {
  for (const slug of slugs) site.routes.set(`/news/${slug}.html`, html(articlePage(`Story ${slug}`, [`Body of ${slug}, reported by the desk. $CIFR rose.`])));
}

describe('collectArticles: page sources', () => {
  it("makes the page itself one candidate, filed under the source URL whatever canonical the page claims, with the source's tickers as hints", async () => {
    site.routes.set('/story?utm_source=x', html(articlePage('Cipher expands', ['Cipher Mining (NASDAQ: CIFR) said it would double capacity.'], '<link rel="canonical" href="https://elsewhere.example/taken">')));
    const source = testSource(site, { id: 'one-page', kind: 'page', url: '/story?utm_source=x', tickers: ['HUT', 'CIFR'] });
    const { candidates, itemErrors } = await collectArticles(fetcher, source);
    // The headline is the title, not repeated at the head of the body.
    const body = 'Cipher Mining (NASDAQ: CIFR) said it would double capacity.';
    expect(itemErrors).toEqual([]);
    expect(candidates).toEqual([
      {
        id: itemId({ sourceId: 'one-page', link: `${site.origin}/story` }),
        url: `${site.origin}/story?utm_source=x`,
        canonicalUrl: `${site.origin}/story`,
        title: 'Cipher expands',
        body,
        author: 'Ann Lee',
        publishedAt: new Date('2025-07-02T08:00:00Z'),
        contentHash: contentHash(body),
        // The source's own tickers first, then the page's.
        tickers: ['HUT', 'CIFR'],
      },
    ]);
  });
});

describe('collectArticles: page-list sources', () => {
  it('fetches only same-host article links, once each, skipping stored ones and furniture', async () => {
    site.routes.set('/news/', html(listing([
      '/news/alpha.html', '/news/beta.html', '/news/stored.html', '/news/gone.html',
      '/news/alpha.html#comments', `${site.origin}/news/beta.html?utm_source=home`,
      'https://other.example/news/offsite.html', '/news/', '/tag/bitcoin', '/about', '/login', '/img/chart.png', '#top',
    ])));
    serveArticles('alpha', 'beta', 'stored');
    const asked: string[] = [];
    const isKnown = async (url: string) => {
      asked.push(url);
      return url === `${site.origin}/news/stored.html`;
    };
    const source = testSource(site, { id: 'listing', kind: 'page-list', url: '/news/' });
    const { candidates, itemErrors } = await collectArticles(fetcher, source, { isKnown });

    expect(candidates.map((c) => c.canonicalUrl)).toEqual([`${site.origin}/news/alpha.html`, `${site.origin}/news/beta.html`]);
    expect(candidates[0]).toMatchObject({
      id: itemId({ sourceId: 'listing', link: `${site.origin}/news/alpha.html` }),
      url: `${site.origin}/news/alpha.html`,
      title: 'Story alpha',
      body: 'Body of alpha, reported by the desk. $CIFR rose.',
      tickers: ['CIFR'],
    });
    expect(itemErrors).toEqual([{ url: `${site.origin}/news/gone.html`, kind: 'http-status', message: expect.stringContaining('HTTP 404') }]);
    expect(asked).toEqual(['alpha', 'beta', 'stored', 'gone'].map((slug) => `${site.origin}/news/${slug}.html`));
    expect(articlePaths(site.paths()).sort()).toEqual(['/news/alpha.html', '/news/beta.html', '/news/gone.html']);
    // Nothing off the article paths but robots.txt (if this Fetcher had not cached it yet).
    expect(site.paths().filter((path) => !path.startsWith('/news/') && path !== '/robots.txt')).toEqual([]);
  });

  it('fetches at most maxItems links that are not stored', async () => {
    site.routes.set('/news/', html(listing(['a', 'b', 'c', 'd', 'e'].map((slug) => `/news/${slug}.html`))));
    serveArticles('a', 'b', 'c', 'd', 'e');
    const source = testSource(site, { kind: 'page-list', url: '/news/' });
    const isKnown = async (url: string) => url.endsWith('/a.html');
    const { candidates } = await collectArticles(fetcher, source, { isKnown, maxItems: 2 });
    expect(candidates.map((c) => c.title)).toEqual(['Story b', 'Story c']);
    expect(articlePaths(site.paths()).sort()).toEqual(['/news/b.html', '/news/c.html']);
  });

  it('survives a hostile listing: deep nesting, unclosed tags and megabytes of links', async () => {
    const links = Array.from({ length: 100_000 }, (_, i) => `<a href="/news/s${i}.html">s${i}</a>`).join('');
    const hostile = `<html><body>${'<div><span>'.repeat(50_000)}<a href="/news/s0.html">first</a>${'<p class="x'.repeat(10_000)}">${links}`;
    expect(hostile.length).toBeGreaterThan(3_000_000);
    site.routes.set('/news/', html(hostile));
    serveArticles('s0', 's1', 's2');
    const source = testSource(site, { kind: 'page-list', url: '/news/' });
    const { candidates, itemErrors } = await collectArticles(fetcher, source, { maxItems: 3 });
    expect(candidates.map((c) => c.title)).toEqual(['Story s0', 'Story s1', 'Story s2']);
    expect(itemErrors).toEqual([]);
  });

  it('extracts pages in a PagePool when given one, with the same candidates', async () => {
    site.routes.set('/news/', html(listing(['/news/pooled.html'])));
    serveArticles('pooled');
    const source = testSource(site, { kind: 'page-list', url: '/news/' });
    const inProcess = await collectArticles(fetcher, source);
    const pool = new PagePool({ size: 1 });
    try {
      const pooled = await collectArticles(fetcher, source, { pagePool: pool });
      expect(pooled.candidates).toEqual(inProcess.candidates);
      expect(pooled.candidates).toHaveLength(1);
    } finally {
      await pool.close();
    }
  });
});
