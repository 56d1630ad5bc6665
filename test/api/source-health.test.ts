import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateArticles, startSampleSite, type SampleSite } from '@tickerwire/sample-site';
import type { RunningPipeline } from '@tickerwire/pipeline';
import { testPipeline } from '../support/pipeline.ts';
import { waitFor } from '../support/wait.ts';
import { apiHarness, auth, type ApiHarness } from './support.ts';

// Issue #16 item 8: each source's health from the real pipeline (sample site feed, a server
// answering 500, one answering malformed XML, all on 127.0.0.1), read through the real API.
interface Health {
  lastPollAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  polls: number;
  failures: number;
  itemsStored: number;
  eventsStored: number;
}
type Listed = { id: string; enabled: boolean; health: Health };

describe('source health on the real pipeline and API', () => {
  const articles = generateArticles(8, 17);
  let h: ApiHarness;
  let site: SampleSite;
  let broken: Server;
  let pipeline: RunningPipeline;
  const log: string[] = [];
  let started: number;

  const listed = async (): Promise<Listed[]> => {
    const response = await h.api.inject({ url: '/v1/sources', headers: auth(h.adminKey) });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { data: Listed[] }).data;
  };
  const byId = async (id: string) => (await listed()).find((s) => s.id === id)!;

  beforeAll(async () => {
    h = await apiHarness('srchealth');
    site = await startSampleSite({ articles });
    broken = createServer((request, response) => {
      if (request.url === '/500') response.writeHead(500, { 'content-type': 'text/plain' }).end('upstream exploded');
      else response.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss><channel><item><title>unclosed');
    });
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(broken.address() as AddressInfo).port}`;
    const feed = site.sources.find((s) => s.kind === 'feed')!;
    await h.repos.sources.seed([
      { ...feed, id: 'working' },
      { id: 'answers-500', kind: 'feed', url: `${base}/500`, interval: 3600 },
      { id: 'malformed', kind: 'feed', url: `${base}/bad.xml`, interval: 3600 },
    ]);
    started = Date.now();
    pipeline = await testPipeline(h.db, h.prefix, log);
    await waitFor(
      async () => {
        const sources = await listed();
        const working = sources.find((s) => s.id === 'working')!;
        return working.health.itemsStored > 0 && sources.every((s) => s.health.polls > 0) && (await pipeline.producer.queue('store').count()) === 0;
      },
      'every source polled and the working one stored',
      60_000,
    ).catch(async (error: Error) => {
      throw new Error(`${error.message}\n${JSON.stringify(await listed(), null, 1)}\n${log.join('\n')}`);
    });
  }, 90_000);

  afterAll(async () => {
    await pipeline?.close();
    await site?.close();
    broken?.close();
    await h?.close();
  });

  it('a working feed: polled, succeeded, no error, its stories and events counted', async () => {
    const working = await byId('working');
    expect(working.health.lastError).toBeNull();
    expect(working.health.failures).toBe(0);
    expect(Date.parse(working.health.lastPollAt!)).toBeGreaterThanOrEqual(started - 1000);
    expect(working.health.lastSuccessAt).toBe(working.health.lastPollAt);
    // Every story of that feed is stored once, counted for the source that brought it.
    const stories = await h.repos.articles.collection.countDocuments({ 'sources.sourceId': 'working' });
    expect(stories).toBeGreaterThan(0);
    expect(working.health.itemsStored).toBe(stories);
    const events = await h.repos.events.collection.countDocuments({});
    expect(events).toBeGreaterThan(0);
    expect(working.health.eventsStored).toBeGreaterThanOrEqual(events);
  });

  it('a feed answering 500 and a malformed one: polled, never succeeded, the error named, nothing stored', async () => {
    const failing = await byId('answers-500');
    expect(failing.health.lastSuccessAt).toBeNull();
    expect(failing.health.lastError).toMatch(/500/);
    expect(failing.health.lastErrorAt).toBe(failing.health.lastPollAt);
    expect(failing.health.failures).toBe(failing.health.polls);
    expect(failing.health).toMatchObject({ itemsStored: 0, eventsStored: 0 });

    const malformed = await byId('malformed');
    expect(malformed.health.lastSuccessAt).toBeNull();
    expect(malformed.health.lastError).toBeTruthy();
    expect(malformed.health.lastError).not.toMatch(/500/);
    expect(malformed.health).toMatchObject({ itemsStored: 0, eventsStored: 0 });
  });

  it('GET /v1/sources/{id} carries the same health; a read key is refused', async () => {
    const one = await h.api.inject({ url: '/v1/sources/answers-500', headers: auth(h.adminKey) });
    expect(one.statusCode).toBe(200);
    expect((one.json() as Listed).health.lastError).toMatch(/500/);
    expect((await h.api.inject({ url: '/v1/sources', headers: auth(h.readKey) })).statusCode).toBe(403);
  });

  it('/metrics: per-source last poll, last success, failing, items and events stored', async () => {
    const text = (await h.api.inject({ url: '/metrics' })).body;
    const value = (name: string, source: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${name}{source="${source}"}`));
      return line === undefined ? undefined : Number(line.split(' ').at(-1));
    };
    const working = await byId('working');
    expect(value('tickerwire_source_failing', 'working')).toBe(0);
    expect(value('tickerwire_source_failing', 'answers-500')).toBe(1);
    expect(value('tickerwire_source_failing', 'malformed')).toBe(1);
    expect(value('tickerwire_source_items_stored_total', 'working')).toBe(working.health.itemsStored);
    expect(value('tickerwire_source_events_stored_total', 'working')).toBe(working.health.eventsStored);
    expect(value('tickerwire_source_last_success_timestamp_seconds', 'working')).toBe(Date.parse(working.health.lastSuccessAt!) / 1000);
    expect(value('tickerwire_source_last_success_timestamp_seconds', 'answers-500')).toBeUndefined();
    expect(value('tickerwire_source_last_poll_timestamp_seconds', 'answers-500')).toBeGreaterThan(started / 1000 - 1);
  });
});
