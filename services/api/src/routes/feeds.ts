import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { FeedPosition, FeedTimeField } from '@tickerwire/store';
import type { ApiContext } from '../app.ts';
import { decodeCursor, encodeCursor, type CursorKind } from '../cursor.ts';
import { ApiError } from '../errors.ts';
import { presentedKey } from '../auth.ts';
import { FeedQuery, authQuery, toFeedFilter } from '../filters.ts';
import { formatMediaTypes, negotiateFormat, renderAtom, renderJsonFeed, renderNdjson, renderRss, type FeedEntry, type FeedMeta } from '../formats.ts';
import { ApiArticle, ApiEvent, articleEntry, eventEntry, pageSchema, toApiArticle, toApiEvent } from '../representations.ts';
import { publicBase } from '../request-origin.ts';
import { articleColumns, articlesCsv, eventColumns, eventsCsv } from '../csv.ts';
import { errorResponses, readSecurity } from '../schemas.ts';

/**
 * The base URL of links in feeds: the configured public URL (API_PUBLIC_URL), else the
 * request's protocol and Host once the Host is well-formed; a 400 otherwise, as feed readers
 * follow these links.
 */
export function baseUrl(context: ApiContext, request: FastifyRequest): string {
  const base = publicBase(context.options.publicUrl, request.protocol, request.host);
  if (base === null) throw ApiError.badRequest('Host', 'not a valid host name; the operator can set API_PUBLIC_URL');
  return base;
}

/** This request's URL with the cursor replaced (or removed) and the API key left out. */
/**
 * A page of this feed. `keepKey`: the request authenticated with `api_key=` (a feed reader that
 * cannot send headers), so its links carry that key to keep working; a key sent in a header
 * never goes into a URL.
 */
export function pageUrl(base: string, requestUrl: string, cursor: string | null, keepKey = false): string {
  const url = new URL(requestUrl, 'http://x');
  if (!keepKey) url.searchParams.delete('api_key');
  url.searchParams.delete('cursor');
  if (cursor) url.searchParams.set('cursor', cursor);
  return `${base}${url.pathname}${url.search}`;
}

/** The order of this page: `order=` if given (a cursor of another order is a 400), else the cursor's, else publication time. */
export function pageOrder(query: FeedQuery, after: FeedPosition | undefined): FeedTimeField {
  if (query.order && after && after.order !== query.order) throw ApiError.badRequest('cursor', `a cursor of order=${after.order}; repeat that order or drop the cursor`);
  return query.order ?? after?.order ?? 'publishedAt';
}

const feedDescription = (what: string) =>
  `${what}, newest first (by publishedAt unless \`order=firstSeenAt\`), filtered and paged with an opaque \`cursor\` (\`nextCursor\`, also in the \`Link: rel="next"\` header). ` +
  'Formats: JSON (default), NDJSON, RSS 2.0, Atom, JSON Feed, CSV, chosen by `format=` or the Accept header (`text/csv`). `q=` searches words. Answers carry an ETag; send it back in If-None-Match for a 304.';

const csvDescription =
  'RFC 4180 CSV with a header row, one row per event (articles: one per article and event; an article without events on one row). ' +
  'A text cell starting with = + - @ is written with a leading apostrophe. ' +
  `Events: ${eventColumns.map(([name]) => name).join(', ')}. Articles: ${articleColumns.map(([name]) => name).join(', ')}. The next page is in the Link header.`;

function feedResponses<T extends z.ZodType>(page: T) {
  return {
    200: {
      description: 'A page of items',
      content: {
        'application/json': { schema: page },
        'application/x-ndjson': { schema: z.string().meta({ description: 'One JSON item per line' }) },
        'application/rss+xml': { schema: z.string() },
        'application/atom+xml': { schema: z.string() },
        'application/feed+json': { schema: z.string().meta({ description: 'JSON Feed 1.1; each item has the full item under `_tickerwire`' }) },
        'text/csv': { schema: z.string().meta({ description: csvDescription }) },
      },
    },
    304: z.null().meta({ description: 'Not modified (If-None-Match matched the ETag)' }),
    ...errorResponses(400, 401, 406, 429),
  };
}

