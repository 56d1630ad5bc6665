// Webhook alerts under a burst: 1,000 stored events published at once (publishStoredEvent),
// matched against 1,000 subscriptions, delivered to a receiver on 127.0.0.1 that verifies
// every signature. Measures, per delivery, the time from publication to the receiver having
// the request, and deliveries per second over the burst; medians over the rounds.
// Needs Redis on 127.0.0.1:6379 (or pass its URL as the first argument); starts a throwaway
// FerretDB. Run: pnpm bench:alerts
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { matchesSubscription, startNotifier, verifyWebhook } from '../packages/alerts/src/index.ts';
import { createRedis, deleteKeysWithPrefix, publishStoredEvent, readCounters, type StoredEventMessage } from '../packages/queue/src/index.ts';
import { SecretKeyring, connectStore, ensureAllIndexes, repositories, type StoredSubscription } from '../packages/store/src/index.ts';
import { PrivateNetworkAllowlist, destinationRefusal } from '../packages/ingest/src/index.ts';
import { defaultCacheDir, startFerretDb } from '../packages/local-servers/src/index.ts';
import { median } from './stats.ts';
import { seededRandom } from '../packages/sample-site/src/random.ts';

const redisUrl = process.argv[2] ?? 'redis://127.0.0.1:6379';
const rounds = 3;
const eventsPerRound = 1_000;
const subscriptionCount = 1_000;
const tickerCount = 500;
const tickersPerSubscription = 3;
const roundTimeoutMs = 60_000;

// Deterministic pseudo-random numbers (the sample site's mulberry32), so every run has the same mix.
const random = seededRandom(7).next;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const tickers = Array.from({ length: tickerCount }, (_, i) => `BX${String(i).padStart(3, '0')}`);

/**
 * The filter mix: every subscription watches 3 of the 500 tickers (a desk's names), and most
 * narrow further — 40% take everything on their tickers, 20% only ratings and targets, 20%
 * only bullish news, 10% only |score| ≥ 0.5, 10% only first reports.
 */
function subscriptionFilter(i: number) {
  const watched = new Set<string>();
  while (watched.size < tickersPerSubscription) watched.add(pick(tickers));
  const base = { tickers: [...watched] };
  const kind = i % 10;
  if (kind < 4) return base;
  if (kind < 6) return { ...base, types: ['price_target', 'analyst_rating'] };
  if (kind < 8) return { ...base, sentiment: ['bullish'] };
  if (kind < 9) return { ...base, minAbsScore: 0.5 };
  return { ...base, novelOnly: true };
}

