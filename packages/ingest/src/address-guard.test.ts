import { describe, expect, it } from 'vitest';
import { blockedAddressReason, blockedUrlReason, parseIpv6 } from './address-guard.ts';

describe('blockedAddressReason', () => {
  it.each([
    ['127.0.0.1', /loopback/], ['127.0.0.2', /loopback/], ['10.1.2.3', /private/], ['172.16.0.1', /private/],
    ['172.31.255.255', /private/], ['192.168.1.1', /private/], ['169.254.169.254', /link-local/],
    ['100.64.0.1', /carrier-grade/], ['0.0.0.0', /this-network/], ['0.1.2.3', /this-network/],
    ['224.0.0.1', /multicast/], ['255.255.255.255', /reserved/], ['::1', /loopback/], ['::', /unspecified/],
    ['fe80::1', /link-local/], ['fe80::1%eth0', /link-local/], ['fc00::1', /unique-local/], ['fd12:3456::1', /unique-local/],
    ['ff02::1', /multicast/], ['::ffff:127.0.0.1', /IPv4-mapped loopback/], ['::ffff:7f00:1', /IPv4-mapped loopback/],
    ['0:0:0:0:0:ffff:10.0.0.1', /IPv4-mapped private/], ['64:ff9b::a9fe:a9fe', /NAT64 link-local/], ['2002:7f00:1::', /6to4 loopback/],
  ])('refuses %s', (address, reason) => {
    expect(blockedAddressReason(address)).toMatch(reason);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows public %s', (address) => {
    expect(blockedAddressReason(address)).toBeNull();
  });

  it('refuses anything that is not an IP address', () => {
    expect(blockedAddressReason('example.com')).toMatch(/not an IP/);
  });

  it('expands IPv6 forms the same way', () => {
    expect(parseIpv6('::ffff:127.0.0.1')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
    expect(parseIpv6('[2001:db8::8:800:200c:417a]')).toEqual([0x2001, 0xdb8, 0, 0, 0x8, 0x800, 0x200c, 0x417a]);
  });
});

describe('blockedUrlReason', () => {
  it.each([
    'http://127.0.0.1/', 'http://2130706433/', 'http://0x7f000001/', 'http://017700000001/', 'http://127.1/',
    'http://0177.0.0.1/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://[0:0:0:0:0:ffff:7f00:1]:8080/',
    'http://localhost/', 'http://api.localhost./', 'http://0/', 'http://169.254.169.254/latest/meta-data/',
  ])('refuses %s', (url) => {
    expect(blockedUrlReason(url)).not.toBeNull();
  });

  it('leaves DNS names to the connect-time check', () => {
    expect(blockedUrlReason('https://example.com/feed.xml')).toBeNull();
    expect(blockedUrlReason('http://8.8.8.8/')).toBeNull();
  });
});
