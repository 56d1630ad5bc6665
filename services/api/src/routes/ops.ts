import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiContext } from '../app.ts';
import { checkReadiness } from '../health.ts';

export function opsRoutes(context: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/healthz',
      { config: { scope: 'public' }, schema: { summary: 'Liveness: the process answers', tags: ['operations'], security: [], response: { 200: z.object({ status: z.literal('ok') }) } } },
      async () => ({ status: 'ok' as const }),
    );

    const Readiness = z.object({ ready: z.boolean(), checks: z.object({ redis: z.string(), mongodb: z.string() }) });
    app.get(
      '/readyz',
      { config: { scope: 'public' }, schema: { summary: 'Readiness: Redis and MongoDB answer', tags: ['operations'], security: [], response: { 200: Readiness, 503: Readiness } } },
      async (_request, reply) => {
        const readiness = await checkReadiness(context.redis, context.db, context.options.readinessTimeoutMs);
        return reply.code(readiness.ready ? 200 : 503).send(readiness);
      },
    );

    app.get(
      '/metrics',
      {
        // Scraped from inside the network like /healthz; it names sources and queues, no content.
        config: { scope: 'public' },
        schema: {
          summary: 'Prometheus metrics',
          description: 'Queue depths by state, jobs completed/failed and time spent per queue, items per stage and outcome, polls per source by outcome, per-source health (last poll, last success, failing, items and events stored), webhook deliveries by outcome.',
          tags: ['operations'],
          security: [],
          response: { 200: { description: 'Prometheus text exposition', content: { 'text/plain': { schema: z.string() } } } },
        },
      },
      async (_request, reply) => {
        const body = await context.metrics.render();
        return reply.type(context.metrics.contentType).send(body);
      },
    );

    app.get('/v1/openapi.json', { config: { scope: 'public' }, schema: { hide: true } }, async () => app.swagger());
  };
}
