import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHarness, auth, type ApiHarness } from './support.ts';

// Regression tests for issue #12 (API findings): each one failed on the API before the fix.

let h: ApiHarness;

beforeAll(async () => {
  h = await apiHarness('apisec', { rateLimit: { limit: 10_000, windowMs: 60_000 }, unauthenticatedRateLimit: { limit: 10_000, windowMs: 60_000 } });
});
afterAll(async () => {
  await h?.close();
});

/** Whether the dashboard (asked with an admin key) shows the fetch queue paused. */
async function fetchQueuePaused(): Promise<boolean> {
  const response = await h.api.inject({ url: '/admin/queues/api/queues', headers: auth(h.adminKey) });
  expect(response.statusCode).toBe(200);
  const queue = (response.json() as { queues: { name: string; isPaused: boolean }[] }).queues.find((q) => q.name === 'fetch');
  expect(queue).toBeDefined();
  return queue!.isPaused;
}

describe('finding 1: the dashboard is admin-only however its URL is spelt', () => {
  const pause = '/admin/queues/api/queues/fetch/pause';
  const spellings = [
    '/%61dmin/queues/api/queues/fetch/pause',
    '/%2561dmin/queues/api/queues/fetch/pause',
    '/%41dmin/queues/api/queues/fetch/pause',
    '/admin/%71ueues/api/queues/fetch/pause',
    '/admin/queues/api/queues/%66etch/pause',
    '/admin/queues/api/queues/fetch/%70ause',
    '/admin/queues/api/queues/fetch%2Fpause',
    `${pause}/`,
    `${pause}%2F`,
    `${pause}?x=1`,
    '/ADMIN/queues/api/queues/fetch/pause',
    '/Admin/Queues/api/queues/fetch/pause',
    '/admin//queues/api/queues/fetch/pause',
    '//admin/queues/api/queues/fetch/pause',
    pause,
    '/admin/queues/api/queues/pause',
  ];

  it.each(spellings)('PUT %s with a read key: 403 or 404, and the queue keeps running', async (url) => {
    const response = await h.api.inject({ method: 'PUT', url, headers: auth(h.readKey) });
    expect([403, 404], `${url} answered ${response.statusCode}: ${response.body}`).toContain(response.statusCode);
    expect(await fetchQueuePaused()).toBe(false);
  });

  it('the encoded spelling reaches the dashboard route: with an admin key it pauses the queue', async () => {
    const response = await h.api.inject({ method: 'PUT', url: '/%61dmin/queues/api/queues/fetch/pause', headers: auth(h.adminKey) });
    expect(response.statusCode, response.body).toBe(200);
    expect(await fetchQueuePaused()).toBe(true);
    expect((await h.api.inject({ method: 'PUT', url: '/admin/queues/api/queues/fetch/resume', headers: auth(h.adminKey) })).statusCode).toBe(200);
    expect(await fetchQueuePaused()).toBe(false);
  });

  it('GET of dashboard pages and data under any spelling needs an admin key', async () => {
    for (const url of ['/%61dmin/queues', '/%61dmin/queues/api/queues', '/admin/queues/static/css/x.css', '/%61dmin/queues/queue/fetch']) {
      const response = await h.api.inject({ url, headers: auth(h.readKey) });
      expect([403, 404], `${url} answered ${response.statusCode}`).toContain(response.statusCode);
    }
  });
});
