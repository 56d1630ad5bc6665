import { describe, expect, it } from 'vitest';
import { RecentlySent } from './in-flight.ts';

describe('RecentlySent', () => {
  it('knows an article by any of its URLs, for its own source, until the entry lapses', () => {
    const sent = new RecentlySent({ ttlMs: 1000 });
    sent.add('wire', ['https://a.example/1', 'https://a.example/1?utm=x'], 0);
    expect(sent.has('wire', ['https://a.example/1?utm=x'], 999)).toBe(true);
    expect(sent.has('wire', ['https://a.example/2', 'https://a.example/1'], 500)).toBe(true);
    expect(sent.has('other', ['https://a.example/1'], 500)).toBe(false);
    expect(sent.has('wire', ['https://a.example/1'], 1000)).toBe(false);
  });

  it('drops lapsed entries and, past the cap, the oldest, as it adds', () => {
    const sent = new RecentlySent({ ttlMs: 1000, maxEntries: 3 });
    sent.add('s', ['1', '2'], 0);
    sent.add('s', ['3', '4'], 10);
    expect(sent.size).toBe(3);
    expect(sent.has('s', ['1'], 20)).toBe(false);
    expect(sent.has('s', ['2', '3', '4'].slice(0, 1), 20)).toBe(true);
    sent.add('s', ['5'], 2000);
    expect(sent.size).toBe(1);
    expect(sent.has('s', ['5'], 2000)).toBe(true);
  });
});
