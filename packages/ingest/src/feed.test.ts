import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWindows1251 } from './charset.test.ts';
import { decodeBytes } from './charset.ts';
import { FeedError } from './errors.ts';
import { parseFeedBytes, parseFeedFile, parseFeedText } from './feed.ts';
import { Fetcher } from './fetcher.ts';
import { PrivateNetworkAllowlist } from './private-network.ts';
import { htmlToText, repairXmlEntities } from './html-text.ts';
import { startTestServer, type TestServer } from './test-server.ts';

const rss2 = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>Miners Wire</title><link>https://example.com/</link>
<item>
  <title>Cipher Mining &amp; JPMorgan: upgrade</title>
  <link>/news/cipher-upgrade?utm_source=rss</link>
  <guid isPermaLink="false">news-1001</guid>
  <pubDate>Tue, 01 Jul 2025 10:00:00 GMT</pubDate>
  <dc:creator>Jane Doe</dc:creator>
  <category>Mining</category><category domain="tickers">CIFR</category>
  <description><![CDATA[<p>Shares <b>rose</b> 12%.</p><script>alert(1)</script>]]></description>
  <content:encoded><![CDATA[<p>Full story about <a href="https://example.com/x">Cipher</a>.</p>]]></content:encoded>
  <enclosure url="https://example.com/a.mp3" type="audio/mpeg" length="1234"/>
  <media:content url="https://example.com/chart.png" type="image/png"/>
</item>
<item><title>Second</title><guid>https://example.com/news/second</guid><author>desk@example.com (News Desk)</author></item>
<item><description>no title, no link: dropped</description></item>
</channel></rss>`;

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">Atom &lt;b&gt;Wire&lt;/b&gt;</title>
<entry><title>CleanSpark adds 200 MW</title><id>tag:example.com,2025:1</id>
  <link rel="alternate" href="https://example.com/clsk"/><link rel="enclosure" href="https://example.com/clsk.pdf" type="application/pdf" length="99"/>
  <published>2025-07-02T08:00:00Z</published><updated>not a date</updated>
  <author><name>John Roe</name></author><category term="capacity" label="Capacity"/><category term="CLSK"/>
  <summary type="html">&lt;p&gt;Expansion in &lt;i&gt;Georgia&lt;/i&gt;&lt;/p&gt;</summary>
  <content type="html">&lt;p&gt;Full &lt;b&gt;text&lt;/b&gt;&lt;/p&gt;</content>
</entry>
<entry><title>Bad date entry</title><link href="https://example.com/bad"/><published>yesterday-ish</published></entry>
</feed>`;

