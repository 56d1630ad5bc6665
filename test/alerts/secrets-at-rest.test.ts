import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Notifier } from '@tickerwire/alerts';
import { publishStoredEvent } from '@tickerwire/queue';
import { SecretKeyError, SecretKeyring, generateWebhookSecret, repositories } from '@tickerwire/store';
import { apiHarness, auth, type ApiHarness } from '../api/support.ts';
import { runCli, startProcess } from '../support/processes.ts';
import { freshDatabase, testRepositoryOptions } from '../support/services.ts';
import { Receiver } from './receiver.ts';
import { storedMessage, uniqueTicker } from './messages.ts';
import { startTestNotifier } from '../support/notifier.ts';

// Issue 12, finding 8: webhook secrets were stored in plaintext (readable in a backup or in
// FerretDB's SQLite WAL). They are sealed with TICKERWIRE_SECRET_KEYS now.

let h: ApiHarness;
let receiver: Receiver;
let notifier: Notifier;

beforeAll(async () => {
  h = await apiHarness('secrets');
  receiver = new Receiver();
  await receiver.start();
  const redis = h.redis.duplicate({ maxRetriesPerRequest: null });
  notifier = await startTestNotifier({
    redis,
    prefix: h.prefix,
    repos: h.repos,
    options: { subscriptionRefreshMs: 60_000 },
    log: () => {},
  });
  const close = notifier.close.bind(notifier);
  notifier = Object.assign(notifier, { close: async () => { await close(); redis.disconnect(); } });
});
afterAll(async () => {
  await notifier?.close();
  await receiver?.close();
  await h?.close();
});

/** Every string anywhere in a raw document, so a secret cannot hide in a nested field. */
const rawText = (doc: unknown) => JSON.stringify(doc);
const keyMaterial = (secret: string) => secret.slice('whsec_'.length);

