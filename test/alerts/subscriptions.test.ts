import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError } from '@tickerwire/core';
import type { Repositories } from '@tickerwire/store';
import { freshRepositories } from '../support/services.ts';

let database: Awaited<ReturnType<typeof freshRepositories>>['database'];
let repos: Repositories;

beforeAll(async () => {
  ({ database, repos } = await freshRepositories('subscriptions'));
});
afterAll(async () => database?.drop());

describe('subscriptions repository on the real store', () => {
  it('creates a subscription with a generated id and a whsec_ secret of 24 random bytes', async () => {
    const created = await repos.subscriptions.create({ url: 'https://hooks.example.com/a', filter: { tickers: ['MARA'] } });
    expect(created.id).toMatch(/^sub_[a-z0-9]+$/);
    expect(created.secrets).toHaveLength(1);
    expect(Buffer.from(created.secrets[0]!.slice('whsec_'.length), 'base64')).toHaveLength(24);
    expect(created).toMatchObject({ enabled: true, filter: { tickers: ['MARA'], novelOnly: false }, disabledReason: null, disabledAt: null });
    expect(await repos.subscriptions.get(created.id)).toEqual(created);
  });

  it('keeps a given id and secrets, and refuses the same id twice naming the field', async () => {
    const input = { id: 'desk-1', url: 'https://hooks.example.com/b', filter: {}, secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'] };
    const created = await repos.subscriptions.create(input);
    expect(created).toMatchObject(input);
    const again = await repos.subscriptions.create(input).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ContractError);
    expect((again as ContractError).issues[0]?.path).toBe('id');
  });

  it('rejects a bad url, secret or id naming the field', async () => {
    for (const [input, path] of [
      [{ url: 'ftp://x.example.com/' }, 'url'],
      [{ url: 'https://x.example.com/', secrets: ['nope'] }, 'secrets[0]'],
      [{ url: 'https://x.example.com/', id: 'has.dot' }, 'id'],
    ] as const) {
      const error = await repos.subscriptions.create(input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContractError);
      expect((error as ContractError).issues.map((i) => i.path)).toContain(path);
    }
  });

  it('updates, rotates secrets, disables with a reason, re-enables and removes', async () => {
    const sub = await repos.subscriptions.create({ url: 'https://hooks.example.com/c' });
    const updated = await repos.subscriptions.update(sub.id, { url: 'https://hooks.example.com/c2', filter: { types: ['price_target'] } });
    expect(updated).toMatchObject({ url: 'https://hooks.example.com/c2', filter: { types: ['price_target'] } });

    const secret = await repos.subscriptions.rotateSecret(sub.id);
    expect((await repos.subscriptions.get(sub.id))?.secrets).toEqual([secret, sub.secrets[0]]);

    expect(await repos.subscriptions.disable(sub.id, 'receiver answered 410 Gone')).toBe(true);
    const disabled = await repos.subscriptions.get(sub.id);
    expect(disabled).toMatchObject({ enabled: false, disabledReason: 'receiver answered 410 Gone' });
    expect(disabled?.disabledAt).toBeInstanceOf(Date);
    expect((await repos.subscriptions.listEnabled()).map((s) => s.id)).not.toContain(sub.id);

    expect(await repos.subscriptions.update(sub.id, { enabled: true })).toMatchObject({ enabled: true, disabledReason: null, disabledAt: null });
    expect(await repos.subscriptions.remove(sub.id)).toBe(true);
    expect(await repos.subscriptions.get(sub.id)).toBeNull();
    expect(await repos.subscriptions.update(sub.id, { enabled: false })).toBeNull();
  });

  it('pages with a cursor, no subscription skipped or repeated', async () => {
    for (let i = 0; i < 5; i++) await repos.subscriptions.create({ url: `https://hooks.example.com/p${i}` });
    const all = (await repos.subscriptions.list({ limit: 500 })).items.map((s) => s.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await repos.subscriptions.list({ limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all);
    expect((await repos.subscriptions.list({ enabled: false })).items).toEqual([]);
  });
});
