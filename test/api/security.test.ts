import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness, at, auth, eventDoc, ratingEvent, type ApiHarness } from './support.ts';

// Regression tests for issue #12 (API findings): each one failed on the API before the fix.

let h: ApiHarness;

beforeAll(async () => {
  h = await apiHarness('apisec', { rateLimit: { limit: 10_000, windowMs: 60_000 }, unauthenticatedRateLimit: { limit: 10_000, windowMs: 60_000 } });
});
afterAll(async () => {
  await h?.close();
});

/** Whether the dashboard (asked with an admin key) shows the fetch queue paused. */
async function fetchQueuePaused(): Promise<boolean> {
  const response = await h.api.inject({ url: '/admin/queues/api/queues', headers: auth(h.adminKey) });
  expect(response.statusCode).toBe(200);
  const queue = (response.json() as { queues: { name: string; isPaused: boolean }[] }).queues.find((q) => q.name === 'fetch');
  expect(queue).toBeDefined();
  return queue!.isPaused;
}

describe('finding 1: the dashboard is admin-only however its URL is spelt', () => {
  const pause = '/admin/queues/api/queues/fetch/pause';
  const spellings = [
    '/%61dmin/queues/api/queues/fetch/pause',
    '/%2561dmin/queues/api/queues/fetch/pause',
    '/%41dmin/queues/api/queues/fetch/pause',
    '/admin/%71ueues/api/queues/fetch/pause',
    '/admin/queues/api/queues/%66etch/pause',
    '/admin/queues/api/queues/fetch/%70ause',
    '/admin/queues/api/queues/fetch%2Fpause',
    `${pause}/`,
    `${pause}%2F`,
    `${pause}?x=1`,
    '/ADMIN/queues/api/queues/fetch/pause',
    '/Admin/Queues/api/queues/fetch/pause',
    '/admin//queues/api/queues/fetch/pause',
    '//admin/queues/api/queues/fetch/pause',
    pause,
    '/admin/queues/api/queues/pause',
  ];

  it.each(spellings)('PUT %s with a read key: 403 or 404, and the queue keeps running', async (url) => {
    const response = await h.api.inject({ method: 'PUT', url, headers: auth(h.readKey) });
    expect([403, 404], `${url} answered ${response.statusCode}: ${response.body}`).toContain(response.statusCode);
    expect(await fetchQueuePaused()).toBe(false);
  });

  it('the encoded spelling reaches the dashboard route: with an admin key it pauses the queue', async () => {
    const response = await h.api.inject({ method: 'PUT', url: '/%61dmin/queues/api/queues/fetch/pause', headers: auth(h.adminKey) });
    expect(response.statusCode, response.body).toBe(200);
    expect(await fetchQueuePaused()).toBe(true);
    expect((await h.api.inject({ method: 'PUT', url: '/admin/queues/api/queues/fetch/resume', headers: auth(h.adminKey) })).statusCode).toBe(200);
    expect(await fetchQueuePaused()).toBe(false);
  });

  it('GET of dashboard pages and data under any spelling needs an admin key', async () => {
    for (const url of ['/%61dmin/queues', '/%61dmin/queues/api/queues', '/admin/queues/static/css/x.css', '/%61dmin/queues/queue/fetch']) {
      const response = await h.api.inject({ url, headers: auth(h.readKey) });
      expect([403, 404], `${url} answered ${response.statusCode}`).toContain(response.statusCode);
    }
  });
});

/** POST/PATCH as an admin; the answer's status and the fields its error names. */
async function send(method: 'POST' | 'PATCH', url: string, payload: unknown): Promise<{ status: number; fields: string[]; body: string }> {
  const response = await h.api.inject({ method, url, headers: auth(h.adminKey), payload: payload as object });
  const body = response.body;
  const fields = response.statusCode >= 400 ? ((response.json().error.issues ?? []) as { field: string }[]).map((i) => i.field) : [];
  return { status: response.statusCode, fields, body };
}

const hook = 'https://hooks.example.com/tw';
const validSecret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

