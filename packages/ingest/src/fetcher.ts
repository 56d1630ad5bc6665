import type { IncomingHttpHeaders } from 'node:http';
import type { Source } from '@tickerwire/core';
import { refusedUrlReason } from './address-guard.ts';
import { BodyTooLargeError, UnsupportedEncodingError, acceptEncoding, readDecodedBody } from './body.ts';
import { FetchError, errorChain, isPermanentStatus, type FetchErrorKind } from './errors.ts';
import { BlockedAddressError, guardedAgentFor } from './guarded-agent.ts';
import { PrivateNetworkAllowlist } from './private-network.ts';
import type { Agent } from 'undici';
import { HostGate } from './host-gate.ts';
import { RobotsCache } from './robots-cache.ts';

export const userAgent = 'Tickerwire/0.1 (+https://github.com/tickerwire/tickerwire)';
/** The token robots.txt groups are matched against. */
export const robotsProductToken = 'tickerwire';

export interface FetcherOptions {
  userAgent?: string;
  /** TCP (and TLS) connect. */
  connectTimeoutMs?: number;
  /** From request sent to response headers received (time to first byte). */
  headersTimeoutMs?: number;
  /** One hop from connect to last body byte: a slow-drip body is cut here. */
  totalTimeoutMs?: number;
  /** Cap on the body after decompression. */
  maxBodyBytes?: number;
  maxRedirects?: number;
  maxConcurrentPerHost?: number;
  /** Minimum time between request starts to one host. */
  politenessDelayMs?: number;
  robotsCacheTtlMs?: number;
  /** The private addresses and hosts the operator allows (TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST); none by default. */
  privateNetwork?: PrivateNetworkAllowlist;
}

const defaults: Required<FetcherOptions> = {
  userAgent,
  connectTimeoutMs: 5_000,
  headersTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
  maxBodyBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  maxConcurrentPerHost: 2,
  politenessDelayMs: 1_000,
  robotsCacheTtlMs: 6 * 3600_000,
  privateNetwork: PrivateNetworkAllowlist.none,
};

const robotsMaxBytes = 512 * 1024;

/** Conditional-GET validators to store per source between polls. */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export interface FetchRequest {
  /** Loopback and private addresses are refused on every hop unless the operator's allowlist names them. */
  url: string;
  validators?: Validators | null;
  /** Page sources honour robots.txt; feeds are published to be polled and do not ask. */
  checkRobots?: boolean;
  accept?: string;
  maxBodyBytes?: number;
  signal?: AbortSignal;
}

interface FetchOutcome {
  /** The URL asked for, and the one that finally answered after redirects. */
  url: string;
  finalUrl: string;
  redirects: readonly string[];
  validators: Validators;
}

export interface NotModified extends FetchOutcome {
  notModified: true;
  status: 304;
}

export interface Fetched extends FetchOutcome {
  notModified: false;
  status: number;
  contentType: string | null;
  /** Decoded (decompressed) body bytes; see decodeBytes() for text. */
  body: Buffer;
}

export type FetchResult = NotModified | Fetched;

