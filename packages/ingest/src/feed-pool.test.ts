import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { collectArticles } from './collect.ts';
import { rss, send, startTestSite, testSource, type TestSite } from './collect-test-site.ts';
import { FeedError } from './errors.ts';
import { Fetcher } from './fetcher.ts';
import { PagePool } from './page-pool.ts';
import { PrivateNetworkAllowlist } from './private-network.ts';

// A 100,000-entry feed took 2.3 s of the event loop of `start` (the API answers on it too).
let site: TestSite;
// The test site is on 127.0.0.1: allowed the way an operator would allow it.
const fetcher = new Fetcher({ politenessDelayMs: 0, privateNetwork: PrivateNetworkAllowlist.parse('127.0.0.1') });
const pool = new PagePool({ size: 1, timeoutMs: 60_000 });

beforeAll(async () => {
  site = await startTestSite();
  const entries: string[] = [];
  for (let i = 0; i < 100_000; i++) entries.push(`<item><title>Entry ${i}</title><link>${site.origin}/a/${i}</link></item>`);
  site.routes.set('/huge.xml', send('application/rss+xml', Buffer.from(`<?xml version="1.0"?><rss version="2.0"><channel><title>huge</title>${entries.join('')}</channel></rss>`)));
  site.routes.set('/broken.xml', rss('<?xml version="1.0"?><rss version="2.0"><channel><item><title>x</channel></rss>'));
});
afterAll(async () => {
  await pool.close();
  await fetcher.close();
  await site.close();
});

it('reports a malformed feed parsed in the pool as the same FeedError', async () => {
  const source = testSource(site, { id: 'broken', kind: 'feed', url: '/broken.xml' });
  const error = await collectArticles(fetcher, source, { pagePool: pool }).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(FeedError);
  expect((error as FeedError).permanent).toBe(true);
}, 30_000);

it('parses a 100,000-entry feed off the event loop: no stall over 500 ms, the first maxItems entries kept', async () => {
  const source = testSource(site, { id: 'huge', kind: 'feed', url: '/huge.xml' });
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const result = await collectArticles(fetcher, source, { pagePool: pool, maxItems: 200 });
  delay.disable();
  expect(result.candidates).toHaveLength(200);
  expect(result.candidates[0]!.title).toBe('Entry 0');
  // The event loop's longest stall while the feed was fetched and parsed, in ms: parsed in
  // process it is seconds; the bound leaves room for a busy 2-core machine (GC, scheduling).
  expect(delay.max / 1e6).toBeLessThan(500);
}, 60_000);
