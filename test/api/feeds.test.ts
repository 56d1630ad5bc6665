import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeedText } from '@tickerwire/ingest';
import { apiHarness, articleDoc, at, auth, eventDoc, ratingEvent, targetEvent, type ApiHarness } from './support.ts';

let h: ApiHarness;

beforeAll(async () => {
  h = await apiHarness('apifeeds');
  const bullish = { label: 'bullish', score: 0.7 } as const;
  const e1 = { ...ratingEvent('CIFR', 'JPMorgan', 'upgrade', 'overweight'), sentiment: bullish };
  const e2 = { ...targetEvent('MARA', 'Cantor', 'lower', 18, 22), sentiment: { label: 'bearish', score: -0.5 } } as const;
  const e3 = { ...ratingEvent('RIOT', 'UBS', 'downgrade', 'neutral'), sentiment: { label: 'neutral', score: 0.05 } } as const;
  const e4 = targetEvent('CIFR', 'Needham', 'raise', 20, 15);
  await h.repos.events.collection.insertMany([
    eventDoc({ id: 'e1', event: e1, firstSeenAt: at(1), tags: ['miners'], reports: [{ articleId: 'a1', sourceIds: ['wire'], novel: true }, { articleId: 'a2', sourceIds: ['blog'], novel: false, seenAt: at(2) }] }),
    eventDoc({ id: 'e2', event: e2, firstSeenAt: at(2), tags: ['miners', 'targets'], reports: [{ articleId: 'a2', sourceIds: ['blog'], novel: true }] }),
    eventDoc({ id: 'e3', event: e3, firstSeenAt: at(3), publishedAt: at(-100), reports: [{ articleId: 'a3', sourceIds: ['wire'], novel: true }, { articleId: 'a4', sourceIds: ['press'], seenAt: at(4), novel: false }] }),
    eventDoc({ id: 'e4', event: e4, firstSeenAt: at(4), tags: ['targets'], reports: [{ articleId: 'a4', sourceIds: ['press'], novel: true }] }),
  ]);
  await h.repos.articles.collection.insertMany([
    articleDoc({ id: 'a1', firstSeenAt: at(1), tickers: ['CIFR'], tags: ['miners'], sources: ['wire'], sentiment: bullish, events: [e1], novelReports: 1 }),
    articleDoc({ id: 'a2', firstSeenAt: at(2), tickers: ['CIFR', 'MARA'], tags: ['miners'], sources: ['blog'], sentiment: { label: 'bearish', score: -0.5 }, events: [e2, e1], novelReports: 1, repeatReports: 1 }),
    articleDoc({ id: 'a3', firstSeenAt: at(3), publishedAt: at(-100), tickers: ['RIOT'], sources: ['wire'], sentiment: { label: 'neutral', score: 0.05 }, events: [e3], novelReports: 1, laterSources: [{ sourceId: 'press', url: 'https://press.example.com/a3', firstSeenAt: at(6) }] }),
    articleDoc({ id: 'a4', firstSeenAt: at(4), tickers: ['CIFR'], tags: ['targets'], sources: ['press'], events: [e4], novelReports: 1, repeatReports: 1 }),
    articleDoc({ id: 'a5', firstSeenAt: at(5), sources: ['wire'], sentiment: null }),
  ] as never[]);
});

afterAll(async () => {
  await h?.close();
});

async function ids(path: string): Promise<string[]> {
  const response = await h.api.inject({ url: path, headers: auth(h.readKey) });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { data: { id: string }[] }).data.map((d) => d.id);
}

