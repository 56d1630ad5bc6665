import { parseRetryAfter } from './retry-policy.ts';

/**
 * What one delivery attempt came to, from the receiver's answer alone:
 *   delivered  2xx
 *   gone       410: the receiver wants no more; the subscription is disabled, nothing retried
 *   throttled  429 or 503 with a Retry-After: retried, not before it
 *   failed     any other status, redirects included (never followed): retried on the schedule
 *   network    no answer (refused, reset, timed out): retried on the schedule
 *   blocked    the address is not allowed (SSRF guard): not retried, straight to dead letters
 */
export type AttemptOutcome = 'delivered' | 'gone' | 'throttled' | 'failed' | 'network' | 'blocked';

export interface ClassifiedResponse {
  outcome: AttemptOutcome;
  error: string | null;
  retryAfterMs: number | null;
}

export function classifyResponse(statusCode: number, headers: { retryAfter?: string | undefined; location?: string | undefined }, nowMs = Date.now()): ClassifiedResponse {
  if (statusCode >= 200 && statusCode < 300) return { outcome: 'delivered', error: null, retryAfterMs: null };
  if (statusCode === 410) return { outcome: 'gone', error: 'receiver answered 410 Gone', retryAfterMs: null };
  if (statusCode === 429 || statusCode === 503) {
    const retryAfterMs = parseRetryAfter(headers.retryAfter, nowMs);
    if (retryAfterMs !== undefined) return { outcome: 'throttled', error: `HTTP ${statusCode}, Retry-After ${headers.retryAfter}`, retryAfterMs };
  }
  if (statusCode >= 300 && statusCode < 400) {
    return { outcome: 'failed', error: `HTTP ${statusCode}: redirect not followed${headers.location ? ` (Location: ${headers.location.slice(0, 200)})` : ''}`, retryAfterMs: null };
  }
  return { outcome: 'failed', error: `HTTP ${statusCode}`, retryAfterMs: null };
}

/** Whether an attempt with this outcome may be tried again. */
export function isRetryable(outcome: AttemptOutcome): boolean {
  return outcome === 'failed' || outcome === 'network' || outcome === 'throttled';
}
