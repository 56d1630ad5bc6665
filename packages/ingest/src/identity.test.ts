import { describe, expect, it } from 'vitest';
import { canonicalizeUrl, contentHash, itemId } from './identity.ts';
import { hammingDistance, isSameStory, simhash64, storyFingerprint } from './simhash.ts';

describe('canonicalizeUrl', () => {
  it('drops trackers and fragments, lower-cases the host, drops default ports, sorts the query', () => {
    expect(canonicalizeUrl('HTTPS://News.Example.COM:443/a/B?utm_source=x&z=1&fbclid=abc&a=2&gclid=g&mc_cid=m&ref=tw#section'))
      .toBe('https://news.example.com/a/B?a=2&z=1');
    expect(canonicalizeUrl('http://example.com:80/?utm_medium=rss')).toBe('http://example.com/');
    expect(canonicalizeUrl('/rel?b=1&a=1', 'https://example.com/x/')).toBe('https://example.com/rel?a=1&b=1');
  });

  it('gives the same URL for tracking variants and null for non-http', () => {
    expect(canonicalizeUrl('https://example.com/s?id=1&utm_campaign=a')).toBe(canonicalizeUrl('https://example.com/s?utm_source=b&id=1#x'));
    expect(canonicalizeUrl('javascript:alert(1)')).toBeNull();
    expect(canonicalizeUrl('not a url')).toBeNull();
  });
});

describe('itemId and contentHash', () => {
  it('is stable, prefers the guid, and scopes bare guids to their source', () => {
    const a = itemId({ sourceId: 'wire', guid: '1001', link: 'https://example.com/a' });
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(itemId({ sourceId: 'wire', guid: '1001', link: 'https://example.com/other' })).toBe(a);
    expect(itemId({ sourceId: 'other-wire', guid: '1001' })).not.toBe(a);
    expect(itemId({ sourceId: 'x', guid: 'https://example.com/p?utm_source=rss' })).toBe(itemId({ sourceId: 'y', link: 'https://example.com/p' }));
    expect(itemId({ sourceId: 'x' })).toBeNull();
  });

  it('hashes normalised text: equal for spacing and case, different for different words', () => {
    expect(contentHash('Cipher  Mining\nrose 12%.')).toBe(contentHash('cipher mining rose 12%.'));
    expect(contentHash('Cipher Mining rose 12%.')).not.toBe(contentHash('Cipher Mining fell 12%.'));
    expect(contentHash('x')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('near-duplicate stories', () => {
  const original = {
    title: 'Cipher Mining shares jump after JPMorgan upgrade to overweight',
    lead: 'Cipher Mining Inc. shares rose 12% on Tuesday after JPMorgan upgraded the bitcoin miner to overweight from neutral and lifted its price target to $18 from $12, citing a new 600-megawatt hosting contract with a large cloud provider that the bank said could transform the company into an AI data-center landlord.',
  };
  const syndicated = {
    title: 'UPDATE 1-Cipher Mining shares jump after JPMorgan upgrade to overweight',
    lead: 'NEW YORK (Reuters) - Cipher Mining Inc. shares rose 12% on Tuesday after JPMorgan upgraded the bitcoin miner to overweight from neutral and raised its price target to $18 from $12, citing a new 600-megawatt hosting contract with a large cloud provider that the bank said could transform the company into an AI data-center landlord.',
  };
  const sameCompanyOtherStory = {
    title: 'Cipher Mining shares fall after JPMorgan downgrade to neutral',
    lead: 'Cipher Mining Inc. shares fell 9% on Thursday after JPMorgan downgraded the bitcoin miner to neutral from overweight and cut its price target to $14 from $18, saying the shares already priced in the AI hosting deal and that power costs in Texas were rising faster than expected.',
  };

  it('recognises a syndicated copy with small edits as the same story', () => {
    expect(isSameStory(original, syndicated)).toBe(true);
  });

  it('keeps a different story about the same company apart', () => {
    expect(isSameStory(original, sameCompanyOtherStory)).toBe(false);
    expect(isSameStory(original, { title: 'CleanSpark adds 200 MW in Georgia', lead: 'CleanSpark said it would add 200 megawatts of capacity at its Georgia sites.' })).toBe(false);
  });

  it('produces 64-bit fingerprints that are deterministic', () => {
    expect(storyFingerprint(original)).toMatch(/^[0-9a-f]{16}$/);
    expect(simhash64('same text')).toBe(simhash64('Same   TEXT'));
    expect(hammingDistance('ffffffffffffffff', '0000000000000000')).toBe(64);
    expect(hammingDistance('0000000000000001', '0000000000000000')).toBe(1);
  });
});
