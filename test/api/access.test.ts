import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { Redis } from 'ioredis';
import { buildApi } from '@tickerwire/api';
import { createApiKey } from '@tickerwire/store';
import { apiHarness, articleDoc, at, auth, eventDoc, ratingEvent, targetEvent, type ApiHarness } from './support.ts';

let h: ApiHarness;

beforeAll(async () => {
  h = await apiHarness('apiaccess', { rateLimit: { limit: 1000, windowMs: 60_000 } });
});
afterAll(async () => {
  await h?.close();
});

describe('authentication and errors', () => {
  it('401 without a key or with an unknown or revoked one', async () => {
    const none = await h.api.inject({ url: '/v1/events' });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('unauthorized');
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect((await h.api.inject({ url: '/v1/events', headers: auth('tw_0123456789abcdef_' + 'x'.repeat(43)) })).statusCode).toBe(401);
    const created = await createApiKey(h.repos, { name: 'short-lived', scopes: ['read'] });
    expect((await h.api.inject({ url: '/v1/events', headers: { 'x-api-key': created.key } })).statusCode).toBe(200);
    expect((await h.api.inject({ url: `/v1/api-keys/${created.id}`, method: 'DELETE', headers: auth(h.adminKey) })).statusCode).toBe(204);
    expect((await h.api.inject({ url: '/v1/events', headers: { 'x-api-key': created.key } })).statusCode).toBe(401);
  });

  it('stores only the hash of a key', async () => {
    const created = await createApiKey(h.repos, { name: 'hash-check', scopes: ['read'] });
    const doc = await h.repos.apiKeys.collection.findOne({ _id: created.id });
    // The secret is base64url, which may itself hold "_": everything after "tw_<id>_".
    const secret = created.key.slice(`tw_${created.id}_`.length);
    expect(secret.length).toBeGreaterThanOrEqual(43);
    expect(JSON.stringify(doc)).not.toContain(secret);
    expect(doc?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('403 for a read key on an admin route; 200 for an admin key', async () => {
    for (const [method, url] of [['GET', '/v1/sources'], ['POST', '/v1/subscriptions'], ['GET', '/admin/queues'], ['GET', '/v1/api-keys']] as const) {
      const response = await h.api.inject({ method, url, headers: auth(h.readKey), ...(method === 'POST' ? { payload: {} } : {}) });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json().error.code).toBe('forbidden');
    }
    expect((await h.api.inject({ url: '/v1/sources', headers: auth(h.adminKey) })).statusCode).toBe(200);
  });

  it.each([
    ['tickers=ab$', 'tickers[0]'],
    ['types=merger', 'types[0]'],
    ['sentiment=happy', 'sentiment[0]'],
    ['minAbsScore=2', 'minAbsScore'],
    ['novel=maybe', 'novel'],
    ['since=yesterday', 'since'],
    [`since=${at(5).toISOString()}&until=${at(1).toISOString()}`, 'until'],
    ['limit=0', 'limit'],
    ['ticker=CIFR', 'ticker'],
    ['cursor=!!', 'cursor'],
    ['format=pdf', 'format'],
  ])('400 naming the field for %s', async (query, field) => {
    const response = await h.api.inject({ url: `/v1/events?${query}`, headers: auth(h.readKey) });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
  });

  it('404 for an unknown route, ticker, source or subscription', async () => {
    expect((await h.api.inject({ url: '/v1/nothing', headers: auth(h.readKey) })).statusCode).toBe(404);
    const ticker = await h.api.inject({ url: '/v1/tickers/ZZZZ', headers: auth(h.readKey) });
    expect(ticker.statusCode).toBe(404);
    expect(ticker.json().error.code).toBe('not_found');
    // Issue #16 item 9: it read "ticker ZZZZ: nothing not found".
    expect(ticker.json().error.message).toBe('ticker ZZZZ: no article or event mentions it');
    expect((await h.api.inject({ url: '/v1/sources/nope', headers: auth(h.adminKey) })).statusCode).toBe(404);
    expect((await h.api.inject({ url: '/v1/subscriptions/nope', headers: auth(h.adminKey) })).statusCode).toBe(404);
  });

  it('429 with Retry-After once a key exceeds its limit; other keys are unaffected', async () => {
    const limited = await apiHarness('apilimit', { rateLimit: { limit: 3, windowMs: 60_000 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await limited.api.inject({ url: '/v1/events', headers: auth(limited.readKey) })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      const refused = await limited.api.inject({ url: '/v1/events', headers: auth(limited.readKey) });
      expect(refused.json().error.code).toBe('rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect((await limited.api.inject({ url: '/v1/events', headers: auth(limited.adminKey) })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('ticker page', () => {
  it('latest rating per firm, target range and median, sentiment buckets, recent events', async () => {
    const now = Date.now();
    const ago = (hours: number) => new Date(now - hours * 3600_000);
    await h.repos.events.collection.insertMany([
      eventDoc({ id: 't1', event: ratingEvent('TKR', 'JPMorgan', 'initiate', 'neutral'), firstSeenAt: ago(72) }),
      eventDoc({ id: 't2', event: ratingEvent('TKR', 'J.P. Morgan', 'upgrade', 'overweight'), firstSeenAt: ago(24) }),
      eventDoc({ id: 't3', event: ratingEvent('TKR', 'UBS', 'maintain', 'buy'), firstSeenAt: ago(30) }),
      eventDoc({ id: 't4', event: targetEvent('TKR', 'UBS', 'raise', 30, 25), firstSeenAt: ago(30) }),
      eventDoc({ id: 't5', event: targetEvent('TKR', 'Needham', 'initiate', 20), firstSeenAt: ago(20) }),
      eventDoc({ id: 't6', event: targetEvent('TKR', 'Cantor', 'lower', 12, 16), firstSeenAt: ago(10) }),
      eventDoc({ id: 't7', event: targetEvent('TKR', 'Cantor', 'raise', 16, 14), firstSeenAt: ago(50) }),
    ]);
    await h.repos.articles.collection.insertMany([
      articleDoc({ id: 'ta1', firstSeenAt: ago(2), tickers: ['TKR'], sentiment: { label: 'bullish', score: 0.6 } }),
      articleDoc({ id: 'ta2', firstSeenAt: ago(3), tickers: ['TKR'], sentiment: { label: 'bearish', score: -0.2 } }),
      articleDoc({ id: 'ta3', firstSeenAt: ago(50), tickers: ['TKR'], sentiment: { label: 'neutral', score: 0 } }),
    ] as never[]);
    const response = await h.api.inject({ url: '/v1/tickers/tkr?days=7&bucket=day&recent=3', headers: auth(h.readKey) });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.ratings.map((r: { firm: string; ratingTo: string }) => [r.firm, r.ratingTo])).toEqual([['J.P. Morgan', 'overweight'], ['UBS', 'buy']]);
    expect(body.priceTargets).toMatchObject({ currency: 'USD', count: 3, low: 12, high: 30, median: 20 });
    expect(body.sentiment.buckets.length).toBeGreaterThanOrEqual(7);
    const counted = body.sentiment.buckets.reduce((n: number, b: { count: number }) => n + b.count, 0);
    expect(counted).toBe(3);
    expect(body.recentEvents.map((e: { id: string }) => e.id)).toEqual(['t6', 't5', 't2']);
    expect((await h.api.inject({ url: '/v1/tickers/TKR?days=700&bucket=hour', headers: auth(h.readKey) })).json().error.field).toBe('bucket');
  });
});

describe('sources and subscriptions', () => {
  it('creates, lists, updates and deletes a source', async () => {
    const headers = auth(h.adminKey);
    const created = await h.api.inject({ method: 'POST', url: '/v1/sources', headers, payload: { id: 'api-feed', kind: 'feed', url: 'https://example.com/feed.xml', interval: 300, tags: ['x'] } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ id: 'api-feed', enabled: true, tags: ['x'] });
    expect((await h.api.inject({ method: 'POST', url: '/v1/sources', headers, payload: { id: 'api-feed', kind: 'feed', url: 'https://example.com/feed.xml', interval: 300 } })).statusCode).toBe(409);
    const bad = await h.api.inject({ method: 'POST', url: '/v1/sources', headers, payload: { id: 'Bad Id', kind: 'feed', url: 'ftp://x', interval: 1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues.map((i: { field: string }) => i.field).sort()).toEqual(['id', 'interval', 'url']);
    const patched = await h.api.inject({ method: 'PATCH', url: '/v1/sources/api-feed', headers, payload: { enabled: false } });
    expect(patched.json()).toMatchObject({ enabled: false, tags: ['x'], interval: 300 });
    expect((await h.api.inject({ url: '/v1/sources', headers })).json().data.map((s: { id: string }) => s.id)).toContain('api-feed');
    expect((await h.api.inject({ method: 'DELETE', url: '/v1/sources/api-feed', headers })).statusCode).toBe(204);
    expect((await h.api.inject({ url: '/v1/sources/api-feed', headers })).statusCode).toBe(404);
  });

  it('creates, lists, updates, rotates and deletes a subscription; secrets shown once', async () => {
    const headers = auth(h.adminKey);
    const created = await h.api.inject({ method: 'POST', url: '/v1/subscriptions', headers, payload: { url: 'https://hooks.example.com/tw', filter: { tickers: ['CIFR'], novelOnly: true } } });
    expect(created.statusCode, created.body).toBe(201);
    const sub = created.json();
    expect(sub.secrets[0]).toMatch(/^whsec_/);
    const bad = await h.api.inject({ method: 'POST', url: '/v1/subscriptions', headers, payload: { url: 'https://hooks.example.com/tw', filter: { minAbsScore: 3 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('filter.minAbsScore');
    const listed = (await h.api.inject({ url: '/v1/subscriptions', headers })).json();
    expect(listed.data.map((s: { id: string }) => s.id)).toEqual([sub.id]);
    expect(JSON.stringify(listed)).not.toContain(sub.secrets[0]);
    const patched = await h.api.inject({ method: 'PATCH', url: `/v1/subscriptions/${sub.id}`, headers, payload: { enabled: false } });
    expect(patched.json()).toMatchObject({ enabled: false, filter: { tickers: ['CIFR'] } });
    const rotated = await h.api.inject({ method: 'POST', url: `/v1/subscriptions/${sub.id}/rotate-secret`, headers });
    expect(rotated.json().secret).toMatch(/^whsec_/);
    expect((await h.api.inject({ url: `/v1/subscriptions/${sub.id}`, headers })).json().secretHints).toHaveLength(2);
    expect((await h.api.inject({ method: 'DELETE', url: `/v1/subscriptions/${sub.id}`, headers })).statusCode).toBe(204);
    expect((await h.api.inject({ method: 'DELETE', url: `/v1/subscriptions/${sub.id}`, headers })).statusCode).toBe(404);
  });
});

describe('operations', () => {
  it('serves OpenAPI from the zod schemas and the docs page without a key', async () => {
    const doc = (await h.api.inject({ url: '/docs/json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/articles', '/v1/events', '/v1/tickers/{ticker}', '/v1/stream', '/v1/sources', '/v1/subscriptions/{id}']));
    const params = doc.paths['/v1/events'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['tickers', 'types', 'actions', 'sentiment', 'minAbsScore', 'sources', 'tags', 'novel', 'since', 'until', 'timeField', 'cursor', 'format']));
    expect(doc.paths['/admin/queues']).toBeUndefined();
    expect((await h.api.inject({ url: '/docs' })).statusCode).toBe(200);
  });

  it('healthz, readyz and Prometheus metrics from the shared counters and queue depths', async () => {
    expect((await h.api.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await h.api.inject({ url: '/readyz' })).json()).toEqual({ ready: true, checks: { redis: 'ok', mongodb: 'ok' } });
    await h.redis.hset(`${h.prefix}:tickerwire:metrics`, { 'jobs_completed:fetch': 5, 'jobs_failed:analyze': 2, 'job_ms_sum:fetch': 1500, 'items:store:stored': 7, 'fetch_errors:wire': 3, 'fetch_ok:wire': 9, 'webhook:delivered': 4 });
    const text = (await h.api.inject({ url: '/metrics' })).body;
    expect(text).toContain('tickerwire_jobs_completed_total{queue="fetch"} 5');
    expect(text).toContain('tickerwire_jobs_failed_total{queue="analyze"} 2');
    expect(text).toContain('tickerwire_job_duration_seconds_total{queue="fetch"} 1.5');
    expect(text).toContain('tickerwire_stage_items_total{stage="store",outcome="stored"} 7');
    expect(text).toContain('tickerwire_source_fetches_total{source="wire",outcome="error"} 3');
    expect(text).toContain('tickerwire_webhook_deliveries_total{outcome="delivered"} 4');
    expect(text).toMatch(/tickerwire_queue_jobs\{queue="fetch",state="waiting"\} 0/);
  });

  it('the BullMQ dashboard answers an admin key (Basic auth for browsers)', async () => {
    const basic = { authorization: `Basic ${Buffer.from(`admin:${h.adminKey}`).toString('base64')}` };
    const page = await h.api.inject({ url: '/admin/queues', headers: basic });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/html/);
    const queues = await h.api.inject({ url: '/admin/queues/api/queues', headers: auth(h.adminKey) });
    expect(queues.statusCode).toBe(200);
    const unauthenticated = await h.api.inject({ url: '/admin/queues' });
    expect(unauthenticated.statusCode).toBe(401);
    expect(unauthenticated.headers['www-authenticate']).toMatch(/^Basic/);
  });

  it('a read key cannot reach the dashboard through an encoded, double-encoded, cased or slashed path', async () => {
    // BullMQ marks a paused queue in its meta hash.
    const paused = async () => (await h.redis.hget(`${h.prefix}:fetch:meta`, 'paused')) === '1';
    {
      for (const path of [
        '/admin/queues/api/queues/fetch/pause',
        '/%61dmin/queues/api/queues/fetch/pause',
        '/%2561dmin/queues/api/queues/fetch/pause',
        '/admin/%71ueues/api/queues/fetch/pause',
        '/admin%2Fqueues/api/queues/fetch/pause',
        '/ADMIN/queues/api/queues/fetch/pause',
        '/admin/queues/api/queues/fetch/pause/',
        '//admin/queues/api/queues/fetch/pause',
      ]) {
        const response = await h.api.inject({ method: 'PUT', url: path, headers: auth(h.readKey) });
        expect([403, 404], `${path} answered ${response.statusCode}`).toContain(response.statusCode);
        expect(await paused(), `${path} paused the queue`).toBe(false);
      }
      // The admin key pauses it on the plain path, and resumes it.
      expect((await h.api.inject({ method: 'PUT', url: '/admin/queues/api/queues/fetch/pause', headers: auth(h.adminKey) })).statusCode).toBe(200);
      expect(await paused()).toBe(true);
      expect((await h.api.inject({ method: 'PUT', url: '/admin/queues/api/queues/fetch/resume', headers: auth(h.adminKey) })).statusCode).toBe(200);
      expect(await paused()).toBe(false);
    }
  });

  it('readyz fails when Redis or MongoDB is unreachable', async () => {
    const deadRedis = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => null });
    deadRedis.on('error', () => {});
    const deadMongo = new MongoClient('mongodb://127.0.0.1:1/', { serverSelectionTimeoutMS: 300 });
    const options = { readinessTimeoutMs: 1000 };
    const noRedis = await buildApi({ repos: h.repos, db: h.db, redis: deadRedis, queuePrefix: h.prefix, options });
    try {
      const response = await noRedis.inject({ url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.json().checks.redis).toMatch(/^unreachable/);
      expect(response.json().checks.mongodb).toBe('ok');
    } finally {
      await noRedis.close();
      deadRedis.disconnect();
    }
    const noMongo = await buildApi({ repos: h.repos, db: deadMongo.db('x'), redis: h.redis, queuePrefix: h.prefix, options });
    try {
      const response = await noMongo.inject({ url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.json().checks).toMatchObject({ redis: 'ok', mongodb: expect.stringMatching(/^unreachable/) });
    } finally {
      await noMongo.close();
      await deadMongo.close();
    }
  });
});

describe('deliveries', () => {
  it('lists the delivery log and dead letters, and re-drives a dead letter with the same id', async () => {
    const headers = auth(h.adminKey);
    const sub = (await h.api.inject({ method: 'POST', url: '/v1/subscriptions', headers, payload: { url: 'https://hooks.example.com/dl' } })).json();
    const message = {
      eventId: 'ev1', articleId: 'ar1', sourceIds: ['wire'], novel: true, type: 'price_target', ticker: 'DLQ', action: 'raise', sentimentLabel: null, sentimentScore: null, tags: [],
      publishedAt: null, firstSeenAt: at(1).toISOString(), reportedAt: at(1).toISOString(), event: targetEvent('DLQ', 'Firm', 'raise', 10),
    };
    const attempt = (n: number, outcome: string) => ({ attempt: n, at: at(n), outcome, statusCode: 500, durationMs: 12, error: 'HTTP 500', nextAttemptAt: null });
    const base = { deliveryId: 'msg_dl1', subscriptionId: sub.id, reportKey: 'ev1.ar1', eventId: 'ev1', articleId: 'ar1', message };
    await h.repos.deliveries.recordAttempt({ ...base, attempt: attempt(1, 'failed'), status: 'retrying' });
    await h.repos.deliveries.recordAttempt({ ...base, attempt: attempt(2, 'failed'), status: 'dead' });

    const log = (await h.api.inject({ url: `/v1/subscriptions/${sub.id}/deliveries`, headers })).json();
    expect(log.data).toHaveLength(1);
    expect(log.data[0]).toMatchObject({ id: 'msg_dl1', status: 'dead', attempts: [{ attempt: 1 }, { attempt: 2 }] });
    const dead = (await h.api.inject({ url: `/v1/dead-letters?subscriptionId=${sub.id}`, headers })).json();
    expect(dead.data.map((d: { id: string }) => d.id)).toEqual(['msg_dl1']);
    expect((await h.api.inject({ url: '/v1/dead-letters', headers: auth(h.readKey) })).statusCode).toBe(403);

    const redriven = await h.api.inject({ method: 'POST', url: '/v1/dead-letters/msg_dl1/redrive', headers });
    expect(redriven.statusCode, redriven.body).toBe(202);
    expect((await h.api.inject({ url: '/v1/dead-letters', headers })).json().data).toEqual([]);
    expect((await h.api.inject({ method: 'POST', url: '/v1/dead-letters/msg_dl1/redrive', headers })).statusCode).toBe(409);
    expect((await h.api.inject({ method: 'POST', url: '/v1/dead-letters/nope/redrive', headers })).statusCode).toBe(404);
  });
});
