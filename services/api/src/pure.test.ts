import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { ApiError, validationIssues } from './errors.ts';
import { FeedQuery, toFeedFilter } from './filters.ts';
import { escapeXml, negotiateFormat, renderAtom, renderJsonFeed, renderNdjson, renderRss, type FeedEntry, type FeedMeta } from './formats.ts';
import { compareStreamIds, sseFrame } from './stream.ts';
import { median, sentimentBuckets } from './ticker-summary.ts';
import { presentedKey } from './auth.ts';
import { requiredScope } from './route-access.ts';
import { isCrossSiteWrite, publicBase, validHost } from './request-origin.ts';
import { redactUrl, scrubSecrets } from './logging.ts';

describe('cursor', () => {
  it('round-trips a position and refuses another feed\'s or a forged cursor', () => {
    const position = { order: 'firstSeenAt', at: new Date('2026-01-05T12:00:00.123Z'), id: 'abc-1' } as const;
    const cursor = encodeCursor('events', position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('events', cursor)).toEqual(position);
    const undated = { order: 'publishedAt', at: null, id: 'abc-2' } as const;
    expect(decodeCursor('articles', encodeCursor('articles', undated))).toEqual(undated);
    // A cursor from before the order choice: firstSeenAt order.
    const v1 = Buffer.from(JSON.stringify([1, 'events', position.at.getTime(), 'abc-1'])).toString('base64url');
    expect(decodeCursor('events', v1)).toEqual(position);
    expect(() => decodeCursor('articles', cursor)).toThrow(ApiError);
    expect(() => decodeCursor('events', 'e30')).toThrow(/cursor/);
  });
});

describe('filters', () => {
  it('parses lists, booleans and dates into the store filter', () => {
    const query = FeedQuery.parse({ tickers: ['cifr,mara', 'RIOT'], novel: 'true', minAbsScore: '0.4', since: '2026-01-01', limit: '10' });
    expect(toFeedFilter(query)).toEqual({ tickers: ['CIFR', 'MARA', 'RIOT'], novel: true, minAbsScore: 0.4, since: new Date('2026-01-01T00:00:00.000Z'), order: 'publishedAt', timeField: 'publishedAt' });
    expect(query.limit).toBe(10);
  });

  it('names the failing field', () => {
    const result = FeedQuery.safeParse({ types: 'merger', bogus: '1' });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join('.') || i.code);
    expect(paths).toEqual(expect.arrayContaining(['types.0', 'unrecognized_keys']));
    expect(validationIssues([{ instancePath: '', keyword: 'unrecognized_keys', params: { keys: ['bogus'] } }, { instancePath: '/types/0', message: 'bad' }], 'querystring')).toEqual([
      { field: 'bogus', message: 'unknown parameter' },
      { field: 'types[0]', message: 'bad' },
    ]);
  });
});

describe('format negotiation', () => {
  it.each([
    [undefined, undefined, 'json'],
    ['rss', 'application/json', 'rss'],
    [undefined, 'application/atom+xml', 'atom'],
    [undefined, 'text/html, application/feed+json;q=0.5, application/x-ndjson;q=0.9', 'ndjson'],
    [undefined, 'text/html, */*;q=0.1', 'json'],
    [undefined, 'text/html', null],
  ] as const)('format=%s Accept=%s → %s', (format, accept, expected) => {
    expect(negotiateFormat(format, accept)).toBe(expected);
  });
});

describe('feed rendering', () => {
  const meta: FeedMeta = { title: 'T & co', description: 'd', selfUrl: 'http://h/v1/events?a=1&b=2', homeUrl: 'http://h/docs', nextUrl: 'http://h/v1/events?cursor=x', id: 'urn:x' };
  const entries: FeedEntry[] = [
    { id: 'e1', title: 'A <b> & "c"', url: 'https://x/1', summary: 's\u0001', content: null, published: new Date('2026-01-01T00:00:00Z'), updated: new Date('2026-01-02T00:00:00Z'), categories: [{ term: 'CIFR', kind: 'ticker' }], author: null, data: { id: 'e1' } },
  ];
  it('escapes XML and drops characters XML forbids', () => {
    expect(escapeXml('a<b>&"\'\u0001')).toBe('a&lt;b&gt;&amp;&quot;&apos;');
    const rss = renderRss(meta, entries);
    expect(rss).toContain('<title>A &lt;b&gt; &amp; &quot;c&quot;</title>');
    expect(rss).toContain('<atom:link rel="next"');
    expect(rss).toContain('<pubDate>Thu, 01 Jan 2026 00:00:00 GMT</pubDate>');
    expect(renderAtom(meta, entries)).toContain('<updated>2026-01-02T00:00:00.000Z</updated>');
  });
  it('JSON Feed and NDJSON carry the item', () => {
    const feed = JSON.parse(renderJsonFeed(meta, entries));
    expect(feed).toMatchObject({ version: 'https://jsonfeed.org/version/1.1', next_url: meta.nextUrl, items: [{ id: 'e1', _tickerwire: { id: 'e1' }, tags: ['CIFR'] }] });
    expect(renderNdjson(entries)).toBe('{"id":"e1"}\n');
  });
});

