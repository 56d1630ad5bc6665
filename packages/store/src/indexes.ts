import type { Collection, CreateIndexesOptions, Document, IndexSpecification } from 'mongodb';

/** An index and the query it serves: no index without a reader. */
export interface IndexDeclaration {
  key: IndexSpecification;
  options: CreateIndexesOptions & { name: string };
  serves: string;
}

export async function ensureIndexes<T extends Document>(collection: Collection<T>, indexes: readonly IndexDeclaration[]): Promise<void> {
  if (indexes.length === 0) return;
  await collection.createIndexes(indexes.map((i) => ({ key: i.key as Record<string, 1 | -1>, ...i.options })));
}

/** MongoDB's duplicate-key error (also raised by FerretDB). */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
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
