import type { FeedPosition } from '@tickerwire/store';
import { ApiError } from './errors.ts';

export type CursorKind = 'articles' | 'events';

/**
 * Opaque cursor: base64url of `[version, kind, firstSeenAt ms, id]`. Pages are keyset pages on
 * (firstSeenAt, _id) descending, so the cursor is the last item's position: items stored after
 * paging began are newer and never shift a later page, so none is skipped or repeated.
 */
export function encodeCursor(kind: CursorKind, position: FeedPosition): string {
  return Buffer.from(JSON.stringify([1, kind, position.firstSeenAt.getTime(), position.id]), 'utf8').toString('base64url');
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
  if (!Array.isArray(value) || value.length !== 4 || value[0] !== 1) throw bad('not a cursor this API returned');
  const [, k, ms, id] = value as [number, unknown, unknown, unknown];
  if (k !== kind) throw bad(`a cursor of /v1/${String(k)}, not of /v1/${kind}`);
  if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || typeof id !== 'string' || id.length === 0 || id.length > 300) throw bad('not a cursor this API returned');
  return { firstSeenAt: new Date(ms), id };
}
