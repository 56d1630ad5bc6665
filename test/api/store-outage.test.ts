import { afterAll, beforeAll, expect, it } from 'vitest';
import { inject } from 'vitest';
import { buildApi, type Api } from '@tickerwire/api';
import { connectStore, repositories, type StoreConnection } from '@tickerwire/store';
import { deleteKeys, freshRepositories, testRedis, uniquePrefix } from '../support/services.ts';
import { CuttableProxy } from '../support/tcp-proxy.ts';
import { auth } from './support.ts';

// The database going away under a running API: data routes say 503 (try again), not 500.
let proxy: CuttableProxy;
let direct: Awaited<ReturnType<typeof freshRepositories>>;
let store: StoreConnection;
let api: Api;
let key: string;
const redis = testRedis('producer');
const prefix = uniquePrefix('store-outage');

beforeAll(async () => {
  const target = new URL(inject('mongodbUri'));
  proxy = new CuttableProxy({ host: target.hostname, port: Number(target.port) });
  await proxy.open();
  direct = await freshRepositories('store-outage');
  key = (await direct.repos.apiKeys.create({ name: 'reader', scopes: ['read'] })).key;
  store = await connectStore(`mongodb://127.0.0.1:${proxy.port}/`, direct.database.db.databaseName);
  api = await buildApi({ repos: repositories(store.db), db: store.db, redis, queuePrefix: prefix, options: { logger: false } });
});

afterAll(async () => {
  await api?.close();
  await proxy?.cut();
  await store?.close().catch(() => {});
  await deleteKeys(redis, prefix);
  redis.disconnect();
  await direct?.database.drop();
});

it('answers 503 with Retry-After on data routes while the database is unreachable, and 200 once it is back', async () => {
  expect((await api.inject({ url: '/v1/events', headers: auth(key) })).statusCode).toBe(200);
  await proxy.cut();
  // Both at once: each waits out the driver's server selection (10 s).
  const responses = await Promise.all(['/v1/events', '/v1/articles'].map((url) => api.inject({ url, headers: auth(key) })));
  for (const response of responses) {
    expect(response.statusCode, response.body).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json()).toMatchObject({ error: { status: 503, code: 'store_unavailable' } });
  }
  await proxy.restore();
  let status = 0;
  // The driver finds the server again within its next heartbeat or two.
  for (let i = 0; i < 60 && status !== 200; i++) {
    status = (await api.inject({ url: '/v1/events', headers: auth(key) })).statusCode;
    if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  expect(status).toBe(200);
}, 90_000);