const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://example.com/"><title>RDF Wire</title><link>https://example.com/</link></channel>
<item rdf:about="https://example.com/rdf-1"><title>RSS 1.0 item</title><link>https://example.com/rdf-1</link><dc:date>2025-07-03T00:00:00Z</dc:date><dc:subject>Markets</dc:subject></item>
</rdf:RDF>`;

describe('parseFeedText', () => {
  it('reads RSS 2.0 field by field', async () => {
    const feed = await parseFeedText(rss2, { baseUrl: 'https://example.com/feed.xml' });
    expect(feed).toMatchObject({ format: 'rss', title: 'Miners Wire' });
    expect(feed.items).toHaveLength(2);
    expect(feed.items[0]).toEqual({
      guid: 'news-1001',
      title: 'Cipher Mining & JPMorgan: upgrade',
      link: 'https://example.com/news/cipher-upgrade?utm_source=rss',
      publishedAt: new Date('2025-07-01T10:00:00Z'),
      author: 'Jane Doe',
      categories: ['Mining', 'CIFR'],
      summary: 'Shares rose 12%.',
      contentHtml: '<p>Full story about <a href="https://example.com/x">Cipher</a>.</p>',
      enclosures: [
        { url: 'https://example.com/a.mp3', type: 'audio/mpeg', length: 1234 },
        { url: 'https://example.com/chart.png', type: 'image/png', length: null },
      ],
    });
    expect(feed.items[1]).toMatchObject({ link: 'https://example.com/news/second', author: 'News Desk' });
  });

  it('reads Atom, keeping the feed when one date is unreadable', async () => {
    const feed = await parseFeedText(atom);
    expect(feed.format).toBe('atom');
    expect(feed.items[0]).toEqual({
      guid: 'tag:example.com,2025:1',
      title: 'CleanSpark adds 200 MW',
      link: 'https://example.com/clsk',
      publishedAt: new Date('2025-07-02T08:00:00Z'),
      author: 'John Roe',
      categories: ['Capacity', 'CLSK'],
      summary: 'Expansion in Georgia',
      contentHtml: '<p>Full <b>text</b></p>',
      enclosures: [{ url: 'https://example.com/clsk.pdf', type: 'application/pdf', length: 99 }],
    });
    expect(feed.items[1]).toMatchObject({ title: 'Bad date entry', publishedAt: null });
  });

  it('reads RSS 1.0 (RDF) and RSS 0.91', async () => {
    const feed = await parseFeedText(rdf);
    expect(feed.items[0]).toMatchObject({ guid: 'https://example.com/rdf-1', title: 'RSS 1.0 item', categories: ['Markets'], publishedAt: new Date('2025-07-03T00:00:00Z') });
    const old = await parseFeedText('<rss version="0.91"><channel><title>Old</title><item><title>Old item</title><link>http://example.com/o</link></item></channel></rss>');
    expect(old.items[0]?.link).toBe('http://example.com/o');
  });

  it.each(['https://jsonfeed.org/version/1', 'https://jsonfeed.org/version/1.1'])('reads JSON Feed %s', async (version) => {
    const json = JSON.stringify({
      version, title: 'JSON Wire', home_page_url: 'https://example.com/', author: { name: 'Feed Author' },
      items: [
        { id: 7, url: '/j/7', title: 'Riot beats estimates', content_html: '<p>Revenue <b>up</b></p>', date_published: '2025-07-04T12:00:00Z', tags: ['RIOT'],
          attachments: [{ url: 'https://example.com/r.pdf', mime_type: 'application/pdf', size_in_bytes: 10 }], authors: [{ name: 'Ann Lee' }] },
        { id: 'x', content_text: 'no title or link' },
        { id: '8', external_url: 'https://other.example/8', summary: 'Plain summary' },
      ],
    });
    const feed = await parseFeedText(json);
    expect(feed.format).toBe('json-feed');
    expect(feed.items).toEqual([
      { guid: '7', title: 'Riot beats estimates', link: 'https://example.com/j/7', publishedAt: new Date('2025-07-04T12:00:00Z'), author: 'Ann Lee',
        categories: ['RIOT'], summary: 'Revenue up', contentHtml: '<p>Revenue <b>up</b></p>', enclosures: [{ url: 'https://example.com/r.pdf', type: 'application/pdf', length: 10 }] },
      { guid: '8', title: null, link: 'https://other.example/8', publishedAt: null, author: 'Feed Author', categories: [], summary: 'Plain summary', contentHtml: null, enclosures: [] },
    ]);
  });

  it.each([
    ['', 'empty'],
    ['   \n', 'empty'],
    ['<rss version="2.0"><channel><item><title>x</title></channel></rss>', 'malformed-xml'],
    ['<html><body>not a feed</body></html>', 'not-a-feed'],
    ['plain text', 'malformed-xml'],
    ['{"version": "https://jsonfeed.org/version/1.1", "items": [', 'malformed-json'],
    ['{"hello": "world"}', 'not-a-feed'],
    ['<rss version="2.0"><channel><title>No items</title></channel></rss>', 'no-items'],
    ['<rss version="2.0"><item><title>no channel</title></item></rss>', 'malformed-feed'],
  ])('classifies %j as %s', async (text, kind) => {
    const error = await parseFeedText(text).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(FeedError);
    expect((error as FeedError).kind).toBe(kind);
  });

  it('repairs HTML entities and bare ampersands that strict XML refuses', async () => {
    const feed = await parseFeedText('<rss version="2.0"><channel><item><title>AT&T&nbsp;&mdash; Q2</title><link>https://example.com/?a=1&b=2</link></item></channel></rss>');
    expect(feed.items[0]).toMatchObject({ title: 'AT&T — Q2', link: 'https://example.com/?a=1&b=2' });
  });

  it('keeps no __proto__ keys and drops javascript: links', async () => {
    const feed = await parseFeedText('<rss version="2.0"><channel><item><__proto__><polluted>1</polluted></__proto__><title>t</title><link>javascript:alert(1)</link></item></channel></rss>');
    expect(feed.items[0]?.link).toBeNull();
    expect(Object.keys(feed.items[0]!).sort()).toEqual(['author', 'categories', 'contentHtml', 'enclosures', 'guid', 'link', 'publishedAt', 'summary', 'title']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('parses a hostile 1 MB description quickly (rss-parser snippet regex is quadratic)', async () => {
    const junk = '<p'.repeat(500_000);
    const started = performance.now();
    const feed = await parseFeedText(`<rss version="2.0"><channel><item><title>t</title><description><![CDATA[${junk}]]></description><content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[${junk}]]></content:encoded></item></channel></rss>`);
    expect(feed.items).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('html-text helpers', () => {
  it('strips tags in linear time and keeps text', () => {
    expect(htmlToText('<p>a &lt; b</p><p>P/E < 10 &amp; <b>Ci</b>pher</p>')).toBe('a < b\nP/E < 10 & Cipher');
    const started = performance.now();
    htmlToText('<a'.repeat(1_000_000));
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('repairs only what XML would refuse', () => {
    expect(repairXmlEntities('&amp; &lt; &#160; &nbsp; &bogus; & x')).toBe('&amp; &lt; &#160; &#160; &amp;bogus; &amp; x');
  });
});

describe('windows-1251 feed end to end', () => {
  const title = 'Сбербанк повысил прогноз';
  let server: TestServer;
  beforeAll(async () => {
    const body = encodeWindows1251(`<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>Лента</title><item><title>${title}</title><link>https://example.com/ru/1</link></item></channel></rss>`);
    server = await startTestServer((_request, response) => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body));
  });
  afterAll(() => server.close());

  it('fetches, decodes and parses to the right Cyrillic', async () => {
    const fetcher = new Fetcher({ politenessDelayMs: 0, privateNetwork: PrivateNetworkAllowlist.parse('127.0.0.1') });
    const result = await fetcher.fetch({ url: `${server.origin}/feed.xml` });
    await fetcher.close();
    if (result.notModified) throw new Error('unexpected 304');
    expect(decodeBytes(result.body, result.contentType).charset).toBe('windows-1251');
    const feed = await parseFeedBytes(result.body, result.contentType, { baseUrl: result.finalUrl });
    expect(feed.title).toBe('Лента');
    expect(feed.items[0]?.title).toBe(title);
  });
});

describe('parseFeedFile', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'tickerwire-feeds-'));
  });

  it('reports items and titles for a good file, decoding by its XML declaration', async () => {
    const path = join(directory, 'ru.xml');
    await writeFile(path, encodeWindows1251('<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><item><title>Привет</title></item></channel></rss>'));
    const result = await parseFeedFile(path);
    expect(result).toMatchObject({ file: path, ok: true, titles: ['Привет'] });
    expect(JSON.parse(JSON.stringify(result))).toMatchObject({ ok: true });
  });

  it('reports a classified error and never throws', async () => {
    const bad = join(directory, 'bad.xml');
    await writeFile(bad, '<rss version="2.0"><channel><item>');
    expect(await parseFeedFile(bad)).toEqual({ file: bad, ok: false, error: { kind: 'malformed-xml', message: expect.any(String) } });
    expect(await parseFeedFile(join(directory, 'missing.xml'))).toMatchObject({ ok: false, error: { kind: 'unreadable' } });
  });
});
