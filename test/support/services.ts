import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { connectStore, ensureAllIndexes, repositories, type Repositories, type StoreConnection } from '@tickerwire/store';
import { createRedis, deleteKeysWithPrefix } from '@tickerwire/queue';
import type { Redis } from 'ioredis';

/** A BullMQ key prefix no other test uses, so tests never see each other's jobs. */
export function uniquePrefix(label: string): string {
  return `twtest-${label}-${randomUUID().slice(0, 8)}`;
}

/** A fresh database on the run's MongoDB-compatible server; `drop()` removes it. */
export async function freshDatabase(label: string): Promise<StoreConnection & { drop(): Promise<void> }> {
  const store = await connectStore(inject('mongodbUri'), `twtest_${label}_${randomUUID().slice(0, 8)}`);
  return {
    ...store,
    drop: async () => {
      await store.db.dropDatabase();
      await store.close();
    },
  };
}

/** A fresh database with every repository and its indexes, as the services get them at boot. */
export async function freshRepositories(label: string): Promise<{ repos: Repositories; database: Awaited<ReturnType<typeof freshDatabase>> }> {
  const database = await freshDatabase(label);
  const repos = repositories(database.db);
  await ensureAllIndexes(repos);
  return { repos, database };
}

/** A Redis connection for the given role; errors are collected so a test can assert on them. */
export function testRedis(role: 'worker' | 'producer', errors: Error[] = []): Redis {
  return createRedis(inject('redisUrl'), role, (error) => errors.push(error));
}

/** Deletes every key under a prefix (a test's BullMQ queues). */
export const deleteKeys = deleteKeysWithPrefix;
