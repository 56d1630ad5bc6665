import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiContext } from '../app.ts';
import { EventPayload } from '@tickerwire/alerts';
import { ApiError } from '../errors.ts';
import { StreamQuery, toMatchFilter } from '../filters.ts';
import { errorResponses, readSecurity } from '../schemas.ts';
import { serveStream } from '../stream.ts';
import { duplicateConnection, storedEventsKey, storedEventsRetention } from '@tickerwire/queue';

const streamIdPattern = /^\d{1,20}-\d{1,20}$/;

export function streamRoutes(context: ApiContext): FastifyPluginAsyncZod {
  let open = 0;
  const openPerKey = new Map<string, number>();
  const closers = new Set<() => void>();
  return async (app) => {
    // Open streams never go idle: end them, or closing the server would wait for ever.
    app.addHook('preClose', async () => {
      for (const close of [...closers]) close();
    });
    app.get(
      '/v1/stream',
      {
        config: { scope: 'read' },
        schema: {
          summary: 'Live events (server-sent events)',
          description:
            'Each report of a stored event as it is stored: `event: stored-event`, `id:` the Redis stream entry id, `data:` the EventPayload as JSON (`schema: "tickerwire.event.v2"`: headline, article title and URL, source, publishedAt, reasons, the event). ' +
            'Reconnect with `Last-Event-ID` (or `lastEventId=`) to receive everything after that id, in order, then live events. ' +
            `Retention: the stream keeps about the last ${storedEventsRetention.toLocaleString('en')} reports (Redis XADD MAXLEN ~); ` +
            'a client whose id is older than that gets an `event: gap` first. Filters as for /v1/events; `novel=true` keeps first reports only.',
          tags: ['feeds'],
          security: readSecurity,
          querystring: StreamQuery,
          response: { 200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: EventPayload } } }, ...errorResponses(400, 401, 429, 503) },
        },
      },
      async (request, reply) => {
        const header = request.headers['last-event-id'];
        const lastEventId = (typeof header === 'string' && header.trim() !== '' ? header.trim() : null) ?? request.query.lastEventId ?? null;
        if (lastEventId !== null && !streamIdPattern.test(lastEventId)) throw ApiError.badRequest('Last-Event-ID', 'a stream entry id such as 1700000000000-0');
        if (open >= context.options.maxStreams) throw new ApiError(503, 'too_many_streams', 'too many open streams; retry later', { headers: { 'retry-after': '5' } });
        // One key must not hold every stream the server can serve.
        const keyId = request.apiKey?.id ?? '';
        const ofKey = openPerKey.get(keyId) ?? 0;
        if (ofKey >= context.options.maxStreamsPerKey) {
          throw new ApiError(429, 'too_many_streams', `this API key holds ${ofKey} open streams, the most allowed; close one first`, { headers: { 'retry-after': '5' } });
        }
        openPerKey.set(keyId, ofKey + 1);
        open++;
        const connection = duplicateConnection(context.redis, { maxRetriesPerRequest: null });
        connection.on('error', (error) => request.log.debug({ err: error }, 'stream connection error'));
        let closed = false;
        const close = () => {
          if (closed) return;
          closed = true;
          open--;
          const left = (openPerKey.get(keyId) ?? 1) - 1;
          if (left > 0) openPerKey.set(keyId, left);
          else openPerKey.delete(keyId);
          closers.delete(close);
          // Ends a blocked XREAD at once; the connection was this client's alone.
          connection.disconnect();
        };
        closers.add(close);
        reply.raw.on('close', close);
        reply.hijack();
        const filter = { match: toMatchFilter(request.query), repeatsOnly: request.query.novel === false };
        await serveStream(
          { connection, response: reply.raw, streamKey: storedEventsKey(context.queuePrefix), filter, lastEventId, blockMs: context.options.streamBlockMs, onError: (error) => request.log.warn({ err: error }, 'stream failed') },
          () => closed,
        );
        close();
        reply.raw.end();
      },
    );
  };
}
