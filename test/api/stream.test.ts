import { request as httpRequest, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishStoredEvent } from '@tickerwire/queue';
import { deleteKeys, freshRepositories, testRedis, uniquePrefix } from '../support/services.ts';
import { startApi } from '@tickerwire/api';
import type { Redis } from 'ioredis';
import type { Repositories } from '@tickerwire/store';
import { targetEvent } from './support.ts';

interface SseEvent {
  id: string;
  event: string;
  data: { eventId: string; ticker: string; novel: boolean };
}

/** A minimal SSE client over node:http: frames as they arrive, and a way to hang up. */
function connect(url: string, headers: Record<string, string>): Promise<{ response: IncomingMessage; next(): Promise<SseEvent>; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      let buffer = '';
      const frames: SseEvent[] = [];
      const waiting: ((e: SseEvent) => void)[] = [];
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = Object.fromEntries(block.split('\n').filter((l) => !l.startsWith(':') && l.includes(': ')).map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]));
          if (!fields.data) continue;
          const event = { id: fields.id!, event: fields.event!, data: JSON.parse(fields.data) };
          const waiter = waiting.shift();
          if (waiter) waiter(event);
          else frames.push(event);
        }
      });
      resolve({
        response,
        next: () =>
          new Promise<SseEvent>((res, rej) => {
            const ready = frames.shift();
            if (ready) return res(ready);
            const timer = setTimeout(() => rej(new Error('no event within 5 s')), 5000);
            waiting.push((e) => {
              clearTimeout(timer);
              res(e);
            });
          }),
        close: () => req.destroy(),
      });
    });
    req.on('error', (error) => {
      if (!req.destroyed) reject(error);
    });
    req.end();
  });
}

let repos: Repositories;
let drop: () => Promise<void>;
let redis: Redis;
let prefix: string;
let api: Awaited<ReturnType<typeof startApi>>;
let key: string;

beforeAll(async () => {
  const fresh = await freshRepositories('apistream');
  repos = fresh.repos;
  drop = () => fresh.database.drop();
  redis = testRedis('producer');
  prefix = uniquePrefix('apistream');
  api = await startApi({ repos, db: fresh.database.db, redis, queuePrefix: prefix, port: 0, options: { streamBlockMs: 1000 } });
  key = (await repos.apiKeys.create({ name: 'stream', scopes: ['read'] })).key;
});

afterAll(async () => {
  await api?.close();
  await deleteKeys(redis, prefix);
  redis.disconnect();
  await drop?.();
});

function publish(n: number, ticker = 'SSE', novel = true): Promise<string | null> {
  return publishStoredEvent(redis, prefix, {
    eventId: `ev-${ticker}-${n}`,
    articleId: `art-${n}`,
    sourceIds: ['wire'],
    novel,
    type: 'price_target',
    ticker,
    action: 'raise',
    sentimentLabel: null,
    sentimentScore: null,
    tags: [],
    publishedAt: null,
    firstSeenAt: new Date(),
    reportedAt: new Date(),
    event: targetEvent(ticker, 'Firm', 'raise', 10 + n),
  });
}

describe('GET /v1/stream', () => {
  it('carries the versioned payload: headline, title, URL, source, published time and reasons (issue #16, item 1)', async () => {
    const stream = await connect(`${api.url}/v1/stream?tickers=PAYL`, { authorization: `Bearer ${key}` });
    const published = new Date('2026-03-02T14:00:00Z');
    await publishStoredEvent(redis, prefix, {
      eventId: 'ev-payl', articleId: 'art-payl', sourceIds: ['wire'], novel: true, type: 'price_target', ticker: 'PAYL', action: 'raise',
      sentimentLabel: 'bullish', sentimentScore: 0.37, tags: [], publishedAt: published, firstSeenAt: new Date(), reportedAt: new Date(),
      event: { ...targetEvent('PAYL', 'Marlow Street Capital', 'raise', 65, 54), sentiment: { label: 'bullish', score: 0.37 } },
      article: { title: 'Marlow lifts PAYL target', url: 'https://news.example.com/p?utm=x', canonicalUrl: 'https://news.example.com/p', sourceId: 'wire' },
      reasons: [{ ticker: 'PAYL', source: 'event', detail: 'price target raise', evidence: 'Marlow raises', contribution: 0.4 }],
      relevance: 0.8,
    });
    const frame = (await stream.next()).data as unknown as Record<string, unknown>;
    stream.close();
    expect(frame).toMatchObject({
      schema: 'tickerwire.event.v2',
      eventId: 'ev-payl',
      headline: 'Marlow Street Capital raises PAYL price target to $65 from $54 — bullish +0.37',
      title: 'Marlow lifts PAYL target',
      url: 'https://news.example.com/p',
      source: 'wire',
      publishedAt: published.toISOString(),
      relevance: 0.8,
      reasons: [{ detail: 'price target raise', contribution: 0.4 }],
    });
  });

  it('replays exactly the missed events after Last-Event-ID, in order, then follows live', async () => {
    const url = `${api.url}/v1/stream?tickers=SSE`;
    const first = await connect(url, { authorization: `Bearer ${key}` });
    expect(first.response.statusCode).toBe(200);
    expect(first.response.headers['content-type']).toMatch(/^text\/event-stream/);
    const ids = [await publish(1), await publish(2)];
    const e1 = await first.next();
    const e2 = await first.next();
    expect([e1.id, e2.id]).toEqual(ids);
    expect([e1.data.eventId, e2.data.eventId]).toEqual(['ev-SSE-1', 'ev-SSE-2']);
    expect(e1.event).toBe('stored-event');
    first.close();

    // While it is away: three for it, one for another ticker.
    const missed = [await publish(3), await publish(99, 'OTHER'), await publish(4), await publish(5)];
    const second = await connect(url, { authorization: `Bearer ${key}`, 'last-event-id': e2.id });
    const replayed = [await second.next(), await second.next(), await second.next()];
    expect(replayed.map((e) => e.id)).toEqual([missed[0], missed[2], missed[3]]);
    expect(replayed.map((e) => e.data.eventId)).toEqual(['ev-SSE-3', 'ev-SSE-4', 'ev-SSE-5']);
    // Nothing else was queued before the live one.
    const live = await publish(6);
    const next = await second.next();
    expect(next.id).toBe(live);
    second.close();
  });

  it('filters novelty and refuses a malformed Last-Event-ID or a missing key', async () => {
    const only = await connect(`${api.url}/v1/stream?tickers=NOV&novel=true`, { 'x-api-key': key });
    await publish(1, 'NOV', false);
    const novel = await publish(2, 'NOV', true);
    expect((await only.next()).id).toBe(novel);
    only.close();
    const bad = await connect(`${api.url}/v1/stream`, { authorization: `Bearer ${key}`, 'last-event-id': 'yesterday' });
    expect(bad.response.statusCode).toBe(400);
    bad.close();
    const anonymous = await connect(`${api.url}/v1/stream`, {});
    expect(anonymous.response.statusCode).toBe(401);
    anonymous.close();
  });
});
