import { webhookRetrySchedule } from '@tickerwire/queue';

/**
 * When the next attempt of a failed delivery happens. The Standard Webhooks schedule (5 s,
 * 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after each failure) with jitter, so a receiver that was
 * down for everyone is not hit by every retry in the same second; a receiver's Retry-After
 * pushes the attempt later, never earlier.
 */
export interface RetryPolicy {
  /** Delay after the n-th failed attempt (ms); its length + 1 is the number of attempts. */
  schedule: readonly number[];
  /** Multiplies the schedule: 1 in production, tiny in tests so retries take milliseconds. */
  scale: number;
  /** Relative spread of each delay: 0.1 draws from [0.9, 1.1] × the scheduled delay. */
  jitter: number;
  /** A Retry-After longer than this is cut to it, so a receiver cannot park a message for a year. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  schedule: webhookRetrySchedule,
  scale: 1,
  jitter: 0.1,
  maxRetryAfterMs: 24 * 3600 * 1000,
};

/** Attempts in all: the first one and one per scheduled delay. */
export function maxAttemptsOf(policy: RetryPolicy): number {
  return policy.schedule.length + 1;
}

/**
 * Delay before the attempt after `failedAttempt` (1-based), or null when that was the last.
 * `retryAfterMs` is the receiver's Retry-After, if it sent one.
 */
export function retryDelayMs(failedAttempt: number, policy: RetryPolicy, retryAfterMs?: number | null, random: () => number = Math.random): number | null {
  const scheduled = policy.schedule[failedAttempt - 1];
  if (scheduled === undefined) return null;
  const jittered = scheduled * policy.scale * (1 + policy.jitter * (2 * random() - 1));
  const notBefore = retryAfterMs == null ? 0 : Math.min(retryAfterMs, policy.maxRetryAfterMs);
  return Math.max(0, Math.round(Math.max(jittered, notBefore)));
}

/** Retry-After as milliseconds from now: delay-seconds or an HTTP date; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
