import { ApiFailure, getJson, session } from './api.ts';

// Whether the signed-in key is an admin key: asked of the API once per key (an admin route
// answers 200 to it, 403 to a read key). The API refuses read keys on admin routes anyway;
// this only decides what the page offers.

let known: { key: string; admin: boolean } | null = null;

export async function isAdminKey(): Promise<boolean> {
  const key = session.key();
  if (!key) return false;
  if (known?.key === key) return known.admin;
  try {
    await getJson('/v1/subscriptions?limit=1');
    known = { key, admin: true };
  } catch (error) {
    // Unreachable or failing: offer nothing now, ask again next time.
    if (!(error instanceof ApiFailure && error.status === 403)) return false;
    known = { key, admin: false };
  }
  return known.admin;
}
