import { brotliCompressSync, deflateRawSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FetchError } from './errors.ts';
import { Fetcher, userAgent, type FetcherOptions } from './fetcher.ts';
import { createGuardedAgent } from './guarded-agent.ts';
import { PrivateNetworkAllowlist } from './private-network.ts';
import { startTestServer, type TestServer } from './test-server.ts';

// The test servers listen on 127.0.0.1, which the operator of these tests allows.
const loopbackV4 = PrivateNetworkAllowlist.parse('127.0.0.1');
const fast: FetcherOptions = { politenessDelayMs: 0, maxConcurrentPerHost: 8, privateNetwork: loopbackV4 };
const fetchers: Fetcher[] = [];
function newFetcher(options: FetcherOptions = {}): Fetcher {
  const fetcher = new Fetcher({ ...fast, ...options });
  fetchers.push(fetcher);
  return fetcher;
}
afterEach(async () => {
  await Promise.all(fetchers.splice(0).map((f) => f.close()));
});

async function fetchError(promise: Promise<unknown>): Promise<FetchError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

const feedXml = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer((request, response) => {
    const path = request.url ?? '/';
    if (path === '/feed') {
      if (request.headers['if-none-match'] === '"v1"') {
        response.writeHead(304, { etag: '"v1"' }).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"', 'last-modified': 'Tue, 01 Jul 2025 10:00:00 GMT' });
      response.end(feedXml);
    } else if (path.startsWith('/encoded/')) {
      const coding = path.slice('/encoded/'.length);
      const body = Buffer.from(feedXml);
      const encoded = coding === 'gzip' ? gzipSync(body) : coding === 'br' ? brotliCompressSync(body) : deflateRawSync(body);
      response.writeHead(200, { 'content-encoding': coding === 'raw-deflate' ? 'deflate' : coding }).end(encoded);
    } else if (path === '/bomb') {
      // 64 MiB of zeros compress to ~64 KiB: small on the wire, huge once decoded.
      response.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(64 * 1024 * 1024)));
    } else if (path === '/cut-bomb') {
      // A bomb cut short: 8 MiB of zeros (under the 10 MiB cap) without the gzip trailer.
      const bomb = gzipSync(Buffer.alloc(8 * 1024 * 1024));
      response.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/rss+xml' }).end(bomb.subarray(0, bomb.length - 8));
    } else if (path === '/plain-large') {
      response.writeHead(200, { 'content-type': 'text/plain' }).end(Buffer.alloc(4 * 1024 * 1024, 'a'));
    } else if (path === '/drip') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => response.write('.'), 50);
      response.on('close', () => clearInterval(timer));
    } else if (path === '/silent') {
      // Never answers: the first-byte timeout must fire.
    } else if (path === '/moved') {
      response.writeHead(301, { location: '/feed' }).end();
    } else if (path.startsWith('/loop/')) {
      const n = Number(path.slice('/loop/'.length));
      response.writeHead(302, { location: `/loop/${n + 1}` }).end();
    } else if (path === '/gone') {
      response.writeHead(410).end();
    } else if (path === '/busy') {
      response.writeHead(503, { 'retry-after': '120' }).end();
    } else if (path === '/slow') {
      setTimeout(() => response.end('ok'), 150);
    } else {
      response.writeHead(200).end('ok');
    }
  });
});
afterAll(() => server.close());