describe('webhook secrets at rest (real API, real store)', () => {
  it('keeps no plaintext secret in the stored subscription, and still signs deliveries with it', async () => {
    const secret = generateWebhookSecret();
    const ticker = uniqueTicker();
    const url = receiver.route('/sealed', secret);
    const created = await h.api.inject({ method: 'POST', url: '/v1/subscriptions', headers: auth(h.adminKey), payload: { url, filter: { tickers: [ticker] }, secrets: [secret] } });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json<{ id: string }>();
    const rotated = (await h.api.inject({ method: 'POST', url: `/v1/subscriptions/${id}/rotate-secret`, headers: auth(h.adminKey) })).json<{ secret: string }>().secret;

    const raw = await h.db.collection('subscriptions').findOne({ _id: id as never });
    expect(raw).not.toBeNull();
    for (const plaintext of [secret, rotated]) expect(rawText(raw)).not.toContain(keyMaterial(plaintext));
    expect(raw!.secrets).toEqual([0, 1].map(() => ({ keyId: 'test', iv: expect.any(String), ciphertext: expect.any(String), tag: expect.any(String) })));

    await notifier.cache.refresh();
    await publishStoredEvent(h.redis, h.prefix, storedMessage(ticker));
    await receiver.waitFor('/sealed', 1);
    const [delivery] = receiver.on('/sealed');
    // The receiver checks the signature as the Standard Webhooks spec says, with the secret it was given.
    expect(delivery).toMatchObject({ verified: true, verifyError: null });
    expect(String(delivery!.headers['webhook-signature']).split(' ')).toHaveLength(2);
  });

  it('re-seals secrets of a retired key with the new current one, after which the old key can go', async () => {
    const oldKey = SecretKeyring.parse(`k1:${Buffer.alloc(32, 1).toString('base64')}`);
    const rotatedKeys = SecretKeyring.parse(`k2:${Buffer.alloc(32, 2).toString('base64')},k1:${Buffer.alloc(32, 1).toString('base64')}`);
    const newKeyOnly = SecretKeyring.parse(`k2:${Buffer.alloc(32, 2).toString('base64')}`);
    // A database of its own: every secret in it is sealed with these keys only.
    const database = await freshDatabase('rotation');
    const view = (keys: SecretKeyring) => repositories(database.db, { ...testRepositoryOptions, secretKeys: keys }).subscriptions;
    const opened = (keys: SecretKeyring, id: string) => view(keys).get(id).then((s) => s?.secrets, (error: unknown) => error);
    const before = view(oldKey);
    const secret = generateWebhookSecret();
    const { id } = await before.create({ url: 'http://127.0.0.1:9/rotation', secrets: [secret] });

    // The new key is added in front: the old ciphertext still opens.
    const after = view(rotatedKeys);
    expect((await after.get(id))?.secrets).toEqual([secret]);
    expect(await opened(newKeyOnly, id)).toBeInstanceOf(SecretKeyError);

    // A service start re-seals it with k2; then k1 can be removed from the setting.
    expect(await after.sealSecrets()).toBe(1);
    expect((await database.db.collection('subscriptions').findOne({ _id: id as never }))?.secrets).toEqual([expect.objectContaining({ keyId: 'k2' })]);
    expect(await opened(newKeyOnly, id)).toEqual([secret]);
    await database.drop();
  });

  it('seals the plaintext secrets an older version stored, and reads them meanwhile', async () => {
    const secret = generateWebhookSecret();
    const now = new Date();
    await h.db.collection('subscriptions').insertOne({
      _id: 'sub_from_v0' as never, url: 'https://hooks.example.com/legacy', filter: { novelOnly: false }, secrets: [secret], enabled: true,
      allowPrivateNetwork: true, createdAt: now, updatedAt: now, disabledReason: null, disabledAt: null,
    });
    expect((await h.repos.subscriptions.get('sub_from_v0'))?.secrets).toEqual([secret]);
    expect(await h.repos.subscriptions.sealSecrets()).toBeGreaterThanOrEqual(1);
    const raw = await h.db.collection('subscriptions').findOne({ _id: 'sub_from_v0' as never });
    expect(rawText(raw)).not.toContain(keyMaterial(secret));
    expect((await h.repos.subscriptions.get('sub_from_v0'))?.secrets).toEqual([secret]);
  });
});

describe('a service that reads or writes webhook secrets refuses to start without the key', () => {
  const env = () => ({ REDIS_URL: inject('redisUrl'), MONGODB_URI: inject('mongodbUri'), MONGODB_DB: h.db.databaseName, TICKERWIRE_PREFIX: h.prefix, API_PORT: '0' });

  it.each(['services/api', 'services/notifier'])('%s exits at once with one line naming TICKERWIRE_SECRET_KEYS', async (script) => {
    const service = startProcess(script, env());
    const exited = once(service.child, 'exit').then(([code]) => code as number | null);
    const timeout = new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 15_000));
    const outcome = await Promise.race([exited, timeout]);
    await service.kill('SIGKILL');
    expect(outcome, service.output()).toBe(1);
    expect(service.output().trim().split('\n')).toEqual([expect.stringMatching(/TICKERWIRE_SECRET_KEYS: not set: webhook secrets are encrypted at rest with it; generate a key with `openssl rand -base64 32`/)]);
  }, 20_000);

  it('start on a real database exits with the same advice; a malformed key is named without echoing it', async () => {
    const start = await runCli(['start', '--until-idle'], env());
    expect(start.code, start.stdout).toBe(2);
    expect(start.stderr).toMatch(/TICKERWIRE_SECRET_KEYS is not set/);
    const short = await runCli(['start', '--until-idle'], { ...env(), TICKERWIRE_SECRET_KEYS: 'k1:dG9vLXNob3J0' });
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/TICKERWIRE_SECRET_KEYS: key 1 \("k1"\): the key must be 32 bytes/);
    expect(short.stderr).not.toContain('dG9vLXNob3J0');
  }, 30_000);
});
