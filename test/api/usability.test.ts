import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

afterAll(async () => {
  await h?.close();
});

async function get(url: string, headers: Record<string, string> = {}) {
  return h.api.inject({ url, headers: { ...auth(h.readKey), ...headers } });
}

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