describe('Fetcher', () => {
  it('sends the project User-Agent and returns the body and validators', async () => {
    const result = await newFetcher().fetch({ url: `${server.origin}/feed` });
    expect(result.notModified).toBe(false);
    if (result.notModified) return;
    expect(result.body.toString()).toBe(feedXml);
    expect(result.validators).toEqual({ etag: '"v1"', lastModified: 'Tue, 01 Jul 2025 10:00:00 GMT' });
    expect(server.requests.at(-1)?.headers['user-agent']).toBe(userAgent);
    expect(userAgent).toBe('Tickerwire/0.1 (+https://github.com/tickerwire/tickerwire)');
  });

  it('sends stored validators and reports 304 as notModified', async () => {
    const validators = { etag: '"v1"', lastModified: 'Tue, 01 Jul 2025 10:00:00 GMT' };
    const result = await newFetcher().fetch({ url: `${server.origin}/feed`, validators });
    expect(result).toMatchObject({ notModified: true, status: 304, validators });
    const sent = server.requests.at(-1)?.headers;
    expect(sent?.['if-none-match']).toBe('"v1"');
    expect(sent?.['if-modified-since']).toBe(validators.lastModified);
  });

  it.each(['gzip', 'br', 'raw-deflate'])('undoes %s content encoding', async (coding) => {
    const result = await newFetcher().fetch({ url: `${server.origin}/encoded/${coding}` });
    expect(result.notModified === false && result.body.toString()).toBe(feedXml);
  });

  it('refuses a gzip bomb at the decoded-size cap, without inflating it all', async () => {
    const started = performance.now();
    const error = await fetchError(newFetcher({ maxBodyBytes: 1024 * 1024 }).fetch({ url: `${server.origin}/bomb` }));
    expect(error.kind).toBe('too-large');
    expect(error.permanent).toBe(true);
    // Inflating all 64 MiB takes far longer than stopping at 1 MiB.
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses a gzip bomb cut short (zlib: unexpected end of file) as too large and permanent, not as a network error', async () => {
    const error = await fetchError(newFetcher().fetch({ url: `${server.origin}/cut-bomb` }));
    expect(error.kind).toBe('too-large');
    expect(error.permanent).toBe(true);
    expect(error.message).toMatch(/decompression bomb/);
  });

  it('still reads a legitimately well-compressed body', async () => {
    const result = await newFetcher().fetch({ url: `${server.origin}/encoded/gzip` });
    expect(result.notModified === false && result.body.toString()).toBe(feedXml);
  });

  it('still reads a large body sent without compression', async () => {
    const result = await newFetcher().fetch({ url: `${server.origin}/plain-large` });
    expect(result.notModified === false && result.body.length).toBe(4 * 1024 * 1024);
  });

  it('cuts a slow-drip body at the total deadline', async () => {
    const started = performance.now();
    const error = await fetchError(newFetcher({ totalTimeoutMs: 400 }).fetch({ url: `${server.origin}/drip` }));
    const elapsed = performance.now() - started;
    expect(error.kind).toBe('timeout');
    expect(error.permanent).toBe(false);
    expect(elapsed).toBeGreaterThanOrEqual(350);
    expect(elapsed).toBeLessThan(1500);
  });

  it('gives up when no response headers arrive in time', async () => {
    const error = await fetchError(newFetcher({ headersTimeoutMs: 300 }).fetch({ url: `${server.origin}/silent` }));
    expect(error.kind).toBe('timeout');
  });

  it('follows redirects within the limit and refuses past it', async () => {
    const fetcher = newFetcher({ maxRedirects: 3 });
    const moved = await fetcher.fetch({ url: `${server.origin}/moved` });
    expect(moved.finalUrl).toBe(`${server.origin}/feed`);
    expect(moved.redirects).toEqual([`${server.origin}/feed`]);
    const error = await fetchError(fetcher.fetch({ url: `${server.origin}/loop/0` }));
    expect(error.kind).toBe('too-many-redirects');
    expect(server.requests.filter((r) => r.path.startsWith('/loop/'))).toHaveLength(4);
  });

  it('classifies HTTP errors: 410 permanent, 503 transient with Retry-After', async () => {
    const fetcher = newFetcher();
    const gone = await fetchError(fetcher.fetch({ url: `${server.origin}/gone` }));
    expect(gone).toMatchObject({ kind: 'http-status', status: 410, permanent: true });
    const busy = await fetchError(fetcher.fetch({ url: `${server.origin}/busy` }));
    expect(busy).toMatchObject({ kind: 'http-status', status: 503, permanent: false, retryAfterMs: 120_000 });
  });

  it('refuses non-http URLs', async () => {
    const error = await fetchError(newFetcher().fetch({ url: 'file:///etc/passwd' }));
    expect(error).toMatchObject({ kind: 'bad-url', permanent: true });
  });
});

describe('Fetcher politeness', () => {
  it('spaces requests to one host by the politeness delay', async () => {
    const fetcher = newFetcher({ politenessDelayMs: 200, maxConcurrentPerHost: 4 });
    const before = server.requests.length;
    await Promise.all([0, 1, 2].map(() => fetcher.fetch({ url: `${server.origin}/ok` })));
    const starts = server.requests.slice(before).map((r) => r.at);
    expect(starts).toHaveLength(3);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(190);
    expect(starts[2]! - starts[1]!).toBeGreaterThanOrEqual(190);
  });

  it('keeps at most maxConcurrentPerHost requests in flight to one host', async () => {
    let inFlight = 0;
    let most = 0;
    const slow = await startTestServer((_request, response) => {
      inFlight++;
      most = Math.max(most, inFlight);
      setTimeout(() => {
        inFlight--;
        response.end('ok');
      }, 100);
    });
    const fetcher = newFetcher({ maxConcurrentPerHost: 2 });
    await Promise.all([0, 1, 2, 3, 4].map((i) => fetcher.fetch({ url: `${slow.origin}/${i}` })));
    await slow.close();
    expect(most).toBe(2);
  });
});

