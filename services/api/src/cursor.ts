import { feedTimeFields, type FeedPosition, type FeedTimeField } from '@tickerwire/store';
import { ApiError } from './errors.ts';

export type CursorKind = 'articles' | 'events';

/**
 * Opaque cursor: base64url of `[2, kind, order, ms | null, id]`. Pages are keyset pages on
 * (order field, _id) descending, so the cursor is the last item's position. Version 1 cursors
 * (`[1, kind, firstSeenAt ms, id]`, before the order choice) still decode, in firstSeenAt order.
 */
export function encodeCursor(kind: CursorKind, position: FeedPosition): string {
  return Buffer.from(JSON.stringify([2, kind, position.order, position.at?.getTime() ?? null, position.id]), 'utf8').toString('base64url');
}

/** Decodes a cursor of this kind, or throws a 400 naming `cursor`. */
export function decodeCursor(kind: CursorKind, cursor: string): FeedPosition {
  const bad = (why: string) => ApiError.badRequest('cursor', why);
  if (!/^[A-Za-z0-9_-]{1,800}$/.test(cursor)) throw bad('not a cursor this API returned');
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad('not a cursor this API returned');
  }
  if (!Array.isArray(value)) throw bad('not a cursor this API returned');
  let k: unknown, order: unknown, ms: unknown, id: unknown;
  if (value.length === 4 && value[0] === 1) [, k, ms, id] = value as unknown[];
  else if (value.length === 5 && value[0] === 2) [, k, order, ms, id] = value as unknown[];
  else throw bad('not a cursor this API returned');
  order ??= 'firstSeenAt';
  if (k !== kind) throw bad(`a cursor of /v1/${String(k)}, not of /v1/${kind}`);
  if (!feedTimeFields.includes(order as FeedTimeField)) throw bad('not a cursor this API returned');
  if (ms !== null && (typeof ms !== 'number' || !Number.isSafeInteger(ms))) throw bad('not a cursor this API returned');
  if (ms === null && order === 'firstSeenAt') throw bad('not a cursor this API returned');
  if (typeof id !== 'string' || id.length === 0 || id.length > 300) throw bad('not a cursor this API returned');
  return { order: order as FeedTimeField, at: ms === null ? null : new Date(ms as number), id };
}
