import { createHash } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { serializerCompiler, validatorCompiler, jsonSchemaTransform, jsonSchemaTransformObject, type ZodTypeProvider } from 'fastify-type-provider-zod';
import compress from '@fastify/compress';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Queue } from 'bullmq';
import type { Db } from 'mongodb';
import type { RedisConnection } from '@tickerwire/queue';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { queueEventsMaxLen, queueNames } from '@tickerwire/queue';
import type { Repositories } from '@tickerwire/store';
import { WebhookEnvelope, eventPayloadSchema } from '@tickerwire/alerts';
import { authenticate } from './auth.ts';
import { loggerOptions, type LogDestination } from './logging.ts';
import { requireRouteScopes, withRouteAccess } from './route-access.ts';
import { securityHeaders } from './security-headers.ts';
import { ApiError, errorBody, toErrorResponse } from './errors.ts';
import { RateLimiter } from './rate-limit.ts';
import { PipelineMetrics } from './metrics.ts';
import { feedRoutes } from './routes/feeds.ts';
import { tickerRoutes } from './routes/tickers.ts';
import { adminRoutes } from './routes/admin.ts';
import { opsRoutes } from './routes/ops.ts';
import { streamRoutes } from './routes/stream.ts';
import { deliveryRoutes } from './routes/deliveries.ts';
import { webRoutes } from './routes/web.ts';

export interface ApiOptions {
  /** Base URL for links in feeds; default: from each request's protocol and Host. */
  publicUrl?: string;
  /** Requests per key per window; default 600 per 60 s. */
  rateLimit?: { limit: number; windowMs: number };
  /** Requests without a valid key per client address per window; default 60 per 60 s. */
  unauthenticatedRateLimit?: { limit: number; windowMs: number };
  /** Most SSE streams open at once; default 200. */
  maxStreams?: number;
  /** Most SSE streams one key holds open at once; default 5. */
  maxStreamsPerKey?: number;
  /** How long /readyz waits for each store; default 2000 ms. */
  readinessTimeoutMs?: number;
  /** XREAD BLOCK time of SSE streams (and keep-alive interval); default 15000 ms. */
  streamBlockMs?: number;
  /** Folder of the built research page (packages/web/dist); default: that folder in this checkout. */
  webRoot?: string;
  /** fastify's logger, credentials redacted; default off (the service's main turns it on). `stream`: where lines go (default stdout). */
  logger?: boolean | { level: string; stream?: LogDestination };
}

export interface ApiDeps {
  /** Every repository (`repositories(db)` from @tickerwire/store), indexes ensured. */
  repos: Repositories;
  /** The database, for /readyz. */
  db: Db;
  /** A command connection (`createRedis(url, 'producer', …)`); SSE streams duplicate it. */
  redis: RedisConnection;
  /** BullMQ key prefix of the pipeline's queues and stage counters. */
  queuePrefix: string;
  options?: ApiOptions;
}

/** What route plugins get: the deps plus what buildApi made from them. */
export interface ApiContext extends ApiDeps {
  options: Required<Omit<ApiOptions, 'publicUrl' | 'logger' | 'webRoot'>> & Pick<ApiOptions, 'publicUrl'>;
  queues: Queue[];
  metrics: PipelineMetrics;
}

export type Api = FastifyInstance;

/**
 * Builds the API (not listening): routes, validation, OpenAPI at /docs, auth, rate limits.
 * Closing the returned instance closes what it opened (queue handles); the caller's Redis and
 * MongoDB connections stay the caller's.
 */
