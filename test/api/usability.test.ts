import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Parser from 'rss-parser';
import { parse as parseCsv } from 'csv-parse/sync';
import { apiHarness, articleDoc, at, auth, eventDoc, ratingEvent, targetEvent, type ApiHarness } from './support.ts';

// Issue #16: what research teams and alert consumers reach for, on the real API and store.
let h: ApiHarness;

const bullish = { label: 'bullish', score: 0.37 } as const;
const raise = { ...targetEvent('CPLD', 'Marlow Street Capital', 'raise', 65, 54), sentiment: bullish };

beforeAll(async () => {
  h = await apiHarness('apiusability');
  await h.repos.events.collection.insertMany([eventDoc({ id: 'ev-raise', event: raise, firstSeenAt: at(10), reports: [{ articleId: 'art-raise', sourceIds: ['wire'], novel: true }] })]);
  await h.repos.articles.collection.insertMany([
    articleDoc({ id: 'art-raise', firstSeenAt: at(10), title: 'Marlow lifts Copperline target', tickers: ['CPLD'], sentiment: bullish, events: [raise] }),
  ] as never[]);
});

const day = 86_400_000;
const now = Date.now();
// An hour of a past day; for today, the same share of the part of today already gone, so
// nothing is stored in the future (a test run just after midnight UTC read "05:00 today" as later than now).
const daysAgo = (d: number, hour = 12) => {
  const start = Math.floor((now - d * day) / day) * day;
  return new Date(start + (d === 0 ? Math.floor(((now - start) * hour) / 24) : hour * 3600_000));
};

async function seedPublicationTimes(): Promise<void> {
  // PUBT: the February note was fetched last; the March note, published later, was fetched first.
  const feb = ratingEvent('PUBT', 'Harbor Lane', 'downgrade', 'sell');
  const mar = ratingEvent('PUBT', 'Harbor Lane', 'upgrade', 'buy');
  const febTarget = targetEvent('PUBT', 'Harbor Lane', 'lower', 20, 30);
  const marTarget = targetEvent('PUBT', 'Harbor Lane', 'raise', 45, 30);
  await h.repos.events.collection.insertMany([
    eventDoc({ id: 'pub-feb', event: feb, publishedAt: daysAgo(20), firstSeenAt: daysAgo(1), tags: ['pubt'] }),
    eventDoc({ id: 'pub-mar', event: mar, publishedAt: daysAgo(5), firstSeenAt: daysAgo(6), tags: ['pubt'] }),
    eventDoc({ id: 'pub-feb-t', event: febTarget, publishedAt: daysAgo(20), firstSeenAt: daysAgo(1, 13), tags: ['pubt'] }),
    eventDoc({ id: 'pub-mar-t', event: marTarget, publishedAt: daysAgo(5), firstSeenAt: daysAgo(6, 13), tags: ['pubt'] }),
    eventDoc({ id: 'pub-undated', event: ratingEvent('PUBT', 'Quill', 'maintain', 'hold'), publishedAt: null, firstSeenAt: daysAgo(0, 1), tags: ['pubt'] }),
  ]);
  // Sentiment of PUBT: every article fetched today, published on different days.
  await h.repos.articles.collection.insertMany([
    articleDoc({ id: 'pub-a1', publishedAt: daysAgo(3), firstSeenAt: daysAgo(0, 2), tickers: ['PUBT'], tags: ['pubt'], sentiment: { label: 'bearish', score: -0.4 } }),
    articleDoc({ id: 'pub-a2', publishedAt: daysAgo(2), firstSeenAt: daysAgo(0, 3), tickers: ['PUBT'], tags: ['pubt'], sentiment: { label: 'bullish', score: 0.6 } }),
    articleDoc({ id: 'pub-a3', publishedAt: daysAgo(40), firstSeenAt: daysAgo(0, 4), tickers: ['PUBT'], tags: ['pubt'], sentiment: { label: 'bullish', score: 0.2 } }),
    articleDoc({ id: 'pub-a4', publishedAt: null, firstSeenAt: daysAgo(0, 5), tickers: ['PUBT'], tags: ['pubt'], sentiment: { label: 'neutral', score: 0 } }),
  ] as never[]);
}

afterAll(async () => {
  await h?.close();
});

async function get(url: string, headers: Record<string, string> = {}) {
  return h.api.inject({ url, headers: { ...auth(h.readKey), ...headers } });
}

