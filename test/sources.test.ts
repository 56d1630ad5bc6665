import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Fetcher, fetchSource, loadSources } from '@tickerwire/ingest';
import type { Repositories } from '@tickerwire/store';
import { freshRepositories, testPrivateNetwork } from './support/services.ts';

const exampleFile = fileURLToPath(new URL('../infra/sources.example.json', import.meta.url));

let database: Awaited<ReturnType<typeof freshRepositories>>['database'];
let repos: Repositories;
let server: Server;
let origin = '';
let requests: { ifNoneMatch: string | undefined }[] = [];

beforeAll(async () => {
  ({ database, repos } = await freshRepositories('sources'));
  server = createServer((req, res) => {
    requests.push({ ifNoneMatch: req.headers['if-none-match'] });
    if (req.headers['if-none-match'] === '"v1"') {
      res.writeHead(304).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' });
    res.end('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>One</title><link>https://example.com/1</link></item></channel></rss>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await database?.drop();
});

describe('sources in MongoDB (real MongoDB-compatible server)', () => {
  it('seeds the example file of infra/ and reads the sources back', async () => {
    const sources = await loadSources(exampleFile);
    expect(await repos.sources.seed(sources)).toBe(sources.length);
    expect((await repos.sources.list()).map((s) => s.id)).toEqual(sources.map((s) => s.id).sort());
    // Seeding again replaces, it does not duplicate.
    await repos.sources.seed(sources);
    expect(await repos.sources.list()).toHaveLength(sources.length);
    expect((await repos.sources.list({ enabled: true })).every((s) => s.enabled)).toBe(true);
  });

  it('keeps ETag / Last-Modified per source, so the next poll is conditional and re-ingests nothing', async () => {
    await repos.sources.add({ id: 'local-feed', kind: 'feed', url: `${origin}/feed.xml`, interval: 60 });
    const source = (await repos.sources.get('local-feed'))!;
    const fetcher = new Fetcher({ politenessDelayMs: 0, privateNetwork: testPrivateNetwork });
    try {
      const first = await fetchSource(fetcher, source, await repos.sources.validators(source.id));
      expect(first.notModified).toBe(false);
      await repos.sources.saveValidators(source.id, first.validators);
      expect(await repos.sources.validators(source.id)).toEqual({ etag: '"v1"', lastModified: null });

      const second = await fetchSource(fetcher, source, await repos.sources.validators(source.id));
      expect(second.notModified).toBe(true);
      expect(requests.map((r) => r.ifNoneMatch)).toEqual([undefined, '"v1"']);
    } finally {
      await fetcher.close();
    }
  });
});
