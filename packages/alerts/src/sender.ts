import type { Readable } from 'node:stream';
import type { Agent } from 'undici';
import { BlockedAddressError, PrivateNetworkAllowlist, errorChain, guardedAgentFor, refusedUrlReason } from '@tickerwire/ingest';
import { classifyResponse, type AttemptOutcome } from './outcome.ts';
import type { WebhookHeaders } from './signing.ts';

/**
 * Sends one signed webhook over undici with the source fetcher's SSRF guard: the URL's literal
 * host is checked before connecting, every DNS answer in the lookup hook, and the connected
 * socket's remote address after (IP-literal tricks and DNS rebinding). Private addresses only
 * when the operator's allowlist (TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST) names them. Redirects are never followed; the response body is read
 * up to a cap (only a snippet is kept for the log) and the rest discarded with the socket.
 */

export interface SenderOptions {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  /** Whole attempt, body included. */
  totalTimeoutMs: number;
  /** Most response bytes read; beyond it the connection is dropped (the answer still counts). */
  maxResponseBytes: number;
  userAgent: string;
  /** The private addresses and hosts the operator allows receivers on; none by default. */
  privateNetwork: PrivateNetworkAllowlist;
}

export const defaultSenderOptions: SenderOptions = {
  connectTimeoutMs: 5_000,
  headersTimeoutMs: 10_000,
  totalTimeoutMs: 15_000,
  maxResponseBytes: 16 * 1024,
  userAgent: 'Tickerwire-Webhooks/1.0',
  privateNetwork: PrivateNetworkAllowlist.none,
};

export interface WebhookRequest {
  url: string;
  headers: WebhookHeaders;
  body: string;
}

export interface AttemptResult {
  outcome: AttemptOutcome;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  retryAfterMs: number | null;
  /** The first bytes of the receiver's answer, for the delivery log. */
  responseSnippet: string | null;
}

const snippetChars = 200;

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Reads at most `cap` bytes, then destroys the stream (and so the socket) instead of draining it. */
async function readCapped(body: Readable, cap: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= cap) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, cap);
}

class AttemptDeadline extends Error {}

export class WebhookSender {
  readonly #options: SenderOptions;
  readonly #agent: Agent;

  constructor(options: Partial<SenderOptions> = {}) {
    this.#options = { ...defaultSenderOptions, ...options };
    this.#agent = guardedAgentFor(this.#options, this.#options.privateNetwork);
  }

  /** One attempt. Never throws for what the network or the receiver did: that is the result. */
  async send(request: WebhookRequest): Promise<AttemptResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const failed = (outcome: AttemptOutcome, error: string): AttemptResult => ({ outcome, statusCode: null, durationMs: elapsed(), error, retryAfterMs: null, responseSnippet: null });

    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return failed('blocked', 'not a valid URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return failed('blocked', `scheme ${url.protocol} not allowed`);
    const reason = refusedUrlReason(url, this.#options.privateNetwork);
    if (reason !== null) return failed('blocked', `refusing ${url.hostname}: ${reason}`);

    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new AttemptDeadline()), this.#options.totalTimeoutMs);
    try {
      const response = await this.#agent.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': this.#options.userAgent,
          // Identity only: we keep a snippet, not the body, so nothing needs decoding.
          'accept-encoding': 'identity',
          ...request.headers,
        },
        body: request.body,
        signal: deadline.signal,
      });
      const bytes = await readCapped(response.body, this.#options.maxResponseBytes);
      const classified = classifyResponse(response.statusCode, {
        retryAfter: firstHeader(response.headers['retry-after']),
        location: firstHeader(response.headers['location']),
      });
      return {
        ...classified,
        statusCode: response.statusCode,
        durationMs: elapsed(),
        responseSnippet: bytes.length > 0 ? bytes.toString('utf8', 0, Math.min(bytes.length, snippetChars * 4)).slice(0, snippetChars) : null,
      };
    } catch (error) {
      const chain = errorChain(error);
      const blocked = chain.find((e) => e instanceof BlockedAddressError);
      if (blocked instanceof BlockedAddressError) return failed('blocked', blocked.message);
      if (deadline.signal.aborted || chain.some((e) => e instanceof AttemptDeadline)) return failed('network', `no complete answer within ${this.#options.totalTimeoutMs} ms`);
      const first = chain.find((e) => e instanceof Error && 'code' in e) ?? error;
      const code = first instanceof Error && 'code' in first ? ` (${String(first.code)})` : '';
      return failed('network', `${error instanceof Error ? error.message : String(error)}${code}`);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }
}