type HopResult =
  | { type: 'redirect'; location: string; status: number }
  | { type: 'not-modified'; headers: IncomingHttpHeaders }
  | { type: 'body'; status: number; headers: IncomingHttpHeaders; body: Buffer };

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function retryAfterMs(headers: IncomingHttpHeaders): number | undefined {
  const value = header(headers, 'retry-after');
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

const timeoutCodes = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

class DeadlineExceeded extends Error {}

/**
 * The one way Tickerwire fetches anything from the network. One instance per process: it owns
 * the connection pools, the per-host gate and the robots.txt cache.
 */
export class Fetcher {
  readonly #options: Required<FetcherOptions>;
  readonly #agent: Agent;
  readonly #gate: HostGate;
  readonly #robots: RobotsCache;

  constructor(options: FetcherOptions = {}) {
    this.#options = { ...defaults, ...options };
    this.#agent = guardedAgentFor(this.#options, this.#options.privateNetwork);
    this.#gate = new HostGate({ maxConcurrent: this.#options.maxConcurrentPerHost, minIntervalMs: this.#options.politenessDelayMs });
    this.#robots = new RobotsCache(
      async (url) => {
        const result = await this.fetch({ url, accept: 'text/plain', maxBodyBytes: robotsMaxBytes });
        return result.notModified ? '' : new TextDecoder().decode(result.body);
      },
      robotsProductToken,
      this.#options.robotsCacheTtlMs,
    );
  }

  /** Fetch one URL: throws FetchError (classified, with `permanent`) on every failure. */
  async fetch(request: FetchRequest): Promise<FetchResult> {
    const start = this.#parseUrl(request.url, request.url);
    if (request.checkRobots) {
      const verdict = await this.#robots.check(start);
      if (!verdict.allowed) {
        const why = verdict.transient ? 'robots.txt is unreachable, so everything is disallowed for now' : 'disallowed by robots.txt';
        throw new FetchError('robots-disallowed', `${request.url}: ${why}`, { permanent: !verdict.transient, url: request.url });
      }
    }
    const redirects: string[] = [];
    let current = start;
    for (;;) {
      // Every hop, redirects included: the allowlist is the operator's, whoever sends us there.
      const reason = refusedUrlReason(current, this.#options.privateNetwork);
      if (reason !== null) throw new FetchError('blocked-address', `${current.href}: refusing ${reason}`, { permanent: true, url: current.href });
      const hop = await this.#gate.run(current.hostname, () => this.#hop(current, request));
      if (hop.type === 'redirect') {
        if (redirects.length >= this.#options.maxRedirects) {
          throw new FetchError('too-many-redirects', `${request.url}: more than ${this.#options.maxRedirects} redirects`, {
            permanent: true,
            url: request.url,
          });
        }
        current = this.#parseUrl(hop.location, current.href);
        redirects.push(current.href);
        continue;
      }
      const outcome = {
        url: request.url,
        finalUrl: current.href,
        redirects,
        validators: {
          etag: header(hop.headers, 'etag') ?? request.validators?.etag ?? null,
          lastModified: header(hop.headers, 'last-modified') ?? request.validators?.lastModified ?? null,
        },
      };
      if (hop.type === 'not-modified') return { ...outcome, notModified: true, status: 304 };
      return { ...outcome, notModified: false, status: hop.status, contentType: header(hop.headers, 'content-type') ?? null, body: hop.body };
    }
  }

  /** Close connection pools (keep-alive sockets) so the process can exit. */
  async close(): Promise<void> {
    await this.#agent.close();
  }

  #parseUrl(location: string, base: string): URL {
    let url: URL;
    try {
      url = new URL(location, base);
    } catch {
      throw new FetchError('bad-url', `not a valid URL: ${location}`, { permanent: true, url: location });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new FetchError('bad-url', `only http and https are fetched, not ${url.protocol} (${location})`, { permanent: true, url: location });
    }
    if (url.username || url.password) {
      throw new FetchError('bad-url', `URLs with credentials are not fetched (${url.host})`, { permanent: true, url: url.host });
    }
    url.hash = '';
    return url;
  }

  /** One request/response exchange, body read in full, under the per-hop deadline. */
  async #hop(url: URL, request: FetchRequest): Promise<HopResult> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new DeadlineExceeded()), this.#options.totalTimeoutMs);
    const signal = request.signal ? AbortSignal.any([deadline.signal, request.signal]) : deadline.signal;
    const headers: Record<string, string> = {
      'user-agent': this.#options.userAgent,
      accept: request.accept ?? 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5',
      'accept-encoding': acceptEncoding,
    };
    if (request.validators?.etag) headers['if-none-match'] = request.validators.etag;
    if (request.validators?.lastModified) headers['if-modified-since'] = request.validators.lastModified;
    try {
      const response = await this.#agent.request({ origin: url.origin, path: `${url.pathname}${url.search}`, method: 'GET', headers, signal });
      const status = response.statusCode;
      const location = header(response.headers, 'location');
      if (redirectStatuses.has(status) && location) {
        await response.body.dump();
        return { type: 'redirect', location, status };
      }
      if (status === 304) {
        await response.body.dump();
        return { type: 'not-modified', headers: response.headers };
      }
      if (status < 200 || status >= 300) {
        await response.body.dump();
        const retryAfter = retryAfterMs(response.headers);
        throw new FetchError('http-status', `${url.href}: HTTP ${status}`, {
          permanent: isPermanentStatus(status),
          url: url.href,
          status,
          ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
        });
      }
      const body = await readDecodedBody(response.body, header(response.headers, 'content-encoding'), request.maxBodyBytes ?? this.#options.maxBodyBytes);
      return { type: 'body', status, headers: response.headers, body };
    } catch (error) {
      if (error instanceof FetchError) throw error;
      if (request.signal?.aborted) throw request.signal.reason;
      throw classify(error, url.href, deadline.signal.aborted);
    } finally {
      clearTimeout(timer);
    }
  }
}

function classify(error: unknown, url: string, deadlinePassed: boolean): FetchError {
  const chain = errorChain(error);
  const fail = (kind: FetchErrorKind, message: string, permanent: boolean) =>
    new FetchError(kind, `${url}: ${message}`, { permanent, url, cause: error });
  const blocked = chain.find((e) => e instanceof BlockedAddressError);
  if (blocked instanceof BlockedAddressError) return fail('blocked-address', blocked.message, true);
  const tooLarge = chain.find((e) => e instanceof BodyTooLargeError);
  if (tooLarge instanceof BodyTooLargeError) return fail('too-large', tooLarge.message, true);
  const unsupported = chain.find((e) => e instanceof UnsupportedEncodingError);
  if (unsupported instanceof UnsupportedEncodingError) return fail('unsupported-encoding', unsupported.message, true);
  if (deadlinePassed || chain.some((e) => e instanceof DeadlineExceeded)) return fail('timeout', 'total time limit reached', false);
  const timedOut = chain.find((e) => e instanceof Error && 'code' in e && timeoutCodes.has(String(e.code)));
  if (timedOut instanceof Error) return fail('timeout', timedOut.message, false);
  return fail('network', error instanceof Error ? error.message : String(error), false);
}

/** Fetch a configured source: conditional when validators are given, robots.txt for page sources. */
export function fetchSource(fetcher: Fetcher, source: Source, validators?: Validators | null, signal?: AbortSignal): Promise<FetchResult> {
  return fetcher.fetch({
    url: source.url,
    validators: validators ?? null,
    checkRobots: source.kind !== 'feed',
    ...(signal ? { signal } : {}),
  });
}
