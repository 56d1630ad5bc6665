import { describe, expect, it } from 'vitest';
import { minSharedKeys, sharedKeys, storyKeyCount, storyKeys } from './story-keys.ts';

const body =
  'NEW YORK - Solmere Data signed a ten-year agreement to host 120 MW of high-performance computing for a hyperscale customer at its Texas campus. ' +
  'The contract is worth about $1.2 billion over its term, the company said on Monday. Northwind Securities raised its price target on the shares to $24 from $18 ' +
  'and kept its Buy rating, citing the visibility the deal gives to revenue through 2030. Shares rose 9% in early trading.';

describe('story keys', () => {
  it('gives a wire copy with a new headline prefix and dateline most of the same keys', () => {
    const original = storyKeys('Solmere Data lands $1.2bn hosting deal', body);
    const copy = storyKeys('UPDATE 1-Solmere Data lands $1.2bn hosting deal', body.replace('NEW YORK -', 'CHICAGO (Sample Wire) -'));
    expect(original).toHaveLength(storyKeyCount);
    expect(sharedKeys(original, copy)).toBeGreaterThanOrEqual(minSharedKeys + 3);
  });

  it('keeps two stories about one company apart even when they share boilerplate', () => {
    const first = storyKeys('Solmere Data lands $1.2bn hosting deal', body);
    const second = storyKeys(
      'Harbor Lane Capital trims Solmere Data price target to $16',
      'Harbor Lane Capital cut its price target on Solmere Data to $16 from $21 and kept a Hold rating, saying power costs in Texas would squeeze margins next year. ' +
        'Shares rose 9% in early trading.',
    );
    expect(sharedKeys(first, second)).toBeLessThan(minSharedKeys);
  });

  it('has no keys for text too short to shingle', () => {
    expect(storyKeys('Hi', '')).toEqual([]);
  });
});
