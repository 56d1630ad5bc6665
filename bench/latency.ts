/**
 * pnpm bench:latency — how long a stored article takes to reach a webhook, at a steady rate.
 *
 * Articles from the project's templates appear on three feeds on 127.0.0.1 at `--rate` per
 * second for `--seconds`; each feed is polled every `--poll-ms` (polls asked for by hand: the
 * scheduler's shortest interval is 10 s). The stages run as a deployment runs them: one process
 * with the fetcher, analyzer and writer (`startPipeline`, as bench:pipeline), and the notifier
 * as its own service (services/notifier, default settings). One subscription takes every
 * report; the receiver here verifies every signature. Printed per run and as medians:
 *   stored → received   the report's entry on the stored-event stream (written right after
 *                       MongoDB) to the receiver holding the request: the notifier's share;
 *   fetched → received  the reporting article's first sighting (its firstSeenAt, the report's
 *                       reportedAt) to the receiver: fetch
 *                       excluded, analysis, storing and notifying included;
 * and how many articles were published, reports announced, webhooks received.
 *
 *   node bench/latency.ts [--rate 100] [--seconds 60] [--runs 3] [--poll-ms 1000] [--redis redis://127.0.0.1:6379]
 *
 * Redis: the shared server with a key prefix of its own (deleted afterwards); MongoDB: a
 * throwaway FerretDB per run (or MONGODB_URI). Clocks: every process reads the same wall clock.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Source } from '../packages/core/src/index.ts';
import { verifyWebhook } from '../packages/alerts/src/index.ts';
import { PrivateNetworkAllowlist, destinationRefusal } from '../packages/ingest/src/index.ts';
import { defaultCacheDir, provideMongo } from '../packages/local-servers/src/index.ts';
import { startPipeline, type Stage } from '../packages/pipeline/src/index.ts';
import { JobProducer, createRedis, deleteKeysWithPrefix, parseStreamEntry, readCounters, reportKeyOf, storedEventsKey } from '../packages/queue/src/index.ts';
import { feedNames, generateArticles, sampleSources, type FeedName, type SampleArticle } from '../packages/sample-site/src/index.ts';
import { feedContentTypes, feedPaths, renderFeed } from '../packages/sample-site/src/feeds.ts';
import { SecretKeyring, connectStore, ensureAllIndexes, generateWebhookSecret, repositories } from '../packages/store/src/index.ts';
import { median } from './stats.ts';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '60' },
    runs: { type: 'string', default: '3' },
    'poll-ms': { type: 'string', default: '1000' },
    redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
    // Internal: the pipeline child process (`--role pipeline`), started by the bench itself.
    role: { type: 'string' },
  },
});
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const runs = Number(values.runs);
const pollMs = Number(values['poll-ms']);
const redisUrl = values.redis!;
for (const [flag, value] of [['rate', rate], ['seconds', seconds], ['runs', runs], ['poll-ms', pollMs]] as const) {
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${flag} must be a positive number`);
}
/** After the last article is published, how long stragglers may take before the run is cut. */
const drainMs = 60_000;
/** Newest items each feed lists, as a real feed keeps only its latest: enough for several polls' worth. */
const feedWindow = 200;
const privateNetworkSetting = '127.0.0.1';

if (values.role === 'pipeline') await runPipelineChild();
else await main();

/** The child: fetcher, analyzer and writer in one process, as bench:pipeline runs them. */
async function runPipelineChild(): Promise<void> {
  const env = process.env as Record<string, string>;
  const store = await connectStore(env.MONGODB_URI!, env.MONGODB_DB!);
  const pipeline = await startPipeline(
    {
      redisUrl: env.REDIS_URL!,
      prefix: env.TICKERWIRE_PREFIX!,
      db: store.db,
      log: (line) => console.error(`  pipeline: ${line}`),
      fetcher: { politenessDelayMs: 0, maxConcurrentPerHost: 8, privateNetwork: PrivateNetworkAllowlist.parse(privateNetworkSetting) },
      pageThreads: 0,
    },
    ['fetcher', 'analyzer', 'writer'] satisfies Stage[],
  );
  process.send?.('ready');
  process.once('SIGTERM', () => {
    void pipeline.close().then(() => store.close()).then(() => process.exit(0));
  });
}