describe('item 2: publication time where a person reads, fetch time for polling clients', () => {
  beforeAll(seedPublicationTimes);

  it('the ticker view picks the latest rating and target by publication time and buckets sentiment by it', async () => {
    const response = await get('/v1/tickers/PUBT?days=10&bucket=day');
    expect(response.statusCode, response.body).toBe(200);
    const summary = response.json();
    const harbor = summary.ratings.find((r: { firm: string }) => r.firm === 'Harbor Lane');
    expect(harbor).toMatchObject({ action: 'upgrade', ratingTo: 'buy', eventId: 'pub-mar', at: daysAgo(5).toISOString() });
    expect(summary.priceTargets.byFirm).toEqual([expect.objectContaining({ firm: 'Harbor Lane', to: 45, eventId: 'pub-mar-t' })]);
    const filled = summary.sentiment.buckets.filter((b: { count: number }) => b.count > 0).map((b: { start: string; count: number; meanScore: number }) => [b.start, b.count, b.meanScore]);
    // Published 3 and 2 days ago, and the undated one by when it was fetched (today); the one published 40 days ago is outside the window.
    expect(filled).toEqual([
      [new Date(Math.floor((now - 3 * day) / day) * day).toISOString(), 1, -0.4],
      [new Date(Math.floor((now - 2 * day) / day) * day).toISOString(), 1, 0.6],
      [new Date(Math.floor(now / day) * day).toISOString(), 1, 0],
    ]);
  });

  it('feeds order and filter by publishedAt by default; order=firstSeenAt is fetch order; undated items come last and page', async () => {
    const ids = async (query: string) => {
      const response = await get(`/v1/events?tags=pubt&${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as { data: { id: string }[] }).data.map((d) => d.id);
    };
    expect(await ids('')).toEqual(['pub-mar-t', 'pub-mar', 'pub-feb-t', 'pub-feb', 'pub-undated']);
    expect(await ids('order=firstSeenAt')).toEqual(['pub-undated', 'pub-feb-t', 'pub-feb', 'pub-mar-t', 'pub-mar']);
    // since= is on publication time unless timeField says otherwise.
    expect(await ids(`since=${daysAgo(10).toISOString()}`)).toEqual(['pub-mar-t', 'pub-mar']);
    expect(await ids(`order=firstSeenAt&since=${daysAgo(2).toISOString()}`)).toEqual(['pub-undated', 'pub-feb-t', 'pub-feb']);
    expect(await ids(`timeField=firstSeenAt&since=${daysAgo(2).toISOString()}`)).toEqual(['pub-feb-t', 'pub-feb', 'pub-undated']);

    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await get(`/v1/events?tags=pubt&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      const body = response.json() as { data: { id: string }[]; nextCursor: string | null };
      paged.push(...body.data.map((d) => d.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(['pub-mar-t', 'pub-mar', 'pub-feb-t', 'pub-feb', 'pub-undated']);

    const articles = await get('/v1/articles?tags=pubt');
    expect(articles.json().data.map((a: { id: string }) => a.id)).toEqual(['pub-a2', 'pub-a1', 'pub-a3', 'pub-a4']);

    const first = (await get('/v1/events?tags=pubt&limit=1')).json().nextCursor as string;
    const mismatch = await get(`/v1/events?tags=pubt&order=firstSeenAt&cursor=${first}`);
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().error.field).toBe('cursor');
  });
});

describe('item 3: RSS and Atom a feed reader can use', () => {
  const parser = new Parser({ customFields: { item: [['category', 'atomCategories', { keepArray: true }]] } });

  it('RSS: a headline with the sentiment, tickers and sentiment and the own event type as categories, the channel linking to the feed', async () => {
    const capacity = { type: 'capacity', ticker: 'CPLD', company: 'Copperline', mw: 80, kind: 'expansion', horizon: '2027', site: null, confidence: 0.8, evidence: { text: 'Copperline adds 80 MW', start: 0, end: 20 } } as const;
    await h.repos.events.collection.insertMany([eventDoc({ id: 'ev-capacity', event: capacity, firstSeenAt: at(9), tags: ['analyst-rating', 'hpc'] })]);
    const response = await get('/v1/events?format=rss&tickers=CPLD&api_key=ignored-in-links');
    expect(response.statusCode, response.body).toBe(200);
    const feed = await parser.parseString(response.body);
    expect(feed.link).toBe('http://localhost:80/v1/events?format=rss&tickers=CPLD');
    const [raiseItem, capacityItem] = feed.items;
    expect(raiseItem!.title).toBe('Marlow Street Capital raises CPLD price target to $65 from $54 — bullish +0.37');
    expect(raiseItem!.categories).toEqual(['CPLD', 'bullish', 'price-target']);
    expect(capacityItem!.title).toBe('CPLD expands to 80 MW by 2027');
    // Tagged by its own type, not by the article's other event types.
    expect(capacityItem!.categories).toEqual(['CPLD', 'capacity', 'hpc']);
  });

  it('Atom: the same, with schemes and labels on the categories', async () => {
    const response = await get('/v1/events?format=atom&tickers=CPLD&types=price_target');
    const feed = await parser.parseString(response.body);
    expect(feed.link).toBe('http://localhost:80/v1/events?format=atom&tickers=CPLD&types=price_target');
    const item = feed.items[0] as unknown as { title: string; atomCategories: { $: { term: string; scheme: string; label?: string } }[] };
    expect(item.title).toBe('Marlow Street Capital raises CPLD price target to $65 from $54 — bullish +0.37');
    expect(item.atomCategories.map((c) => c.$)).toEqual([
      { term: 'CPLD', scheme: 'urn:tickerwire:ticker' },
      { term: 'bullish', scheme: 'urn:tickerwire:sentiment', label: 'bullish +0.37' },
      { term: 'price-target', scheme: 'urn:tickerwire:event-type' },
    ]);
    const articles = await parser.parseString((await get('/v1/articles?format=rss&tickers=CPLD')).body);
    expect(articles.items[0]!.categories).toEqual(expect.arrayContaining(['CPLD', 'bullish']));
    expect(articles.items[0]!.content).toContain('Sentiment: bullish +0.37');
  });
});

describe('item 4: q= search and CSV', () => {
  beforeAll(async () => {
    const cut = { ...targetEvent('SRCH', '=Evil Firm', 'lower', 12, 20), sentiment: { label: 'bearish', score: -0.42 } } as const;
    await h.repos.events.collection.insertMany([
      eventDoc({ id: 'ev-srch', event: { ...cut, evidence: { text: 'Evil Firm cuts SRCH, citing "hashprice", to $12', start: 0, end: 40 } }, firstSeenAt: at(20), reports: [{ articleId: 'art-srch', sourceIds: ['wire', 'blog'], novel: true }] }),
    ]);
    await h.repos.articles.collection.insertMany([
      articleDoc({ id: 'art-srch', firstSeenAt: at(20), title: '=HYPERLINK("http://x") Hashprice squeeze, "again"', body: 'Miners face a hashprice squeeze.\nSecond line, with a comma.', tickers: ['SRCH'], sentiment: { label: 'bearish', score: -0.42 }, events: [cut] }),
      articleDoc({ id: 'art-other', firstSeenAt: at(21), title: 'Quiet day for SRCH', body: 'Nothing about prices.', tickers: ['SRCH'] }),
    ] as never[]);
  });

  it('q= finds words in title and body (articles) and in the evidence (events), all words required, never a 500', async () => {
    const ids = async (url: string) => {
      const response = await get(url);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as { data: { id: string }[] }).data.map((d) => d.id);
    };
    expect(await ids('/v1/articles?q=hashprice')).toEqual(['art-srch']);
    expect(await ids('/v1/articles?q=HASHPRICE%20comma')).toEqual(['art-srch']);
    expect(await ids('/v1/articles?q=hashprice%20quiet')).toEqual([]);
    expect(await ids('/v1/articles?q=quiet&tickers=SRCH')).toEqual(['art-other']);
    expect(await ids('/v1/events?q=hashprice')).toEqual(['ev-srch']);
    // Regex metacharacters are words like any other.
    expect(await ids('/v1/articles?q=' + encodeURIComponent('(.*+ $12 [a-'))).toEqual([]);
    expect(await ids('/v1/events?q=' + encodeURIComponent('$12'))).toEqual(['ev-srch']);
    const tooLong = await get(`/v1/articles?q=${'a'.repeat(201)}`);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.field).toBe('q');
  });

  it('CSV by Accept: text/csv or format=csv, RFC 4180, one row per event, formula cells guarded', async () => {
    const events = await get('/v1/events?tickers=SRCH', { accept: 'text/csv' });
    expect(events.statusCode, events.body).toBe(200);
    expect(events.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parseCsv(events.body, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      event_id: 'ev-srch',
      type: 'price_target',
      ticker: 'SRCH',
      firm: "'=Evil Firm",
      headline: "'=Evil Firm cuts SRCH price target to $12 from $20 — bearish -0.42",
      sentiment_score: '-0.42',
      article_title: `'=HYPERLINK("http://x") Hashprice squeeze, "again"`,
      sources: 'wire blog',
      evidence: 'Evil Firm cuts SRCH, citing "hashprice", to $12',
    });
    const articles = await get('/v1/articles?tickers=SRCH&format=csv&order=firstSeenAt');
    const articleRows = parseCsv(articles.body, { columns: true }) as Record<string, string>[];
    expect(articleRows.map((r) => [r.article_id, r.event_type])).toEqual([['art-other', ''], ['art-srch', 'price_target']]);
    expect(articleRows[1]).toMatchObject({ title: `'=HYPERLINK("http://x") Hashprice squeeze, "again"`, sentiment_label: 'bearish', event_headline: "'=Evil Firm cuts SRCH price target to $12 from $20 — bearish -0.42" });
    expect(articles.body.split('\r\n')[0]).toBe('article_id,title,url,published_at,first_seen_at,sources,tickers,tags,sentiment_label,sentiment_score,event_type,event_ticker,event_action,event_firm,event_headline,event_sentiment_score,ticker_sentiment,ticker_relevance');
  });
});

describe("item 5: per-ticker filters apply to those tickers' own sentiment", () => {
  beforeAll(async () => {
    const doc = articleDoc({ id: 'art-pair', firstSeenAt: at(30), tickers: ['PAIRA', 'PAIRB'], tags: ['pair'], sentiment: { label: 'bearish', score: -0.3 } });
    doc.analysis!.tickerSentiment = [
      { ticker: 'PAIRA', label: 'bullish', score: 0.5, relevance: 0.9 },
      { ticker: 'PAIRB', label: 'bearish', score: -0.6, relevance: 0.3 },
    ];
    const legacy = articleDoc({ id: 'art-pair-old', firstSeenAt: at(29), tickers: ['PAIRA'], tags: ['pair'], sentiment: { label: 'bearish', score: -0.4 } });
    const eventA = { ...ratingEvent('PAIRA', 'Quill', 'upgrade', 'buy'), sentiment: { label: 'bullish', score: 0.5 } } as const;
    const eventB = { ...ratingEvent('PAIRB', 'Quill', 'downgrade', 'sell'), sentiment: { label: 'bearish', score: -0.6 } } as const;
    await h.repos.articles.collection.insertMany([doc, legacy] as never[]);
    await h.repos.events.collection.insertMany([
      { ...eventDoc({ id: 'ev-pair-a', event: eventA, firstSeenAt: at(30), tags: ['pair'] }), relevance: 0.9 },
      { ...eventDoc({ id: 'ev-pair-b', event: eventB, firstSeenAt: at(30), tags: ['pair'] }), relevance: 0.3 },
    ]);
  });

  it.each([
    ['tickers=PAIRA&sentiment=bearish', ['art-pair-old']],
    ['tickers=PAIRA&sentiment=bullish', ['art-pair']],
    ['tickers=PAIRB&sentiment=bearish', ['art-pair']],
    ['tickers=PAIRB&minAbsScore=0.55', ['art-pair']],
    ['tickers=PAIRA&minAbsScore=0.55', []],
    ['sentiment=bearish&tags=pair', ['art-pair', 'art-pair-old']],
    ['tickers=PAIRB&minRelevance=0.5', []],
    ['tickers=PAIRA&minRelevance=0.5', ['art-pair']],
    ['minRelevance=0.5&tags=pair', ['art-pair']],
  ])('/v1/articles?%s', async (query, expected) => {
    const response = await get(`/v1/articles?order=firstSeenAt&${query}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().data.map((a: { id: string }) => a.id)).toEqual(expected);
  });

  it('/v1/events?minRelevance= keeps events whose article is about their ticker', async () => {
    const response = await get('/v1/events?tags=pair&minRelevance=0.5');
    expect(response.json().data.map((e: { id: string; relevance: number }) => [e.id, e.relevance])).toEqual([['ev-pair-a', 0.9]]);
  });
});

describe('item 7: one filter for feeds, streams and subscriptions', () => {
  it('a subscription takes every feed criterion (actions down, sources, tags, minRelevance); an unknown key is a 400 naming it', async () => {
    const headers = auth(h.adminKey);
    const filter = { tickers: ['CPLD'], actions: ['down', 'raise'], sources: ['wire'], tags: ['miners'], minRelevance: 0.5, minAbsScore: 0.2, sentiment: ['bearish'], types: ['price_move'] };
    const created = await h.api.inject({ method: 'POST', url: '/v1/subscriptions', headers, payload: { url: 'https://hooks.example.com/tw', filter } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().filter).toMatchObject(filter);
    const unknown = await h.api.inject({ method: 'POST', url: '/v1/subscriptions', headers, payload: { url: 'https://hooks.example.com/tw', filter: { ticker: ['CPLD'] } } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('ticker');
    const badSource = await h.api.inject({ method: 'POST', url: '/v1/subscriptions', headers, payload: { url: 'https://hooks.example.com/tw', filter: { sources: ['Not A Source'] } } });
    expect(badSource.statusCode).toBe(400);
    expect(badSource.json().error.field).toBe('filter.sources[0]');
  });

  it('the feeds and the stream take the same criteria; an unknown parameter is a 400 naming it', async () => {
    for (const path of ['/v1/events', '/v1/articles']) {
      const response = await get(`${path}?actions=down&sources=wire&tags=miners&minRelevance=0.5`);
      expect(response.statusCode, `${path} ${response.body}`).toBe(200);
    }
    for (const path of ['/v1/events', '/v1/stream', '/v1/articles']) {
      const response = await get(`${path}?minRelevence=0.5`);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.field).toBe('minRelevence');
    }
  });
});

describe('item 1: lookups and the documented alert payload', () => {
  it('GET /v1/articles/{id} and /v1/events/{id}: the item, or a 404 naming the id', async () => {
    const article = await get('/v1/articles/art-raise');
    expect(article.statusCode, article.body).toBe(200);
    expect(article.json()).toMatchObject({ id: 'art-raise', title: 'Marlow lifts Copperline target', canonicalUrl: 'https://news.example.com/art-raise' });
    const event = await get('/v1/events/ev-raise');
    expect(event.statusCode, event.body).toBe(200);
    expect(event.json()).toMatchObject({ id: 'ev-raise', ticker: 'CPLD', article: { id: 'art-raise', title: 'Marlow lifts Copperline target' } });
    for (const [path, id] of [['/v1/articles/', 'nope-1'], ['/v1/events/', 'nope-2']] as const) {
      const missing = await get(`${path}${id}`);
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.message).toContain(id);
    }
    expect((await h.api.inject({ url: '/v1/events/ev-raise' })).statusCode).toBe(401);
    const unknown = await get('/v1/events/ev-raise?foo=1');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('foo');
  });

  it('documents the webhook and SSE payload, versioned, in the OpenAPI document', async () => {
    const response = await h.api.inject({ url: '/docs/json' });
    const doc = response.json();
    expect(Object.keys(doc), response.body.slice(0, 300)).toContain('webhooks');
    expect(doc.webhooks['event.stored'].post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/WebhookEnvelope');
    const payload = doc.components.schemas.EventPayload;
    expect(payload.properties.schema.const ?? payload.properties.schema.enum?.[0]).toBe('tickerwire.event.v2');
    for (const field of ['headline', 'title', 'url', 'source', 'publishedAt', 'reasons']) expect(Object.keys(payload.properties)).toContain(field);
    expect(doc.components.schemas.WebhookEnvelope).toBeDefined();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/articles/{id}', '/v1/events/{id}']));
  });
});

describe('item 9 (part): compressed answers', () => {
  it('gzips or brotli-compresses a large page for a client that accepts it; the ETag still answers 304', async () => {
    const { gunzipSync, brotliDecompressSync } = await import('node:zlib');
    const plain = await get('/v1/articles?limit=200');
    const gzip = await h.api.inject({ url: '/v1/articles?limit=200', headers: { ...auth(h.readKey), 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString('utf8')).toBe(plain.body);
    const br = await h.api.inject({ url: '/v1/articles?limit=200', headers: { ...auth(h.readKey), 'accept-encoding': 'br, gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(plain.body);
    const again = await h.api.inject({ url: '/v1/articles?limit=200', headers: { ...auth(h.readKey), 'accept-encoding': 'gzip', 'if-none-match': String(gzip.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });
});
