import { describe, expect, it } from 'vitest';
import { allMatches } from './matches.ts';

const same = (re: RegExp, text: string) => {
  const expected = [...text.matchAll(re)].map((m) => [m.index, ...m]);
  expect(allMatches(re, text).map((m) => [m.index, ...m])).toEqual(expected);
  expect(re.lastIndex).toBe(0);
};

describe('allMatches', () => {
  it('finds what matchAll finds, groups and offsets included', () => {
    same(/\$(?<n>\d+)/g, 'from $12 to $18, then $20');
    same(/(\w+)\s+(\d+)/gi, 'Up 5 down 7');
    same(/x/g, 'no match here');
  });

  it('steps over empty matches as matchAll does, by code point with the u flag', () => {
    same(/a*/g, 'baaac');
    same(/(?:)/g, 'ab😀c');
    same(/(?:)/gu, 'ab😀c');
  });

  it('starts from the beginning whatever lastIndex was left at', () => {
    const re = /\d/g;
    re.exec('1 2 3');
    expect(allMatches(re, '4 5').map((m) => m[0])).toEqual(['4', '5']);
  });
});
