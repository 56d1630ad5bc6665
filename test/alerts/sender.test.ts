import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookSender, signWebhook } from '@tickerwire/alerts';
import { PrivateNetworkAllowlist } from '@tickerwire/ingest';

// The webhook sender alone, against misbehaving receivers on 127.0.0.1.
let server: Server;
let base: string;
let port: number;
// The operator of these tests allows the receiver's 127.0.0.1, and nothing else private.
const sender = new WebhookSender({ totalTimeoutMs: 500, maxResponseBytes: 4096, privateNetwork: PrivateNetworkAllowlist.parse('127.0.0.1') });
const strictSender = new WebhookSender({ totalTimeoutMs: 500 });
const headers = signWebhook({ id: 'msg_test', timestampSeconds: 1_700_000_000, body: '{}', secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'] });
const send = (path: string, url = `${base}${path}`, through = sender) => through.send({ url, headers, body: '{}' });

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    if (req.url === '/huge') {
      // 64 MB if read to the end: the sender must stop long before.
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      const pump = () => {
        while (sent < 1024 && res.write(chunk)) sent++;
        if (sent < 1024) res.once('drain', pump);
        else res.end();
      };
      pump();
      return;
    }
    if (req.url === '/silent') return; // never answers
    if (req.url === '/slow-body') {
      res.writeHead(200);
      res.write('started');
      return; // headers sent, body never finishes
    }
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await sender.close();
  await strictSender.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('webhook sender', () => {
  it('reads at most the cap of a huge answer and keeps a short snippet', async () => {
    const result = await send('/huge');
    expect(result).toMatchObject({ outcome: 'delivered', statusCode: 200 });
    expect(result.responseSnippet).toHaveLength(200);
    expect(result.durationMs).toBeLessThan(500);
  });

  it('gives up on a receiver that never answers, or never finishes its answer, at the deadline', async () => {
    for (const path of ['/silent', '/slow-body']) {
      const result = await send(path);
      expect(result).toMatchObject({ outcome: 'network', statusCode: null, error: expect.stringContaining('within 500 ms') });
      expect(result.durationMs).toBeGreaterThanOrEqual(450);
    }
  });

  it('refuses loopback however it is written, including names that resolve to it, when the operator allowed none', async () => {
    for (const host of ['127.0.0.1', '0x7f000001', '127.1', '[::ffff:7f00:1]', '[::1]', 'localhost', 'LOCALHOST.']) {
      const result = await send('/ok', `http://${host}:${port}/ok`, strictSender);
      expect(result, host).toMatchObject({ outcome: 'blocked', statusCode: null });
    }
  });

  it('delivers to the allowed 127.0.0.1 (in any spelling) and still refuses the rest of loopback', async () => {
    for (const host of ['127.0.0.1', '0x7f000001', '[::ffff:7f00:1]']) expect(await send('/ok', `http://${host}:${port}/ok`), host).toMatchObject({ outcome: 'delivered', statusCode: 204 });
    for (const host of ['127.0.0.2', '[::1]', 'localhost']) expect(await send('/ok', `http://${host}:${port}/ok`), host).toMatchObject({ outcome: 'blocked', statusCode: null });
  });

  it('refuses other schemes and unparsable URLs', async () => {
    expect((await send('/', 'ftp://example.com/')).outcome).toBe('blocked');
    expect((await send('/', 'not a url')).outcome).toBe('blocked');
  });
});
