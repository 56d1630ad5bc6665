import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { Fetcher, FetchError, fetchSource } from '@tickerwire/ingest';
import { runCli } from '../support/processes.ts';
import { testPrivateNetwork } from '../support/services.ts';
import { apiHarness, auth, type ApiHarness } from './support.ts';

// Issue 12, finding 9: an admin key could turn the fetcher into an internal-network scanner
// (`allowPrivateNetwork` was an API field), and a source or subscription the guard refuses was
// accepted with 201, to fail later (silently for subscriptions). Private networks are the
// operator's TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST now; these tests run with 127.0.0.1 on it.

let h: ApiHarness;
let internal: Server;
let internalPort = 0;
const headers = () => auth(h.adminKey);

beforeAll(async () => {
  h = await apiHarness('privnet');
  // An "internal service" on every IPv4 loopback address: reached, it would answer.
  internal = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss version="2.0"><channel><title>internal</title></channel></rss>'));
  await new Promise<void>((resolve) => internal.listen(0, '0.0.0.0', resolve));
  internalPort = (internal.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => internal?.close(resolve));
  await h?.close();
});

const refusedDestinations = [
  ['http://10.0.0.5/feed.xml', /private \(10\/8\)/],
  ['http://169.254.169.254/latest/meta-data/', /link-local/],
  ['http://[::1]:8080/feed.xml', /loopback \(::1\)/],
  ['http://127.0.0.2:8080/feed.xml', /loopback \(127\/8\)/],
  ['http://[::ffff:10.0.0.5]/feed.xml', /IPv4-mapped private/],
  ['http://localhost:8080/feed.xml', /loopback \(localhost\)/],
] as const;

describe('allowPrivateNetwork is no longer an API field', () => {
  it('POST and PATCH of sources and subscriptions that send it answer 400 naming the field', async () => {
    const source = { id: 'intranet', kind: 'feed', url: 'https://example.com/feed.xml', interval: 300 };
    const requests = [
      { method: 'POST', url: '/v1/sources', payload: { ...source, allowPrivateNetwork: true } },
      { method: 'POST', url: '/v1/subscriptions', payload: { url: 'https://hooks.example.com/a', allowPrivateNetwork: true } },
    ] as const;
    for (const request of requests) {
      const answer = await h.api.inject({ ...request, headers: headers() });
      expect(answer.statusCode, `${request.method} ${request.url}`).toBe(400);
      expect(answer.json().error.field).toBe('allowPrivateNetwork');
    }
    expect((await h.api.inject({ method: 'POST', url: '/v1/sources', headers: headers(), payload: source })).statusCode).toBe(201);
    const patch = await h.api.inject({ method: 'PATCH', url: '/v1/sources/intranet', headers: headers(), payload: { allowPrivateNetwork: true } });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().error.field).toBe('allowPrivateNetwork');
    const sub = (await h.api.inject({ method: 'POST', url: '/v1/subscriptions', headers: headers(), payload: { url: 'https://hooks.example.com/b' } })).json<{ id: string }>();
    const subPatch = await h.api.inject({ method: 'PATCH', url: `/v1/subscriptions/${sub.id}`, headers: headers(), payload: { allowPrivateNetwork: true } });
    expect(subPatch.statusCode).toBe(400);
    expect(subPatch.json().error.field).toBe('allowPrivateNetwork');
  });

  it('ignores an allowPrivateNetwork stored by an older version: the fetch is still refused', async () => {
    const now = new Date();
    await h.db.collection('sources').insertOne({ _id: 'legacy-opt-in' as never, kind: 'feed', url: `http://127.0.0.2:${internalPort}/feed.xml`, interval: 60, tags: [], fetchFullText: false, enabled: true, allowPrivateNetwork: true, createdAt: now, updatedAt: now });
    const source = (await h.repos.sources.get('legacy-opt-in'))!;
    expect(source).not.toHaveProperty('allowPrivateNetwork');
    const fetcher = new Fetcher({ politenessDelayMs: 0, privateNetwork: testPrivateNetwork });
    const error = await fetchSource(fetcher, source).then(() => null, (e: unknown) => e).finally(() => fetcher.close());
    expect(error).toBeInstanceOf(FetchError);
    expect(error).toMatchObject({ kind: 'blocked-address', permanent: true });
  });
});

