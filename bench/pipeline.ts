/**
 * pnpm bench:pipeline — 5,000 articles from the project's own templates through every stage:
 * the sample site's feeds on 127.0.0.1 → scheduler → fetcher → analyzer → writer → MongoDB
 * (FerretDB here) and the stored-event stream, on a throwaway redis-server of our own (so its
 * command count is ours alone). Prints end-to-end articles/s, p50/p99 latency from enqueue
 * to stored, Redis commands per article and where the time goes per stage.
 *
 *   node bench/pipeline.ts [--articles 5000] [--analyzers N]   (N extra analyzer processes)
 */
import { parseArgs } from 'node:util';
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { Source } from '../packages/core/src/index.ts';
import { ThrowawayRedis, defaultCacheDir, provideMongo } from '../packages/local-servers/src/index.ts';
import { pipelineIdle, queueDepths, startPipeline, stages, type Stage } from '../packages/pipeline/src/index.ts';
import { createRedis, readCounters, type AnalysedArticle } from '../packages/queue/src/index.ts';
import { generateArticles, startSampleSite } from '../packages/sample-site/src/index.ts';
import { connectStore, ensureAllIndexes, repositories } from '../packages/store/src/index.ts';
import { median } from './stats.ts';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '5000' }, analyzers: { type: 'string', default: '0' } } });
const count = Number(values.articles);
const extraAnalyzers = Number(values.analyzers);
const prefix = 'bench';

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const redisServer = await ThrowawayRedis.start();
const mongo = await provideMongo(undefined, defaultCacheDir(process.env.XDG_CACHE_HOME));
const store = await connectStore(mongo.uri, 'bench');
const repos = repositories(store.db);
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
    fetcher: { politenessDelayMs: 0, maxConcurrentPerHost: 8 },
    pageThreads: 0,
    maxItemsPerPoll: count,
  },
  stages as readonly Stage[],
);

// Sample the queues while the run goes: the stage whose queue backs up is the bottleneck.
const maxWaiting: Record<string, number> = {};
let stored = 0;
let gaveUp = false;
let lastReport = Date.now();
for (;;) {
  await new Promise((resolve) => setTimeout(resolve, 250));
  const queues = (q: Parameters<typeof pipeline.producer.queue>[0]) => pipeline.producer.queue(q);
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
  if (Date.now() - started > 600_000) {
    gaveUp = true;
    break;
  }
}
const elapsedMs = Date.now() - started;
const commands = (await commandsAt()) - commandsBefore;
const counters = await readCounters(redis, prefix);

// Latency per article: first seen (stamped just before its analyze job is queued) to the
// moment its store job finished.
const latencies: number[] = [];
for (const job of await pipeline.producer.queue('store').getCompleted(0, -1)) {
  for (const article of (job.data as { articles: AnalysedArticle[] }).articles) latencies.push(job.finishedOn! - new Date(article.firstSeenAt).getTime());
}
latencies.sort((a, b) => a - b);

const stageRow = (queue: string, concurrency: number) => {
  const busyMs = counters[`job_ms_sum:${queue}`] ?? 0;
  const jobs = counters[`jobs_completed:${queue}`] ?? 0;
  return { queue, jobs, busyMs, utilisation: busyMs / (elapsedMs * concurrency), maxWaiting: maxWaiting[queue] ?? 0 };
};
const rows = [stageRow('fetch', 8), stageRow('analyze', 2 + extraAnalyzers * 2), stageRow('store', 1)];
const bottleneck = rows.reduce((a, b) => (b.busyMs > a.busyMs ? b : a));

console.log(`bench:pipeline — ${count} sample articles, ${site.sources.filter((s) => s.kind === 'feed').length} feeds on 127.0.0.1, Node ${process.version}, ${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(2)}`);
console.log(`  stored ${stored} stories (${counters['items:store:added_source'] ?? 0} articles recognised as copies of them), ${counters['events:stored'] ?? 0} events (${counters['events:announced'] ?? 0} reports announced) in ${(elapsedMs / 1000).toFixed(1)} s`);
if (gaveUp) console.log(`  gave up after ${(elapsedMs / 1000).toFixed(0)} s with ${stored} of ${count} stored; the figures below are for what was done`);
const done = gaveUp ? stored : count;
console.log(`  ${Math.round((done * 1000) / elapsedMs)} articles/s end to end (target >= 500: ${(done * 1000) / elapsedMs >= 500 ? 'met' : 'NOT met'})`);
console.log(`  latency first seen → stored: p50 ${(median(latencies) / 1000).toFixed(2)} s, p99 ${(percentile(latencies, 99) / 1000).toFixed(2)} s (${latencies.length} articles)`);
console.log(`  Redis: ${(commands / done).toFixed(1)} commands per article (${commands} in all)`);
console.log(`  per stage (time inside jobs; utilisation = busy / (wall × concurrency)):`);
for (const r of rows) {
  console.log(`    ${r.queue.padEnd(8)} ${String(r.jobs).padStart(5)} jobs  ${(r.busyMs / 1000).toFixed(1).padStart(6)} s busy  ${(r.utilisation * 100).toFixed(0).padStart(4)}%  max ${r.maxWaiting} waiting`);
}
console.log(`  bottleneck: ${bottleneck.queue} (most time inside jobs)`);

await pipeline.close();
for (const child of children) child.kill('SIGTERM');
redis.disconnect();
await site.close();
await store.close();
await mongo.stop();
await redisServer.stop();
if (gaveUp) process.exitCode = 1;
