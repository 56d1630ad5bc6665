/**
 * Where the API is reached, for links in feeds and for telling same-site from cross-site
 * requests. The configured public URL (API_PUBLIC_URL) wins; without one the request's Host
 * is used, but only once it is a well-formed host, as it goes into links others follow.
 */

const label = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
// A DNS name (or IPv4, which matches the same pattern) or a bracketed IPv6 literal, then an optional port.
const hostPattern = new RegExp(`^(?:${label}(?:\\.${label})*\\.?|\\[[0-9a-f:.]{2,45}\\])(?::(\\d{1,5}))?$`);

/** The Host header as `host[:port]`, lower-cased, or null when it is not a well-formed host. */
export function validHost(host: string | undefined): string | null {
  if (host === undefined) return null;
  const lower = host.toLowerCase();
  if (lower.length === 0 || lower.length > 260) return null;
  const match = hostPattern.exec(lower);
  if (!match) return null;
  if (match[1] !== undefined && Number(match[1]) > 65_535) return null;
  try {
    // The WHATWG parser has the last word (IPv6 literals, numbers too large for IPv4).
    return new URL(`http://${lower}/`).host === '' ? null : lower;
  } catch {
    return null;
  }
}

/** `scheme://host[:port]` the API is reached at, or null when neither is configured nor a valid Host was sent. */
export function publicBase(publicUrl: string | undefined, protocol: string, host: string | undefined): string | null {
  if (publicUrl) return publicUrl;
  const valid = validHost(host);
  return valid ? `${protocol}://${valid}` : null;
}

/** The origin (`scheme://host[:port]`) of a base URL. */
export function originOf(base: string): string {
  return new URL(base).origin;
}

const safeMethods: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request that changes state came from another site's page: browsers send `Origin`
 * (and `Sec-Fetch-Site`) with such requests, so a form or fetch on another site — a
 * `text/plain` POST needs no preflight — cannot act with credentials the browser holds.
 * Clients that are not browsers send neither and are not affected.
 */
export function isCrossSiteWrite(method: string, headers: { origin?: string | undefined; 'sec-fetch-site'?: string | undefined }, ownOrigin: string | null): boolean {
  if (safeMethods.has(method.toUpperCase())) return false;
  const fetchSite = headers['sec-fetch-site'];
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') return true;
  const origin = headers.origin;
  if (origin === undefined) return false;
  // "null" (sandboxed frames, file: pages) is never our own page.
  return ownOrigin === null || origin.toLowerCase() !== ownOrigin.toLowerCase();
}
