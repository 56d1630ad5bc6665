import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKey, ApiKeysRepository } from '@tickerwire/store';
import { ApiError, toErrorResponse } from './errors.ts';
import type { RateLimiter } from './rate-limit.ts';
import { requiredScope, type Scope } from './route-access.ts';
import { isCrossSiteWrite, originOf, publicBase } from './request-origin.ts';

export type { Scope };

declare module 'fastify' {
  interface FastifyRequest {
    apiKey: ApiKey | null;
  }
}

/**
 * The key a request presents: `Authorization: Bearer`, `X-API-Key`, `api_key=` (feed readers),
 * or Basic auth's password where `basicAuth` allows it — only the dashboard: a browser replays
 * Basic credentials on its own, even on requests another site's page makes.
 */
export function presentedKey(headers: FastifyRequest['headers'], query: unknown, options: { basicAuth: boolean }): string | null {
  const authorization = headers.authorization;
  if (typeof authorization === 'string') {
    const [scheme = '', value = ''] = authorization.trim().split(/\s+/, 2);
    if (scheme.toLowerCase() === 'bearer' && value) return value;
    if (scheme.toLowerCase() === 'basic' && value && options.basicAuth) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      return colon >= 0 ? decoded.slice(colon + 1) : decoded;
    }
  }
  const header = headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  if (query && typeof query === 'object' && typeof (query as Record<string, unknown>).api_key === 'string') return (query as Record<string, string>).api_key!;
  return null;
}

export interface AuthenticationDeps {
  apiKeys: ApiKeysRepository;
  /** Per key. */
  limiter: RateLimiter;
  /** Per client address, for requests without a valid key: each costs a database lookup. */
  unauthenticatedLimiter: RateLimiter;
  /** API_PUBLIC_URL; its origin is our own (else the request's valid Host). */
  publicUrl: string | undefined;
  onLimiterError: (error: Error) => void;
}

/**
 * The onRequest hook: 403 for a state-changing request from another site's page, 401 without a
 * live key, 429 over the key's (or, without a valid key, the address's) limit, 403 without the
 * scope. The scope is the matched route's. It answers itself rather than throwing, so plugins
 * with their own error handler (the dashboard) still give our JSON errors and headers.
 */
export function authenticate(deps: AuthenticationDeps) {
  const check = checker(deps);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    try {
      await check(request, reply);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const response = toErrorResponse(error);
      for (const [name, value] of Object.entries(response.headers)) reply.header(name, value);
      await reply.code(response.status).type('application/json; charset=utf-8').send(response.body);
    }
  };
}

function rateLimited(limit: { limit: number; retryAfterMs: number }, windowMs: number, what: string): ApiError {
  const seconds = Math.max(1, Math.ceil(limit.retryAfterMs / 1000));
  return new ApiError(429, 'rate_limited', `rate limit of ${limit.limit} ${what} per ${windowMs / 1000} s exceeded; retry in ${seconds} s`, { headers: { 'retry-after': String(seconds) } });
}

function checker({ apiKeys, limiter, unauthenticatedLimiter, publicUrl, onLimiterError }: AuthenticationDeps) {
  // Redis down: serve rather than refuse everything; readiness reports the outage.
  const limit = async (bucket: RateLimiter, id: string, peek = false) => {
    try {
      return await (peek ? bucket.peek(id) : bucket.hit(id));
    } catch (error) {
      onLimiterError(error as Error);
      return null;
    }
  };
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    request.apiKey = null;
    const config = request.routeOptions.config;
    const scope = requiredScope({ is404: request.is404, config });
    const base = publicBase(publicUrl, request.protocol, request.host);
    if (isCrossSiteWrite(request.method, { origin: header(request, 'origin'), 'sec-fetch-site': header(request, 'sec-fetch-site') }, base === null ? null : originOf(base))) {
      throw new ApiError(403, 'cross_origin', 'a state-changing request from another site is refused (Origin or Sec-Fetch-Site)');
    }
    if (scope === 'public') return;
    const basicAuth = config?.basicAuth === true;
    // Browsers only offer the Basic prompt, the dashboard's only way in without a proxy.
    const challenge = basicAuth ? 'Basic realm="tickerwire", charset="UTF-8"' : 'Bearer realm="tickerwire"';
    const unauthorized = async (message: string) => {
      const counted = await limit(unauthenticatedLimiter, `addr:${request.ip}`);
      if (counted && !counted.allowed) return rateLimited(counted, unauthenticatedLimiter.windowMs, 'unauthenticated requests from one address');
      return new ApiError(401, 'unauthorized', message, { headers: { 'www-authenticate': challenge } });
    };
    const key = presentedKey(request.headers, request.query, { basicAuth });
    if (!key) throw await unauthorized('an API key is required (Authorization: Bearer <key>)');
    // An address over its limit of failed attempts costs no database lookup.
    const address = await limit(unauthenticatedLimiter, `addr:${request.ip}`, true);
    if (address && !address.allowed) throw rateLimited(address, unauthenticatedLimiter.windowMs, 'unauthenticated requests from one address');
    const apiKey = await apiKeys.verify(key);
    if (!apiKey) throw await unauthorized('the API key is unknown or revoked');
    request.apiKey = apiKey;
    const counted = await limit(limiter, apiKey.id);
    if (counted) {
      reply.header('x-ratelimit-limit', String(counted.limit));
      reply.header('x-ratelimit-remaining', String(counted.remaining));
      if (!counted.allowed) throw rateLimited(counted, limiter.windowMs, 'requests');
    }
    if (scope === 'admin' && !apiKey.scopes.includes('admin')) throw new ApiError(403, 'forbidden', 'this route needs an API key with the admin scope');
  };
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}
