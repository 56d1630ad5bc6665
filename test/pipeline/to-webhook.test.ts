import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notifier } from '@tickerwire/alerts';
import type { RunningPipeline } from '@tickerwire/pipeline';
import { generateArticles, startSampleSite, type SampleSite } from '@tickerwire/sample-site';
import { generateWebhookSecret, type Repositories } from '@tickerwire/store';
import { deleteKeys, freshRepositories, testRedis, uniquePrefix } from '../support/services.ts';
import { idle, testPipeline } from '../support/pipeline.ts';
import { waitFor } from '../support/wait.ts';
import { Receiver } from '../alerts/receiver.ts';
import { buildApi } from '@tickerwire/api';
import { startTestNotifier } from '../support/notifier.ts';

// The whole product once: feeds on 127.0.0.1 → scheduler → fetcher → analyzer → writer →
// stored-event stream → notifier → signed webhooks at a receiver on 127.0.0.1. What the
// receiver gets must be exactly what was stored: one delivery per matching report, none twice.
const articles = generateArticles(60, 91, { syndicatedCopies: 4 });
const prefix = uniquePrefix('to-webhook');
const redis = testRedis('worker');
const log: string[] = [];
let repos: Repositories;
let database: Awaited<ReturnType<typeof freshRepositories>>['database'];
let site: SampleSite;
let receiver: Receiver;
let notifier: Notifier;
let pipeline: RunningPipeline;

interface Delivered {
  type: string;
  schema: string;
  data: {
    schema: string;
    eventId: string;
    articleId: string;
    type: string;
    novel: boolean;
    ticker: string | null;
    headline: string;
    title: string | null;
    url: string | null;
    source: string | null;
    publishedAt: string | null;
    sentimentScore: number | null;
    reasons: { detail: string; contribution: number }[];
  };
}

beforeAll(async () => {
  ({ repos, database } = await freshRepositories('to-webhook'));
  site = await startSampleSite({ articles });
  await repos.sources.seed(site.sources);
  receiver = new Receiver();
  await receiver.start();
  // Every rating change, first report or repeat; and only the first report of any fact.
  const ratingsSecret = generateWebhookSecret();
  const novelSecret = generateWebhookSecret();
  await repos.subscriptions.create({ url: receiver.route('/ratings', ratingsSecret), filter: { types: ['analyst_rating'] }, secrets: [ratingsSecret] });
  await repos.subscriptions.create({ url: receiver.route('/novel', novelSecret), filter: { novelOnly: true }, secrets: [novelSecret] });
  notifier = await startTestNotifier({
    redis,
    prefix,
    repos,
    options: { group: 'notifier', consumer: 'e2e' },
    onError: (e) => log.push(`notifier error: ${e.message}`),
    log: (line) => log.push(line),
  });
  pipeline = await testPipeline(database.db, prefix, log);
}, 60_000);

afterAll(async () => {
  await pipeline?.close();
  await notifier?.close();
  await receiver?.close();
  await site?.close();
  await deleteKeys(redis, prefix);
  redis.disconnect();
  await database?.drop();
});

describe('pipeline to webhook (real Redis and MongoDB-compatible server, everything on 127.0.0.1)', () => {
  it('delivers each stored report that a subscription matches exactly once, signed', async () => {
    const stories = articles.length - articles.filter((a) => a.syndicationOf).length;
    await waitFor(async () => (await repos.articles.count()) === stories && (await idle((q) => pipeline.producer.queue(q))), 'every story stored', 60_000);
    const events = await repos.events.withReports(await repos.events.collection.find({}).toArray());
    const ratingReports = events.filter((e) => e.type === 'analyst_rating').flatMap((e) => e.reports.map((r) => `${e._id} ${r.articleId}`));
    const novelReports = events.map((e) => `${e._id} ${e.reports.find((r) => r.novel)!.articleId}`);
    expect(ratingReports.length).toBeGreaterThan(0);

    await receiver.waitFor('/ratings', ratingReports.length, 30_000);
    await receiver.waitFor('/novel', novelReports.length, 30_000);
    // Anything extra (a report delivered twice) would arrive within moments of the rest.
    await new Promise((resolve) => setTimeout(resolve, 1000));

    for (const [path, expected] of [['/ratings', ratingReports], ['/novel', novelReports]] as const) {
      const received = receiver.on(path);
      expect(received.filter((r) => !r.verified).map((r) => r.verifyError), path).toEqual([]);
      expect(new Set(received.map((r) => r.headers['webhook-id'])).size, path).toBe(received.length);
      const reports = received.map((r) => JSON.parse(r.body) as Delivered).map((d) => `${d.data.eventId} ${d.data.articleId}`);
      expect(reports.sort(), path).toEqual([...expected].sort());
    }
    expect(log.filter((l) => l.startsWith('notifier error:'))).toEqual([]);

    // Issue #16, item 1: each alert reads as a headline, with the article's title, URL,
    // source, publication time and the event's reasons; the schema is versioned.
    const stored = new Map((await repos.articles.collection.find({}).toArray()).map((a) => [a._id, a]));
    const bodies = receiver.on('/novel').map((r) => JSON.parse(r.body) as Delivered);
    for (const body of bodies) {
      expect(body.schema).toBe('tickerwire.event.v2');
      expect(body.data.schema).toBe('tickerwire.event.v2');
      const article = stored.get(body.data.articleId)!;
      expect(article, body.data.articleId).toBeDefined();
      expect(body.data.title).toBe(article.title);
      expect(body.data.url).toBe(article.canonicalUrl);
      expect(article.sources.map((s) => s.sourceId)).toContain(body.data.source);
      expect(body.data.publishedAt).toBe(article.publishedAt?.toISOString() ?? null);
      expect(body.data.headline.length).toBeGreaterThan(10);
    }
    // Events whose sentiment comes from the event itself say why.
    expect(bodies.filter((b) => b.data.sentimentScore !== null && b.data.reasons.length > 0).length).toBeGreaterThan(0);

    // Issue #16, item 6: every sample source is tagged sample-site, and so are its articles (and their events), on the API.
    const api = await buildApi({ repos, db: database.db, redis, queuePrefix: prefix });
    try {
      const key = (await repos.apiKeys.create({ name: 'reader', scopes: ['read'] })).key;
      const tagged = await api.inject({ url: '/v1/articles?tags=sample-site&limit=200', headers: { authorization: `Bearer ${key}` } });
      expect(tagged.statusCode, tagged.body).toBe(200);
      expect(tagged.json().data).toHaveLength(stories);
      const taggedEvents = await api.inject({ url: '/v1/events?tags=sample-site&limit=200', headers: { authorization: `Bearer ${key}` } });
      expect(taggedEvents.json().data.length).toBe(Math.min(events.length, 200));
    } finally {
      await api.close();
    }
  }, 120_000);
});
