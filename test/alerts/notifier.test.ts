import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { redriveDelivery, startNotifier, type Notifier, type NotifierOptions } from '@tickerwire/alerts';
import { QueueEvents, jobCatalogue, publishStoredEvent, readCounters, storedEventsKey, type StoredEventMessage } from '@tickerwire/queue';
import { generateWebhookSecret, repositories, type Repositories } from '@tickerwire/store';
import { deleteKeys, freshRepositories, testPrivateNetwork, testRedis, testRepositoryOptions, uniquePrefix } from '../support/services.ts';
import { Receiver } from './receiver.ts';
import { storedMessage, uniqueTicker } from './messages.ts';

// Retries in milliseconds: the Standard Webhooks schedule × 1/20,000 (5 s → 0.25 ms, 10 h → 1.8 s).
const fast: Partial<NotifierOptions> = {
  sender: { privateNetwork: testPrivateNetwork },
  blockMs: 100,
  claimIntervalMs: 100,
  subscriptionRefreshMs: 60_000,
  retryScheduleScale: 0.00005,
  retryJitter: 0,
  deliverConcurrency: 10,
};

let database: Awaited<ReturnType<typeof freshRepositories>>['database'];
let repos: Repositories;
let redis: Redis;
let prefix: string;
let receiver: Receiver;
let notifier: Notifier;
let events: QueueEvents;
const errors: Error[] = [];

beforeAll(async () => {
  ({ database, repos } = await freshRepositories('alerts'));
  redis = testRedis('worker', errors);
  prefix = uniquePrefix('alerts');
  receiver = new Receiver();
  await receiver.start();
  events = new QueueEvents('deliver', { connection: redis.duplicate(), prefix });
  await events.waitUntilReady();
  notifier = await startNotifier({ redis, prefix, subscriptions: repos.subscriptions, deliveries: repos.deliveries, options: { ...fast, group: 'notifier', consumer: 'main' }, onError: (e) => errors.push(e), log: () => {} });
});

afterAll(async () => {
  await notifier?.close();
  await events?.close();
  await receiver?.close();
  if (redis) {
    await deleteKeys(redis, prefix);
    await redis.quit();
  }
  await database?.drop();
});

const jobIdOf = (subscriptionId: string, message: StoredEventMessage) => jobCatalogue['deliver-webhook'].jobId({ subscriptionId, message });

/** Resolves with the job's final state: completed (and its result) or failed (and why). */
function settled(jobId: string, timeoutMs = 20_000): Promise<{ state: 'completed'; result: unknown } | { state: 'failed'; reason: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { done(); reject(new Error(`job ${jobId} not settled within ${timeoutMs} ms`)); }, timeoutMs);
    const onCompleted = (e: { jobId: string; returnvalue: unknown }) => { if (e.jobId === jobId) { done(); resolve({ state: 'completed', result: e.returnvalue }); } };
    const onFailed = (e: { jobId: string; failedReason: string }) => { if (e.jobId === jobId) { done(); resolve({ state: 'failed', reason: e.failedReason }); } };
    const done = () => { clearTimeout(timer); events.off('completed', onCompleted); events.off('failed', onFailed); };
    events.on('completed', onCompleted);
    events.on('failed', onFailed);
  });
}

/** A subscription on a ticker of its own, posting to its own path on the receiver. */
async function subscribe(path: string, responder?: Parameters<Receiver['route']>[2], extra: { storedUnchecked?: boolean; url?: string; secrets?: string[] } = {}) {
  const ticker = uniqueTicker();
  const secrets = extra.secrets ?? [generateWebhookSecret()];
  const url = receiver.route(path, secrets.at(-1)!, responder);
  // storedUnchecked: as an older version (or a wider allowlist since narrowed) stored it, past today's creation check.
  const writer = extra.storedUnchecked ? repositories(database.db, { ...testRepositoryOptions, destinations: async () => null }) : repos;
  const subscription = await writer.subscriptions.create({ url: extra.url ?? url, filter: { tickers: [ticker] }, secrets });
  await notifier.cache.refresh();
  return { subscription, ticker };
}

