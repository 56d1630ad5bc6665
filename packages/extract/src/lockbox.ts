/**
 * Which labelled records are the lockbox: a seeded third of each set, decided by the record's
 * id alone (FNV-1a of seed + id), so adding records never moves old ones between the parts.
 * The lockbox is scored only at the end of a piece of work, beside the dev part.
 */
export const lockboxSeed = 'tickerwire-lockbox-2026-12';

export function inLockbox(id: string): boolean {
  return inSeededThird(lockboxSeed, id);
}

/** A stable third of keys: FNV-1a of `seed:key`, modulo 3 (also the sentiment model's held-out third). */
export function inSeededThird(seed: string, key: string): boolean {
  let hash = 0x811c9dc5;
  for (const ch of `${seed}:${key}`) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 3 === 0;
}