export function feedRoutes(context: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    async function respond<T>(
      kind: CursorKind,
      request: FastifyRequest<{ Querystring: FeedQuery }>,
      load: () => Promise<{ data: T[]; next: string | null }>,
      entry: (item: T) => FeedEntry,
      csv: (items: T[]) => string,
      reply: import('fastify').FastifyReply,
    ) {
      const query = request.query;
      const format = negotiateFormat(query.format, request.headers.accept);
      if (!format) throw new ApiError(406, 'not_acceptable', `cannot answer in any type the Accept header names; use one of ${Object.values(formatMediaTypes).join(', ')}`);
      const base = baseUrl(context, request);
      const { data, next } = await load();
      // The key came from the query only if no header presented one (headers win in authentication).
      const keepKey = typeof query.api_key === 'string' && presentedKey(request.headers, {}, { basicAuth: false }) === null;
      const nextUrl = next ? pageUrl(base, request.url, next, keepKey) : null;
      reply.header('vary', 'Accept, Authorization, X-API-Key');
      if (nextUrl) reply.header('link', `<${nextUrl}>; rel="next"`);
      if (format === 'json') return reply.type('application/json; charset=utf-8').send({ data, nextCursor: next });
      if (format === 'csv') return reply.type('text/csv; charset=utf-8; header=present').send(csv(data));
      const entries = data.map(entry);
      const meta: FeedMeta = {
        title: `Tickerwire ${kind}`,
        description: `Tickerwire ${kind} matching ${new URL(request.url, 'http://x').searchParams.toString().replace(/(^|&)api_key=[^&]*/, '') || 'everything'}`,
        selfUrl: pageUrl(base, request.url, query.cursor ?? null, keepKey),
        homeUrl: pageUrl(base, request.url, null, keepKey),
        nextUrl,
        id: `urn:tickerwire:feed:${kind}:${new URL(pageUrl(base, request.url, query.cursor ?? null)).search}`,
      };
      const body = format === 'rss' ? renderRss(meta, entries) : format === 'atom' ? renderAtom(meta, entries) : format === 'jsonfeed' ? renderJsonFeed(meta, entries) : renderNdjson(entries);
      return reply.type(`${formatMediaTypes[format]}; charset=utf-8`).send(body);
    }

    app.get(
      '/v1/articles',
      {
        config: { scope: 'read', etag: true },
        schema: {
          summary: 'Articles',
          description: `${feedDescription('Stored stories with their analysis')} On articles, \`novel=false\` keeps stories that only repeat facts first reported by earlier stories, \`novel=true\` every other one; \`types\`, \`actions\` and \`tickers\` match any of the article's events and tickers.`,
          tags: ['feeds'],
          security: readSecurity,
          querystring: FeedQuery,
          response: feedResponses(pageSchema(ApiArticle, 'ArticlePage')),
        },
      },
      async (request, reply) =>
        respond(
          'articles',
          request,
          async () => {
            const after = request.query.cursor ? decodeCursor('articles', request.query.cursor) : undefined;
            const page = await context.repos.feeds.articlesPage(toFeedFilter(request.query, pageOrder(request.query, after)), request.query.limit, after);
            return { data: page.items.map(toApiArticle), next: page.next ? encodeCursor('articles', page.next) : null };
          },
          articleEntry,
          articlesCsv,
          reply,
        ),
    );

    app.get(
      '/v1/events',
      {
        config: { scope: 'read', etag: true },
        schema: {
          summary: 'Events',
          description: `${feedDescription('Extracted events, one per fact however many articles reported it')} \`novel=true\` keeps facts whose first report matches (with \`sources\`: first reported by them), \`novel=false\` facts that only later reports match (without \`sources\`: none, every fact is novel): the two never overlap.`,
          tags: ['feeds'],
          security: readSecurity,
          querystring: FeedQuery,
          response: feedResponses(pageSchema(ApiEvent, 'EventPage')),
        },
      },
      async (request, reply) =>
        respond(
          'events',
          request,
          async () => {
            const after = request.query.cursor ? decodeCursor('events', request.query.cursor) : undefined;
            const page = await context.repos.feeds.eventsPage(toFeedFilter(request.query, pageOrder(request.query, after)), request.query.limit, after);
            const links = await context.repos.feeds.articleLinks(page.items.flatMap((e) => (e.reports[0] ? [e.reports[0].articleId] : [])));
            return { data: page.items.map((e) => toApiEvent(e, links)), next: page.next ? encodeCursor('events', page.next) : null };
          },
          eventEntry,
          eventsCsv,
          reply,
        ),
    );

    const IdParams = z.strictObject({ id: z.string().min(1).max(200).regex(/^[A-Za-z0-9._:-]+$/, 'an id as the feeds give it') });

    app.get(
      '/v1/articles/:id',
      {
        config: { scope: 'read', etag: true },
        schema: {
          summary: 'One article',
          description: 'An article by its id (`articleId` of an event, a webhook or an SSE frame) with every source that carried it and its analysis.',
          tags: ['feeds'],
          security: readSecurity,
          params: IdParams,
          querystring: z.strictObject({ ...authQuery }),
          response: { 200: ApiArticle, 304: z.null().meta({ description: 'Not modified' }), ...errorResponses(400, 401, 404, 429) },
        },
      },
      async (request) => {
        const doc = await context.repos.feeds.articleById(request.params.id);
        if (!doc) throw ApiError.notFound(`article ${request.params.id}`);
        return toApiArticle(doc);
      },
    );

    app.get(
      '/v1/events/:id',
      {
        config: { scope: 'read', etag: true },
        schema: {
          summary: 'One event',
          description: 'An event by its id (`eventId` of a webhook or an SSE frame, `id` in /v1/events) with every report of it.',
          tags: ['feeds'],
          security: readSecurity,
          params: IdParams,
          querystring: z.strictObject({ ...authQuery }),
          response: { 200: ApiEvent, 304: z.null().meta({ description: 'Not modified' }), ...errorResponses(400, 401, 404, 429) },
        },
      },
      async (request) => {
        const doc = await context.repos.feeds.eventById(request.params.id);
        if (!doc) throw ApiError.notFound(`event ${request.params.id}`);
        const links = await context.repos.feeds.articleLinks(doc.reports[0] ? [doc.reports[0].articleId] : []);
        return toApiEvent(doc, links);
      },
    );
  };
}