describe('webhook notifier (real Redis, real store, receiver on 127.0.0.1)', () => {
  it('subscriptions filter as the feeds do: actions down, sources, tags, minRelevance (issue #16, item 7)', async () => {
    const ticker = uniqueTicker();
    const secret = generateWebhookSecret();
    const subscription = await repos.subscriptions.create({
      url: receiver.route('/same-filter', secret),
      filter: { tickers: [ticker], actions: ['down'], sources: ['wire-b'], tags: ['miners'], minRelevance: 0.5 },
      secrets: [secret],
    });
    await notifier.cache.refresh();
    const text = `${ticker} fell 5% in early trading.`;
    const fall = (overrides: Partial<StoredEventMessage>) =>
      storedMessage(ticker, {
        type: 'price_move', action: 'down', sourceIds: ['wire-b'], tags: ['miners'], relevance: 0.8,
        event: { type: 'price_move', ticker, company: null, changePct: -5, direction: 'down', reference: null, confidence: 0.9, evidence: { text, start: 0, end: text.length } },
        article: { title: `${ticker} slides`, url: 'https://news.example.com/slide', canonicalUrl: 'https://news.example.com/slide', sourceId: 'wire-b' },
        ...overrides,
      });
    // Each misses one criterion; the last meets them all.
    for (const miss of [{ sourceIds: ['wire-a'] }, { tags: ['other'] }, { relevance: 0.2 }, { relevance: null }, { action: 'up' }]) await publishStoredEvent(redis, prefix, fall(miss));
    const match = fall({});
    const outcome = settled(jobIdOf(subscription.id, match));
    await publishStoredEvent(redis, prefix, match);
    expect(await outcome).toMatchObject({ state: 'completed', result: { status: 'delivered' } });
    const received = receiver.on('/same-filter');
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]!.body)).toMatchObject({
      schema: 'tickerwire.event.v2',
      data: { eventId: match.eventId, title: `${ticker} slides`, url: 'https://news.example.com/slide', source: 'wire-b', relevance: 0.8, headline: `${ticker} falls 5%` },
    });
  });

  it('a receiver failing three times then succeeding gets the event once: four attempts, one webhook-id, every signature valid', async () => {
    // Signed with two secrets while rotating; the receiver still holds only the older one.
    const { subscription, ticker } = await subscribe('/flaky', (_r, n) => (n <= 3 ? { status: 500, body: 'not yet' } : { status: 204 }), { secrets: [generateWebhookSecret(), generateWebhookSecret()] });
    const message = storedMessage(ticker);
    const outcome = settled(jobIdOf(subscription.id, message));
    expect(await publishStoredEvent(redis, prefix, message)).toMatch(/^\d+-\d+$/);

    expect(await outcome).toMatchObject({ state: 'completed', result: { status: 'delivered', attempt: 4 } });
    const requests = receiver.on('/flaky');
    expect(requests).toHaveLength(4);
    expect(requests.every((r) => r.verified)).toBe(true);
    expect(new Set(requests.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(requests.every((r) => (r.headers['webhook-signature'] as string).split(' ').length === 2)).toBe(true);
    expect(JSON.parse(requests[3]!.body)).toMatchObject({ type: 'event.stored', data: { eventId: message.eventId, ticker, event: { to: 12 } } });

    const delivery = await repos.deliveries.get(requests[0]!.headers['webhook-id'] as string);
    expect(delivery).toMatchObject({ status: 'delivered', subscriptionId: subscription.id, eventId: message.eventId });
    expect(delivery!.attempts.map((a) => [a.attempt, a.outcome, a.statusCode])).toEqual([[1, 'failed', 500], [2, 'failed', 500], [3, 'failed', 500], [4, 'delivered', 204]]);
    expect(delivery!.attempts[0]!.error).toContain('not yet');
    const log = await repos.deliveries.log(subscription.id);
    expect(log.items.map((d) => d.id)).toEqual([delivery!.id]);
    notifier.flushCounters();
    const counters = await readCounters(redis, prefix);
    expect(counters['webhook:failed']).toBeGreaterThanOrEqual(3);
    expect(counters['webhook:delivered']).toBeGreaterThanOrEqual(1);
  });

  it('a 410 disables the subscription, with the reason, and is not retried', async () => {
    const { subscription, ticker } = await subscribe('/gone', () => ({ status: 410 }));
    const message = storedMessage(ticker);
    const outcome = settled(jobIdOf(subscription.id, message));
    await publishStoredEvent(redis, prefix, message);

    expect(await outcome).toMatchObject({ state: 'completed', result: { status: 'discarded' } });
    expect(receiver.on('/gone')).toHaveLength(1);
    const stored = await repos.subscriptions.get(subscription.id);
    expect(stored).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('410 Gone') });
    // Dropped from the match table at once, not at the next refresh.
    expect(notifier.cache.matcher().match(storedMessage(ticker))).toEqual([]);
  });

  it('refuses at delivery a stored receiver on a loopback address the operator did not allow (only 127.0.0.1 is), whatever the spelling', async () => {
    const port = receiver.port;
    for (const [path, host] of [['/private-a', '127.0.0.2'], ['/private-b', '[::ffff:127.0.0.2]'], ['/private-c', '2130706434'], ['/private-d', 'localhost']] as const) {
      const { subscription, ticker } = await subscribe(path, undefined, { storedUnchecked: true, url: `http://${host}:${port}${path}` });
      const message = storedMessage(ticker);
      const outcome = settled(jobIdOf(subscription.id, message));
      await publishStoredEvent(redis, prefix, message);
      expect(await outcome).toMatchObject({ state: 'failed', reason: expect.stringContaining('dead letter after attempt 1') });
      const delivery = (await repos.deliveries.listDead(subscription.id)).items[0];
      expect(delivery).toMatchObject({ status: 'dead', attempts: [{ outcome: 'blocked', statusCode: null }] });
      expect(delivery!.lastError).toMatch(/loopback/);
    }
    expect(receiver.on('/private-a')).toHaveLength(0);
    expect(receiver.on('/private-b')).toHaveLength(0);
    expect(receiver.on('/private-c')).toHaveLength(0);
    expect(receiver.on('/private-d')).toHaveLength(0);
  });

  it('waits for Retry-After on a 429 before trying again', async () => {
    const { subscription, ticker } = await subscribe('/throttled', (_r, n) => (n === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 }));
    const message = storedMessage(ticker);
    const outcome = settled(jobIdOf(subscription.id, message));
    await publishStoredEvent(redis, prefix, message);

    expect(await outcome).toMatchObject({ state: 'completed', result: { status: 'delivered', attempt: 2 } });
    const [first, second] = receiver.on('/throttled');
    // The schedule alone would have retried after 0.25 ms.
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(990);
    const delivery = await repos.deliveries.get(first!.headers['webhook-id'] as string);
    expect(delivery!.attempts[0]).toMatchObject({ outcome: 'throttled', statusCode: 429 });
  });

  it('does not follow a redirect: a 3xx is a failed attempt', async () => {
    const target = receiver.route('/redirect-target', generateWebhookSecret());
    const { subscription, ticker } = await subscribe('/redirecting', (_r, n) => (n === 1 ? { status: 307, headers: { location: target } } : { status: 204 }));
    const message = storedMessage(ticker);
    const outcome = settled(jobIdOf(subscription.id, message));
    await publishStoredEvent(redis, prefix, message);

    expect(await outcome).toMatchObject({ state: 'completed', result: { status: 'delivered', attempt: 2 } });
    expect(receiver.on('/redirect-target')).toHaveLength(0);
    const delivery = await repos.deliveries.get(receiver.on('/redirecting')[0]!.headers['webhook-id'] as string);
    expect(delivery!.attempts[0]).toMatchObject({ outcome: 'failed', statusCode: 307, error: expect.stringContaining('redirect not followed') });
  });

  it('a stored secret that cannot sign (whsec_ with no key material) gives a failed delivery record, a dead letter, not a silent throw', async () => {
    const { subscription, ticker } = await subscribe('/unsignable');
    // Written straight to the store: the API refuses such a secret now, but older data may hold one.
    await repos.subscriptions.collection.updateOne({ _id: subscription.id }, { $set: { secrets: ['whsec_================'] } });
    await notifier.cache.refresh();
    const message = storedMessage(ticker);
    const outcome = settled(jobIdOf(subscription.id, message));
    await publishStoredEvent(redis, prefix, message);

    expect(await outcome).toMatchObject({ state: 'failed', reason: expect.stringContaining('cannot sign') });
    expect(receiver.on('/unsignable')).toHaveLength(0);
    const log = await repos.deliveries.log(subscription.id);
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({ status: 'dead', eventId: message.eventId, lastError: expect.stringContaining('cannot sign the webhook: webhook secret has no key material') });
    expect(log.items[0]!.attempts).toMatchObject([{ attempt: 1, outcome: 'failed', statusCode: null }]);
  });

  it('after the last attempt the message is a dead letter; re-driven, it is delivered with the same webhook-id', async () => {
    let healthy = false;
    const { subscription, ticker } = await subscribe('/down', () => (healthy ? { status: 202 } : { status: 503 }));
    const message = storedMessage(ticker);
    const jobId = jobIdOf(subscription.id, message);
    const exhausted = settled(jobId);
    await publishStoredEvent(redis, prefix, message);

    expect(await exhausted).toMatchObject({ state: 'failed', reason: expect.stringContaining('dead letter after attempt 8') });
    expect(receiver.on('/down')).toHaveLength(8);
    const dead = await repos.deliveries.listDead(subscription.id);
    expect(dead.items).toHaveLength(1);
    const deliveryId = dead.items[0]!.id;
    expect(dead.items[0]!.attempts).toHaveLength(8);
    expect((await repos.deliveries.listDead()).items.map((d) => d.id)).toContain(deliveryId);

    healthy = true;
    const redelivered = settled(jobId);
    expect(await redriveDelivery({ deliveries: repos.deliveries, producer: notifier.producer }, deliveryId)).toMatchObject({ status: 'redriven' });
    expect(await redelivered).toMatchObject({ state: 'completed', result: { status: 'delivered', attempt: 1 } });
    const requests = receiver.on('/down');
    expect(requests).toHaveLength(9);
    expect(new Set(requests.map((r) => r.headers['webhook-id']))).toEqual(new Set([deliveryId]));
    expect(await repos.deliveries.get(deliveryId)).toMatchObject({ status: 'delivered', redriveCount: 1, deadAt: null });
    expect((await repos.deliveries.listDead(subscription.id)).items).toEqual([]);
    // Re-driving what is not dead does nothing.
    expect(await redriveDelivery({ deliveries: repos.deliveries, producer: notifier.producer }, deliveryId)).toMatchObject({ status: 'not-dead' });
    expect(await redriveDelivery({ deliveries: repos.deliveries, producer: notifier.producer }, 'msg_unknown')).toEqual({ status: 'not-found' });
  });

  it('delivers a report once, however often it is published or dispatched', async () => {
    const { subscription, ticker } = await subscribe('/once');
    const message = storedMessage(ticker);
    const jobId = jobIdOf(subscription.id, message);
    const first = settled(jobId);
    const streamId = await publishStoredEvent(redis, prefix, message);
    expect(streamId).not.toBeNull();
    expect(await publishStoredEvent(redis, prefix, message)).toBeNull();
    expect(await first).toMatchObject({ state: 'completed', result: { status: 'delivered' } });

    // The same entry handled again while the job is still known to Redis: the add is a no-op.
    await notifier.dispatch({ streamId: streamId!, message });
    // And after the job was removed from Redis: the handler finds the delivery settled.
    await notifier.producer.queue('deliver').remove(jobId);
    const again = settled(jobId);
    await notifier.dispatch({ streamId: streamId!, message });
    expect(await again).toMatchObject({ state: 'completed', result: { status: 'skipped' } });
    expect(receiver.on('/once')).toHaveLength(1);
  });
});

