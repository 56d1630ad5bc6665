import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction, Socket } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { blockedAddressReason } from './address-guard.ts';

/**
 * undici Agents for the fetcher. The strict one refuses non-public addresses twice: in the
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

const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', undefined);
    // One bad answer refuses the host: a name that resolves to both a public and a private
    // address is either misconfigured or a rebinding attempt.
    for (const { address } of addresses) {
      const reason = blockedAddressReason(address);
      if (reason !== null) return callback(new BlockedAddressError(`${hostname} (${address})`, reason), '', undefined);
    }
    const first = addresses[0];
    if (!first) return callback(new Error(`no address for ${hostname}`), '', undefined);
    if (options.all) return callback(null, addresses);
    return callback(null, first.address, first.family);
  });
};

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

/** An Agent that only connects to public unicast addresses. */
export function createPublicOnlyAgent(timeouts: AgentTimeouts): Agent {
  const connectPlain = buildConnector({ timeout: timeouts.connectTimeoutMs, lookup: guardedLookup });
  const connect: buildConnector.connector = (options, callback) => {
    connectPlain(options, (error, socket) => {
      if (error !== null) return callback(error, null);
      const remote = (socket as Socket).remoteAddress;
      const reason = remote === undefined ? 'no remote address' : blockedAddressReason(remote);
      if (reason !== null) {
        socket.destroy();
        return callback(new BlockedAddressError(remote ?? options.hostname, reason), null);
      }
      return callback(null, socket);
    });
  };
  return new Agent({ ...agentOptions(timeouts), connect });
}

/** An Agent with no address checks, used only for an origin a source explicitly allowed. */
export function createUnrestrictedAgent(timeouts: AgentTimeouts): Agent {
  return new Agent({ ...agentOptions(timeouts), connect: { timeout: timeouts.connectTimeoutMs } });
}

/**
 * The pair every outbound client holds: the public-only agent, and the unrestricted one for
 * an origin the caller explicitly allowed (a source or subscription with allowPrivateNetwork).
 */
export class GuardedAgents {
  readonly #publicOnly: Agent;
  readonly #unrestricted: Agent;

  /** `totalTimeoutMs` also bounds the silence between body chunks. */
  constructor(timeouts: { connectTimeoutMs: number; headersTimeoutMs: number; totalTimeoutMs: number }) {
    const agentTimeouts = { connectTimeoutMs: timeouts.connectTimeoutMs, headersTimeoutMs: timeouts.headersTimeoutMs, bodyIdleTimeoutMs: timeouts.totalTimeoutMs };
    this.#publicOnly = createPublicOnlyAgent(agentTimeouts);
    this.#unrestricted = createUnrestrictedAgent(agentTimeouts);
  }

  for(allowPrivateNetwork: boolean): Agent {
    return allowPrivateNetwork ? this.#unrestricted : this.#publicOnly;
  }

  async close(): Promise<void> {
    await Promise.all([this.#publicOnly.close(), this.#unrestricted.close()]);
  }
}
