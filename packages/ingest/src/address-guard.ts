import { isIP } from 'node:net';
import type { PrivateNetworkAllowlist } from './private-network.ts';

/**
 * SSRF guard: which IP addresses a fetch may connect to. Pure functions on address strings;
 * the fetcher and the webhook sender apply them before connecting (IP-literal URLs), in the
 * DNS lookup hook, and again on the connected socket's remote address, because undici's
 * lookup hook never runs for IP-literal hosts; the API and the CLI apply them when a source
 * or subscription is stored (destination-check.ts). Only the operator's allowlist
 * (private-network.ts) lets a non-public address through.
 */

interface Ipv4Range { base: number; bits: number; reason: string }

const ipv4 = (text: string, bits: number, reason: string): Ipv4Range => ({ base: parseIpv4(text) ?? 0, bits, reason });

// Everything that is not ordinary public unicast (IANA special-purpose registry, RFC 6890).
const blockedIpv4Ranges: readonly Ipv4Range[] = [
  ipv4('0.0.0.0', 8, 'this-network (0.0.0.0/8)'),
  ipv4('10.0.0.0', 8, 'private (10/8)'),
  ipv4('100.64.0.0', 10, 'carrier-grade NAT (100.64/10)'),
  ipv4('127.0.0.0', 8, 'loopback (127/8)'),
  ipv4('169.254.0.0', 16, 'link-local (169.254/16)'),
  ipv4('172.16.0.0', 12, 'private (172.16/12)'),
  ipv4('192.0.0.0', 24, 'IETF protocol assignments (192.0.0/24)'),
  ipv4('192.0.2.0', 24, 'documentation (192.0.2/24)'),
  ipv4('192.168.0.0', 16, 'private (192.168/16)'),
  ipv4('198.18.0.0', 15, 'benchmarking (198.18/15)'),
  ipv4('198.51.100.0', 24, 'documentation (198.51.100/24)'),
  ipv4('203.0.113.0', 24, 'documentation (203.0.113/24)'),
  ipv4('224.0.0.0', 4, 'multicast (224/4)'),
  ipv4('240.0.0.0', 4, 'reserved (240/4, broadcast)'),
];

/** Dotted-quad to uint32, or null. Only the canonical form: URLs are normalised before this. */
export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

/** IPv6 text to eight 16-bit groups (zone id dropped, embedded dotted quad allowed), or null. */
export function parseIpv6(text: string): number[] | null {
  let address = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIP(address) !== 6) return null;
  // Rewrite a trailing dotted quad (::ffff:127.0.0.1) as two hex groups first.
  const lastColon = address.lastIndexOf(':');
  const tail = address.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseIpv4(tail);
    if (v4 === null) return null;
    address = `${address.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = address.split('::');
  const toGroups = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const left = toGroups(halves[0]);
  const right = toGroups(halves[1]);
  const groups = halves.length === 2
    ? [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right]
    : left;
  if (groups.length !== 8 || groups.some((g) => !Number.isInteger(g) || g < 0 || g > 0xffff)) return null;
  return groups;
}

function ipv4Reason(value: number): string | null {
  for (const range of blockedIpv4Ranges) {
    const mask = range.bits === 0 ? 0 : (0xffffffff << (32 - range.bits)) >>> 0;
    if (((value & mask) >>> 0) === ((range.base & mask) >>> 0)) return range.reason;
  }
  return null;
}

function ipv6Reason(groups: readonly number[]): string | null {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  const embeddedV4 = ((g6 << 16) >>> 0) + g7;
  const upperZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (upperZero && g5 === 0 && g6 === 0 && g7 === 0) return 'unspecified (::)';
  if (upperZero && g5 === 0 && g6 === 0 && g7 === 1) return 'loopback (::1)';
  // Forms that carry an IPv4 address: judge that address (::ffff:127.0.0.1 is loopback).
  if (upperZero && g5 === 0xffff) return prefixed('IPv4-mapped', ipv4Reason(embeddedV4));
  if (upperZero && g5 === 0) return prefixed('IPv4-compatible', ipv4Reason(embeddedV4) ?? 'deprecated IPv4-compatible (::/96)');
  if (g0 === 0x64 && g1 === 0xff9b) return prefixed('NAT64', ipv4Reason(embeddedV4));
  if (g0 === 0x2002) return prefixed('6to4', ipv4Reason(((g1 << 16) >>> 0) + g2));
  if ((g0 & 0xfe00) === 0xfc00) return 'unique-local (fc00::/7)';
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local (fe80::/10)';
  if ((g0 & 0xffc0) === 0xfec0) return 'site-local (fec0::/10)';
  if ((g0 & 0xff00) === 0xff00) return 'multicast (ff00::/8)';
  if (g0 === 0x2001 && g1 === 0x0db8) return 'documentation (2001:db8::/32)';
  if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return 'discard-only (100::/64)';
  return null;
}

function prefixed(form: string, reason: string | null): string | null {
  return reason === null ? null : `${form} ${reason}`;
}

/**
 * Why this IP address must not be fetched (a short reason), or null when it is ordinary
 * public unicast. Anything that does not parse as an IP address is refused too.
 */
export function blockedAddressReason(address: string): string | null {
  const v4 = parseIpv4(address);
  if (v4 !== null) return ipv4Reason(v4);
  const v6 = parseIpv6(address);
  if (v6 !== null) return ipv6Reason(v6);
  return `not an IP address (${address})`;
}

/**
 * The IP address a URL names literally, after WHATWG normalisation, or null for a DNS name.
 * `http://2130706433/`, `http://0x7f000001/`, `http://017700000001/` and `http://127.1/`
 * all come out as 127.0.0.1, so numeric host tricks are judged as the address they reach.
 */
export function literalHostAddress(url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return isIP(host) === 0 ? null : host;
}

function asUrl(url: string | URL): URL | null {
  if (typeof url !== 'string') return url;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Why a URL's literal host is refused, or null (DNS names are judged at connect time). */
export function blockedUrlReason(url: string | URL): string | null {
  const parsed = asUrl(url);
  if (!parsed) return 'not a valid URL';
  const address = literalHostAddress(parsed);
  if (address !== null) return blockedAddressReason(address);
  // Names that resolve to loopback by convention; refuse them without asking DNS.
  const name = parsed.hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return 'loopback (localhost)';
  return null;
}

/**
 * Why the guard refuses to connect to `address` (reached for `hostname`, when known), or null:
 * ordinary public unicast, or a private address the operator allowed by address or host name.
 */
export function refusedAddressReason(address: string, allowlist: PrivateNetworkAllowlist, hostname?: string): string | null {
  const reason = blockedAddressReason(address);
  if (reason === null) return null;
  if (allowlist.allowsAddress(address)) return null;
  if (hostname !== undefined && allowlist.allowsHost(hostname)) return null;
  return reason;
}

/**
 * Why a URL is refused before any DNS lookup (an IP-literal host, or a localhost name), given
 * the operator's allowlist; null for DNS names, which are judged by what they resolve to.
 */
export function refusedUrlReason(url: string | URL, allowlist: PrivateNetworkAllowlist): string | null {
  const parsed = asUrl(url);
  if (!parsed) return 'not a valid URL';
  const address = literalHostAddress(parsed);
  if (address !== null) return refusedAddressReason(address, allowlist);
  if (allowlist.allowsHost(parsed.hostname)) return null;
  return blockedUrlReason(parsed);
}
