import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { testPrivateNetwork } from '../support/services.ts';
import { startNotifier, type Notifier, type NotifierDeps } from '@tickerwire/alerts';
import { ThrowawayRedis } from '@tickerwire/local-servers';
import { createRedis, publishStoredEvent } from '@tickerwire/queue';
import { StreamPositionsRepository, generateWebhookSecret, type Repositories } from '@tickerwire/store';
import { freshRepositories, uniquePrefix } from '../support/services.ts';
import { Receiver } from './receiver.ts';
import { storedMessage, uniqueTicker } from './messages.ts';

// Redis losing its data (a restart without persistence, a failover, a flush) takes the
// stored-event stream and the notifier's consumer group with it. Webhooks must go on.
let database: Awaited<ReturnType<typeof freshRepositories>>['database'];
let repos: Repositories;
let server: ThrowawayRedis;
let receiver: Receiver;
const connections: Redis[] = [];
const notifiers: Notifier[] = [];
const lines: string[] = [];

beforeAll(async () => {
  ({ database, repos } = await freshRepositories('redis-loss'));
  server = await ThrowawayRedis.start();
  receiver = new Receiver();
  await receiver.start();
});

afterAll(async () => {
  for (const notifier of notifiers) await notifier.close().catch(() => {});
  for (const connection of connections) connection.disconnect();
  await receiver?.close();
  await server?.stop();
  await database?.drop();
});

function connect(): Redis {
  const connection = createRedis(server.url, 'worker', () => {}) as Redis; // a throwaway server, not a cluster
  connections.push(connection);
  return connection;
}

async function notifierFor(prefix: string, consumer: string): Promise<Notifier> {
  const deps: NotifierDeps = {
    redis: connect(),
    prefix,
    subscriptions: repos.subscriptions,
    deliveries: repos.deliveries,
    positions: new StreamPositionsRepository(database.db),
    options: { blockMs: 100, claimIntervalMs: 100, subscriptionRefreshMs: 60_000, consumer, positionSaveMs: 0, sender: { privateNetwork: testPrivateNetwork } },
    onError: () => {},
    log: (line) => lines.push(line),
  };
  const notifier = await startNotifier(deps);
  notifiers.push(notifier);
  return notifier;
}

async function subscribe(path: string) {
  const ticker = uniqueTicker();
  const secret = generateWebhookSecret();
  await repos.subscriptions.create({ url: receiver.route(path, secret), filter: { tickers: [ticker] }, secrets: [secret] });
  return ticker;
}

/** The requests on a path, by the event they carry. */
const eventIdsOn = (path: string) => receiver.on(path).map((r) => (JSON.parse(r.body) as { data: { eventId: string } }).data.eventId);

describe('webhooks after Redis lost its data (private redis-server)', () => {
  it('a running notifier recreates its group and delivers an event stored after Redis came back empty, once', async () => {
    const prefix = uniquePrefix('redis-loss-live');
    const ticker = await subscribe('/live');
    const notifier = await notifierFor(prefix, 'live');
    await notifier.cache.refresh();
    const publisher = connect();

    const before = storedMessage(ticker);
    await publishStoredEvent(publisher, prefix, before);
    await receiver.waitFor('/live', 1);

    await server.restartEmpty();
    lines.length = 0;
    const after = storedMessage(ticker);
    await publishStoredEvent(publisher, prefix, after);
    await receiver.waitFor('/live', 2, 20_000);
    // One more event behind it: once it arrived, a second copy of `after` would have too.
    const last = storedMessage(ticker);
    await publishStoredEvent(publisher, prefix, last);
    await receiver.waitFor('/live', 3, 20_000);

    expect(eventIdsOn('/live')).toEqual([before.eventId, after.eventId, last.eventId]);
    const warnings = lines.filter((l) => l.includes('WARNING') && l.includes(prefix));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/consumer group notifier of .* was gone \(Redis lost its data\?\): created again from \d+-\d+/);
  }, 60_000);

  it('a notifier restarted after Redis came back empty delivers what was stored in between, once', async () => {
    const prefix = uniquePrefix('redis-loss-restart');
    const ticker = await subscribe('/restart');
    const first = await notifierFor(prefix, 'first');
    await first.cache.refresh();
    const publisher = connect();
    const before = storedMessage(ticker);
    await publishStoredEvent(publisher, prefix, before);
    await receiver.waitFor('/restart', 1);
    await first.close();

    await server.restartEmpty();
    // Stored while no notifier runs, on the stream Redis started again.
    const between = storedMessage(ticker);
    await publishStoredEvent(publisher, prefix, between);
    lines.length = 0;
    await notifierFor(prefix, 'second');
    await receiver.waitFor('/restart', 2, 20_000);
    const last = storedMessage(ticker);
    await publishStoredEvent(publisher, prefix, last);
    await receiver.waitFor('/restart', 3, 20_000);

    expect(eventIdsOn('/restart')).toEqual([before.eventId, between.eventId, last.eventId]);
    expect(lines.filter((l) => l.includes('WARNING') && l.includes(prefix))).toEqual([expect.stringMatching(/was missing at start \(Redis lost its data\?\): created again from \d+-\d+, the last acknowledged entry kept in the database/)]);
  }, 60_000);
});