describe('GET /v1/events filters', () => {
  it.each([
    ['', ['e4', 'e3', 'e2', 'e1']],
    ['tickers=CIFR', ['e4', 'e1']],
    ['tickers=cifr,MARA', ['e4', 'e2', 'e1']],
    ['tickers=CIFR&tickers=RIOT', ['e4', 'e3', 'e1']],
    ['types=price_target', ['e4', 'e2']],
    ['actions=upgrade,lower', ['e2', 'e1']],
    ['sentiment=bearish', ['e2']],
    ['sentiment=bullish,neutral', ['e3', 'e1']],
    ['minAbsScore=0.6', ['e1']],
    ['minAbsScore=0.5', ['e2', 'e1']],
    ['sources=blog', ['e2', 'e1']],
    ['sources=blog&novel=true', ['e2']],
    ['sources=blog&novel=false', ['e1']],
    ['sources=press', ['e4', 'e3']],
    ['sources=press&novel=false', ['e3']],
    ['sources=press&novel=true', ['e4']],
    // Without sources every fact is novel (its first report): the two never share an event.
    ['novel=false', []],
    ['novel=true', ['e4', 'e3', 'e2', 'e1']],
    ['tags=targets', ['e4', 'e2']],
    [`since=${at(2).toISOString()}&until=${at(4).toISOString()}`, ['e3', 'e2']],
    [`timeField=publishedAt&until=${at(0).toISOString()}`, ['e3']],
    ['tickers=CIFR&types=analyst_rating', ['e1']],
  ])('?%s', async (query, expected) => {
    // Fetch order, as a polling client reads: e3/a3 were published long before they were fetched.
    expect(await ids(`/v1/events?order=firstSeenAt&${query}`)).toEqual(expected);
  });

  it('returns each event with its first article and every report', async () => {
    const response = await h.api.inject({ url: '/v1/events?tickers=CIFR&types=analyst_rating', headers: auth(h.readKey) });
    const [event] = response.json().data;
    expect(event).toMatchObject({ id: 'e1', ticker: 'CIFR', firm: 'JPMorgan', action: 'upgrade', sentiment: { label: 'bullish', score: 0.7 }, article: { id: 'a1', url: 'https://news.example.com/a1' } });
    expect(event.reports.map((r: { articleId: string; novel: boolean }) => [r.articleId, r.novel])).toEqual([['a1', true], ['a2', false]]);
  });

  it('lists a report recorded after the event was stored', async () => {
    const response = await h.api.inject({ url: '/v1/events?tickers=RIOT', headers: auth(h.readKey) });
    expect(response.json().data[0].reports).toEqual([
      { articleId: 'a3', sourceIds: ['wire'], seenAt: at(3).toISOString(), novel: true },
      { articleId: 'a4', sourceIds: ['press'], seenAt: at(4).toISOString(), novel: false },
    ]);
  });
});

describe('GET /v1/articles filters', () => {
  it.each([
    ['', ['a5', 'a4', 'a3', 'a2', 'a1']],
    ['tickers=CIFR', ['a4', 'a2', 'a1']],
    ['types=price_target', ['a4', 'a2']],
    ['actions=downgrade', ['a3']],
    ['sentiment=bearish', ['a2']],
    ['minAbsScore=0.6', ['a1']],
    ['sources=blog', ['a2']],
    ['sources=wire,press', ['a5', 'a4', 'a3', 'a1']],
    ['sources=press', ['a4', 'a3']],
    ['tags=miners', ['a2', 'a1']],
    // Each of these first reported a fact, or reports none (a5): none only repeats.
    ['novel=true', ['a5', 'a4', 'a3', 'a2', 'a1']],
    ['novel=false', []],
    ['novel=true&limit=1', ['a5']],
    [`since=${at(3).toISOString()}`, ['a5', 'a4', 'a3']],
    [`timeField=publishedAt&until=${at(0).toISOString()}`, ['a3']],
  ])('?%s', async (query, expected) => {
    expect(await ids(`/v1/articles?order=firstSeenAt&${query}`)).toEqual(expected);
  });

  it('lists a source that carried the story after it was stored', async () => {
    const response = await h.api.inject({ url: '/v1/articles?tickers=RIOT', headers: auth(h.readKey) });
    expect(response.json().data[0].sources.map((s: { sourceId: string }) => s.sourceId)).toEqual(['wire', 'press']);
  });

  it('pages through novel-only articles without skipping', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await h.api.inject({ url: `/v1/articles?order=firstSeenAt&novel=true&limit=1${cursor ? `&cursor=${cursor}` : ''}`, headers: auth(h.readKey) });
      const body = response.json() as { data: { id: string }[]; nextCursor: string | null };
      seen.push(...body.data.map((d) => d.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['a5', 'a4', 'a3', 'a2', 'a1']);
  });
});

