import { describe, expect, it } from 'vitest';
import { afterPosition, articlesQuery, searchCondition, searchWords } from './feed-queries.ts';

describe('search condition', () => {
  it('requires every word, escaped, bounded; narrows through $text where there is a text index', () => {
    expect(searchWords('  a  b a ' + 'x'.repeat(80) + ' c d e f g h i j')).toEqual(['a', 'b', 'x'.repeat(50), 'c', 'd', 'e', 'f', 'g']);
    expect(searchCondition('$12 (x', ['title'], false)).toEqual({
      $and: [{ $or: [{ title: { $regex: '\\$12', $options: 'i' } }] }, { $or: [{ title: { $regex: '\\(x', $options: 'i' } }] }],
    });
    const withIndex = searchCondition('hashprice', ['title', 'body'], true)!;
    expect(withIndex.$and[0]).toEqual({ $text: { $search: 'hashprice' } });
    expect(searchCondition('   ', ['title'], true)).toBeNull();
    expect(articlesQuery({ q: 'x' }, undefined, true).$and[0].$text).toBeDefined();
  });
});

describe('keyset positions', () => {
  it('puts items without a publication time after every dated one', () => {
    const at = new Date('2026-03-01T00:00:00Z');
    expect(afterPosition({ order: 'publishedAt', at, id: 'b' })).toEqual({ $or: [{ publishedAt: { $lt: at } }, { publishedAt: at, _id: { $lt: 'b' } }, { publishedAt: null }] });
    expect(afterPosition({ order: 'publishedAt', at: null, id: 'b' })).toEqual({ publishedAt: null, _id: { $lt: 'b' } });
    expect(afterPosition({ order: 'firstSeenAt', at, id: 'b' })).toEqual({ $or: [{ firstSeenAt: { $lt: at } }, { firstSeenAt: at, _id: { $lt: 'b' } }] });
  });
});