/** Three feeds listing the newest articles published so far; articles are published by the run. */
async function startFeeds(): Promise<{ origin: string; publish(article: SampleArticle, feed: FeedName): void; server: Server }> {
  const listed = new Map<FeedName, SampleArticle[]>(feedNames.map((f) => [f, []]));
  const rendered = new Map<FeedName, Buffer>();
  let origin = '';
  const server = createServer((req, res) => {
    const feed = feedNames.find((name) => feedPaths[name] === req.url);
    if (!feed) return void res.writeHead(404).end();
    let body = rendered.get(feed);
    if (!body) {
      body = Buffer.from(renderFeed[feed]({ origin, articles: listed.get(feed)!, updated: new Date() }));
      rendered.set(feed, body);
    }
    res.writeHead(200, { 'Content-Type': feedContentTypes[feed], 'Content-Length': body.byteLength }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    server,
    publish(article, feed) {
      const list = listed.get(feed)!;
      list.unshift(article);
      if (list.length > feedWindow) list.length = feedWindow;
      rendered.delete(feed);
    },
  };
}

interface Received {
  report: string;
  at: number;
}

interface Run {
  published: number;
  stored: number;
  /** Articles stored, as a story or as a copy of a stored story (an article fetched twice counts once). */
  written: number;
  announced: number;
  /** Reports received more than once. */
  duplicates: number;
  /** Per queue: jobs completed and the mean time inside one. */
  stages: string;
  /** The notifier's share in three parts (p50/p99 of the deliver jobs still kept). */
  segments: string;
  /** p99 stored → received of the reports stored in each 10 s of the run. */
  windows: string;
  received: number;
  badSignatures: number;
  /** Received but not on the stream (should be none). */
  unknown: number;
  storedToReceived: number[];
  fetchedToReceived: number[];
}

async function runOnce(run: number): Promise<Run> {
  const prefix = `twbench-latency-${process.pid}-${run}`;
  const mongo = await provideMongo(process.env.MONGODB_URI || undefined, defaultCacheDir(process.env.XDG_CACHE_HOME));
  const database = `bench_latency_${process.pid}_${run}`;
  const store = await connectStore(mongo.uri, database);
  const keysSetting = `bench:${randomBytes(32).toString('base64')}`;
  const privateNetwork = PrivateNetworkAllowlist.parse(privateNetworkSetting);
  const repos = repositories(store.db, { secretKeys: SecretKeyring.parse(keysSetting), destinations: (url) => destinationRefusal(url, privateNetwork) });
  await ensureAllIndexes(repos);

  const feeds = await startFeeds();
  const sources = sampleSources(feeds.origin, undefined)
    .filter((s) => s.kind === 'feed')
    .map((s) => Source.parse({ ...s, fetchFullText: false }));
  await repos.sources.seed(sources);

  // The receiver: verifies each request, notes which report arrived when.
  const secret = generateWebhookSecret();
  const received: Received[] = [];
  let badSignatures = 0;
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      const body = Buffer.concat(chunks);
      try {
        verifyWebhook(req.headers, body, secret);
        const { data } = JSON.parse(body.toString('utf8')) as { data: { eventId: string; articleId: string } };
        received.push({ report: reportKeyOf(data), at });
      } catch {
        badSignatures += 1;
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  await repos.subscriptions.create({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/all`, filter: {}, secrets: [secret] });

  const env = {
    ...process.env,
    REDIS_URL: redisUrl,
    MONGODB_URI: mongo.uri,
    MONGODB_DB: database,
    TICKERWIRE_PREFIX: prefix,
    TICKERWIRE_SECRET_KEYS: keysSetting,
    TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST: privateNetworkSetting,
  };
  const redis = createRedis(redisUrl, 'producer', (error) => console.error(`  redis: ${error.message}`));
  const stream = storedEventsKey(prefix);
  const pipelineChild = fork(import.meta.filename, ['--role', 'pipeline'], { env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const notifierChild = fork('services/notifier/src/main.ts', [], { env: { ...env, NOTIFIER_START: '0' }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const children = [pipelineChild, notifierChild];
  for (const child of children) child.stderr!.on('data', (chunk: Buffer) => /error/i.test(chunk.toString('utf8')) && process.stderr.write(chunk));
  // Ready: the pipeline says so; the notifier once its consumer group is on the stream.
  await new Promise<void>((resolve, reject) => {
    for (const child of children) child.once('exit', (code) => reject(new Error(`a bench process exited at start (${code})`)));
    const pipelineReady = new Promise<void>((ok) => pipelineChild.on('message', (m) => m === 'ready' && ok()));
    const notifierReady = (async () => {
      while (!(await redis.exists(stream)) || !((await redis.xinfo('GROUPS', stream)) as unknown[]).length) await new Promise((r) => setTimeout(r, 100));
    })();
    Promise.all([pipelineReady, notifierReady]).then(() => resolve(), reject);
  });

  const producer = new JobProducer({ connection: redis, prefix, onError: (error) => console.error(`  queue: ${error.message}`) });

  // Publish at a steady rate (on a schedule, not by sleeping per article, so delays do not add up).
  const count = Math.round(rate * seconds);
  const articles = generateArticles(count, 7000 + run);
  const t0 = Date.now();
  let published = 0;
  let tick = 0;
  const publisher = setInterval(() => {
    const due = Math.min(count, Math.floor(((Date.now() - t0) * rate) / 1000));
    for (; published < due; published++) feeds.publish(articles[published]!, feedNames[published % feedNames.length]!);
  }, 10);
  const poller = setInterval(() => {
    tick += 1;
    for (const source of sources) producer.add('fetch-source', { sourceId: source.id, slot: `bench-${tick}` }).catch((error: Error) => console.error(`  poll: ${error.message}`));
  }, pollMs);

  let lastCount = -1;
  let quietSince = Date.now();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const elapsed = Date.now() - t0;
    if (elapsed % 10_000 < 1000) console.error(`  … ${(elapsed / 1000).toFixed(0)} s: ${published} published, ${received.length} webhooks received`);
    if (published < count) continue;
    // All published: stop when every announced report arrived, or nothing moved for a while.
    // Every article through the writer (stored, or recognised as a copy), every report announced received.
    const c = await readCounters(redis, prefix);
    const written = (c['items:store:stored'] ?? 0) + (c['items:store:added_source'] ?? 0);
    const announced = await redis.xlen(stream);
    if (received.length !== lastCount) {
      lastCount = received.length;
      quietSince = Date.now();
    }
    if (written >= count && received.length >= announced && Date.now() - quietSince > 2000) break;
    if (Date.now() - quietSince > 15_000 || elapsed > seconds * 1000 + drainMs) break;
  }
  clearInterval(publisher);
  clearInterval(poller);
  // What arrived by now is the run's; anything later (while the processes stop) is not counted.
  const receivedInRun = [...received];

  // Stored time of each report: its stream entry's id is the moment it was announced.
  const announcedAt = new Map<string, { stored: number; fetched: number }>();
  let from = '-';
  for (;;) {
    const entries = (await redis.xrange(stream, from, '+', 'COUNT', 1000)) as [string, string[]][];
    for (const entry of entries) {
      const parsed = parseStreamEntry(entry);
      if ('message' in parsed) announcedAt.set(reportKeyOf(parsed.message), { stored: Number(parsed.streamId.split('-')[0]), fetched: parsed.message.reportedAt.getTime() });
    }
    if (entries.length < 1000) break;
    from = `(${entries.at(-1)![0]}`;
  }
  const counters = await readCounters(redis, prefix);
  // Where the notifier's share goes, from the deliver jobs Redis still keeps (the last 1,000):
  // stored → job added (reading the stream, matching), added → started (waiting in the queue),
  // started → received (claiming in MongoDB, signing, sending).
  const receivedAt = new Map(receivedInRun.map((r) => [r.report, r.at]));
  const segments = { toQueued: [] as number[], queued: [] as number[], toReceived: [] as number[] };
  for (const job of await producer.queue('deliver').getCompleted(0, 999)) {
    const report = reportKeyOf((job.data as { message: { eventId: string; articleId: string } }).message);
    const stored = announcedAt.get(report)?.stored;
    const at = receivedAt.get(report);
    if (stored === undefined || at === undefined || job.processedOn === undefined) continue;
    segments.toQueued.push(job.timestamp - stored);
    segments.queued.push(job.processedOn - job.timestamp);
    segments.toReceived.push(at - job.processedOn);
  }
  const storedToReceived: number[] = [];
  const fetchedToReceived: number[] = [];
  // stored → received by the 10 s of the run the report was stored in: a warm-up or a
  // periodic stall shows as one slow window, a steady cost in all of them.
  const byWindow: number[][] = [];
  let unknown = 0;
  for (const r of receivedInRun) {
    const known = announcedAt.get(r.report);
    if (!known) {
      unknown += 1;
      continue;
    }
    storedToReceived.push(r.at - known.stored);
    fetchedToReceived.push(r.at - known.fetched);
    (byWindow[Math.max(0, Math.floor((known.stored - t0) / 10_000))] ??= []).push(r.at - known.stored);
  }

  for (const child of children) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  await producer.close();
  await deleteKeysWithPrefix(redis, prefix);
  redis.disconnect();
  await new Promise((resolve) => receiver.close(resolve));
  feeds.server.closeAllConnections();
  await new Promise((resolve) => feeds.server.close(resolve));
  await store.db.dropDatabase();
  await store.close();
  await mongo.stop();
  return {
    published,
    stored: counters['items:store:stored'] ?? 0,
    written: (counters['items:store:stored'] ?? 0) + (counters['items:store:added_source'] ?? 0),
    windows: [...byWindow].map((ms) => (ms ? percentile(ms.sort((a, b) => a - b), 99) : '-')).join(', '),
    segments: Object.entries(segments)
      .map(([name, ms]) => `${name} p50 ${percentile(ms.sort((a, b) => a - b), 50)} p99 ${percentile(ms, 99)} ms`)
      .join(', '),
    duplicates: receivedInRun.length - new Set(receivedInRun.map((r) => r.report)).size,
    stages: ['fetch', 'analyze', 'store', 'deliver']
      .map((q) => `${q} ${counters[`jobs_completed:${q}`] ?? 0} jobs × ${((counters[`job_ms_sum:${q}`] ?? 0) / Math.max(1, counters[`jobs_completed:${q}`] ?? 0)).toFixed(0)} ms`)
      .join(', '),
    announced: announcedAt.size,
    received: receivedInRun.length,
    badSignatures,
    unknown,
    storedToReceived: storedToReceived.sort((a, b) => a - b),
    fetchedToReceived: fetchedToReceived.sort((a, b) => a - b),
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const results: Run[] = [];
  const loads: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const r = await runOnce(run);
    results.push(r);
    loads.push(loadavg()[0]!);
    console.log(
      `run ${run}: ${r.published} articles published, ${r.written} stored (${r.stored} as new stories, the rest copies), ${r.announced} reports announced, ${r.received} webhooks received` +
        `${r.duplicates ? ` (${r.duplicates} TWICE)` : ''}${r.badSignatures ? `, ${r.badSignatures} BAD SIGNATURES` : ''}${r.unknown ? `, ${r.unknown} not on the stream` : ''}; ` +
        `stored → received p50 ${percentile(r.storedToReceived, 50)} ms p99 ${percentile(r.storedToReceived, 99)} ms; ` +
        `fetched → received p50 ${percentile(r.fetchedToReceived, 50)} ms p99 ${percentile(r.fetchedToReceived, 99)} ms; load ${loads.at(-1)!.toFixed(2)}`,
    );
    console.log(`  stages: ${r.stages}`);
    console.log(`  notifier (last 1,000 deliveries): ${r.segments}`);
    console.log(`  p99 stored → received per 10 s of the run: ${r.windows} ms`);
  }
  const mid = (pick: (r: Run) => number) => median(results.map(pick));
  const p99Stored = mid((r) => percentile(r.storedToReceived, 99));
  console.log(`bench:latency — ${rate} articles/s for ${seconds} s, feeds polled every ${pollMs} ms, medians of ${runs} runs, Node ${process.version}, ${availableParallelism()} cores, load ${loads.map((l) => l.toFixed(2)).join(', ')}`);
  console.log(`  stored → received:  p50 ${mid((r) => percentile(r.storedToReceived, 50))} ms, p99 ${p99Stored} ms (target p99 <= 500 ms: ${p99Stored <= 500 ? 'met' : 'NOT met'})`);
  console.log(`  fetched → received: p50 ${mid((r) => percentile(r.fetchedToReceived, 50))} ms, p99 ${mid((r) => percentile(r.fetchedToReceived, 99))} ms`);
  console.log(`  received ${mid((r) => r.received)} of ${mid((r) => r.announced)} reports announced, from ${mid((r) => r.published)} articles published`);
  if (results.some((r) => r.badSignatures > 0 || r.duplicates > 0 || r.received < r.announced || r.written < r.published)) process.exitCode = 1;
}