describe('stream entries survive a notifier that dies', () => {
  it('no connection or worker error was reported so far', () => {
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  it('acknowledges and skips an entry that is not a stored-event message, and delivers the next', async () => {
    const otherPrefix = uniquePrefix('alerts-malformed');
    const { subscription, ticker } = await subscribe('/after-malformed');
    const reported: Error[] = [];
    const other = await startNotifier({ redis, prefix: otherPrefix, subscriptions: repos.subscriptions, deliveries: repos.deliveries, options: { ...fast, consumer: 'm' }, onError: (e) => reported.push(e), log: () => {} });
    try {
      await redis.xadd(storedEventsKey(otherPrefix), '*', 'report', 'x', 'data', '{"eventId":');
      const message = storedMessage(ticker);
      await publishStoredEvent(redis, otherPrefix, message);
      await receiver.waitFor('/after-malformed', 1);
      expect(JSON.parse(receiver.on('/after-malformed')[0]!.body).data.eventId).toBe(message.eventId);
      expect(reported.map((e) => e.message)).toEqual([expect.stringMatching(/stream entry .* skipped: data is not JSON/)]);
      expect(receiver.on('/after-malformed')[0]!.path).toBe(new URL(subscription.url).pathname);
    } finally {
      await other.close();
    }
    // Closing finishes the batch in hand, acknowledgements included: nothing is left pending.
    expect(await redis.xpending(storedEventsKey(otherPrefix), 'notifier')).toEqual([0, null, null, null]);
    await deleteKeys(redis, otherPrefix);
  });

  it('entries read but never acknowledged by a dead consumer are claimed and delivered; a restarted notifier resumes where the group stood', async () => {
    const otherPrefix = uniquePrefix('alerts-claim');
    const stream = storedEventsKey(otherPrefix);
    const { ticker } = await subscribe('/claimed');
    const options = { ...fast, group: 'notifier', claimIdleMs: 300 };
    const deps = { redis, prefix: otherPrefix, subscriptions: repos.subscriptions, deliveries: repos.deliveries, onError: (e: Error) => errors.push(e), log: () => {} };
    try {
      await redis.xgroup('CREATE', stream, 'notifier', '$', 'MKSTREAM');
      const lost = [storedMessage(ticker), storedMessage(ticker), storedMessage(ticker)];
      for (const m of lost) await publishStoredEvent(redis, otherPrefix, m);
      // A notifier reads them and dies before acknowledging.
      const read = (await redis.xreadgroup('GROUP', 'notifier', 'crashed', 'COUNT', 10, 'STREAMS', stream, '>')) as [string, unknown[]][];
      expect(read[0]![1]).toHaveLength(3);

      const survivor = await startNotifier({ ...deps, options: { ...options, consumer: 'survivor' } });
      await receiver.waitFor('/claimed', 3);
      await survivor.close();
      const ids = new Set(receiver.on('/claimed').map((r) => JSON.parse(r.body).data.eventId));
      expect(ids).toEqual(new Set(lost.map((m) => m.eventId)));
      expect(await redis.xpending(stream, 'notifier')).toEqual([0, null, null, null]);

      // Stopped; events keep coming; started again: nothing is missed.
      const whileDown = [storedMessage(ticker), storedMessage(ticker)];
      for (const m of whileDown) await publishStoredEvent(redis, otherPrefix, m);
      const restarted = await startNotifier({ ...deps, options: { ...options, consumer: 'restarted' } });
      await receiver.waitFor('/claimed', 5);
      await restarted.close();
      expect(receiver.on('/claimed').map((r) => JSON.parse(r.body).data.eventId).slice(3).sort()).toEqual(whileDown.map((m) => m.eventId).sort());
    } finally {
      await deleteKeys(redis, otherPrefix);
    }
  });

  it('a delivering notifier prunes the delivery log past its retention', async () => {
    const old = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    const attempt = { attempt: 1, at: old, outcome: 'delivered', statusCode: 204, durationMs: 2, error: null, nextAttemptAt: null };
    await repos.deliveries.recordAttempt({ deliveryId: 'msg_prune_old', subscriptionId: 'sub_prune', reportKey: 'prune-old', eventId: 'e', articleId: 'a', message: {}, attempt, status: 'delivered' });
    await repos.deliveries.recordAttempt({ deliveryId: 'msg_prune_dead', subscriptionId: 'sub_prune', reportKey: 'prune-dead', eventId: 'e', articleId: 'a', message: {}, attempt: { ...attempt, outcome: 'failed' }, status: 'dead' });
    const pruner = await startNotifier({
      redis, prefix: uniquePrefix('alerts-prune'), subscriptions: repos.subscriptions, deliveries: repos.deliveries,
      options: { ...fast, consume: false, deliveryRetentionMs: 24 * 3600 * 1000 }, onError: (e) => errors.push(e), log: () => {},
    });
    try {
      for (let i = 0; i < 50 && (await repos.deliveries.get('msg_prune_old')) !== null; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await repos.deliveries.get('msg_prune_old')).toBeNull();
      expect(await repos.deliveries.statusOf('msg_prune_dead')).toBe('dead');
    } finally {
      await pruner.close();
    }
  });
});
