import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { WebhookEnvelope, type Notifier } from '@tickerwire/alerts';
import { testRedis } from '../support/services.ts';
import { waitFor } from '../support/wait.ts';
import { Receiver } from '../alerts/receiver.ts';
import { apiHarness, auth, type ApiHarness } from './support.ts';
import { startTestNotifier } from '../support/notifier.ts';

// POST /v1/subscriptions/{id}/test on the real API, queue and notifier, to a receiver on
// 127.0.0.1 that checks the signature the way the Standard Webhooks spec says.
describe('a subscription test event', () => {
  let h: ApiHarness;
  let worker: Redis;
  let notifier: Notifier;
  const receiver = new Receiver();

  beforeAll(async () => {
    h = await apiHarness('testevent');
    await receiver.start();
    worker = testRedis('worker');
    notifier = await startTestNotifier({
      redis: worker,
      prefix: h.prefix,
      repos: h.repos,
      options: { claimIntervalMs: 100, retryScheduleScale: 0.00005, retryJitter: 0 },
      log: () => {},
    });
  });

  afterAll(async () => {
    await notifier?.close();
    await receiver.close();
    worker?.disconnect();
    await h?.close();
  });

  /** Creates a subscription through the API, answering on its own receiver path; returns it with its secret (shown once). */
  async function subscribe(path: string, status = 204) {
    // The receiver checks signatures with the secret the API shows once: route it after creation.
    const url = `http://127.0.0.1:${receiver.port}${path}`;
    const created = await h.api.inject({ method: 'POST', url: '/v1/subscriptions', headers: auth(h.adminKey), payload: { url, filter: { tickers: ['EXMPL'] } } });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json() as { id: string; secrets: string[] };
    receiver.route(path, body.secrets[0]!, () => ({ status }));
    return body;
  }

  const test = (id: string, key = h.adminKey) => h.api.inject({ method: 'POST', url: `/v1/subscriptions/${id}/test`, headers: auth(key) });
  const log = async (id: string) => (await h.api.inject({ url: `/v1/subscriptions/${id}/deliveries`, headers: auth(h.adminKey) })).json() as { data: { id: string; eventId: string; status: string; test: boolean; attempts: { statusCode: number | null }[] }[] };

  it('is signed like every delivery, marked as a test, and recorded in the delivery log', async () => {
    const subscription = await subscribe('/hook');
    const answer = await test(subscription.id);
    expect(answer.statusCode, answer.body).toBe(202);
    const { deliveryId, eventId } = answer.json() as { deliveryId: string; eventId: string };

    await receiver.waitFor('/hook', 1);
    const [received] = receiver.on('/hook');
    expect(received!.verifyError).toBeNull();
    expect(received!.headers['webhook-id']).toBe(deliveryId);
    const envelope = WebhookEnvelope.parse(JSON.parse(received!.body));
    expect(envelope.test).toBe(true);
    expect(envelope.data).toMatchObject({ eventId, ticker: 'EXMPL', type: 'price_target', title: 'Tickerwire test event' });

    const entry = await waitFor(async () => (await log(subscription.id)).data.find((d) => d.id === deliveryId && d.status === 'delivered'), 'the delivery logged as delivered');
    expect(entry).toMatchObject({ eventId, test: true, attempts: [{ statusCode: 204 }] });

    // A second test is a delivery of its own.
    const again = (await test(subscription.id)).json() as { deliveryId: string };
    expect(again.deliveryId).not.toBe(deliveryId);
    await receiver.waitFor('/hook', 2);
  });

  it('to a receiver that keeps failing: retried, then a dead letter marked as a test', async () => {
    const subscription = await subscribe('/failing', 500);
    const { deliveryId } = (await test(subscription.id)).json() as { deliveryId: string };
    const dead = await waitFor(
      async () => ((await h.api.inject({ url: `/v1/dead-letters?subscriptionId=${subscription.id}`, headers: auth(h.adminKey) })).json() as { data: { id: string; test: boolean; attempts: unknown[] }[] }).data.find((d) => d.id === deliveryId),
      'the test event to become a dead letter',
      30_000,
    );
    expect(dead.test).toBe(true);
    expect(dead.attempts.length).toBeGreaterThan(1);
    expect(receiver.on('/failing').every((r) => r.verified)).toBe(true);
  }, 40_000);

  it('answers 404 for an unknown subscription, 400 for a malformed id, 409 when disabled, 403 to a read key', async () => {
    const missing = await test('sub_doesnotexist0000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'not_found' } });
    const malformed = await test('..%2Fnot%20an%20id');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.message).toMatch(/id/);

    const subscription = await subscribe('/disabled');
    expect((await h.api.inject({ method: 'PATCH', url: `/v1/subscriptions/${subscription.id}`, headers: auth(h.adminKey), payload: { enabled: false } })).statusCode).toBe(200);
    const disabled = await test(subscription.id);
    expect(disabled.statusCode).toBe(409);
    expect(disabled.json().error.message).toMatch(/disabled/);

    expect((await test(subscription.id, h.readKey)).statusCode).toBe(403);
    expect(receiver.on('/disabled')).toHaveLength(0);
  });

  it('is in the OpenAPI document, and the envelope schema names the test flag', async () => {
    const document = (await h.api.inject({ url: '/docs/json' })).json() as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>>; components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
    expect(Object.keys(document.paths['/v1/subscriptions/{id}/test']!.post!.responses)).toEqual(expect.arrayContaining(['202', '400', '404', '409']));
    expect(document.components.schemas.WebhookEnvelope!.properties).toHaveProperty('test');
    expect(document.components.schemas.Delivery!.properties).toHaveProperty('test');
  });
});
