/**
 * pnpm bench:pipeline — 5,000 articles from the project's own templates through every stage:
 * the sample site's feeds on 127.0.0.1 → scheduler → fetcher → analyzer → writer → MongoDB
 * (FerretDB here) and the stored-event stream, on a throwaway redis-server of our own (so its
 * command count is ours alone). Prints end-to-end articles/s, p50/p99 latency from enqueue
 * to stored, Redis commands per article, the Redis memory held once the run is drained (less
 * the stored-event stream, which is bounded by its retention) per stored story, and where the
 * time goes per stage.
 *
 *   node bench/pipeline.ts [--articles 5000] [--rounds 3] [--analyzers N]   (N extra analyzer processes)
 *
 * Each round starts fresh throwaway servers (empty collections); the figures are medians.
 */
import { parseArgs } from 'node:util';
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { Source } from '../packages/core/src/index.ts';
import { ThrowawayRedis, defaultCacheDir, provideMongo } from '../packages/local-servers/src/index.ts';
import { pipelineIdle, queueDepths, startPipeline, stages, type Stage } from '../packages/pipeline/src/index.ts';
import { createRedis, readCounters, storedEventsKey, type AnalysedArticle } from '../packages/queue/src/index.ts';
import { generateArticles, startSampleSite } from '../packages/sample-site/src/index.ts';
import { connectStore, ensureAllIndexes, repositories } from '../packages/store/src/index.ts';
import { PrivateNetworkAllowlist, destinationRefusal } from '../packages/ingest/src/index.ts';
import { median } from './stats.ts';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '5000' }, analyzers: { type: 'string', default: '0' }, rounds: { type: 'string', default: '3' } } });
const count = Number(values.articles);
const extraAnalyzers = Number(values.analyzers);
const rounds = Number(values.rounds);
const prefix = 'bench';
const giveUpMs = 600_000;

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

interface StageRow {
  queue: string;
  jobs: number;
  busyMs: number;
  utilisation: number;
  maxWaiting: number;
}

interface Round {
  elapsedMs: number;
  /** Articles through the writer (all of them, unless the round gave up). */
  done: number;
  gaveUp: boolean;
  rate: number;
  p50Ms: number;
  p99Ms: number;
  commandsPerArticle: number;
  /** Redis memory held after the drained run (every key but the stored-event stream), per stored story. */
  bytesPerStory: number;
  streamBytes: number;
  counters: Record<string, number>;
  stages: StageRow[];
}

