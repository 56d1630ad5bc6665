import { describe, expect, it } from 'vitest';
import { formatProgress, formatProgressSummary, type Snapshot } from './progress.ts';

const depths = (waiting: number, failed = 0) => (['fetch', 'analyze', 'store', 'deliver'] as const).map((queue) => ({ queue, waiting, active: 1, delayed: 0, failed, completed: 0 }));

describe('the live view', () => {
  const before: Snapshot = { at: Date.UTC(2026, 0, 1), counters: { 'items:fetch:new': 10, 'items:analyze:analysed': 8, 'items:store:stored': 6 }, depths: depths(2) };
  const now: Snapshot = {
    at: before.at + 2000,
    counters: { 'fetch_ok:a': 3, 'items:fetch:new': 20, 'items:analyze:analysed': 18, 'items:store:stored': 16, 'events:stored': 40, 'webhook:delivered': 5, 'fetch_errors:a': 1 },
    depths: depths(3, 1),
  };

  it('is four lines on a terminal', () => {
    expect(formatProgress(now, before)).toHaveLength(4);
  });

  it('is one line with totals, rates, queues and dead letters where the output is not a terminal', () => {
    const line = formatProgressSummary(now, before);
    expect(line).not.toContain('\n');
    expect(line).toBe('2026-01-01T00:00:02.000Z | fetched 20 (5.0/s) | analysed 18 (5.0/s) | stored 16 (5.0/s) stories, 40 events | delivered 5 | queued 12, active 4, dead 4, errors 1');
    expect(formatProgressSummary(now)).toContain('fetched 20 | analysed 18 |');
  });
});