describe('finding 3: an unknown key in a request body is a 400 naming it', () => {
  it('a misspelt filter key ("ticker") is refused, not stored as a filter matching everything', async () => {
    const typo = await send('POST', '/v1/subscriptions', { url: hook, filter: { ticker: ['AAPL'] } });
    expect(typo.status, typo.body).toBe(400);
    expect(typo.fields).toEqual(['filter.ticker']);
    expect((await h.api.inject({ url: '/v1/subscriptions', headers: auth(h.adminKey) })).json().data).toEqual([]);
  });

  it('PATCH {"filter": {"$where": 1}} is refused and leaves the filter as it was', async () => {
    const created = await send('POST', '/v1/subscriptions', { url: hook, filter: { tickers: ['AAPL'] } });
    expect(created.status, created.body).toBe(201);
    const id = JSON.parse(created.body).id as string;
    const patched = await send('PATCH', `/v1/subscriptions/${id}`, { filter: { $where: 1 } });
    expect(patched.status, patched.body).toBe(400);
    expect(patched.fields).toEqual(['filter.$where']);
    expect((await h.api.inject({ url: `/v1/subscriptions/${id}`, headers: auth(h.adminKey) })).json().filter).toMatchObject({ tickers: ['AAPL'] });
    await h.api.inject({ method: 'DELETE', url: `/v1/subscriptions/${id}`, headers: auth(h.adminKey) });
  });

  it.each([
    ['POST', '/v1/subscriptions', { url: hook, urll: 'x' }, 'urll'],
    ['POST', '/v1/sources', { id: 'strict-src', kind: 'feed', url: 'https://example.com/f.xml', interval: 300, tag: ['x'] }, 'tag'],
    ['POST', '/v1/api-keys', { name: 'k', scopes: ['read'], admin: true }, 'admin'],
  ] as const)('%s %s with an unknown key', async (method, url, payload, field) => {
    const response = await send(method, url, payload);
    expect(response.status, response.body).toBe(400);
    expect(response.fields).toEqual([field]);
    expect(JSON.parse(response.body).error.message).toContain(field);
  });
});

describe('finding 5: every list and string has a bound; secrets hold 24 to 64 bytes', () => {
  const tickers = (n: number) => Array.from({ length: n }, (_, i) => `T${String(i).padStart(4, '0')}`.slice(0, 5));
  const source = { id: 'bounded', kind: 'feed', url: 'https://example.com/feed.xml', interval: 300 };

  it.each([
    ['10,000 filter tickers', { url: hook, filter: { tickers: tickers(10_000) } }, 'filter.tickers'],
    ['5,000 secrets', { url: hook, secrets: Array.from({ length: 5_000 }, () => validSecret) }, 'secrets'],
    ['six secrets', { url: hook, secrets: Array.from({ length: 6 }, () => validSecret) }, 'secrets'],
    ['a 900 KB secret', { url: hook, secrets: [`whsec_${'A'.repeat(900_000)}`] }, 'secrets[0]'],
    ['a secret with no key material', { url: hook, secrets: ['whsec_================'] }, 'secrets[0]'],
    ['a secret of 23 bytes', { url: hook, secrets: [`whsec_${Buffer.alloc(23, 1).toString('base64')}`] }, 'secrets[0]'],
    ['a secret of 65 bytes', { url: hook, secrets: [`whsec_${Buffer.alloc(65, 1).toString('base64')}`] }, 'secrets[0]'],
    ['a receiver URL over 2,048 characters', { url: `${hook}?${'a'.repeat(2_100)}` }, 'url'],
  ])('subscription with %s: 400', async (_what, payload, field) => {
    const response = await send('POST', '/v1/subscriptions', payload);
    expect(response.status, response.body.slice(0, 300)).toBe(400);
    expect(response.fields).toContain(field);
  });

  it.each([
    ['a 900 KB URL', { ...source, url: `https://example.com/${'a'.repeat(900_000)}` }, 'url'],
    ['900 tags of 1,000 characters', { ...source, tags: Array.from({ length: 900 }, () => 'x'.repeat(1_000)) }, 'tags'],
    ['a tag of 1,000 characters', { ...source, tags: ['x'.repeat(1_000)] }, 'tags[0]'],
    ['10,000 tickers', { ...source, tickers: tickers(10_000) }, 'tickers'],
  ])('source with %s: 400', async (_what, payload, field) => {
    const response = await send('POST', '/v1/sources', payload);
    expect(response.status, response.body.slice(0, 300)).toBe(400);
    expect(response.fields).toContain(field);
  });

  it('the same bounds hold on PATCH', async () => {
    expect((await send('POST', '/v1/sources', source)).status).toBe(201);
    expect((await send('PATCH', '/v1/sources/bounded', { tags: Array.from({ length: 900 }, () => 'tag') })).fields).toEqual(['tags']);
    expect((await send('PATCH', '/v1/sources/bounded', { url: `https://example.com/${'a'.repeat(2_100)}` })).fields).toEqual(['url']);
    const sub = JSON.parse((await send('POST', '/v1/subscriptions', { url: hook })).body) as { id: string };
    expect((await send('PATCH', `/v1/subscriptions/${sub.id}`, { secrets: ['whsec_================'] })).fields).toEqual(['secrets[0]']);
    expect((await send('PATCH', `/v1/subscriptions/${sub.id}`, { secrets: [validSecret] })).status).toBe(200);
    await h.api.inject({ method: 'DELETE', url: `/v1/subscriptions/${sub.id}`, headers: auth(h.adminKey) });
    await h.api.inject({ method: 'DELETE', url: '/v1/sources/bounded', headers: auth(h.adminKey) });
  });

  it('secrets of 24 and 64 bytes are accepted; rotating stops at five secrets', async () => {
    const edges = [Buffer.alloc(24, 2), Buffer.alloc(64, 3)].map((b) => `whsec_${b.toString('base64')}`);
    const created = await send('POST', '/v1/subscriptions', { url: hook, secrets: edges });
    expect(created.status, created.body).toBe(201);
    const id = JSON.parse(created.body).id as string;
    const rotate = () => h.api.inject({ method: 'POST', url: `/v1/subscriptions/${id}/rotate-secret`, headers: auth(h.adminKey) });
    for (let i = 0; i < 3; i++) expect((await rotate()).statusCode).toBe(200);
    const refused = await rotate();
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.field).toBe('secrets');
    expect((await h.api.inject({ url: `/v1/subscriptions/${id}`, headers: auth(h.adminKey) })).json().secretHints).toHaveLength(5);
    await h.api.inject({ method: 'DELETE', url: `/v1/subscriptions/${id}`, headers: auth(h.adminKey) });
  });
});

