import type { Collection, CreateIndexesOptions, Document, IndexSpecification, OptionalUnlessRequiredId } from 'mongodb';

/** An index and the query it serves: no index without a reader. */
export interface IndexDeclaration {
  key: IndexSpecification;
  options: CreateIndexesOptions & { name: string };
  serves: string;
}

export async function ensureIndexes<T extends Document>(collection: Collection<T>, indexes: readonly IndexDeclaration[]): Promise<void> {
  if (indexes.length === 0) return;
  // Only the missing ones: FerretDB 1.24 panics (and drops the connection) when createIndexes
  // names indexes that already exist alongside new ones, which is every boot after an upgrade.
  const existing = new Set<string>();
  try {
    for (const index of await collection.listIndexes().toArray()) existing.add(String(index.name));
  } catch (error) {
    // A collection that does not exist yet has no indexes (MongoDB: NamespaceNotFound, 26).
    if ((error as { code?: unknown }).code !== 26) throw error;
  }
  const missing = indexes.filter((i) => !existing.has(i.options.name));
  if (missing.length === 0) return;
  await collection.createIndexes(missing.map((i) => ({ key: i.key as Record<string, 1 | -1>, ...i.options })));
}

/** MongoDB's duplicate-key error (also raised by FerretDB). */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/** A duplicate key, alone or as every failure of an unordered bulk write (insertMany). */
export function isOnlyDuplicates(error: unknown): boolean {
  if (isDuplicateKeyError(error)) return true;
  const errors = (error as { writeErrors?: { code?: number }[] }).writeErrors;
  return Array.isArray(errors) && errors.length > 0 && errors.every((e) => e.code === 11000);
}

/**
 * Inserts documents whose ids say what they are (an event and an article, a story and a
 * source): one already there was written by an earlier run of the same job, so a duplicate
 * key is success and the rest are still inserted (unordered).
 */
export async function insertOnce<T extends Document>(collection: Collection<T>, docs: readonly OptionalUnlessRequiredId<T>[]): Promise<void> {
  if (docs.length === 0) return;
  try {
    await collection.insertMany([...docs], { ordered: false });
  } catch (error) {
    if (!isOnlyDuplicates(error)) throw error;
  }
}

export type WriteOutcome = 'stored' | 'already-stored';

/**
 * Runs a write; a duplicate key means another writer (or an earlier run of the same job)
 * stored it first, which for an idempotent stage is success, not an error. One retry first:
 * an upsert racing another upsert can hit E11000 once and then succeed as an update.
 */
export async function writeOnce(write: () => Promise<unknown>, retryOnDuplicate = false): Promise<WriteOutcome> {
  try {
    await write();
    return 'stored';
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    if (!retryOnDuplicate) return 'already-stored';
    try {
      await write();
      return 'stored';
    } catch (again) {
      if (isDuplicateKeyError(again)) return 'already-stored';
      throw again;
    }
  }
}

/**
 * How far apart the first-seen stamps of two articles can be out of order: articles are
 * stamped when fetched, and those of one poll are written in batches in any order.
 */
export const stampSkewMs = 24 * 3600 * 1000;
