import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { webhookRetrySchedule } from '@tickerwire/queue';
import { defaultRetryPolicy, maxAttemptsOf, parseRetryAfter, retryDelayMs } from './retry-policy.ts';
import { classifyResponse } from './outcome.ts';
import { decideAfterAttempt } from './deliver-job.ts';

const exact = { ...defaultRetryPolicy, jitter: 0 };

describe('retry schedule', () => {
  it('follows Standard Webhooks: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then no more', () => {
    const delays = Array.from({ length: 8 }, (_, i) => retryDelayMs(i + 1, exact));
    expect(delays).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000, null]);
    expect(maxAttemptsOf(exact)).toBe(8);
  });

  it('is the schedule the API README writes down (issue #16 item 9)', () => {
    const readme = readFileSync(fileURLToPath(new URL('../../../services/api/README.md', import.meta.url)), 'utf8');
    const paragraph = /\*\*Retries\*\*[\s\S]*?\n\n/.exec(readme)?.[0] ?? '';
    const listed = /after ((?:\d+ (?:s|min|h)(?:, | and )?)+)/.exec(paragraph)?.[1] ?? '';
    const unit = { s: 1_000, min: 60_000, h: 3_600_000 } as const;
    const written = [...listed.matchAll(/(\d+) (s|min|h)\b/g)].map(([, n, u]) => Number(n) * unit[u as keyof typeof unit]);
    expect(written).toEqual([...webhookRetrySchedule]);
    expect(paragraph).toContain(`${maxAttemptsOf(exact)} attempts`);
  });

  it('spreads each delay by the jitter and scales it for tests', () => {
    expect(retryDelayMs(1, { ...defaultRetryPolicy, jitter: 0.1 }, null, () => 0)).toBe(4_500);
    expect(retryDelayMs(1, { ...defaultRetryPolicy, jitter: 0.1 }, null, () => 1)).toBe(5_500);
    expect(retryDelayMs(2, { ...exact, scale: 0.001 })).toBe(300);
  });

  it('never retries before a Retry-After, and caps an absurd one', () => {
    expect(retryDelayMs(1, exact, 60_000)).toBe(60_000);
    expect(retryDelayMs(3, exact, 60_000)).toBe(1_800_000);
    expect(retryDelayMs(1, exact, 10 * 24 * 3600 * 1000)).toBe(24 * 3600 * 1000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('outcome of an answer', () => {
  it('classifies statuses', () => {
    expect(classifyResponse(204, {}).outcome).toBe('delivered');
    expect(classifyResponse(410, {}).outcome).toBe('gone');
    expect(classifyResponse(429, { retryAfter: '3' })).toEqual({ outcome: 'throttled', error: 'HTTP 429, Retry-After 3', retryAfterMs: 3000 });
    expect(classifyResponse(503, { retryAfter: '1' }).outcome).toBe('throttled');
    expect(classifyResponse(429, {}).outcome).toBe('failed');
    expect(classifyResponse(302, { location: 'http://169.254.169.254/' })).toMatchObject({ outcome: 'failed', error: expect.stringContaining('redirect not followed') });
    expect(classifyResponse(500, {}).outcome).toBe('failed');
    expect(classifyResponse(404, {}).outcome).toBe('failed');
  });

  it('decides: delivered, discarded on 410, dead when refused or out of attempts, else retry', () => {
    expect(decideAfterAttempt('delivered', null, 1, exact)).toEqual({ status: 'delivered', delayMs: null });
    expect(decideAfterAttempt('gone', null, 1, exact)).toEqual({ status: 'discarded', delayMs: null });
    expect(decideAfterAttempt('blocked', null, 1, exact)).toEqual({ status: 'dead', delayMs: null });
    expect(decideAfterAttempt('failed', null, 1, exact)).toEqual({ status: 'retrying', delayMs: 5_000 });
    expect(decideAfterAttempt('throttled', 90_000, 1, exact)).toEqual({ status: 'retrying', delayMs: 90_000 });
    expect(decideAfterAttempt('network', null, 8, exact)).toEqual({ status: 'dead', delayMs: null });
  });
});
