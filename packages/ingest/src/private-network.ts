import { isIP } from 'node:net';
import { z } from 'zod';
import { parseIpv4, parseIpv6 } from './address-guard.ts';

/**
 * Which non-public destinations the operator lets Tickerwire reach: an allowlist of IP
 * addresses, CIDR ranges and host names from the environment
 * (TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST), empty by default. It is the only way past the SSRF
 * guard: neither a source nor a subscription can ask for it, so an API key cannot turn the
 * fetcher or the webhook sender into a scanner of the internal network.
 */

interface Ipv4Entry { kind: 'ipv4'; base: number; bits: number; text: string }
interface Ipv6Entry { kind: 'ipv6'; groups: readonly number[]; bits: number; text: string }
interface HostEntry { kind: 'host'; name: string; text: string }
type AllowlistEntry = Ipv4Entry | Ipv6Entry | HostEntry;

// A DNS name as an operator would write one: labels of letters, digits and '-'.
const hostNamePattern = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

const normaliseHostName = (name: string) => name.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');

/** One entry ("10.0.0.0/8", "127.0.0.1", "fd00::/8", "feeds.intranet"), or why it is not one. */
function parseEntry(text: string): AllowlistEntry | string {
  const [address = '', prefix, ...extra] = text.split('/');
  if (extra.length > 0) return `"${text}" has more than one "/"`;
  if (prefix !== undefined && !/^\d{1,3}$/.test(prefix)) return `"${text}": the prefix length after "/" must be a number`;
  const v4 = parseIpv4(address);
  if (v4 !== null) {
    const bits = prefix === undefined ? 32 : Number(prefix);
    if (bits > 32) return `"${text}": an IPv4 prefix is at most /32`;
    return { kind: 'ipv4', base: v4, bits, text };
  }
  if (isIP(address.replace(/^\[|\]$/g, '')) === 6) {
    const groups = parseIpv6(address);
    if (groups === null) return `"${text}" is not an IPv6 address`;
    const bits = prefix === undefined ? 128 : Number(prefix);
    if (bits > 128) return `"${text}": an IPv6 prefix is at most /128`;
    return { kind: 'ipv6', groups, bits, text };
  }
  if (prefix !== undefined) return `"${text}": a prefix length needs an IP address before the "/"`;
  const name = normaliseHostName(address);
  if (!hostNamePattern.test(name)) return `"${text}" is neither an IP address, a CIDR range nor a host name`;
  return { kind: 'host', name, text };
}

function ipv4InRange(value: number, entry: Ipv4Entry): boolean {
  const mask = entry.bits === 0 ? 0 : (0xffffffff << (32 - entry.bits)) >>> 0;
  return ((value & mask) >>> 0) === ((entry.base & mask) >>> 0);
}

function ipv6InRange(groups: readonly number[], entry: Ipv6Entry): boolean {
  let remaining = entry.bits;
  for (let i = 0; i < 8 && remaining > 0; i++) {
    const bits = Math.min(16, remaining);
    const mask = (0xffff << (16 - bits)) & 0xffff;
    if (((groups[i] ?? 0) & mask) !== ((entry.groups[i] ?? 0) & mask)) return false;
    remaining -= bits;
  }
  return true;
}

/** The IPv4 address an IPv4-mapped IPv6 address (::ffff:a.b.c.d) reaches, or null. */
function mappedIpv4(groups: readonly number[]): number | null {
  const [g0, g1, g2, g3, g4, g5, g6 = 0, g7 = 0] = groups;
  const mapped = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0xffff;
  return mapped ? ((g6 << 16) >>> 0) + g7 : null;
}

export class PrivateNetworkAllowlist {
  /** Nothing private is reachable: the default. */
  static readonly none = new PrivateNetworkAllowlist([]);

  readonly #entries: readonly AllowlistEntry[];

  private constructor(entries: readonly AllowlistEntry[]) {
    this.#entries = entries;
  }

  /**
   * Entries separated by commas or white space. Throws a RangeError naming every bad entry,
   * so a typo stops the service at start instead of silently allowing nothing (or more).
   */
  static parse(text: string): PrivateNetworkAllowlist {
    const parsed = text.split(/[\s,]+/).filter((t) => t.length > 0).map(parseEntry);
    const problems = parsed.filter((p): p is string => typeof p === 'string');
    if (problems.length > 0) throw new RangeError(problems.join('; '));
    return new PrivateNetworkAllowlist(parsed.filter((p): p is AllowlistEntry => typeof p !== 'string'));
  }

  /** This allowlist and some more entries (the quick start adds its own sample site's 127.0.0.1). */
  with(text: string): PrivateNetworkAllowlist {
    return new PrivateNetworkAllowlist([...this.#entries, ...PrivateNetworkAllowlist.parse(text).#entries]);
  }

  get isEmpty(): boolean {
    return this.#entries.length === 0;
  }

  /** Whether the operator allowed this IP address (an IPv4-mapped IPv6 address is judged as its IPv4 address). */
  allowsAddress(address: string): boolean {
    const v4 = parseIpv4(address);
    const v6 = v4 === null ? parseIpv6(address) : null;
    const asV4 = v4 ?? (v6 === null ? null : mappedIpv4(v6));
    return this.#entries.some((entry) => {
      if (entry.kind === 'ipv4') return asV4 !== null && ipv4InRange(asV4, entry);
      if (entry.kind === 'ipv6') return v6 !== null && ipv6InRange(v6, entry);
      return false;
    });
  }

  /** Whether the operator allowed this host name, whatever addresses it resolves to. */
  allowsHost(hostname: string): boolean {
    const name = normaliseHostName(hostname);
    return this.#entries.some((entry) => entry.kind === 'host' && entry.name === name);
  }

  toString(): string {
    return this.#entries.map((e) => e.text).join(',');
  }
}

/**
 * The environment setting every service that fetches or delivers reads (the shared config
 * extends its schema with it): TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST, empty by default.
 */
export const PrivateNetworkAllowlistEnv = z.object({
  TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST: z
    .string()
    .default('')
    .transform((text, context) => {
      try {
        return PrivateNetworkAllowlist.parse(text);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
});
