import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A webhook receiver on 127.0.0.1 for the tests. It checks every request the way the
 * Standard Webhooks spec tells a receiver to, written here from the spec and not from our
 * signer: signed content `${id}.${timestamp}.${raw body}`, HMAC-SHA256 under the base64 key
 * after "whsec_", any `v1,` entry of the space-separated header may match, compared in
 * constant time, timestamp within five minutes of now.
 */

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
  /** The spec's verdict on the signature and timestamp. */
  verified: boolean;
  verifyError: string | null;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export type Responder = (request: ReceivedWebhook, countOnPath: number) => Reply;

export function specVerify(headers: IncomingHttpHeaders, body: string, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): string | null {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signature = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signature !== 'string') return 'missing headers';
  if (Math.abs(nowSeconds - Number(timestamp)) > 300) return 'timestamp outside tolerance';
  const key = Buffer.from(secret.split('_')[1] ?? '', 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  const ok = signature.split(' ').some((part) => {
    const [version, value] = part.split(',');
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return ok ? null : 'no matching signature';
}

export class Receiver {
  readonly received: ReceivedWebhook[] = [];
  readonly #responders = new Map<string, Responder>();
  readonly #secrets = new Map<string, string>();
  readonly #waiters: { path: string; count: number; resolve: () => void }[] = [];
  #server: Server | undefined;
  port = 0;

  async start(): Promise<void> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        const body = Buffer.concat(chunks).toString('utf8');
        const secret = this.#secrets.get(path);
        const verifyError = secret ? specVerify(req.headers, body, secret) : 'no secret for path';
        const request: ReceivedWebhook = { path, headers: req.headers, body, at: Date.now(), verified: verifyError === null, verifyError };
        this.received.push(request);
        const count = this.received.filter((r) => r.path === path).length;
        const reply = (this.#responders.get(path) ?? ((): Reply => ({ status: 204 })))(request, count);
        res.writeHead(reply.status, reply.headers ?? {});
        res.end(reply.body ?? '');
        for (const waiter of [...this.#waiters]) {
          if (waiter.path === path && count >= waiter.count) {
            this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
            waiter.resolve();
          }
        }
      });
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.address() as AddressInfo).port;
  }

  /** A path of its own for one subscription: its secret for verification and how it answers. */
  route(path: string, secret: string, responder?: Responder): string {
    this.#secrets.set(path, secret);
    if (responder) this.#responders.set(path, responder);
    return `http://127.0.0.1:${this.port}${path}`;
  }

  on(path: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.path === path);
  }

  /** Resolves once `count` requests reached the path (rejects after `timeoutMs`). */
  waitFor(path: string, count: number, timeoutMs = 15_000): Promise<void> {
    if (this.on(path).length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${path}: ${this.on(path).length} of ${count} requests within ${timeoutMs} ms`)), timeoutMs);
      this.#waiters.push({ path, count, resolve: () => { clearTimeout(timer); resolve(); } });
    });
  }

  async close(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise((resolve) => this.#server?.close(resolve));
  }
}
