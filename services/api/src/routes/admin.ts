import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Source, SourcePatch, Subscription, SubscriptionFilter } from '@tickerwire/core';
import { NewSubscription, SubscriptionId, SubscriptionPatch, apiKeyScopes, type SourceHealth, type StoredSubscription } from '@tickerwire/store';
import type { ApiContext } from '../app.ts';
import { ApiError } from '../errors.ts';
import { authQuery } from '../filters.ts';
import { adminSecurity, errorResponses } from '../schemas.ts';

const SourceId = Source.shape.id;
const Iso = z.iso.datetime();

const SourceOut = Source.meta({ id: 'Source' });

/** What the fetch and store stages recorded about a source (SourcesRepository's SourceHealth). */
const SourceHealthOut = z
  .object({
    lastPollAt: Iso.nullable().meta({ description: 'When the last poll finished, well or not (null: never polled)' }),
    lastSuccessAt: Iso.nullable().meta({ description: 'When a poll last succeeded (304 Not Modified counts)' }),
    lastError: z.string().nullable().meta({ description: "The last poll's error; null when the last poll succeeded" }),
    lastErrorAt: Iso.nullable(),
    polls: z.number().int(),
    failures: z.number().int(),
    itemsStored: z.number().int().meta({ description: "Stories this source's copies added (new stories, new sources of one)" }),
    eventsStored: z.number().int().meta({ description: "Event reports stored from this source's articles" }),
  })
  .meta({ id: 'SourceHealth' });
const SourceWithHealth = Source.extend({ health: SourceHealthOut }).meta({ id: 'SourceWithHealth' });

function healthOut(h: SourceHealth): z.infer<typeof SourceHealthOut> {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return { ...h, lastPollAt: iso(h.lastPollAt), lastSuccessAt: iso(h.lastSuccessAt), lastErrorAt: iso(h.lastErrorAt) };
}

/** A subscription as listed: secrets are shown when created or rotated, here only their last characters. */
const SubscriptionOut = z
  .object({
    id: z.string(),
    url: z.string(),
    filter: SubscriptionFilter,
    enabled: z.boolean(),
    secretHints: z.array(z.string()),
    createdAt: Iso,
    updatedAt: Iso,
    disabledReason: z.string().nullable(),
    disabledAt: Iso.nullable(),
  })
  .meta({ id: 'Subscription' });
const CreatedSubscription = SubscriptionOut.extend({ secrets: Subscription.shape.secrets }).meta({ id: 'CreatedSubscription' });

function subscriptionOut(s: StoredSubscription): z.infer<typeof SubscriptionOut> {
  return {
    id: s.id,
    url: s.url,
    filter: s.filter,
    enabled: s.enabled,
    secretHints: s.secrets.map((secret) => `whsec_…${secret.slice(-4)}`),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    disabledReason: s.disabledReason,
    disabledAt: s.disabledAt ? s.disabledAt.toISOString() : null,
  };
}

const ApiKeyOut = z.object({ id: z.string(), name: z.string(), scopes: z.array(z.enum(apiKeyScopes)), createdAt: Iso, revokedAt: Iso.nullable() }).meta({ id: 'ApiKey' });

