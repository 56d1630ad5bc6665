import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKey, ApiKeysRepository } from '@tickerwire/store';
import { ApiError, toErrorResponse } from './errors.ts';
import type { RateLimiter } from './rate-limit.ts';

export type Scope = 'public' | 'read' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; routes without one need a read key (admin under /admin). */
    scope?: Scope;
    /** Answer with an ETag and honour If-None-Match. */
    etag?: boolean;
  }
  interface FastifyRequest {
    apiKey: ApiKey | null;
  }
}

/** The key a request presents: `Authorization: Bearer`, `X-API-Key`, Basic auth's password (browsers, for the dashboard) or `api_key=`. */
export function presentedKey(headers: FastifyRequest['headers'], query: unknown): string | null {
  const authorization = headers.authorization;
  if (typeof authorization === 'string') {
    const [scheme = '', value = ''] = authorization.trim().split(/\s+/, 2);
    if (scheme.toLowerCase() === 'bearer' && value) return value;
    if (scheme.toLowerCase() === 'basic' && value) {
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

/**
 * The scope of a route, fixed when it is registered (the onRoute hook): its own `config.scope`,
 * or for plugin routes we do not declare ourselves, by their mount point — the queue dashboard
 * is admin, the API docs public. Any other route without a scope is a programming error and
 * stops the server from starting: a forgotten scope must not default to anything.
 */
export function scopeForRoute(url: string, configured: Scope | undefined): Scope {
  if (configured) return configured;
  if (url === '/admin/queues' || url.startsWith('/admin/queues/')) return 'admin';
  if (url === '/docs' || url.startsWith('/docs/')) return 'public';
  throw new Error(`route ${url} has no scope: give it config.scope ('public', 'read' or 'admin')`);
}

/** Sets every route's scope at registration, refusing a route that has none (see scopeForRoute). */
export function assignScope(route: { url: string; config?: Record<string, unknown> }): void {
  const config = (route.config ??= {});
  config.scope = scopeForRoute(route.url, config.scope as Scope | undefined);
}

/**
 * The onRequest hook: 401 without a live key, 429 over its limit, 403 without the scope. It
 * answers itself rather than throwing, so plugins with their own error handler (the
 * dashboard) still give our JSON errors and headers.
 */
export function authenticate(apiKeys: ApiKeysRepository, limiter: RateLimiter, onLimiterError: (error: Error) => void) {
  const check = checker(apiKeys, limiter, onLimiterError);
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

function checker(apiKeys: ApiKeysRepository, limiter: RateLimiter, onLimiterError: (error: Error) => void) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    request.apiKey = null;
    // Decided on the route the router matched, never on the raw URL: "/%61dmin/queues/…" is
    // decoded by the router into the dashboard's route, so only the matched route knows.
    // A request no route matched (404) still needs a key, so unknown paths reveal nothing.
    const scope: Scope = request.routeOptions.config?.scope ?? 'read';
    if (scope === 'public') return;
    // Browsers only offer the Basic prompt, the dashboard's only way in without a proxy.
    const dashboard = request.routeOptions.url?.startsWith('/admin/queues') === true;
    const challenge = dashboard ? 'Basic realm="tickerwire", charset="UTF-8"' : 'Bearer realm="tickerwire"';
    const key = presentedKey(request.headers, request.query);
    if (!key) throw new ApiError(401, 'unauthorized', 'an API key is required (Authorization: Bearer <key>)', { headers: { 'www-authenticate': challenge } });
    const apiKey = await apiKeys.verify(key);
    if (!apiKey) throw new ApiError(401, 'unauthorized', 'the API key is unknown or revoked', { headers: { 'www-authenticate': challenge } });
    request.apiKey = apiKey;
    let limit;
    try {
      limit = await limiter.hit(apiKey.id);
    } catch (error) {
      // Redis down: serve rather than refuse everything; readiness reports the outage.
      onLimiterError(error as Error);
    }
    if (limit) {
      reply.header('x-ratelimit-limit', String(limit.limit));
      reply.header('x-ratelimit-remaining', String(limit.remaining));
      if (!limit.allowed) {
        const seconds = Math.max(1, Math.ceil(limit.retryAfterMs / 1000));
        throw new ApiError(429, 'rate_limited', `rate limit of ${limit.limit} requests per ${limiter.windowMs / 1000} s exceeded; retry in ${seconds} s`, { headers: { 'retry-after': String(seconds) } });
      }
    }
    if (scope === 'admin' && !apiKey.scopes.includes('admin')) throw new ApiError(403, 'forbidden', 'this route needs an API key with the admin scope');
  };
}
