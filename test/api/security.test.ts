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

describe('finding 10 (API): Basic auth, cross-site writes, headers, unauthenticated limits, streams per key', () => {
  const basic = (key: string) => ({ authorization: `Basic ${Buffer.from(`admin:${key}`).toString('base64')}` });

  async function subscription(): Promise<string> {
    const created = await send('POST', '/v1/subscriptions', { url: hook });
    expect(created.status, created.body).toBe(201);
    return JSON.parse(created.body).id as string;
  }
  const secretCount = async (id: string) => ((await h.api.inject({ url: `/v1/subscriptions/${id}`, headers: auth(h.adminKey) })).json().secretHints as string[]).length;

  it('Basic auth is accepted by the dashboard only: a rotate-secret with Basic credentials is 401 and rotates nothing', async () => {
    const id = await subscription();
    const rotate = await h.api.inject({ method: 'POST', url: `/v1/subscriptions/${id}/rotate-secret`, headers: { ...basic(h.adminKey), 'content-type': 'text/plain' }, payload: 'x' });
    expect(rotate.statusCode, rotate.body).toBe(401);
    expect(rotate.headers['www-authenticate']).toMatch(/^Bearer/);
    expect((await h.api.inject({ url: '/v1/events', headers: basic(h.readKey) })).statusCode).toBe(401);
    expect(await secretCount(id)).toBe(1);
    expect((await h.api.inject({ url: '/admin/queues', headers: basic(h.adminKey) })).statusCode).toBe(200);
  });

  it('a cross-site text/plain POST to rotate-secret fails, even with a valid key; the same site may', async () => {
    const id = await subscription();
    const url = `/v1/subscriptions/${id}/rotate-secret`;
    const site = { host: 'api.example:8080', 'content-type': 'text/plain' };
    for (const crossSite of [{ origin: 'https://evil.example' }, { origin: 'null' }, { origin: 'http://api.example:8081' }, { 'sec-fetch-site': 'cross-site' }]) {
      const response = await h.api.inject({ method: 'POST', url, headers: { ...auth(h.adminKey), ...site, ...crossSite }, payload: 'x' });
      expect(response.statusCode, JSON.stringify(crossSite)).toBe(403);
      expect(response.json().error.code).toBe('cross_origin');
    }
    expect(await secretCount(id)).toBe(1);
    const sameSite = await h.api.inject({ method: 'POST', url, headers: { ...auth(h.adminKey), ...site, origin: 'http://api.example:8080', 'sec-fetch-site': 'same-origin' }, payload: 'x' });
    expect(sameSite.statusCode, sameSite.body).toBe(200);
    // A client that is not a browser sends no Origin and is not affected.
    expect((await h.api.inject({ method: 'POST', url, headers: auth(h.adminKey) })).statusCode).toBe(200);
    // The dashboard's own buttons (same origin, Basic) still work; another site's page cannot press them.
    const pause = '/admin/queues/api/queues/fetch/pause';
    expect((await h.api.inject({ method: 'PUT', url: pause, headers: { ...basic(h.adminKey), host: 'api.example:8080', origin: 'https://evil.example' } })).statusCode).toBe(403);
    expect((await h.api.inject({ method: 'PUT', url: pause, headers: { ...basic(h.adminKey), host: 'api.example:8080', origin: 'http://api.example:8080' } })).statusCode).toBe(200);
    expect((await h.api.inject({ method: 'PUT', url: '/admin/queues/api/queues/fetch/resume', headers: basic(h.adminKey) })).statusCode).toBe(200);
  });

  it('answers carry nosniff and refuse framing; /docs and the dashboard have a CSP allowing nothing external', async () => {
    for (const [url, headers] of [['/v1/events', auth(h.readKey)], ['/v1/events', {}], ['/healthz', {}], ['/docs', {}], ['/docs/json', {}], ['/admin/queues', basic(h.adminKey)]] as const) {
      const response = await h.api.inject({ url, headers });
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(response.headers['x-frame-options'], url).toBe('DENY');
      expect(response.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
    }
    for (const [url, headers] of [['/docs', {}], ['/admin/queues', basic(h.adminKey)]] as const) {
      const page = await h.api.inject({ url, headers });
      expect(page.statusCode).toBe(200);
      const csp = page.headers['content-security-policy'] as string;
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/https?:|googleapis|\*/);
    }
    expect((await h.api.inject({ url: '/v1/events', headers: auth(h.readKey) })).headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('requests without a valid key are limited per client address, and over the limit cost no key lookup', async () => {
    const limited = await apiHarness('apisecanon', { unauthenticatedRateLimit: { limit: 3, windowMs: 60_000 } });
    try {
      let lookups = 0;
      const verify = limited.repos.apiKeys.verify.bind(limited.repos.apiKeys);
      limited.repos.apiKeys.verify = async (key: string) => {
        lookups++;
        return verify(key);
      };
      const bogus = { authorization: `Bearer tw_0123456789abcdef_${'x'.repeat(43)}` };
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) codes.push((await limited.api.inject({ url: '/v1/events', headers: bogus, remoteAddress: '198.51.100.7' })).statusCode);
      codes.push((await limited.api.inject({ url: '/v1/events', remoteAddress: '198.51.100.7' })).statusCode);
      for (let i = 0; i < 3; i++) codes.push((await limited.api.inject({ url: '/v1/events', headers: bogus, remoteAddress: '198.51.100.7' })).statusCode);
      expect(codes).toEqual([401, 401, 401, 429, 429, 429, 429]);
      expect(lookups).toBe(3);
      const refused = await limited.api.inject({ url: '/v1/events', headers: bogus, remoteAddress: '198.51.100.7' });
      expect(refused.json().error.code).toBe('rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // Another address is not affected, nor is a valid key from it.
      expect((await limited.api.inject({ url: '/v1/events', headers: bogus, remoteAddress: '198.51.100.8' })).statusCode).toBe(401);
      expect((await limited.api.inject({ url: '/v1/events', headers: auth(limited.readKey), remoteAddress: '198.51.100.8' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('one key holds at most maxStreamsPerKey event streams; other keys still get theirs', async () => {
    const streams = await apiHarness('apisecsse', { maxStreamsPerKey: 2, streamBlockMs: 500 });
    const controllers: AbortController[] = [];
    try {
      const base = await streams.api.listen({ host: '127.0.0.1', port: 0 });
      const open = async (key: string) => {
        const controller = new AbortController();
        controllers.push(controller);
        const response = await fetch(`${base}/v1/stream`, { headers: { authorization: `Bearer ${key}`, accept: 'text/event-stream' }, signal: controller.signal });
        if (response.status === 200) expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        return { status: response.status, body: response.status === 200 ? null : ((await response.json()) as { error: { code: string } }), close: () => controller.abort() };
      };
      const first = await open(streams.readKey);
      expect(first.status).toBe(200);
      expect((await open(streams.readKey)).status).toBe(200);
      const third = await open(streams.readKey);
      expect(third.status).toBe(429);
      expect(third.body?.error.code).toBe('too_many_streams');
      expect((await open(streams.adminKey)).status).toBe(200);
      // Closing one frees its place (the server notices the hang-up within moments).
      first.close();
      let reopened = 0;
      for (let attempt = 0; attempt < 40 && reopened !== 200; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        reopened = (await open(streams.readKey)).status;
      }
      expect(reopened).toBe(200);
    } finally {
      for (const controller of controllers) controller.abort();
      await streams.close();
    }
  });
});
