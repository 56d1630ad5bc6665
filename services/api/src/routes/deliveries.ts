import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { deliveryStatuses, SubscriptionId, type Delivery } from '@tickerwire/store';
import { JobProducer } from '@tickerwire/queue';
import { isTestEventId, redriveDelivery, sendTestEvent } from '@tickerwire/alerts';
import type { ApiContext } from '../app.ts';
import { ApiError } from '../errors.ts';
import { authQuery } from '../filters.ts';
import { adminSecurity, errorResponses } from '../schemas.ts';

const Iso = z.iso.datetime();

export const ApiDelivery = z
  .object({
    id: z.string().meta({ description: 'The webhook-id: the same for every attempt and re-drive' }),
    subscriptionId: z.string(),
    eventId: z.string(),
    articleId: z.string(),
    test: z.boolean().meta({ description: 'A test event (POST /v1/subscriptions/{id}/test), not a stored one' }),
    status: z.enum(deliveryStatuses),
    attempts: z.array(
      z.object({ attempt: z.number().int(), at: Iso, outcome: z.string(), statusCode: z.number().int().nullable(), durationMs: z.number(), error: z.string().nullable(), nextAttemptAt: Iso.nullable() }),
    ),
    lastError: z.string().nullable(),
    createdAt: Iso,
    updatedAt: Iso,
    deliveredAt: Iso.nullable(),
    deadAt: Iso.nullable(),
    redriveCount: z.number().int(),
  })
  .meta({ id: 'Delivery' });

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function deliveryOut(d: Delivery): z.infer<typeof ApiDelivery> {
  return {
    id: d.id,
    subscriptionId: d.subscriptionId,
    eventId: d.eventId,
    articleId: d.articleId,
    test: isTestEventId(d.eventId),
    status: d.status,
    attempts: d.attempts.map((a) => ({ ...a, at: a.at.toISOString(), nextAttemptAt: iso(a.nextAttemptAt) })),
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    deliveredAt: iso(d.deliveredAt),
    deadAt: iso(d.deadAt),
    redriveCount: d.redriveCount,
  };
}

const Page = z.object({ data: z.array(ApiDelivery), nextCursor: z.string().nullable() });
const paging = { cursor: z.string().max(300).optional(), limit: z.coerce.number().int().min(1).max(500).default(100), ...authQuery };

export function deliveryRoutes(context: ApiContext): FastifyPluginAsyncZod {
  const { deliveries } = context.repos;
  let producer: JobProducer | null = null;
  return async (app) => {
    app.addHook('onClose', async () => {
      await producer?.close();
    });
    const admin = { scope: 'admin' as const };
    const jobs = () => (producer ??= new JobProducer({ connection: context.redis, prefix: context.queuePrefix, onError: (error) => app.log.warn({ err: error }, 'queue error') }));

    app.post(
      '/v1/subscriptions/:id/test',
      {
        config: admin,
        schema: {
          summary: 'Send a test event',
          description:
            'Sends the subscription a made-up event (a price-target raise on EXMPL) as every event is sent: signed with its secrets, retried, in its delivery log ' +
            '(`test: true` there). The webhook envelope carries `test: true`. The answer names the delivery (its id is the webhook-id); the attempt follows within seconds.',
          tags: ['subscriptions'],
          security: adminSecurity,
          params: z.object({ id: SubscriptionId }),
          response: {
            202: z.object({ deliveryId: z.string().meta({ description: 'The webhook-id; the delivery log lists it' }), eventId: z.string() }).meta({ id: 'QueuedTestEvent' }),
            ...errorResponses(400, 401, 403, 404, 409, 429),
          },
        },
      },
      async (request, reply) => {
        const outcome = await sendTestEvent({ subscriptions: context.repos.subscriptions, producer: jobs() }, request.params.id);
        if (outcome.status === 'not-found') throw ApiError.notFound(`subscription ${request.params.id}`);
        if (outcome.status === 'disabled') throw new ApiError(409, 'conflict', `subscription ${request.params.id} is disabled: enable it (PATCH enabled: true) to test it`, { field: 'enabled' });
        return reply.code(202).send({ deliveryId: outcome.deliveryId, eventId: outcome.eventId });
      },
    );

    app.get(
      '/v1/subscriptions/:id/deliveries',
      {
        config: admin,
        schema: {
          summary: 'Delivery log of a subscription',
          description: 'Newest first, every attempt with its outcome.',
          tags: ['subscriptions'],
          security: adminSecurity,
          params: z.object({ id: SubscriptionId }),
          querystring: z.strictObject({ status: z.enum(deliveryStatuses).optional(), ...paging }),
          response: { 200: Page, ...errorResponses(400, 401, 403, 429) },
        },
      },
      async (request) => {
        const { status, cursor, limit } = request.query;
        const page = await deliveries.log(request.params.id, { limit, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) });
        return { data: page.items.map(deliveryOut), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/v1/dead-letters',
      {
        config: admin,
        schema: {
          summary: 'Dead letters',
          description: 'Deliveries that failed their last retry, of every subscription or of one.',
          tags: ['subscriptions'],
          security: adminSecurity,
          querystring: z.strictObject({ subscriptionId: SubscriptionId.optional(), ...paging }),
          response: { 200: Page, ...errorResponses(400, 401, 403, 429) },
        },
      },
      async (request) => {
        const { subscriptionId, cursor, limit } = request.query;
        const page = await deliveries.listDead(subscriptionId, { limit, ...(cursor ? { cursor } : {}) });
        return { data: page.items.map(deliveryOut), nextCursor: page.nextCursor };
      },
    );

    app.post(
      '/v1/dead-letters/:id/redrive',
      {
        config: admin,
        schema: {
          summary: 'Re-drive a dead letter',
          description: 'Sends it again with the same webhook-id and a fresh retry schedule.',
          tags: ['subscriptions'],
          security: adminSecurity,
          params: z.object({ id: z.string().min(1).max(300) }),
          response: { 202: ApiDelivery, ...errorResponses(401, 403, 404, 409, 429) },
        },
      },
      async (request, reply) => {
        const outcome = await redriveDelivery({ deliveries, producer: jobs() }, request.params.id);
        if (outcome.status === 'not-found') throw ApiError.notFound(`delivery ${request.params.id}`);
        if (outcome.status === 'not-dead') throw new ApiError(409, 'conflict', `delivery ${request.params.id} is ${outcome.delivery.status}, not dead`);
        return reply.code(202).send(deliveryOut(outcome.delivery));
      },
    );
  };
}