export async function buildApi(deps: ApiDeps): Promise<Api> {
  const options: ApiContext['options'] = {
    publicUrl: deps.options?.publicUrl?.replace(/\/+$/, ''),
    rateLimit: deps.options?.rateLimit ?? { limit: 600, windowMs: 60_000 },
    unauthenticatedRateLimit: deps.options?.unauthenticatedRateLimit ?? { limit: 60, windowMs: 60_000 },
    maxStreams: deps.options?.maxStreams ?? 200,
    maxStreamsPerKey: deps.options?.maxStreamsPerKey ?? 5,
    readinessTimeoutMs: deps.options?.readinessTimeoutMs ?? 2000,
    streamBlockMs: deps.options?.streamBlockMs ?? 15_000,
  };
  const logger = deps.options?.logger ?? false;
  const app = Fastify({
    logger: logger === false ? false : loggerOptions(logger === true ? 'info' : logger.level, logger === true ? undefined : logger.stream),
    trustProxy: false,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();
  // First: it must see every route, to refuse starting while one has no scope.
  requireRouteScopes(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const queues = queueNames.map((name) => {
    const queue = new Queue(name, { connection: deps.redis, prefix: deps.queuePrefix, streams: { events: { maxLen: queueEventsMaxLen } } });
    queue.on('error', (error) => app.log.warn({ err: error, queue: name }, 'queue error'));
    return queue;
  });
  const context: ApiContext = { ...deps, options, queues, metrics: new PipelineMetrics(deps.redis, queues, deps.queuePrefix, deps.repos.sources) };
  app.addHook('onClose', async () => {
    // BullMQ leaves a connection it was given open: the caller's stays the caller's.
    await Promise.all(queues.map((queue) => queue.close()));
    // What the feeds run in the background (the development server's feed order; startApi).
    deps.repos.feeds.close();
  });

  app.decorateRequest('apiKey', null);
  const limiter = new RateLimiter(deps.redis, deps.queuePrefix, options.rateLimit.limit, options.rateLimit.windowMs);
  const unauthenticatedLimiter = new RateLimiter(deps.redis, deps.queuePrefix, options.unauthenticatedRateLimit.limit, options.unauthenticatedRateLimit.windowMs);
  app.addHook(
    'onRequest',
    authenticate({
      apiKeys: deps.repos.apiKeys,
      limiter,
      unauthenticatedLimiter,
      publicUrl: options.publicUrl,
      onLimiterError: (error) => app.log.warn({ err: error }, 'rate limiter unavailable; request let through'),
    }),
  );

  app.addHook('onSend', async (request, reply, payload) => {
    for (const [name, value] of Object.entries(securityHeaders(request.is404 ? undefined : request.routeOptions.config?.page))) reply.header(name, value);
    return payload;
  });

  // ETag on what a route marks cacheable: a hash of the exact bytes, so equal pages match.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' || reply.statusCode !== 200 || !request.routeOptions.config?.etag || typeof payload !== 'string') return payload;
    const etag = `"${createHash('sha256').update(payload).digest('base64url').slice(0, 32)}"`;
    reply.header('etag', etag);
    reply.header('cache-control', 'private, no-cache');
    const ifNoneMatch = request.headers['if-none-match'];
    if (typeof ifNoneMatch === 'string' && ifNoneMatch.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === etag)) {
      reply.code(304);
      reply.removeHeader('content-length');
      return '';
    }
    return payload;
  });

  // After the ETag hook (registered above, so its hash is of the uncompressed bytes): answers of
  // 1 KB or more go out with br or gzip when the client accepts them (a page of 200 articles is
  // ~300 KB of JSON). Server-sent events are written by hand and stay uncompressed.
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });

  app.setErrorHandler((error, request, reply) => {
    const response = toErrorResponse(error);
    if (response.unexpected) request.log.error({ err: error }, 'request failed');
    for (const [name, value] of Object.entries(response.headers)) reply.header(name, value);
    return reply.code(response.status).type('application/json; charset=utf-8').send(response.body);
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).type('application/json; charset=utf-8').send(errorBody(404, 'not_found', `no route ${request.method} ${request.url.split('?', 1)[0]}`));
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tickerwire API',
        version: '1.0.0',
        description:
          'Market news and the events extracted from it. Authenticate with `Authorization: Bearer <key>` (or `X-API-Key`). ' +
          'Read keys read feeds; admin keys also manage sources, subscriptions and keys. Errors are JSON: `{ error: { status, code, message, field, issues } }`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
      security: [{ bearer: [] }, { apiKeyHeader: [] }],
      // What subscriptions receive: signed (Standard Webhooks) POSTs of this envelope.
      webhooks: {
        'event.stored': {
          post: {
            summary: `A stored event matched a subscription (payload schema ${eventPayloadSchema})`,
            description:
              'Body: `{ type: "event.stored", schema, timestamp, data }`, `data` being the EventPayload (the same object as the `data:` of an SSE `stored-event` frame). ' +
              'Signed with the subscription\'s secrets (headers webhook-id, webhook-timestamp, webhook-signature). Answer 2xx within the timeout; other answers are retried (see the API README for the schedule); 410 disables the subscription.',
            requestBody: { content: { 'application/json': { schema: { $ref: `#/components/schemas/${WebhookEnvelope.meta()?.id ?? 'WebhookEnvelope'}` } } } },
            responses: { '2XX': { description: 'Delivered' } },
          },
        },
      },
    },
    transform: (document) => (document.url.startsWith('/admin/queues') ? { schema: { hide: true } as never, url: document.url } : jsonSchemaTransform(document)),
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(withRouteAccess({ scope: 'public', page: 'docs' }, swaggerUi, { routePrefix: '/docs' }));

  await app.register(opsRoutes(context));
  await app.register(feedRoutes(context));
  await app.register(tickerRoutes(context));
  await app.register(streamRoutes(context));
  await app.register(adminRoutes(context));
  await app.register(deliveryRoutes(context));
  await app.register(webRoutes(deps.options?.webRoot));

  // The BullMQ dashboard, in its own context: its routes carry no zod schemas.
  const board = new FastifyAdapter();
  board.setBasePath('/admin/queues');
  // @bull-board/fastify 9.10.1 brings its own @bull-board/api 9.10.1: same interface, distinct type.
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter: board as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'] });
  const dashboard: FastifyPluginAsync = async (scope) => {
    scope.setValidatorCompiler(() => (data) => ({ value: data }));
    scope.setSerializerCompiler(() => (data) => JSON.stringify(data));
    await scope.register(board.registerPlugin(), { prefix: '/admin/queues' });
  };
  await app.register(withRouteAccess({ scope: 'admin', basicAuth: true, page: 'dashboard' }, dashboard));

  await app.ready();
  return app;
}

/** Builds the API and listens; `port: 0` picks a free port. */
export async function startApi(deps: ApiDeps & { host?: string; port?: number }): Promise<{ app: Api; url: string; close(): Promise<void> }> {
  const app = await buildApi(deps);
  const address = await app.listen({ host: deps.host ?? '127.0.0.1', port: deps.port ?? 8080 });
  // On the development server, with the ledger's coordination in the repositories, the feeds
  // keep the stories' order in memory: built now, in the background (a no-op elsewhere).
  deps.repos.feeds.warm().catch((error: unknown) => app.log.warn({ err: error }, 'feed order not built ahead; the first page builds it'));
  return { app, url: address, close: () => app.close() };
}

export { ApiError };