describe('finding 6: feed links come from API_PUBLIC_URL or a valid Host', () => {
  const formats = ['rss', 'atom', 'jsonfeed', 'ndjson', 'json'] as const;

  it.each(formats)('format=%s with a malformed Host: 400 naming Host, not 500', async (format) => {
    for (const host of ['bad host', '[', 'a..b', 'x:99999', 'evil.example/path', 'a@b', '"><x']) {
      const response = await h.api.inject({ url: `/v1/events?format=${format}&limit=1`, headers: { ...auth(h.readKey), host } });
      expect(response.statusCode, `Host ${JSON.stringify(host)}: ${response.body}`).toBe(400);
      expect(response.json().error.field).toBe('Host');
    }
  });

  it.each(['rss', 'atom', 'jsonfeed'])('format=%s with a well-formed Host and no API_PUBLIC_URL links to that Host', async (format) => {
    const response = await h.api.inject({ url: `/v1/articles?format=${format}`, headers: { ...auth(h.readKey), host: 'Feeds.Example.com:8443' } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).toContain(`http://feeds.example.com:8443/v1/articles?format=${format}`);
  });

  it('with API_PUBLIC_URL configured, every link uses it whatever Host says', async () => {
    const configured = await apiHarness('apisecurl', { publicUrl: 'https://news.tickerwire.example/' });
    try {
      await configured.repos.events.collection.insertMany([1, 2].map((i) => eventDoc({ id: `pu${i}`, event: ratingEvent('PUBL', 'UBS', 'upgrade', 'buy'), firstSeenAt: at(i) })));
      for (const format of ['rss', 'atom', 'jsonfeed'] as const) {
        const response = await configured.api.inject({ url: `/v1/events?format=${format}&limit=1`, headers: { ...auth(configured.readKey), host: 'evil.example' } });
        expect(response.statusCode, response.body).toBe(200);
        expect(response.body).not.toContain('evil.example');
        expect(response.body).toContain('https://news.tickerwire.example/v1/events?');
        expect(response.headers.link).toMatch(/^<https:\/\/news\.tickerwire\.example\/v1\/events\?/);
      }
      // A malformed Host does not matter when the base URL is configured.
      expect((await configured.api.inject({ url: '/v1/events?format=rss', headers: { ...auth(configured.readKey), host: 'bad host' } })).statusCode).toBe(200);
    } finally {
      await configured.close();
    }
  });
});

describe('finding 7: no credential reaches a log line', () => {
  it('api_key=, Authorization, X-API-Key and cookies are redacted in every line the API logs', async () => {
    const lines: string[] = [];
    const logged = await apiHarness('apiseclog', { logger: { level: 'debug', stream: { write: (line: string) => void lines.push(line) } } });
    try {
      const key = logged.readKey;
      const basic = Buffer.from(`admin:${logged.adminKey}`).toString('base64');
      await logged.api.inject({ url: `/v1/events?api_key=${encodeURIComponent(key)}&limit=1` });
      await logged.api.inject({ url: `/v1/events?limit=1&API_KEY=${key}` });
      await logged.api.inject({ url: '/v1/events', headers: { authorization: `Bearer ${key}` } });
      await logged.api.inject({ url: '/v1/events', headers: { 'x-api-key': key, cookie: `session=${key}` } });
      await logged.api.inject({ url: '/admin/queues', headers: { authorization: `Basic ${basic}` } });
      await logged.api.inject({ url: `/v1/nothing?api_key=${key}` });
      await logged.api.inject({ url: `/v1/events?api_key=${key}&bogus=1` });
      await logged.api.inject({ method: 'POST', url: `/v1/subscriptions?api_key=${logged.adminKey}`, payload: { url: 'https://hooks.example.com/x' } });

      const output = lines.join('');
      expect(lines.length).toBeGreaterThan(8);
      // The request lines are there, with the parameter's value masked.
      expect(output).toContain('/v1/events?api_key=[REDACTED]&limit=1');
      expect(output).toContain('/v1/events?limit=1&API_KEY=[REDACTED]');
      for (const secret of [key, logged.adminKey, basic, key.slice(`tw_`.length + 17)]) expect(output).not.toContain(secret);
      // Webhook secrets shown in an answer are not logged either.
      expect(output).not.toMatch(/whsec_[A-Za-z0-9+/]{8}/);
    } finally {
      await logged.close();
    }
  });
});