/** One run of `count` articles on fresh throwaway servers, so every round starts from empty collections. */
async function runRound(): Promise<Round> {
  const redisServer = await ThrowawayRedis.start();
  const mongo = await provideMongo(undefined, defaultCacheDir(process.env.XDG_CACHE_HOME));
  const store = await connectStore(mongo.uri, 'bench');
  // The sample site is on 127.0.0.1: allowed, as the quick start does.
  const privateNetwork = PrivateNetworkAllowlist.parse('127.0.0.1');
  const repos = repositories(store.db, { destinations: (url) => destinationRefusal(url, privateNetwork) });
  await ensureAllIndexes(repos);
  const site = await startSampleSite({ articles: generateArticles(count, 5000) });
  // The feeds as sources; full-text page fetches are measured by bench:ingest, so feeds only here.
  await repos.sources.seed(site.sources.filter((s) => s.kind === 'feed').map((s) => Source.parse({ ...s, fetchFullText: false })));

  const children: ChildProcess[] = [];
  for (let i = 0; i < extraAnalyzers; i++) {
    children.push(
      fork('services/analyzer/src/main.ts', [], {
        env: { ...process.env, REDIS_URL: redisServer.url, MONGODB_URI: mongo.uri, MONGODB_DB: 'bench', TICKERWIRE_PREFIX: prefix },
        stdio: 'ignore',
      }),
    );
  }

  const redis = createRedis(redisServer.url, 'producer', () => {});
  const commandsAt = async () => Number(/total_commands_processed:(\d+)/.exec(await redis.info('stats'))?.[1] ?? 0);
  const commandsBefore = await commandsAt();
  const started = Date.now();
  const pipeline = await startPipeline(
    {
      redisUrl: redisServer.url,
      prefix,
      db: store.db,
      log: (line) => console.error(`  ${line}`),
      fetcher: { politenessDelayMs: 0, maxConcurrentPerHost: 8, privateNetwork },
      pageThreads: 0,
      maxItemsPerPoll: count,
    },
    stages as readonly Stage[],
  );
  // Latency per article: first seen (stamped just before its analyze job is queued) to the
  // moment its store job finished (finished jobs are not kept: heard here as they finish).
  const latencies: number[] = [];
  for (const worker of pipeline.workers.filter((w) => w.name === 'store')) {
    worker.on('completed', (job) => {
      for (const article of (job.data as { articles: AnalysedArticle[] }).articles) latencies.push((job.finishedOn ?? Date.now()) - new Date(article.firstSeenAt).getTime());
    });
  }

  // Sample the queues while the run goes: the stage whose queue backs up is the bottleneck.
  const maxWaiting: Record<string, number> = {};
  let stored = 0;
  let gaveUp = false;
  let lastReport = Date.now();
  const queues = (q: Parameters<typeof pipeline.producer.queue>[0]) => pipeline.producer.queue(q);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    for (const d of await queueDepths(queues)) maxWaiting[d.queue] = Math.max(maxWaiting[d.queue] ?? 0, d.waiting);
    const c = await readCounters(redis, prefix);
    stored = c['items:store:stored'] ?? 0;
    // Every article through the writer: stored as a story, or recognised as a copy of one.
    const written = stored + (c['items:store:added_source'] ?? 0) + (c['items:store:already_stored'] ?? 0);
    if (Date.now() - lastReport > 5000) {
      lastReport = Date.now();
      console.error(`  … ${stored} stored after ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    if (written >= count && (await pipelineIdle(queues))) break;
    // Give up, but still report and stop the throwaway servers.
    if (Date.now() - started > giveUpMs) {
      gaveUp = true;
      break;
    }
  }
  const elapsedMs = Date.now() - started;
  const commands = (await commandsAt()) - commandsBefore;
  const counters = await readCounters(redis, prefix);

  latencies.sort((a, b) => a - b);

  const stageRow = (queue: string, concurrency: number): StageRow => {
    const busyMs = counters[`job_ms_sum:${queue}`] ?? 0;
    const jobs = counters[`jobs_completed:${queue}`] ?? 0;
    return { queue, jobs, busyMs, utilisation: busyMs / (elapsedMs * concurrency), maxWaiting: maxWaiting[queue] ?? 0 };
  };
  const done = gaveUp ? stored : count;

  await pipeline.close();
  // What Redis still holds once everything is stored and the workers are gone: every key's
  // own memory (MEMORY USAGE), the stored-event stream apart.
  const stream = storedEventsKey(prefix);
  let heldBytes = 0;
  let streamBytes = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const bytes = Number((await redis.memory('USAGE', key, 'SAMPLES', '0')) ?? 0);
      if (key === stream) streamBytes += bytes;
      else heldBytes += bytes;
    }
  } while (cursor !== '0');
  const storedStories = counters['items:store:stored'] ?? 0;
  for (const child of children) child.kill('SIGTERM');
  redis.disconnect();
  await site.close();
  await store.close();
  await mongo.stop();
  await redisServer.stop();
  return {
    elapsedMs,
    done,
    gaveUp,
    rate: (done * 1000) / elapsedMs,
    p50Ms: median(latencies),
    p99Ms: percentile(latencies, 99),
    commandsPerArticle: commands / done,
    bytesPerStory: heldBytes / Math.max(1, storedStories),
    streamBytes,
    counters,
    stages: [stageRow('fetch', 8), stageRow('analyze', 2 + extraAnalyzers * 2), stageRow('store', 1)],
  };
}

const results: Round[] = [];
for (let round = 1; round <= rounds; round++) {
  const r = await runRound();
  results.push(r);
  const c = r.counters;
  console.log(
    `round ${round}: ${Math.round(r.rate)} articles/s; ${c['items:store:stored'] ?? 0} stories (${c['items:store:added_source'] ?? 0} copies), ${c['events:stored'] ?? 0} events, ` +
      `${c['events:announced'] ?? 0} reports announced in ${(r.elapsedMs / 1000).toFixed(1)} s; p50 ${(r.p50Ms / 1000).toFixed(2)} s, p99 ${(r.p99Ms / 1000).toFixed(2)} s` +
      (r.gaveUp ? `; gave up after ${(giveUpMs / 1000).toFixed(0)} s with ${r.done} of ${count} stored` : ''),
  );
  if (r.gaveUp) break;
}

const mid = (pick: (r: Round) => number) => median(results.map(pick));
const rate = mid((r) => r.rate);
console.log(`bench:pipeline — ${count} sample articles per round, 3 feeds on 127.0.0.1, medians of ${results.length} rounds on fresh servers, Node ${process.version}, ${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(2)}`);
console.log(`  ${Math.round(rate)} articles/s end to end (target >= 500: ${rate >= 500 ? 'met' : 'NOT met'}; rounds ${results.map((r) => Math.round(r.rate)).join(', ')})`);
console.log(`  latency first seen → stored: p50 ${(mid((r) => r.p50Ms) / 1000).toFixed(2)} s, p99 ${(mid((r) => r.p99Ms) / 1000).toFixed(2)} s`);
console.log(`  Redis: ${mid((r) => r.commandsPerArticle).toFixed(1)} commands per article`);
const bytes = mid((r) => r.bytesPerStory);
console.log(
  `  Redis memory held after the drained run, stored-event stream excluded: ${bytes.toFixed(1)} bytes per stored story (target <= 64: ${bytes <= 64 ? 'met' : 'NOT met'}; ` +
    `rounds ${results.map((r) => r.bytesPerStory.toFixed(1)).join(', ')}); the stream: ${(mid((r) => r.streamBytes) / 1024).toFixed(0)} KiB, bounded by its retention`,
);
console.log(`  per stage (time inside jobs; utilisation = busy / (wall × concurrency); medians):`);
for (const queue of ['fetch', 'analyze', 'store']) {
  const row = (r: Round) => r.stages.find((s) => s.queue === queue)!;
  console.log(
    `    ${queue.padEnd(8)} ${String(mid((r) => row(r).jobs)).padStart(5)} jobs  ${(mid((r) => row(r).busyMs) / 1000).toFixed(1).padStart(6)} s busy  ` +
      `${(mid((r) => row(r).utilisation) * 100).toFixed(0).padStart(4)}%  max ${mid((r) => row(r).maxWaiting)} waiting`,
  );
}
const busiest = (r: Round) => r.stages.reduce((a, b) => (b.busyMs > a.busyMs ? b : a)).queue;
console.log(`  bottleneck: ${results.map(busiest).join(', ')} (most time inside jobs, per round)`);
if (results.some((r) => r.gaveUp)) process.exitCode = 1;
