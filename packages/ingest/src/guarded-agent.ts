import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction, Socket } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { refusedAddressReason } from './address-guard.ts';
import { PrivateNetworkAllowlist } from './private-network.ts';

/**
 * The undici Agent of the fetcher and the webhook sender. It refuses non-public addresses
 * (unless the operator's allowlist names them) twice: in the
 * DNS lookup hook (so we never even connect to them) and on the connected socket's remote
 * address (the lookup hook is skipped for IP-literal URLs such as http://[::ffff:127.0.0.1]/,
 * and this also covers anything that slipped past, such as DNS rebinding between checks).
 */

/** Thrown inside the connector; the fetcher turns it into FetchError('blocked-address'). */
export class BlockedAddressError extends Error {
  readonly address: string;
  constructor(address: string, reason: string) {
    super(`refusing to connect to ${address}: ${reason}`);
    this.name = 'BlockedAddressError';
    this.address = address;
  }
}

/** A DNS lookup hook that refuses a host when any answer is an address the guard refuses. */
function guardedLookup(allowlist: PrivateNetworkAllowlist): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', undefined);
      // One bad answer refuses the host: a name that resolves to both a public and a private
      // address is either misconfigured or a rebinding attempt.
      const refused = firstRefusedAddress(hostname, addresses.map((a) => a.address), allowlist);
      if (refused !== null) return callback(new BlockedAddressError(`${hostname} (${refused.address})`, refused.reason), '', undefined);
      const first = addresses[0];
      if (!first) return callback(new Error(`no address for ${hostname}`), '', undefined);
      if (options.all) return callback(null, addresses);
      return callback(null, first.address, first.family);
    });
  };
}

/** The first of a host's addresses the guard refuses, with why; null when it accepts them all. */
export function firstRefusedAddress(hostname: string, addresses: readonly string[], allowlist: PrivateNetworkAllowlist): { address: string; reason: string } | null {
  for (const address of addresses) {
    const reason = refusedAddressReason(address, allowlist, hostname);
    if (reason !== null) return { address, reason };
  }
  return null;
}

export interface AgentTimeouts {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  /** Longest silence between body chunks; the fetcher's total deadline bounds the whole body. */
  bodyIdleTimeoutMs: number;
}

function agentOptions(timeouts: AgentTimeouts) {
  return {
    headersTimeout: timeouts.headersTimeoutMs,
    bodyTimeout: timeouts.bodyIdleTimeoutMs,
    // Keep-alive sockets are fine, but never reuse one for longer than a poll cycle.
    keepAliveTimeout: 4_000,
    keepAliveMaxTimeout: 30_000,
  };
}

/**
 * An Agent that connects to public unicast addresses, and to private ones only when the
 * operator's allowlist names the address or the host.
 */
export function createGuardedAgent(timeouts: AgentTimeouts, allowlist: PrivateNetworkAllowlist = PrivateNetworkAllowlist.none): Agent {
  const connectPlain = buildConnector({ timeout: timeouts.connectTimeoutMs, lookup: guardedLookup(allowlist) });
  const connect: buildConnector.connector = (options, callback) => {
    connectPlain(options, (error, socket) => {
      if (error !== null) return callback(error, null);
      const remote = (socket as Socket).remoteAddress;
      const reason = remote === undefined ? 'no remote address' : refusedAddressReason(remote, allowlist, options.hostname);
      if (reason !== null) {
        socket.destroy();
        return callback(new BlockedAddressError(remote ?? options.hostname, reason), null);
      }
      return callback(null, socket);
    });
  };
  return new Agent({ ...agentOptions(timeouts), connect });
}

/** The agent of an outbound client (fetcher, webhook sender) from its timeouts; `totalTimeoutMs` also bounds the silence between body chunks. */
export function guardedAgentFor(timeouts: { connectTimeoutMs: number; headersTimeoutMs: number; totalTimeoutMs: number }, allowlist: PrivateNetworkAllowlist): Agent {
  return createGuardedAgent({ connectTimeoutMs: timeouts.connectTimeoutMs, headersTimeoutMs: timeouts.headersTimeoutMs, bodyIdleTimeoutMs: timeouts.totalTimeoutMs }, allowlist);
}