describe('cursor', () => {
  it('pages newest first with no item skipped or repeated while new items arrive', async () => {
    const paging = (i: number, minute: number) =>
      eventDoc({ id: `p${String(i).padStart(2, '0')}`, event: targetEvent('PAGE', `Firm${i}`, 'raise', 10 + i), firstSeenAt: at(minute), tags: ['paging'] });
    // Three share one firstSeenAt: the id breaks the tie.
    const originals = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => paging(i, i < 3 ? 100 : 100 + i));
    await h.repos.events.collection.insertMany(originals);
    const expected = [...originals].sort((a, b) => b.firstSeenAt.getTime() - a.firstSeenAt.getTime() || (a._id < b._id ? 1 : -1)).map((e) => e._id);

    const seen: string[] = [];
    let cursor: string | null = null;
    let page = 0;
    do {
      const response = await h.api.inject({ url: `/v1/events?tags=paging&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, headers: auth(h.readKey) });
      expect(response.statusCode).toBe(200);
      const body = response.json() as { data: { id: string }[]; nextCursor: string | null };
      seen.push(...body.data.map((d) => d.id));
      if (body.nextCursor) expect(response.headers.link).toContain('rel="next"');
      cursor = body.nextCursor;
      // New items keep arriving while the client pages.
      await h.repos.events.collection.insertOne(paging(50 + page, 200 + page));
      page++;
    } while (cursor);
    expect(seen).toEqual(expected);
    expect(page).toBe(4);
  });

  it('rejects a cursor of the other feed and a forged one, naming the field', async () => {
    const first = await h.api.inject({ url: '/v1/events?limit=1', headers: auth(h.readKey) });
    const cursor = first.json().nextCursor as string;
    const wrongFeed = await h.api.inject({ url: `/v1/articles?cursor=${cursor}`, headers: auth(h.readKey) });
    expect(wrongFeed.statusCode).toBe(400);
    expect(wrongFeed.json().error.field).toBe('cursor');
    const forged = await h.api.inject({ url: '/v1/events?cursor=bm90LWEtY3Vyc29y', headers: auth(h.readKey) });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.field).toBe('cursor');
  });
});

describe('formats', () => {
  it('RSS 2.0 parses with a real feed parser', async () => {
    const response = await h.api.inject({ url: '/v1/events?format=rss&tickers=CIFR', headers: auth(h.readKey) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/rss\+xml/);
    const feed = await parseFeedText(response.body);
    expect(feed.format).toBe('rss');
    expect(feed.items.map((i) => i.guid)).toEqual(['e4', 'e1']);
    expect(feed.items[1]).toMatchObject({ title: 'JPMorgan upgrades CIFR to overweight — bullish +0.70', link: 'https://news.example.com/a1' });
    expect(feed.items[1]!.categories).toContain('CIFR');
  });

  it('Atom parses, chosen by the Accept header', async () => {
    const response = await h.api.inject({ url: '/v1/articles?tickers=CIFR', headers: { ...auth(h.readKey), accept: 'text/html;q=0.9, application/atom+xml' } });
    expect(response.headers['content-type']).toMatch(/^application\/atom\+xml/);
    const feed = await parseFeedText(response.body);
    expect(feed.format).toBe('atom');
    expect(feed.items.map((i) => i.link)).toEqual(['https://news.example.com/a4', 'https://news.example.com/a2', 'https://news.example.com/a1']);
    expect(feed.items[0]!.title).toBe('Story a4');
  });

  it('JSON Feed is JSON Feed 1.1 and parses as a feed', async () => {
    const response = await h.api.inject({ url: '/v1/articles?tickers=CIFR&limit=2', headers: { ...auth(h.readKey), accept: 'application/feed+json' } });
    expect(response.headers['content-type']).toMatch(/^application\/feed\+json/);
    const feed = JSON.parse(response.body);
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.items.map((i: { id: string }) => i.id)).toEqual(['a4', 'a2']);
    expect(feed.items[0]._tickerwire.analysis.tickers).toEqual(['CIFR']);
    expect(feed.next_url).toContain('cursor=');
    expect((await parseFeedText(response.body)).items).toHaveLength(2);
  });

  it('NDJSON is one item per line', async () => {
    const response = await h.api.inject({ url: '/v1/events?format=ndjson&types=price_target&tickers=CIFR,MARA', headers: auth(h.readKey) });
    expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = response.body.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['e4', 'e2']);
  });

  it('406 when Accept names nothing it can produce', async () => {
    const response = await h.api.inject({ url: '/v1/events', headers: { ...auth(h.readKey), accept: 'text/html' } });
    expect(response.statusCode).toBe(406);
  });
});

describe('ETag', () => {
  it('answers 304 to a matching If-None-Match, and a new ETag once the page changes', async () => {
    const url = '/v1/events?tickers=ETAG';
    const first = await h.api.inject({ url, headers: auth(h.readKey) });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    const again = await h.api.inject({ url, headers: { ...auth(h.readKey), 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await h.repos.events.collection.insertOne(eventDoc({ id: 'etag1', event: targetEvent('ETAG', 'X', 'raise', 5), firstSeenAt: at(300) }));
    const changed = await h.api.inject({ url, headers: { ...auth(h.readKey), 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    const rss = await h.api.inject({ url: `${url}&format=rss`, headers: auth(h.readKey) });
    expect(rss.headers.etag).not.toBe(changed.headers.etag);
  });
});
