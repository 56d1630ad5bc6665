import { lookup } from 'node:dns/promises';
import { literalHostAddress, refusedUrlReason } from './address-guard.ts';
import { firstRefusedAddress } from './guarded-agent.ts';
import type { PrivateNetworkAllowlist } from './private-network.ts';

/** Every address a host name resolves to (all families), as the fetcher's lookup would see them. */
export type ResolveHost = (hostname: string) => Promise<readonly string[]>;

const resolveWithSystemDns: ResolveHost = async (hostname) => (await lookup(hostname, { all: true })).map((a) => a.address);

/** How long a check waits for DNS before letting the fetch-time guard decide. */
const resolveTimeoutMs = 3_000;

/**
 * Why the SSRF guard would refuse to fetch from (or deliver to) this URL, asked when a source
 * or subscription is stored so the caller hears it at once instead of a later silent failure;
 * null when the guard would try it. The same guard code as at fetch time: the literal host,
 * then every address the name resolves to now. A name that does not resolve (yet) is left to
 * the fetch-time guard, which checks again on every connection anyway (DNS can change).
 */
export async function destinationRefusal(url: string, allowlist: PrivateNetworkAllowlist, resolve: ResolveHost = resolveWithSystemDns): Promise<string | null> {
  const refusal = await refusalReason(url, allowlist, resolve);
  return refusal === null ? null : `refused: ${refusal}; a private-network destination must be on the operator's TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST`;
}

async function refusalReason(url: string, allowlist: PrivateNetworkAllowlist, resolve: ResolveHost): Promise<string | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a valid URL';
  }
  const literal = refusedUrlReason(parsed, allowlist);
  if (literal !== null) return `${parsed.hostname} is ${literal}`;
  if (literalHostAddress(parsed) !== null) return null;
  const hostname = parsed.hostname.replace(/^\[|\]$/g, '');
  if (allowlist.allowsHost(hostname)) return null;
  const addresses = await resolveWithin(resolve, hostname, resolveTimeoutMs);
  if (addresses === null) return null;
  const refused = firstRefusedAddress(hostname, addresses, allowlist);
  return refused === null ? null : `${hostname} resolves to ${refused.address}, ${refused.reason}`;
}

/** The addresses, or null when the name does not resolve in time (unknown, DNS away). */
async function resolveWithin(resolve: ResolveHost, hostname: string, timeoutMs: number): Promise<readonly string[] | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((done) => (timer = setTimeout(() => done(null), timeoutMs)));
  try {
    return await Promise.race([resolve(hostname).catch(() => null), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
