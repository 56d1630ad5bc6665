import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import { generateArticles, startSampleSite, type SampleSite } from '@tickerwire/sample-site';
import type { RunningPipeline } from '@tickerwire/pipeline';
import type { Repositories } from '@tickerwire/store';
import { deleteKeys, freshRepositories, testRedis, uniquePrefix } from '../support/services.ts';
import { describeRun, idle, testPipeline } from '../support/pipeline.ts';
import { runCli } from '../support/processes.ts';
import { waitFor } from '../support/wait.ts';

// A payload no worker can take and a source that answers 404: both end in the dead-letter
// queue at once (retrying cannot help), the rest of the run is stored, and the documented
// commands list the dead letters and re-drive one once its cause is fixed.
const prefix = uniquePrefix('dlq');
const redis = testRedis('producer');
const log: string[] = [];
const articles = generateArticles(20, 5);
let site: SampleSite;
let feedServer: Server;
let feedFixed = false;
let repos: Repositories;
let drop: () => Promise<void>;
let pipeline: RunningPipeline;
let cliEnv: Record<string, string>;

const feed = (origin: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Flaky</title><link>${origin}/</link><description>d</description>
<item><title>Ironpeak Compute upgraded to Buy at Ridgeway Partners</title><link>${origin}/news/ironpeak-upgrade.html</link><guid>${origin}/news/ironpeak-upgrade.html</guid>
<description>Ridgeway Partners upgraded Ironpeak Compute (IPKC) to Buy from Hold and raised its price target to $31 from $22.</description></item>
<item><title>Copperline Digital signs 80 MW hosting contract</title><link>${origin}/news/copperline-contract.html</link><guid>${origin}/news/copperline-contract.html</guid>
<description>Copperline Digital (CPLD) signed a five-year contract to host 80 MW of GPU capacity for a cloud provider.</description></item>
</channel></rss>`;

beforeAll(async () => {
  feedServer = createServer((request, response) => {
    if (request.url === '/feed.rss' && feedFixed) {
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed(`http://127.0.0.1:${(feedServer.address() as { port: number }).port}`));
    } else response.writeHead(404).end('not here');
  });
  feedServer.listen(0, '127.0.0.1');
  await once(feedServer, 'listening');
  const feedUrl = `http://127.0.0.1:${(feedServer.address() as { port: number }).port}/feed.rss`;

  site = await startSampleSite({ articles });
  const fresh = await freshRepositories('dlq');
  ({ repos } = fresh);
  drop = fresh.database.drop;
  await repos.sources.seed([...site.sources, { id: 'flaky-feed', kind: 'feed', url: feedUrl, interval: 3600 }]);
  cliEnv = { REDIS_URL: inject('redisUrl'), MONGODB_URI: inject('mongodbUri'), MONGODB_DB: fresh.database.db.databaseName, TICKERWIRE_PREFIX: prefix };
  pipeline = await testPipeline(fresh.database.db, prefix, log);
}, 60_000);

afterAll(async () => {
  await pipeline?.close();
  await site?.close();
  feedServer?.close();
  await deleteKeys(redis, prefix);
  redis.disconnect();
  await drop?.();
});

it('dead-letters a poison payload and a 404 source at once, stores the rest, and re-drives on request', async () => {
  // Written around the catalogue, as a stale producer would: not an article batch at all.
  await pipeline.producer.queue('analyze').add('analyze-articles', { articles: [{ id: 'no-such-shape' }] }, { jobId: 'poison-1', attempts: 6 });

  const queues = (q: Parameters<RunningPipeline['producer']['queue']>[0]) => pipeline.producer.queue(q);
  await waitFor(
    async () => (await repos.articles.count()) === articles.length && (await queues('fetch').getFailedCount()) === 1 && (await queues('analyze').getFailedCount()) === 1 && (await idle(queues)),
    'the sample articles stored and two dead letters',
    30_000,
  ).catch(async (error: Error) => {
    throw new Error(`${error.message}\n${await describeRun(pipeline, log, await repos.articles.count())}`);
  });

  const listed = await runCli(['dlq', 'list', '--json'], cliEnv);
  expect(listed.code, listed.stderr).toBe(0);
  const letters = listed.stdout.trim().split('\n').map((line) => JSON.parse(line) as { queue: string; jobId: string; attempts: number; reason: string });
  expect(letters).toHaveLength(2);
  const poison = letters.find((l) => l.jobId === 'poison-1')!;
  expect(poison).toMatchObject({ queue: 'analyze', attempts: 1 });
  expect(poison.reason).toMatch(/invalid payload for analyze-articles: articles\[0\]/);
  const flaky = letters.find((l) => l.queue === 'fetch')!;
  expect(flaky.reason).toMatch(/flaky-feed.*404/);
  expect(flaky.attempts).toBe(1);

  const depths = await runCli(['queues'], cliEnv);
  expect(depths.stdout).toMatch(/^analyze\s+0\s+0\s+0\s+1\s+\d+$/m);

  feedFixed = true;
  const redriven = await runCli(['dlq', 'redrive', flaky.jobId], cliEnv);
  expect(redriven.stdout).toContain('re-driven 1 job(s)');
  await waitFor(async () => (await repos.articles.count()) === articles.length + 2 && (await idle(queues)), 'the re-driven source to be stored');
  const after = await runCli(['dlq', 'list', '--json'], cliEnv);
  expect(after.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { jobId: string }).jobId)).toEqual(['poison-1']);

  const unknown = await runCli(['dlq', 'redrive', 'no-such-job'], cliEnv);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('no dead letter with id no-such-job');
});