describe('ticker summary', () => {
  it('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });
  it('buckets sentiment, empty buckets included', () => {
    const since = new Date('2026-01-01T00:00:00Z');
    const until = new Date('2026-01-04T00:00:00Z');
    const buckets = sentimentBuckets(
      [
        { at: new Date('2026-01-01T05:00:00Z'), label: 'bullish', score: 0.5 },
        { at: new Date('2026-01-01T06:00:00Z'), label: 'bearish', score: -0.3 },
        { at: new Date('2026-01-03T06:00:00Z'), label: 'neutral', score: 0 },
      ],
      'day',
      since,
      until,
    );
    expect(buckets.map((b) => [b.count, b.meanScore])).toEqual([[2, 0.1], [0, null], [1, 0]]);
  });
});

describe('stream and auth helpers', () => {
  it('orders stream ids numerically and frames SSE', () => {
    expect(compareStreamIds('10-0', '9-5')).toBe(1);
    expect(compareStreamIds('10-2', '10-10')).toBe(-1);
    expect(sseFrame('1-0', 'x', { a: 1 })).toBe('id: 1-0\nevent: x\ndata: {"a":1}\n\n');
  });
  it('finds the key and the scope a path needs', () => {
    const basic = { authorization: `Basic ${Buffer.from('u:k2').toString('base64')}` };
    expect(presentedKey({ authorization: 'Bearer k1' }, {}, { basicAuth: false })).toBe('k1');
    expect(presentedKey(basic, {}, { basicAuth: true })).toBe('k2');
    expect(presentedKey(basic, {}, { basicAuth: false })).toBeNull();
    expect(presentedKey({}, { api_key: 'k3' }, { basicAuth: false })).toBe('k3');
    // Decided by the matched route alone, never by the URL.
    expect(requiredScope({ is404: false, config: { scope: 'admin' } })).toBe('admin');
    expect(requiredScope({ is404: true, config: {} })).toBe('read');
    expect(() => requiredScope({ is404: false, config: {} })).toThrow(/scope/);
  });
});

describe('request origin, log redaction', () => {
  it('accepts well-formed hosts only', () => {
    expect(validHost('API.example.com:8080')).toBe('api.example.com:8080');
    expect(validHost('127.0.0.1')).toBe('127.0.0.1');
    expect(validHost('[::1]:8080')).toBe('[::1]:8080');
    for (const bad of [undefined, '', 'a b', '[', 'a..b', 'x:99999', 'x/y', 'a@b', '[zz::1]', '-a.com']) expect(validHost(bad), String(bad)).toBeNull();
    expect(publicBase('https://news.example', 'http', 'bad host')).toBe('https://news.example');
    expect(publicBase(undefined, 'http', 'bad host')).toBeNull();
  });

  it('calls a state-changing request cross-site when Origin or Sec-Fetch-Site says so', () => {
    const own = 'http://api.example:8080';
    expect(isCrossSiteWrite('POST', { origin: 'https://evil.example' }, own)).toBe(true);
    expect(isCrossSiteWrite('POST', { origin: 'null' }, own)).toBe(true);
    expect(isCrossSiteWrite('PUT', { 'sec-fetch-site': 'cross-site' }, own)).toBe(true);
    expect(isCrossSiteWrite('POST', { origin: 'http://API.example:8080' }, own)).toBe(false);
    expect(isCrossSiteWrite('POST', {}, own)).toBe(false);
    expect(isCrossSiteWrite('GET', { origin: 'https://evil.example' }, own)).toBe(false);
    expect(isCrossSiteWrite('DELETE', { origin: own }, null)).toBe(true);
  });

  it('masks credential parameters and secret-shaped text', () => {
    expect(redactUrl('/v1/events?api_key=tw_x&limit=1&Token=abc&tickers=A')).toBe('/v1/events?api_key=[REDACTED]&limit=1&Token=[REDACTED]&tickers=A');
    expect(redactUrl('/v1/events?api%5Fkey=k')).toBe('/v1/events?api%5Fkey=[REDACTED]');
    expect(redactUrl('/v1/events')).toBe('/v1/events');
    expect(scrubSecrets('{"msg":"tw_0123456789abcdef_AbC-d_e and whsec_QUJD+/="}')).toBe('{"msg":"[REDACTED] and [REDACTED]"}');
  });
});

describe('research page assets', () => {
  it('serves only flat, known-type files under assets/', async () => {
    const { assetPath } = await import('./routes/web.ts');
    expect(assetPath('/srv/web', 'index-AB12.js')).toBe('/srv/web/assets/index-AB12.js');
    for (const name of ['../index.html', '..', '.env', 'a/b.js', 'x.ts', 'index.js\0.css', '%2e%2e']) expect(assetPath('/srv/web', name), name).toBeNull();
  });
});