/** Events: 40% price targets, 40% ratings, 20% price moves; half bullish, 30% bearish; 80% novel. */
function storedEvent(round: number, i: number): StoredEventMessage {
  const ticker = pick(tickers);
  const roll = random();
  const label = roll < 0.5 ? 'bullish' : roll < 0.8 ? 'bearish' : 'neutral';
  const score = Math.round((label === 'bullish' ? random() : label === 'bearish' ? -random() : (random() - 0.5) * 0.2) * 100) / 100;
  const text = `Bench note ${i} on ${ticker}.`;
  const base = { ticker, company: 'Bench Corp', evidence: { text, start: 0, end: text.length }, confidence: 0.9, sentiment: { label, score } } as const;
  const kind = random();
  const event =
    kind < 0.4
      ? { ...base, type: 'price_target' as const, firm: 'Bench Securities', action: score >= 0 ? ('raise' as const) : ('lower' as const), from: 10, to: score >= 0 ? 12 : 8, currency: 'USD', changePct: score >= 0 ? 20 : -20 }
      : kind < 0.8
        ? { ...base, type: 'analyst_rating' as const, firm: 'Bench Securities', analyst: null, action: score >= 0 ? ('upgrade' as const) : ('downgrade' as const), ratingFrom: 'hold', ratingTo: score >= 0 ? 'buy' : 'sell', ratingScore: score >= 0 ? 4 : 1 }
        : { ...base, type: 'price_move' as const, changePct: score * 10, direction: score >= 0 ? ('up' as const) : ('down' as const), reference: null };
  const now = new Date();
  return {
    eventId: `bench-${round}-${i}-${Math.floor(random() * 1e9)}`,
    articleId: `bench-article-${round}-${i}`,
    sourceIds: ['bench'],
    novel: random() < 0.8,
    type: event.type,
    ticker,
    action: event.type === 'price_move' ? event.direction : event.action,
    sentimentLabel: label,
    sentimentScore: score,
    tags: [],
    publishedAt: now,
    firstSeenAt: now,
    reportedAt: now,
    event,
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
}

async function main(): Promise<void> {
  const ferret = await startFerretDb(defaultCacheDir(undefined));
  const store = await connectStore(ferret.uri, 'bench_alerts');
  const redis = createRedis(redisUrl, 'worker', (error) => console.error(`redis: ${error.message}`));
  const prefix = `twbench-alerts-${process.pid}`;
  // The receiver is on 127.0.0.1: allowed; secrets sealed with a key made for the run.
  const privateNetwork = PrivateNetworkAllowlist.parse('127.0.0.1');
  const repos = repositories(store.db, { secretKeys: SecretKeyring.generate('bench'), destinations: (url) => destinationRefusal(url, privateNetwork) });
  await ensureAllIndexes(repos);

  // Receiver: verifies each request with its subscription's secret, notes when it arrived.
  const secretsById = new Map<string, string[]>();
  const published = new Map<string, number>();
  let latencies: number[] = [];
  let received = 0;
  let lastReceivedAt = 0;
  let badSignatures = 0;
  let onReceived: () => void = () => {};
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      const body = Buffer.concat(chunks);
      const subscriptionId = (req.url ?? '').slice(1);
      try {
        verifyWebhook(req.headers, body, secretsById.get(subscriptionId) ?? []);
      } catch {
        badSignatures += 1;
      }
      const eventId = (JSON.parse(body.toString('utf8')) as { data: { eventId: string } }).data.eventId;
      const sentAt = published.get(eventId);
      if (sentAt !== undefined) latencies.push(at - sentAt);
      received += 1;
      lastReceivedAt = at;
      res.writeHead(204).end();
      onReceived();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  let setupMs = performance.now();
  const subscriptions: StoredSubscription[] = [];
  for (let i = 0; i < subscriptionCount; i++) {
    const id = `bench-sub-${String(i).padStart(4, '0')}`;
    const subscription = await repos.subscriptions.create({ id, url: `http://127.0.0.1:${port}/${id}`, filter: subscriptionFilter(i) });
    secretsById.set(id, subscription.secrets);
    subscriptions.push(subscription);
  }
  setupMs = performance.now() - setupMs;

  const notifier = await startNotifier({
    redis,
    prefix,
    subscriptions: repos.subscriptions,
    deliveries: repos.deliveries,
    options: { group: 'bench', consumer: 'bench', blockMs: 100, sender: { privateNetwork } },
    onError: (error) => console.error(`notifier: ${error.message}`),
    log: () => {},
  });

  const results: { p50: number; p99: number; rate: number; deliveries: number; lastEnqueueMs: number }[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const messages = Array.from({ length: eventsPerRound }, (_, i) => storedEvent(round, i));
      const expected = messages.reduce((n, m) => n + subscriptions.filter((s) => matchesSubscription(s.filter, m)).length, 0);
      latencies = [];
      received = 0;
      const done = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`round ${round}: ${received} of ${expected} deliveries within ${roundTimeoutMs} ms`)), roundTimeoutMs);
        onReceived = () => {
          if (received >= expected) {
            clearTimeout(timer);
            resolve();
          }
        };
      });
      const started = performance.now();
      // The burst: every report published as fast as Redis takes them.
      await Promise.all(
        messages.map((m) => {
          published.set(m.eventId, performance.now());
          return publishStoredEvent(redis, prefix, m);
        }),
      );
      const publishedAllMs = performance.now() - started;
      await done;
      const sorted = [...latencies].sort((a, b) => a - b);
      const rate = expected / ((lastReceivedAt - started) / 1000);
      results.push({ p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), rate, deliveries: expected, lastEnqueueMs: publishedAllMs });
      console.log(
        `round ${round + 1}: ${eventsPerRound} events → ${expected} deliveries (${(expected / eventsPerRound).toFixed(1)} per event); ` +
          `published in ${publishedAllMs.toFixed(0)} ms; p50 ${(percentile(sorted, 0.5) / 1000).toFixed(2)} s, p99 ${(percentile(sorted, 0.99) / 1000).toFixed(2)} s; ${rate.toFixed(0)} deliveries/s`,
      );
    }
  } finally {
    await notifier.close();
    const counters = await readCounters(redis, prefix);
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
    server.closeAllConnections();
    server.close();
    await store.close();
    await ferret.stop();
    console.log(`counters: ${JSON.stringify(Object.fromEntries(Object.entries(counters).filter(([k]) => k.startsWith('webhook:') || k.includes('deliver'))))}`);
  }

  console.log(
    `\nalerts bench (${subscriptionCount} subscriptions on ${tickerCount} tickers, ${tickersPerSubscription} each; ${eventsPerRound} events per round; ` +
      `${rounds} rounds; setup ${(setupMs / 1000).toFixed(1)} s; bad signatures ${badSignatures})`,
  );
  console.log(`  deliveries per round        median ${median(results.map((r) => r.deliveries)).toFixed(0)}`);
  console.log(`  publication → received p50  median ${(median(results.map((r) => r.p50)) / 1000).toFixed(2)} s`);
  console.log(`  publication → received p99  median ${(median(results.map((r) => r.p99)) / 1000).toFixed(2)} s`);
  console.log(`  deliveries per second       median ${median(results.map((r) => r.rate)).toFixed(0)}`);
  console.log(
    '  Latency under a burst is queueing: the whole burst is enqueued within ~0.1 s and drains at the delivery rate, so p50 is about\n' +
      '  half the drain time and p99 nearly all of it. The rate is bounded by CPU on this 2-core machine: one Node process does the\n' +
      '  matching, ~30 Redis commands of BullMQ per delivery, the HTTP POST and (here) the receiver verifying every signature; the\n' +
      '  delivery log on FerretDB is written in group commits (without them it capped the rate near 350/s).',
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
