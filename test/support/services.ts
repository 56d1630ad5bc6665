import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { SecretKeyring, connectStore, ensureAllIndexes, repositories, type RepositoryOptions, type Repositories, type StoreConnection } from '@tickerwire/store';
import { PrivateNetworkAllowlist, destinationRefusal } from '@tickerwire/ingest';
import { createRedis, deleteKeysWithPrefix } from '@tickerwire/queue';
import type { Redis } from 'ioredis';

/** What the operator of the test run allows: 127.0.0.1, where every test server listens. */
export const testPrivateNetwork = PrivateNetworkAllowlist.parse('127.0.0.1');

/** The test run's key for webhook secrets (a fresh one per run, as the quick start makes). */
export const testSecretKeys = SecretKeyring.generate('test');

/** How the services build their repositories, with the test run's key and allowlist. */
export const testRepositoryOptions: RepositoryOptions = {
  secretKeys: testSecretKeys,
  destinations: (url) => destinationRefusal(url, testPrivateNetwork),
};

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
  const repos = repositories(database.db, testRepositoryOptions);
  await ensureAllIndexes(repos);
  return { repos, database };
}

/** A Redis connection for the given role; errors are collected so a test can assert on them. */
export function testRedis(role: 'worker' | 'producer', errors: Error[] = []): Redis {
  // The test run's Redis is one server (test/cluster.test.ts starts its own cluster).
  return createRedis(inject('redisUrl'), role, (error) => errors.push(error)) as Redis;
}

/** Deletes every key under a prefix (a test's BullMQ queues). */
export const deleteKeys = deleteKeysWithPrefix;
