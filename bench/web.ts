// The research page's budgets (issue #17): JavaScript ≤ 150 KB gzipped; the feed usable (its
// first story drawn) within 1 s of navigation with 5,000 stored stories; no layout shift when
// live stories arrive while the reader has scrolled. Runs the API over a throwaway FerretDB
// and Redis on 127.0.0.1 and the built page (packages/web/dist) in Debian's Chromium. The API
// is wired as services/api starts it: with the ledger's coordination, so on FerretDB its feeds
// keep the stories' order in memory (packages/store ledger-development-feed.ts), built at start
// from the stored stories; the live story is recorded by a ledger writer, which announces it.
// Run: pnpm bench:web [STORIES] (default 5000). Needs Redis on 127.0.0.1:6379.
import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startApi } from '../services/api/src/index.ts';
import { createRedis, deleteKeysWithPrefix, publishStoredEvent } from '../packages/queue/src/index.ts';
import { FeedQueries, SecretKeyring, connectStore, ensureAllIndexes, ledgerView, openLedger, repositories } from '../packages/store/src/index.ts';
import { RedisLedgerCoordination } from '../packages/pipeline/src/key-leases.ts';
import { storyFingerprint } from '../packages/ingest/src/index.ts';
import { defaultCacheDir, startFerretDb } from '../packages/local-servers/src/index.ts';
import { launch } from '../test/web/browser.ts';
import { median } from './stats.ts';

const stories = Number(process.argv[2] ?? 5000);
const rounds = 5;
const budgets = { jsGzipKb: 150, firstStoryMs: 1000, layoutShift: 0.01 };
const dist = fileURLToPath(new URL('../packages/web/dist/assets/', import.meta.url));

function article(i: number, firstSeenAt: Date) {
  const ticker = ['CIFR', 'AAPL', 'MSFT', 'NVDA', 'MARA'][i % 5]!;
  const title = `Story ${i}: Roth reiterates Buy on ${ticker}`;
  const body = `Analysts at Roth reiterated their Buy rating on ${ticker} in a note to clients on day ${i}. `.repeat(8);
  const phrase = `Analysts at Roth reiterated their Buy rating on ${ticker}`;
  const start = title.length + 2;
  const event = { type: 'analyst_rating', ticker, company: null, firm: 'Roth', analyst: null, action: 'maintain', ratingFrom: null, ratingTo: 'Buy', ratingScore: 4, confidence: 0.9, evidence: { text: phrase, start, end: start + phrase.length } } as const;
  const score = ((i % 7) - 3) / 4;
  const label = score > 0.1 ? 'bullish' : score < -0.1 ? 'bearish' : 'neutral';
  return {
    _id: `bench-${i}`,
    url: `http://127.0.0.1/${i}`,
    canonicalUrl: `http://127.0.0.1/${i}`,
    title,
    body,
    author: null,
    publishedAt: firstSeenAt,
    firstSeenAt,
    contentHash: (i.toString(16) + '0'.repeat(32)).slice(0, 32),
    sources: [{ sourceId: 'wire', url: `http://127.0.0.1/${i}`, firstSeenAt }],
    analysis: { tickers: [ticker], sentiment: { label, score, confidence: 0.8 }, tickerSentiment: [{ ticker, label, score, relevance: 1 }], events: [event], tags: [] },
  };
}