export function adminRoutes(context: ApiContext): FastifyPluginAsyncZod {
  const { sources, subscriptions, apiKeys } = context.repos;
  return async (app) => {
    const admin = { scope: 'admin' as const };

    // Sources
    app.get(
      '/v1/sources',
      {
        config: admin,
        schema: {
          summary: 'List sources with their health',
          description: 'Each source with `health`: last poll, last success, last error, polls and failures, items and events stored from it.',
          tags: ['sources'],
          security: adminSecurity,
          response: { 200: z.object({ data: z.array(SourceWithHealth) }), ...errorResponses(401, 403, 429) },
        },
      },
      async () => ({ data: (await sources.listWithHealth()).map((s) => ({ ...s, health: healthOut(s.health) })) }),
    );
    app.post(
      '/v1/sources',
      { config: admin, schema: { summary: 'Add a source', tags: ['sources'], security: adminSecurity, body: Source.strict(), response: { 201: SourceOut, ...errorResponses(400, 401, 403, 409, 429) } } },
      async (request, reply) => {
        const outcome = await sources.add(request.body);
        if (outcome === 'already-stored') throw new ApiError(409, 'conflict', `source "${request.body.id}" exists already`, { field: 'id' });
        return reply.code(201).send((await sources.get(request.body.id))!);
      },
    );
    app.get(
      '/v1/sources/:id',
      { config: admin, schema: { summary: 'One source with its health', tags: ['sources'], security: adminSecurity, params: z.object({ id: SourceId }), response: { 200: SourceWithHealth, ...errorResponses(400, 401, 403, 404, 429) } } },
      async (request) => {
        const [source, health] = await Promise.all([sources.get(request.params.id), sources.health(request.params.id)]);
        if (!source || !health) throw ApiError.notFound(`source ${request.params.id}`);
        return { ...source, health: healthOut(health) };
      },
    );
    app.patch(
      '/v1/sources/:id',
      { config: admin, schema: { summary: 'Change a source', tags: ['sources'], security: adminSecurity, params: z.object({ id: SourceId }), body: SourcePatch, response: { 200: SourceOut, ...errorResponses(400, 401, 403, 404, 429) } } },
      async (request) => {
        const current = await sources.get(request.params.id);
        if (!current) throw ApiError.notFound(`source ${request.params.id}`);
        await sources.upsert({ ...current, ...request.body, id: current.id });
        return (await sources.get(current.id))!;
      },
    );
    app.delete(
      '/v1/sources/:id',
      { config: admin, schema: { summary: 'Remove a source', tags: ['sources'], security: adminSecurity, params: z.object({ id: SourceId }), response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 429) } } },
      async (request, reply) => {
        if (!(await sources.remove(request.params.id))) throw ApiError.notFound(`source ${request.params.id}`);
        return reply.code(204).send(null);
      },
    );

    // Subscriptions
    const SubscriptionParams = z.object({ id: SubscriptionId });
    app.get(
      '/v1/subscriptions',
      {
        config: admin,
        schema: {
          summary: 'List subscriptions',
          tags: ['subscriptions'],
          security: adminSecurity,
          querystring: z.strictObject({
            enabled: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
            cursor: z.string().max(300).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
            ...authQuery,
          }),
          response: { 200: z.object({ data: z.array(SubscriptionOut), nextCursor: z.string().nullable() }), ...errorResponses(400, 401, 403, 429) },
        },
      },
      async (request) => {
        const { enabled, cursor, limit } = request.query;
        const page = await subscriptions.list({ limit, ...(enabled !== undefined ? { enabled } : {}), ...(cursor !== undefined ? { cursor } : {}) });
        return { data: page.items.map(subscriptionOut), nextCursor: page.nextCursor };
      },
    );
    app.post(
      '/v1/subscriptions',
      {
        config: admin,
        schema: {
          summary: 'Create a subscription',
          description: 'Id and a whsec_ secret are generated when not given. The secrets are shown in this answer only.',
          tags: ['subscriptions'],
          security: adminSecurity,
          body: NewSubscription.strict(),
          response: { 201: CreatedSubscription, ...errorResponses(400, 401, 403, 409, 429) },
        },
      },
      async (request, reply) => {
        const created = await subscriptions.create(request.body);
        return reply.code(201).send({ ...subscriptionOut(created), secrets: created.secrets });
      },
    );
    app.get(
      '/v1/subscriptions/:id',
      { config: admin, schema: { summary: 'One subscription', tags: ['subscriptions'], security: adminSecurity, params: SubscriptionParams, response: { 200: SubscriptionOut, ...errorResponses(400, 401, 403, 404, 429) } } },
      async (request) => {
        const found = await subscriptions.get(request.params.id);
        if (!found) throw ApiError.notFound(`subscription ${request.params.id}`);
        return subscriptionOut(found);
      },
    );
    app.patch(
      '/v1/subscriptions/:id',
      {
        config: admin,
        schema: {
          summary: 'Change a subscription',
          description: 'Replacing `secrets` finishes a rotation; `enabled: true` re-enables one disabled by a 410.',
          tags: ['subscriptions'],
          security: adminSecurity,
          params: SubscriptionParams,
          body: SubscriptionPatch,
          response: { 200: SubscriptionOut, ...errorResponses(400, 401, 403, 404, 429) },
        },
      },
      async (request) => {
        const updated = await subscriptions.update(request.params.id, request.body);
        if (!updated) throw ApiError.notFound(`subscription ${request.params.id}`);
        return subscriptionOut(updated);
      },
    );
    app.post(
      '/v1/subscriptions/:id/rotate-secret',
      {
        config: admin,
        schema: {
          summary: 'Start a secret rotation',
          description: 'Adds a new secret in front of the current ones (deliveries are signed with all); shown once. Drop the old one with PATCH `secrets`.',
          tags: ['subscriptions'],
          security: adminSecurity,
          params: SubscriptionParams,
          response: { 200: z.object({ secret: z.string() }), ...errorResponses(400, 401, 403, 404, 429) },
        },
      },
      async (request) => {
        const secret = await subscriptions.rotateSecret(request.params.id);
        if (!secret) throw ApiError.notFound(`subscription ${request.params.id}`);
        return { secret };
      },
    );
    app.delete(
      '/v1/subscriptions/:id',
      { config: admin, schema: { summary: 'Remove a subscription', tags: ['subscriptions'], security: adminSecurity, params: SubscriptionParams, response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 429) } } },
      async (request, reply) => {
        if (!(await subscriptions.remove(request.params.id))) throw ApiError.notFound(`subscription ${request.params.id}`);
        return reply.code(204).send(null);
      },
    );

    // API keys
    app.get('/v1/api-keys', { config: admin, schema: { summary: 'List API keys (never their secrets)', tags: ['api keys'], security: adminSecurity, response: { 200: z.object({ data: z.array(ApiKeyOut) }), ...errorResponses(401, 403, 429) } } }, async () => ({
      data: (await apiKeys.list()).map((k) => ({ ...k, createdAt: k.createdAt.toISOString(), revokedAt: k.revokedAt ? k.revokedAt.toISOString() : null })),
    }));
    app.post(
      '/v1/api-keys',
      {
        config: admin,
        schema: {
          summary: 'Create an API key',
          description: 'The plaintext `key` is in this answer only; the server keeps its SHA-256.',
          tags: ['api keys'],
          security: adminSecurity,
          body: z.strictObject({ name: z.string().trim().min(1).max(200), scopes: z.array(z.enum(apiKeyScopes)).min(1).max(apiKeyScopes.length) }),
          response: { 201: ApiKeyOut.extend({ key: z.string() }).meta({ id: 'CreatedApiKey' }), ...errorResponses(400, 401, 403, 429) },
        },
      },
      async (request, reply) => {
        const { key, apiKey } = await apiKeys.create(request.body);
        return reply.code(201).send({ ...apiKey, createdAt: apiKey.createdAt.toISOString(), revokedAt: null, key });
      },
    );
    app.delete(
      '/v1/api-keys/:id',
      { config: admin, schema: { summary: 'Revoke an API key', tags: ['api keys'], security: adminSecurity, params: z.object({ id: z.string().regex(/^[a-f0-9]{16}$/, 'a key id') }), response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 429) } } },
      async (request, reply) => {
        if (!(await apiKeys.revoke(request.params.id))) throw ApiError.notFound(`API key ${request.params.id}`);
        return reply.code(204).send(null);
      },
    );
  };
}