describe('a destination the guard would refuse is refused when it is stored, with the reason', () => {
  it.each(refusedDestinations)('POST /v1/sources with %s: 400 on url', async (url, reason) => {
    const answer = await h.api.inject({ method: 'POST', url: '/v1/sources', headers: headers(), payload: { id: 'scan', kind: 'feed', url, interval: 300 } });
    expect(answer.statusCode, answer.body).toBe(400);
    expect(answer.json().error).toMatchObject({ field: 'url', message: expect.stringMatching(reason) });
    expect(answer.json().error.message).toMatch(/TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST/);
    expect((await h.api.inject({ url: '/v1/sources/scan', headers: headers() })).statusCode).toBe(404);
  });

  it.each(refusedDestinations)('POST /v1/subscriptions with %s: 400 on url, nothing stored', async (url, reason) => {
    const before = (await h.api.inject({ url: '/v1/subscriptions', headers: headers() })).json().data.length;
    const answer = await h.api.inject({ method: 'POST', url: '/v1/subscriptions', headers: headers(), payload: { url } });
    expect(answer.statusCode, answer.body).toBe(400);
    expect(answer.json().error).toMatchObject({ field: 'url', message: expect.stringMatching(reason) });
    expect((await h.api.inject({ url: '/v1/subscriptions', headers: headers() })).json().data.length).toBe(before);
  });

  it('PATCH to a refused url is refused too; the stored url stays', async () => {
    await h.api.inject({ method: 'POST', url: '/v1/sources', headers: headers(), payload: { id: 'moving', kind: 'feed', url: 'https://example.com/moving.xml', interval: 300 } });
    const source = await h.api.inject({ method: 'PATCH', url: '/v1/sources/moving', headers: headers(), payload: { url: 'http://192.168.1.1/admin' } });
    expect(source.statusCode).toBe(400);
    expect(source.json().error).toMatchObject({ field: 'url', message: expect.stringMatching(/private \(192\.168\/16\)/) });
    expect((await h.api.inject({ url: '/v1/sources/moving', headers: headers() })).json().url).toBe('https://example.com/moving.xml');

    const sub = (await h.api.inject({ method: 'POST', url: '/v1/subscriptions', headers: headers(), payload: { url: 'https://hooks.example.com/moving' } })).json<{ id: string }>();
    const moved = await h.api.inject({ method: 'PATCH', url: `/v1/subscriptions/${sub.id}`, headers: headers(), payload: { url: 'http://[fd00::1]/hook' } });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error).toMatchObject({ field: 'url', message: expect.stringMatching(/unique-local/) });
  });

  it('accepts what the operator allowed (127.0.0.1 here) and public destinations', async () => {
    const source = await h.api.inject({ method: 'POST', url: '/v1/sources', headers: headers(), payload: { id: 'local-sample', kind: 'feed', url: `http://127.0.0.1:${internalPort}/feed.xml`, interval: 300 } });
    expect(source.statusCode, source.body).toBe(201);
    const sub = await h.api.inject({ method: 'POST', url: '/v1/subscriptions', headers: headers(), payload: { url: `http://127.0.0.1:${internalPort}/hook` } });
    expect(sub.statusCode, sub.body).toBe(201);
    expect((await h.api.inject({ method: 'POST', url: '/v1/subscriptions', headers: headers(), payload: { url: 'https://8.8.8.8/hook' } })).statusCode).toBe(201);
  });
});

describe('the command line follows the same rule', () => {
  const env = (allowlist: string) => ({ REDIS_URL: inject('redisUrl'), MONGODB_URI: inject('mongodbUri'), MONGODB_DB: h.db.databaseName, TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST: allowlist });

  it('sources add refuses a private URL with the reason, and adds it once the operator allows it', async () => {
    const args = ['sources', 'add', '--id', 'cli-intranet', '--url', 'http://10.1.2.3/feed.xml'];
    const refused = await runCli(args, env(''));
    expect(refused.code, refused.stdout).toBe(1);
    expect(refused.stderr).toMatch(/url: refused: 10\.1\.2\.3 is private \(10\/8\)/);
    expect(await h.repos.sources.get('cli-intranet')).toBeNull();

    const allowed = await runCli(args, env('10.1.0.0/16'));
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stdout).toMatch(/added cli-intranet/);
    expect((await h.repos.sources.get('cli-intranet'))?.url).toBe('http://10.1.2.3/feed.xml');
  }, 30_000);

  it('a malformed allowlist stops the command with the bad entry named', async () => {
    const bad = await runCli(['sources', 'list'], env('10.0.0.0/40'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST: "10\.0\.0\.0\/40": an IPv4 prefix is at most \/32/);
  });
});