async function main(): Promise<void> {
  const files = await readdir(dist).catch(() => {
    throw new Error('packages/web/dist is missing: pnpm build:web');
  });
  let jsGzip = 0;
  for (const file of files) {
    const bytes = await readFile(dist + file);
    const gz = gzipSync(bytes, { level: 9 }).length;
    if (file.endsWith('.js')) jsGzip += gz;
    console.log(`${file.padEnd(28)} ${(bytes.length / 1024).toFixed(1).padStart(7)} KB  gzip ${(gz / 1024).toFixed(1).padStart(6)} KB`);
  }

  const ferret = await startFerretDb(defaultCacheDir(undefined));
  const store = await connectStore(ferret.uri, 'bench_web');
  const redis = createRedis('redis://127.0.0.1:6379', 'producer', (error) => console.error(`redis: ${error.message}`));
  const prefix = `twbench-web-${process.pid}`;
  const coordination = new RedisLedgerCoordination(redis, prefix);
  const repos = repositories(store.db, { secretKeys: SecretKeyring.generate('bench'), ledgerCoordination: coordination });
  await ensureAllIndexes(repos);
  // The same feeds without the coordination: every page a sorted query (the breakdown's last line).
  const queried = new FeedQueries(store.db, ledgerView(store.db));
  const browser = await launch();
  let api: Awaited<ReturnType<typeof startApi>> | null = null;
  try {
    const t0 = Date.now() - stories * 60_000;
    for (let from = 0; from < stories; from += 1000) {
      const batch = Array.from({ length: Math.min(1000, stories - from) }, (_, k) => article(from + k, new Date(t0 + (from + k) * 60_000)));
      await repos.articles.collection.insertMany(batch as never);
    }
    const started = performance.now();
    api = await startApi({ repos, db: store.db, redis, queuePrefix: prefix, port: 0, options: { streamBlockMs: 2000 } });
    // startApi builds the feed order in the background; this waits for it.
    await repos.feeds.warm();
    const warmMs = performance.now() - started;
    const { key } = await repos.apiKeys.create({ name: 'bench', scopes: ['read'] });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // Signed in: the key is in sessionStorage before the page's own script runs.
    await context.addInitScript(`sessionStorage.setItem('tickerwire.apiKey', ${JSON.stringify(key)})`);

    // Where the time goes: the store's query alone, the API's answer to the page's first
    // request, and in the browser the same request seen from the page.
    const firstPage = '/v1/articles?limit=25';
    const storeMs: number[] = [];
    const apiMs: number[] = [];
    const driverMs: number[] = [];
    const queryMs: number[] = [];
    for (let round = 0; round < rounds; round++) {
      let t = performance.now();
      // The server alone: the same sorted page through the driver, no API and no FeedQueries.
      await store.db.collection('articles').find({}).sort({ publishedAt: -1, _id: -1 }).limit(26).toArray();
      driverMs.push(performance.now() - t);
      t = performance.now();
      await repos.feeds.articlesPage({ order: 'publishedAt', timeField: 'publishedAt' }, 25);
      storeMs.push(performance.now() - t);
      t = performance.now();
      await queried.articlesPage({ order: 'publishedAt', timeField: 'publishedAt' }, 25);
      queryMs.push(performance.now() - t);
      t = performance.now();
      const response = await fetch(`${api.url}${firstPage}`, { headers: { authorization: `Bearer ${key}` } });
      await response.arrayBuffer();
      apiMs.push(performance.now() - t);
    }

    const times: number[] = [];
    const requestMs: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const page = await context.newPage();
      await page.goto(`${api.url}/`, { waitUntil: 'commit' });
      await page.waitForSelector('.feed .story');
      times.push((await page.evaluate('performance.now()')) as number);
      const request = (await page.evaluate(
        "(() => { const e = performance.getEntriesByType('resource').find((r) => r.name.includes('/v1/articles?')); return e ? e.responseEnd - e.startTime : -1; })()",
      )) as number;
      requestMs.push(request);
      await page.close();
    }

    // Layout shift while the reader is scrolled and a story arrives live.
    const page = await context.newPage();
    await page.goto(`${api.url}/`);
    await page.waitForSelector('.live[data-state="live"]');
    await page.evaluate(`window.scrollTo(0, 1200); window.__shift = 0; new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; }).observe({ type: 'layout-shift' });`);
    // Recorded as the pipeline's writer records a story (another text: not a copy of a stored one).
    const live = article(stories, new Date());
    Object.assign(live, { title: 'Live: Harbor Lane upgrades Kestrel Mining to Buy', body: `Harbor Lane Capital upgraded Kestrel Mining to Buy from Hold on record hosting contracts. ${'Shares rose in early trading. '.repeat(4)}` });
    live.analysis.events[0] = { ...live.analysis.events[0]!, evidence: { text: 'Harbor Lane', start: 6, end: 17 } } as never;
    const { _id: liveId, ...liveRest } = live;
    const writer = await openLedger(store.db, new RedisLedgerCoordination(redis, prefix));
    const recorded = await writer.record([{ article: { id: liveId, ...liveRest }, fingerprint: storyFingerprint({ title: live.title, lead: live.body }) }]);
    if (recorded.stories[0]?.status !== 'stored') throw new Error(`the live story was not stored as a story of its own: ${JSON.stringify(recorded.stories)}`);
    await publishStoredEvent(redis, prefix, { eventId: 'bench-live', articleId: live._id, sourceIds: ['wire'], novel: true, type: 'analyst_rating', ticker: live.analysis.tickers[0]!, action: 'maintain', sentimentLabel: null, sentimentScore: null, tags: [], publishedAt: live.firstSeenAt, firstSeenAt: live.firstSeenAt, reportedAt: new Date(), event: live.analysis.events[0]! });
    await page.waitForSelector(`.feed .story[data-id="${live._id}"]`, { state: 'attached', timeout: 15_000 });
    await page.waitForTimeout(500);
    const shift = (await page.evaluate('window.__shift')) as number;

    const firstStory = median(times);
    console.log(`bench:web — FerretDB ${process.env.TICKERWIRE_FERRETDB_BACKEND ?? 'sqlite'}, Node ${process.version}, ${availableParallelism()} cores, load ${loadavg()[0]!.toFixed(2)}`);
    console.log(`stories stored:            ${stories}`);
    console.log(`JavaScript, gzipped:       ${(jsGzip / 1024).toFixed(1)} KB (budget ${budgets.jsGzipKb} KB)`);
    console.log(`first story drawn:         median ${firstStory.toFixed(0)} ms of ${rounds} navigations, max ${Math.max(...times).toFixed(0)} ms (budget ${budgets.firstStoryMs} ms)`);
    console.log(`  of which the page's first /v1/articles request: median ${median(requestMs).toFixed(0)} ms`);
    console.log(`  that request from node (API + store):         median ${median(apiMs).toFixed(0)} ms`);
    console.log(`  the store's page alone (FeedQueries):         median ${median(storeMs).toFixed(0)} ms (feed order: a walk, recent documents kept)`);
    console.log(`  the same page as a sorted query (no order):   median ${median(queryMs).toFixed(0)} ms`);
    console.log(`  the server alone (driver find, sort, limit):  median ${median(driverMs).toFixed(0)} ms`);
    console.log(`feed order built at API start: ${warmMs.toFixed(0)} ms (once; then kept from the ledger's batch list)`);
    console.log(`layout shift, live story:  ${shift.toFixed(4)} (budget ${budgets.layoutShift})`);
    const over = [jsGzip / 1024 > budgets.jsGzipKb && 'JavaScript size', firstStory > budgets.firstStoryMs && 'first story', shift > budgets.layoutShift && 'layout shift'].filter(Boolean);
    if (over.length) {
      console.log(`over budget: ${over.join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    await api?.close();
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
    await store.db.dropDatabase().catch(() => {});
    await store.close();
    await ferret.stop();
  }
}

await main();
