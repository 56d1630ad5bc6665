import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectArticles } from './collect.ts';
import { articlePage, html, rss, send, startTestSite, testSitePrivateNetwork, testSource, type TestSite } from './collect-test-site.ts';
import { FeedError, FetchError, PageError } from './errors.ts';
import { Fetcher } from './fetcher.ts';
import { contentHash, itemId } from './identity.ts';

let site: TestSite;
let other: TestSite;
const fetcher = new Fetcher({ politenessDelayMs: 0, maxConcurrentPerHost: 8, privateNetwork: testSitePrivateNetwork });
beforeAll(async () => {
  [site, other] = await Promise.all([startTestSite(), startTestSite()]);
});
beforeEach(() => {
  site.reset();
  other.reset();
});
afterAll(async () => {
  await Promise.all([site.close(), other.close(), fetcher.close()]);
});

const rssDocument = (items: string) => `<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Test wire</title><link>${site.origin}/</link>${items}</channel></rss>`;

const item = (path: string, title: string, description: string, extra = '') =>
  `<item><title>${title}</title><link>${site.origin}${path}</link><description>${description}</description>${extra}</item>`;

describe('collectArticles: feed sources', () => {
  it('turns feed items into candidates with id, canonical URL, text body, author, date and ticker hints', async () => {
    site.routes.set('/feed.xml', rss(rssDocument(`
      <item><title>Cipher Mining jumps after upgrade</title><link>${site.origin}/articles/cipher?utm_source=rss</link>
        <guid isPermaLink="false">wire-1</guid><pubDate>Tue, 01 Jul 2025 10:00:00 GMT</pubDate><dc:creator>Jane Doe</dc:creator>
        <category>NASDAQ:CIFR</category><category>Bitcoin</category><description>Short lead.</description>
        <content:encoded><![CDATA[<p>Cipher Mining shares rose 12%.</p><p>Peers <b>$CLSK</b> gained.</p>]]></content:encoded></item>
      <item><title>Riot output</title><link>/articles/riot</link><description>Riot &lt;b&gt;mined&lt;/b&gt; more.</description></item>
      <item><title>No link here</title><guid isPermaLink="false">wire-3</guid><description>Nothing to point at.</description></item>`)));
    const source = testSource(site, { id: 'wire', kind: 'feed', url: '/feed.xml' });
    const result = await collectArticles(fetcher, source);

    const cipherBody = 'Cipher Mining shares rose 12%.\nPeers $CLSK gained.';
    expect(result.notModified).toBe(false);
    expect(result.candidates).toEqual([
      {
        id: itemId({ sourceId: 'wire', guid: 'wire-1' }),
        url: `${site.origin}/articles/cipher?utm_source=rss`,
        canonicalUrl: `${site.origin}/articles/cipher`,
        title: 'Cipher Mining jumps after upgrade',
        body: cipherBody,
        author: 'Jane Doe',
        publishedAt: new Date('2025-07-01T10:00:00Z'),
        contentHash: contentHash(cipherBody),
        tickers: ['CIFR', 'CLSK'],
      },
      {
        id: itemId({ sourceId: 'wire', link: `${site.origin}/articles/riot` }),
        url: `${site.origin}/articles/riot`,
        canonicalUrl: `${site.origin}/articles/riot`,
        title: 'Riot output',
        body: 'Riot mined more.',
        author: null,
        publishedAt: null,
        contentHash: contentHash('Riot mined more.'),
        tickers: [],
      },
    ]);
    expect(result.itemErrors).toEqual([{ url: `${site.origin}/feed.xml`, kind: 'no-link', message: expect.stringContaining('wire-3') }]);
    // Without fetchFullText no page is fetched.
    expect(site.paths()).toEqual(['/feed.xml']);
  });

  it('with fetchFullText, uses richer page text, keeps the feed text when the page fails or is thinner, and skips stored pages', async () => {
    site.routes.set('/feed.xml', rss(rssDocument([
      item('/articles/full', 'Full story', 'Lead only.'),
      item('/articles/missing', 'Gone story', 'Feed text of the gone story.'),
      item('/articles/thin', 'Thin story', 'A feed summary that is longer than the page behind it.'),
      item('/articles/stored', 'Stored story', 'Feed text of a stored story.'),
    ].join(''))));
    site.routes.set('/articles/full', html(articlePage('Full story', [
      'Hut 8 (NASDAQ: HUT) said on Monday it would expand its Texas site by 200 megawatts.',
      'The company expects the expansion to be finished in the second half of next year.',
    ])));
    site.routes.set('/articles/thin', html(articlePage('Thin story', ['Subscribe to read.'])));
    const asked: string[] = [];
    const isKnown = async (url: string) => {
      asked.push(url);
      return url.endsWith('/articles/stored');
    };
    const source = testSource(site, { kind: 'feed', url: '/feed.xml', fetchFullText: true });
    const { candidates, itemErrors } = await collectArticles(fetcher, source, { isKnown });

    expect(candidates.map((c) => c.title)).toEqual(['Full story', 'Gone story', 'Thin story', 'Stored story']);
    const [full, missing, thin, stored] = candidates;
    expect(full!.body).toBe('Hut 8 (NASDAQ: HUT) said on Monday it would expand its Texas site by 200 megawatts.\n\nThe company expects the expansion to be finished in the second half of next year.');
    expect(full!).toMatchObject({ url: `${site.origin}/articles/full`, author: 'Ann Lee', publishedAt: new Date('2025-07-02T08:00:00Z'), tickers: ['HUT'] });
    expect(full!.contentHash).toBe(contentHash(full!.body));
    expect(missing!.body).toBe('Feed text of the gone story.');
    expect(thin!.body).toBe('A feed summary that is longer than the page behind it.');
    expect(stored!.body).toBe('Feed text of a stored story.');
    expect(itemErrors).toEqual([{ url: `${site.origin}/articles/missing`, kind: 'http-status', message: expect.stringContaining('HTTP 404') }]);
    expect(asked).toHaveLength(4);
    expect(site.paths()).not.toContain('/articles/stored');
    expect(site.paths()).toEqual(expect.arrayContaining(['/feed.xml', '/robots.txt', '/articles/full', '/articles/missing', '/articles/thin']));
  });

  it('honours robots.txt for full-text pages and keeps the feed text', async () => {
    site.routes.set('/robots.txt', send('text/plain', 'User-agent: *\nDisallow: /private/\n'));
    site.routes.set('/feed.xml', rss(rssDocument(item('/private/story', 'Private story', 'Feed text.'))));
    const source = testSource(site, { kind: 'feed', url: '/feed.xml', fetchFullText: true });
    // Its own Fetcher: the shared one has cached this origin's earlier "no robots.txt".
    const fresh = new Fetcher({ politenessDelayMs: 0, privateNetwork: testSitePrivateNetwork });
    const { candidates, itemErrors } = await collectArticles(fresh, source).finally(() => fresh.close());
    expect(candidates.map((c) => c.body)).toEqual(['Feed text.']);
    expect(itemErrors.map((e) => e.kind)).toEqual(['robots-disallowed']);
    expect(site.paths()).not.toContain('/private/story');
  });

  it('refuses a linked page on a loopback address the operator did not allow (only 127.0.0.1 is)', async () => {
    other.routes.set('/internal', html(articlePage('Internal', ['Secret internal text, much longer than the feed.'])));
    site.routes.set('/feed.xml', rss(rssDocument(`<item><title>Pointer</title><link>http://127.0.0.2:${other.port}/internal</link><description>x</description></item>`)));
    const source = testSource(site, { kind: 'feed', url: '/feed.xml', fetchFullText: true });
    const { candidates, itemErrors } = await collectArticles(fetcher, source);
    expect(candidates.map((c) => c.body)).toEqual(['x']);
    expect(itemErrors.map((e) => e.kind)).toEqual(['blocked-address']);
    expect(other.paths()).toEqual([]);
  });

  it('returns notModified with no candidates when the second poll gets a 304', async () => {
    site.routes.set('/feed.xml', (request, response) => {
      if (request.headers['if-none-match'] === '"v1"') response.writeHead(304, { etag: '"v1"' }).end();
      else response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(rssDocument(item('/a', 'A', 'a')));
    });
    const source = testSource(site, { kind: 'feed', url: '/feed.xml' });
    const first = await collectArticles(fetcher, source);
    expect(first).toMatchObject({ notModified: false, validators: { etag: '"v1"', lastModified: null } });
    expect(first.candidates).toHaveLength(1);
    const second = await collectArticles(fetcher, source, { validators: first.validators });
    expect(second).toEqual({ notModified: true, validators: { etag: '"v1"', lastModified: null }, candidates: [], itemErrors: [] });
  });

  it('reads at most maxItems feed items, newest (first) first', async () => {
    site.routes.set('/feed.xml', rss(rssDocument([1, 2, 3, 4, 5].map((n) => item(`/a${n}`, `Story ${n}`, `Text ${n}`)).join(''))));
    const source = testSource(site, { kind: 'feed', url: '/feed.xml' });
    const { candidates } = await collectArticles(fetcher, source, { maxItems: 2 });
    expect(candidates.map((c) => c.title)).toEqual(['Story 1', 'Story 2']);
  });

  it('treats a feed with no items as an empty poll, and throws classified errors for the source itself', async () => {
    site.routes.set('/empty.xml', rss(rssDocument('')));
    site.routes.set('/broken.xml', rss('<rss version="2.0"><channel><item><title>unclosed'));
    site.routes.set('/image', send('image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47])));
    const empty = await collectArticles(fetcher, testSource(site, { kind: 'feed', url: '/empty.xml' }));
    expect(empty).toMatchObject({ notModified: false, candidates: [], itemErrors: [] });

    const missing = await collectArticles(fetcher, testSource(site, { kind: 'feed', url: '/missing.xml' })).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(FetchError);
    expect(missing).toMatchObject({ kind: 'http-status', status: 404, permanent: true });

    const broken = await collectArticles(fetcher, testSource(site, { kind: 'feed', url: '/broken.xml' })).catch((e: unknown) => e);
    expect(broken).toBeInstanceOf(FeedError);
    expect(broken).toMatchObject({ kind: 'malformed-xml', permanent: true });

    const notAPage = await collectArticles(fetcher, testSource(site, { kind: 'page', url: '/image' })).catch((e: unknown) => e);
    expect(notAPage).toBeInstanceOf(PageError);
    expect(notAPage).toMatchObject({ kind: 'not-html', permanent: true });
  });

  it('rejects with the abort reason when the signal is aborted', async () => {
    site.routes.set('/feed.xml', rss(rssDocument(item('/a', 'A', 'a'))));
    const reason = new Error('shutting down');
    const error = await collectArticles(fetcher, testSource(site, { kind: 'feed', url: '/feed.xml' }), { signal: AbortSignal.abort(reason) }).catch((e: unknown) => e);
    expect(error).toBe(reason);
  });
});
