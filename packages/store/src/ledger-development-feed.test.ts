import { describe, expect, it } from 'vitest';
import { compareIds, pageOf, type StoryPlace } from './ledger-development-feed.ts';
import { onlyOrderAndTime } from './feed-queries.ts';

const t = (minute: number) => Date.UTC(2026, 2, 1, 0, minute);
// Newest first by publication time, ties by id descending, no publication time last.
const byPublished: StoryPlace[] = [
  { id: 'e', publishedAt: t(30), firstSeenAt: t(1) },
  { id: 'd', publishedAt: t(20), firstSeenAt: t(4) },
  { id: 'c', publishedAt: t(20), firstSeenAt: t(3) },
  { id: 'b', publishedAt: t(10), firstSeenAt: t(2) },
  { id: 'z', publishedAt: null, firstSeenAt: t(6) },
  { id: 'a', publishedAt: null, firstSeenAt: t(5) },
];
const ids = (places: StoryPlace[]) => places.map((p) => p.id);

describe('the development feed order (pure)', () => {
  it('pages after a position as afterPosition does: ties by id, no publication time after every date', () => {
    expect(ids(pageOf(byPublished, { order: 'publishedAt' }, 3))).toEqual(['e', 'd', 'c']);
    expect(ids(pageOf(byPublished, { order: 'publishedAt', after: { order: 'publishedAt', at: new Date(t(20)), id: 'd' } }, 3))).toEqual(['c', 'b', 'z']);
    expect(ids(pageOf(byPublished, { order: 'publishedAt', after: { order: 'publishedAt', at: new Date(t(20)), id: 'c' } }, 9))).toEqual(['b', 'z', 'a']);
    expect(ids(pageOf(byPublished, { order: 'publishedAt', after: { order: 'publishedAt', at: null, id: 'z' } }, 9))).toEqual(['a']);
    // A position between stories (the one it named has moved): strictly after it all the same.
    expect(ids(pageOf(byPublished, { order: 'publishedAt', after: { order: 'publishedAt', at: new Date(t(20)), id: 'cc' } }, 2))).toEqual(['c', 'b']);
  });

  it('keeps a time range as the query does: since inclusive, until exclusive, never a missing time', () => {
    const range = { field: 'publishedAt' as const, since: new Date(t(10)), until: new Date(t(30)) };
    expect(ids(pageOf(byPublished, { order: 'publishedAt', range }, 9))).toEqual(['d', 'c', 'b']);
    const bySeen = byPublished.toSorted((a, b) => b.firstSeenAt - a.firstSeenAt);
    expect(ids(pageOf(bySeen, { order: 'firstSeenAt', range }, 9))).toEqual(['d', 'c', 'b']);
    expect(ids(pageOf(bySeen, { order: 'firstSeenAt', range: { field: 'firstSeenAt', until: new Date(t(5)) } }, 9))).toEqual(['d', 'c', 'b', 'e']);
  });

  it('orders ids by code point, as MongoDB orders strings (UTF-8 bytes)', () => {
    expect(compareIds('a', 'b')).toBeLessThan(0);
    expect(compareIds('ab', 'a')).toBeGreaterThan(0);
    // U+FF01 before U+1F600 in UTF-8; JavaScript's < says otherwise.
    expect('\u{1F600}' < '\uFF01').toBe(true);
    expect(compareIds('\u{1F600}', '\uFF01')).toBeGreaterThan(0);
  });

  it('answers only the feed with no condition but its order and time range', () => {
    expect(onlyOrderAndTime({ order: 'publishedAt', timeField: 'publishedAt', since: new Date() })).toBe(true);
    expect(onlyOrderAndTime({ tickers: [], q: '  ', minAbsScore: 0 })).toBe(true);
    for (const filter of [{ tickers: ['X'] }, { q: 'x' }, { novel: false }, { minRelevance: 0.5 }, { sources: ['s'] }, { tags: ['t'] }, { sentiment: ['bullish' as const] }]) expect(onlyOrderAndTime(filter)).toBe(false);
  });
});
