/**
 * pnpm bench:writers — do writers scale out? One burst of analysed articles (store jobs of 50,
 * queued at once) stored by 1 writer process, then by 2 (`node services/writer`, as deployed),
 * alternately, on fresh throwaway servers each round; prints the medians and the speed-up.
 *
 *   node bench/writers.ts [--articles 3000] [--rounds 3] [--writers 2]
 *
 * The writers share nothing but Redis (leases per story and fact, the batch list) and the
 * database. FerretDB's back end: TICKERWIRE_FERRETDB_BACKEND (sqlite by default; postgresql
 * gives the store more room).
 */
import { parseArgs } from 'node:util';
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { ThrowawayRedis, defaultCacheDir, provideMongo } from '../packages/local-servers/src/index.ts';
import { JobProducer, createRedis, readCounters, type AnalysedArticle } from '../packages/queue/src/index.ts';
import { generateArticles } from '../packages/sample-site/src/index.ts';
import { createAnalyzer } from '../packages/score/src/index.ts';
import { connectStore, ensureAllIndexes, repositories } from '../packages/store/src/index.ts';
import { contentHash, itemId } from '../packages/ingest/src/index.ts';
import { median } from './stats.ts';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '3000' }, rounds: { type: 'string', default: '3' }, writers: { type: 'string', default: '2' } } });
const count = Number(values.articles);
const rounds = Number(values.rounds);
const many = Number(values.writers);
const prefix = 'benchw';

// Analysed once: the burst every round stores.
const analyzer = createAnalyzer();
const seenAt = new Date();
const articles: AnalysedArticle[] = generateArticles(count, 7100).map((a) => {
  const url = `http://bench-wire.example/news/${a.slug}.html`;
  return {
    id: itemId({ guid: null, link: url, sourceId: 'bench-wire' })!,
    url,
    canonicalUrl: url,
    title: a.title,
    body: a.body,
    author: a.author,
    publishedAt: new Date(a.publishedAt),
    firstSeenAt: seenAt,
    contentHash: contentHash(`${a.title}\n${a.body}`),
    sources: [{ sourceId: 'bench-wire', url, firstSeenAt: seenAt }],
    analysis: analyzer.analyze({ title: a.title, body: a.body, tickers: a.tickers }),
  };
});

async function round(writers: number): Promise<number> {
  const redisServer = await ThrowawayRedis.start();
  const mongo = await provideMongo(undefined, defaultCacheDir(process.env.XDG_CACHE_HOME));
  const store = await connectStore(mongo.uri, 'benchw');
  await ensureAllIndexes(repositories(store.db));
  const redis = createRedis(redisServer.url, 'producer', () => {});
  const children: ChildProcess[] = [];
  try {
    for (let i = 0; i < writers; i++) {
      const child = spawn(process.execPath, ['services/writer/src/main.ts'], {
        env: { ...process.env, REDIS_URL: redisServer.url, MONGODB_URI: mongo.uri, MONGODB_DB: 'benchw', TICKERWIRE_PREFIX: prefix },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      children.push(child);
      await new Promise<void>((resolve, reject) => {
        let said = '';
        child.stderr!.on('data', (chunk: Buffer) => {
          said += chunk.toString();
          if (said.includes('writer: running')) resolve();
        });
        child.once('exit', () => reject(new Error(`writer exited: ${said}`)));
      });
    }
    const producer = new JobProducer({ connection: redis, prefix, onError: () => {} });
    const started = Date.now();
    for (let i = 0; i < articles.length; i += 50) await producer.add('store-articles', { articles: articles.slice(i, i + 50) });
    for (;;) {
      const c = await readCounters(redis, prefix);
      if ((c['items:store:stored'] ?? 0) + (c['items:store:added_source'] ?? 0) + (c['items:store:already_stored'] ?? 0) >= count) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const rate = (count * 1000) / (Date.now() - started);
    await producer.close();
    return rate;
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((resolve) => c.once('exit', resolve)) : null)));
    redis.disconnect();
    await store.close();
    await mongo.stop();
    await redisServer.stop();
  }
}

const one: number[] = [];
const more: number[] = [];
for (let r = 1; r <= rounds; r++) {
  one.push(await round(1));
  more.push(await round(many));
  console.log(`round ${r}: 1 writer ${Math.round(one.at(-1)!)} articles/s, ${many} writers ${Math.round(more.at(-1)!)} articles/s`);
}
const speedUp = median(more) / median(one);
console.log(`bench:writers — ${count} analysed articles in store jobs of 50, queued at once; medians of ${rounds} alternated rounds on fresh servers (FerretDB ${process.env.TICKERWIRE_FERRETDB_BACKEND ?? 'sqlite'}), Node ${process.version}, ${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(2)}`);
console.log(`  1 writer: ${Math.round(median(one))} articles/s; ${many} writers: ${Math.round(median(more))} articles/s; speed-up ${speedUp.toFixed(2)}× (target >= 1.6: ${speedUp >= 1.6 ? 'met' : 'NOT met'})`);
