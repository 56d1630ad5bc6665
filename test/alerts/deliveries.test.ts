import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDuplicateKeyError, type DeliveryAttemptRecord, type Repositories } from '@tickerwire/store';
import { freshRepositories } from '../support/services.ts';

let database: Awaited<ReturnType<typeof freshRepositories>>['database'];
let repos: Repositories;

beforeAll(async () => {
  ({ database, repos } = await freshRepositories('deliveries'));
});
afterAll(async () => database?.drop());

function attemptRecord(id: string, subscriptionId: string, at: Date, status: DeliveryAttemptRecord['status'], attempt = 1): DeliveryAttemptRecord {
  return {
    deliveryId: id,
    subscriptionId,
    reportKey: `ev-${id}.art-${id}`,
    eventId: `ev-${id}`,
    articleId: `art-${id}`,
    message: { eventId: `ev-${id}` },
    status,
    attempt: { attempt, at, outcome: status === 'delivered' ? 'delivered' : 'failed', statusCode: status === 'delivered' ? 200 : 500, durationMs: 3, error: status === 'delivered' ? null : 'HTTP 500', nextAttemptAt: null },
  };
}

describe('deliveries repository on the real store', () => {
  it('appends attempts to one delivery and keeps the first creation time', async () => {
    const t0 = new Date('2026-03-01T10:00:00Z');
    await repos.deliveries.recordAttempt(attemptRecord('msg_a', 'sub_1', t0, 'retrying'));
    await repos.deliveries.recordAttempt(attemptRecord('msg_a', 'sub_1', new Date(t0.getTime() + 5000), 'delivered', 2));
    const delivery = await repos.deliveries.get('msg_a');
    expect(delivery).toMatchObject({ status: 'delivered', createdAt: t0, deliveredAt: new Date(t0.getTime() + 5000), redriveCount: 0, lastError: null });
    expect(delivery!.attempts.map((a) => a.attempt)).toEqual([1, 2]);
    expect(await repos.deliveries.statusOf('msg_a')).toBe('delivered');
    expect(await repos.deliveries.statusOf('msg_none')).toBeNull();
  });

  it('holds one delivery per subscription and report, whatever id a caller derives', async () => {
    const duplicate = { ...attemptRecord('msg_a', 'sub_1', new Date(), 'retrying'), deliveryId: 'msg_other' };
    const error = await repos.deliveries.recordAttempt(duplicate).catch((e: unknown) => e);
    expect(isDuplicateKeyError(error)).toBe(true);
  });

  it('claims a first attempt once; many claims and records go in one write, duplicates refused one by one', async () => {
    expect(await repos.deliveries.claim('msg_c0')).toBe(true);
    expect(await repos.deliveries.claim('msg_c0')).toBe(false);
    expect(await repos.deliveries.claimMany(['msg_c1', 'msg_c0', 'msg_c2', 'msg_c1'])).toEqual(new Set(['msg_c1', 'msg_c2']));

    const at = new Date('2026-03-03T00:00:00Z');
    await repos.deliveries.recordAttempts([
      attemptRecord('msg_c1', 'sub_3', at, 'delivered'),
      attemptRecord('msg_c2', 'sub_3', at, 'retrying'),
      attemptRecord('msg_a', 'sub_1', at, 'delivered'), // exists already: appended, not duplicated
    ]);
    await repos.deliveries.recordAttempts([attemptRecord('msg_c2', 'sub_3', new Date(at.getTime() + 1), 'delivered', 2)]);
    expect(await repos.deliveries.get('msg_c1')).toMatchObject({ status: 'delivered', message: null });
    expect(await repos.deliveries.get('msg_c2')).toMatchObject({ status: 'delivered', message: { eventId: 'ev-msg_c2' } });
    expect((await repos.deliveries.get('msg_c2'))!.attempts).toHaveLength(2);
    expect((await repos.deliveries.get('msg_a'))!.attempts).toHaveLength(3);
  });

  it('pages the log of a subscription newest first and the dead letters, with cursors', async () => {
    const base = Date.parse('2026-03-02T00:00:00Z');
    for (let i = 0; i < 5; i++) await repos.deliveries.recordAttempt(attemptRecord(`msg_p${i}`, 'sub_2', new Date(base + i * 1000), i % 2 === 0 ? 'dead' : 'delivered'));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await repos.deliveries.log('sub_2', { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['msg_p4', 'msg_p3', 'msg_p2', 'msg_p1', 'msg_p0']);

    const firstDead = await repos.deliveries.listDead('sub_2', { limit: 2 });
    expect(firstDead.items.map((d) => d.id)).toEqual(['msg_p4', 'msg_p2']);
    const rest = await repos.deliveries.listDead('sub_2', { limit: 2, cursor: firstDead.nextCursor! });
    expect(rest).toEqual({ items: [expect.objectContaining({ id: 'msg_p0' })], nextCursor: null });
    expect((await repos.deliveries.listDead('sub_1')).items).toEqual([]);
  });

  it('takes a dead letter off the list once, however many re-drives race', async () => {
    const [a, b] = await Promise.all([repos.deliveries.markRedriven('msg_p4'), repos.deliveries.markRedriven('msg_p4')]);
    expect([a, b].filter((d) => d !== null)).toHaveLength(1);
    expect(await repos.deliveries.get('msg_p4')).toMatchObject({ status: 'pending', redriveCount: 1, deadAt: null });
    expect((await repos.deliveries.listDead('sub_2')).items.map((d) => d.id)).toEqual(['msg_p2', 'msg_p0']);
    await repos.deliveries.markDead('msg_p4', 're-drive failed: Redis away');
    expect(await repos.deliveries.get('msg_p4')).toMatchObject({ status: 'dead', lastError: 're-drive failed: Redis away' });
  });

  it('prunes finished deliveries and claims past the retention; keeps dead letters and deliveries in flight', async () => {
    const old = new Date('2025-01-01T00:00:00Z');
    await repos.deliveries.recordAttempts([
      attemptRecord('old_delivered', 'sub_prune', old, 'delivered'),
      attemptRecord('old_dead', 'sub_prune', old, 'dead'),
      attemptRecord('old_retrying', 'sub_prune', old, 'retrying'),
      attemptRecord('old_discarded', 'sub_prune', old, 'discarded'),
      attemptRecord('new_delivered', 'sub_prune', new Date('2025-09-01T00:00:00Z'), 'delivered'),
    ]);
    await repos.deliveries.claim('old_delivered', old);
    await repos.deliveries.claim('new_delivered', new Date('2025-09-01T00:00:00Z'));

    expect(await repos.deliveries.prune(new Date('2025-06-01T00:00:00Z'))).toEqual({ deliveries: 2, claims: 1, redrives: 0 });
    const left = async (id: string) => (await repos.deliveries.get(id))?.status ?? null;
    expect(await Promise.all(['old_delivered', 'old_dead', 'old_retrying', 'old_discarded', 'new_delivered'].map(left))).toEqual([null, 'dead', 'retrying', null, 'delivered']);
    // The old claim is gone (a message that old cannot come back); the recent one holds.
    expect(await repos.deliveries.claim('old_delivered')).toBe(true);
    expect(await repos.deliveries.claim('new_delivered')).toBe(false);
  });
});
