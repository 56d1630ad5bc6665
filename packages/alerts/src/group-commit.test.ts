import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.ts';

describe('GroupCommit', () => {
  it('writes items submitted together in one call and answers each caller with its own result', async () => {
    const calls: number[][] = [];
    const commit = new GroupCommit<number, number>(async (items) => {
      calls.push(items);
      return items.map((n) => n * 10);
    }, { maxBatch: 3, maxWaitMs: 5 });
    const results = await Promise.all([1, 2, 3, 4].map((n) => commit.submit(n)));
    expect(results).toEqual([10, 20, 30, 40]);
    expect(calls).toEqual([[1, 2, 3], [4]]);
  });

  it('fails every caller of a batch whose write failed', async () => {
    const commit = new GroupCommit<number, number>(async () => {
      throw new Error('store away');
    }, { maxBatch: 10, maxWaitMs: 1 });
    const outcomes = await Promise.allSettled([commit.submit(1), commit.submit(2)]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });
});