describe('Fetcher SSRF guard', () => {
  let internal: TestServer;
  let origin: TestServer;
  beforeAll(async () => {
    // The "internal service" answers on every loopback form (IPv4 and IPv6): if the guard
    // let a request through, it would succeed, not fail to connect.
    internal = await startTestServer((_request, response) => response.end('internal secret'), '::');
    origin = await startTestServer((request, response) => {
      const target = new URL(request.url ?? '/', 'http://x').searchParams.get('to') ?? '/';
      response.writeHead(302, { location: target }).end();
    });
  });
  afterAll(async () => {
    await internal.close();
    await origin.close();
  });

  it('reaches the internal server on every address the operator allowed', async () => {
    const fetcher = newFetcher({ privateNetwork: PrivateNetworkAllowlist.parse('127.0.0.1, ::1') });
    for (const host of ['127.0.0.1', '[::1]']) {
      const result = await fetcher.fetch({ url: `http://${host}:${internal.port}/` });
      expect(result.notModified === false && result.body.toString()).toBe('internal secret');
    }
  });

  it.each(['127.0.0.1', '2130706433', '[::ffff:127.0.0.1]', '[::1]'])(
    'refuses http://%s/ directly when the operator allowed no private network',
    async (host) => {
      const before = internal.requests.length;
      const error = await fetchError(newFetcher({ privateNetwork: PrivateNetworkAllowlist.none }).fetch({ url: `http://${host}:${internal.port}/` }));
      expect(error).toMatchObject({ kind: 'blocked-address', permanent: true });
      expect(internal.requests.length).toBe(before);
    },
  );

  it.each(['127.0.0.2', '[::1]', '[::ffff:127.0.0.2]', '2130706434', 'localhost'])(
    'refuses a redirect to %s although the first hop (127.0.0.1) was allowed',
    async (host) => {
      const before = internal.requests.length;
      const target = `http://${host}:${internal.port}/secret`;
      const error = await fetchError(
        newFetcher().fetch({ url: `${origin.origin}/?to=${encodeURIComponent(target)}` }),
      );
      expect(error.kind).toBe('blocked-address');
      expect(internal.requests.length).toBe(before);
    },
  );

  it('checks the connected socket even when no DNS lookup happens (IP-literal origin)', async () => {
    const agent = createGuardedAgent({ connectTimeoutMs: 1000, headersTimeoutMs: 1000, bodyIdleTimeoutMs: 1000 });
    const before = internal.requests.length;
    const error = await agent.request({ origin: `http://127.0.0.1:${internal.port}`, path: '/', method: 'GET' }).then(() => null, (e: unknown) => e);
    await agent.close();
    expect(String(error)).toMatch(/refusing to connect to 127\.0\.0\.1: loopback/);
    expect(internal.requests.length).toBe(before);
  });

  it('checks DNS answers before connecting (localhost resolves to loopback)', async () => {
    const agent = createGuardedAgent({ connectTimeoutMs: 1000, headersTimeoutMs: 1000, bodyIdleTimeoutMs: 1000 });
    const error = await agent.request({ origin: `http://localhost:${internal.port}`, path: '/', method: 'GET' }).then(() => null, (e: unknown) => e);
    await agent.close();
    expect(String(error)).toMatch(/refusing to connect to localhost \((127\.0\.0\.1|::1)\): loopback/);
  });

  it('connects to a host name the operator allowed, whatever loopback address it resolves to', async () => {
    const agent = createGuardedAgent({ connectTimeoutMs: 1000, headersTimeoutMs: 1000, bodyIdleTimeoutMs: 1000 }, PrivateNetworkAllowlist.parse('localhost'));
    const response = await agent.request({ origin: `http://localhost:${internal.port}`, path: '/', method: 'GET' });
    expect(await response.body.text()).toBe('internal secret');
    await agent.close();
  });
});
