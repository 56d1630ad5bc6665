import { describe, expect, it } from 'vitest';
import { refusedUrlReason } from './address-guard.ts';
import { destinationRefusal, type ResolveHost } from './destination-check.ts';
import { PrivateNetworkAllowlist, PrivateNetworkAllowlistEnv } from './private-network.ts';

describe('PrivateNetworkAllowlist', () => {
  const allowlist = PrivateNetworkAllowlist.parse('127.0.0.1, 10.20.0.0/16 fd00:1::/32\nFeeds.Intranet.');

  it.each([
    ['127.0.0.1', true], ['::ffff:127.0.0.1', true], ['127.0.0.2', false],
    ['10.20.255.1', true], ['10.21.0.1', false],
    ['fd00:1:ffff::5', true], ['fd00:2::5', false], ['::1', false],
  ])('%s allowed: %s', (address, allowed) => {
    expect(allowlist.allowsAddress(address)).toBe(allowed);
  });

  it('matches host names exactly, whatever their case or trailing dot', () => {
    expect(allowlist.allowsHost('feeds.intranet')).toBe(true);
    expect(allowlist.allowsHost('FEEDS.INTRANET.')).toBe(true);
    expect(allowlist.allowsHost('evil.feeds.intranet')).toBe(false);
  });

  it('is empty by default, and names every bad entry of the environment variable', () => {
    const empty = PrivateNetworkAllowlistEnv.parse({}).TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST;
    expect(empty.isEmpty).toBe(true);
    const bad = PrivateNetworkAllowlistEnv.safeParse({ TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST: '10.0.0.0/33,under_score,1.2.3.4/x' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/10\.0\.0\.0\/33.*under_score.*1\.2\.3\.4\/x/);
  });

  it('lets the guard through only what it names', () => {
    expect(refusedUrlReason('http://127.0.0.1:8080/feed', allowlist)).toBeNull();
    expect(refusedUrlReason('http://2130706433/feed', allowlist)).toBeNull();
    expect(refusedUrlReason('http://127.0.0.2/feed', allowlist)).toMatch(/loopback/);
    expect(refusedUrlReason('http://localhost/feed', allowlist)).toMatch(/localhost/);
    expect(refusedUrlReason('http://localhost/feed', PrivateNetworkAllowlist.parse('localhost'))).toBeNull();
    expect(refusedUrlReason('http://169.254.169.254/latest/meta-data/', PrivateNetworkAllowlist.none)).toMatch(/link-local/);
  });
});

describe('destinationRefusal (the check when a source or subscription is stored)', () => {
  const dns = (answers: Record<string, string[]>): ResolveHost => async (hostname) => {
    const found = answers[hostname];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return found;
  };
  const resolve = dns({ 'public.example': ['93.184.215.14'], 'rebind.example': ['93.184.215.14', '10.0.0.7'], 'metadata.example': ['169.254.169.254'] });

  it('refuses literal private addresses and names that resolve to one, saying why', async () => {
    expect(await destinationRefusal('http://[::1]:9000/hook', PrivateNetworkAllowlist.none, resolve)).toMatch(/^refused: \[::1\] is loopback.*TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST/);
    expect(await destinationRefusal('https://rebind.example/hook', PrivateNetworkAllowlist.none, resolve)).toMatch(/rebind\.example resolves to 10\.0\.0\.7, private/);
    expect(await destinationRefusal('https://metadata.example/', PrivateNetworkAllowlist.none, resolve)).toMatch(/link-local/);
  });

  it('accepts public destinations, allowed ones, and names that do not resolve (judged again at fetch time)', async () => {
    expect(await destinationRefusal('https://public.example/feed', PrivateNetworkAllowlist.none, resolve)).toBeNull();
    expect(await destinationRefusal('https://rebind.example/hook', PrivateNetworkAllowlist.parse('10.0.0.0/8'), resolve)).toBeNull();
    expect(await destinationRefusal('https://metadata.example/', PrivateNetworkAllowlist.parse('metadata.example'), resolve)).toBeNull();
    expect(await destinationRefusal('https://unknown.example/', PrivateNetworkAllowlist.none, resolve)).toBeNull();
  });
});
