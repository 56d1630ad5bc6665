import { createHash } from 'node:crypto';

/**
 * Story identity: one canonical URL per page, one stable id per item, one hash per body.
 * Pure functions; near-duplicate detection lives in simhash.ts.
 */

// Query parameters that only say how a reader arrived, never which document they get.
const trackingParams = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'igshid', 'ttclid',
  'mc_cid', 'mc_eid', 'ref', 'ref_src', 'ref_url', 'referrer', 'src', 'cmpid', 'ncid', 'ocid',
  '_hsenc', '_hsmi', 'mkt_tok', 'oly_anon_id', 'oly_enc_id', 'rss', 'rssfeed', 'feedtype', 'spm',
  'sr_share', 'share', 'smid', 'cid', 'wt.mc_id', 'icid', 'guccounter', 'guce_referrer', 'guce_referrer_sig',
]);
const trackingPrefixes = ['utm_', 'hsa_', 'pk_', 'mtm_', 'at_', 'vero_'];

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return trackingParams.has(lower) || trackingPrefixes.some((prefix) => lower.startsWith(prefix));
}

/**
 * The one URL we file a page under: http(s) only, host lower-cased (WHATWG does that and
 * drops default ports), no fragment, no credentials, tracking parameters removed and the rest
 * sorted. Returns null for anything that is not an absolute http(s) URL.
 */
export function canonicalizeUrl(url: string, base?: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim(), base);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  parsed.hash = '';
  parsed.username = '';
  parsed.password = '';
  parsed.hostname = parsed.hostname.replace(/\.$/, '');
  const kept = [...parsed.searchParams].filter(([name]) => !isTrackingParam(name));
  kept.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  parsed.search = new URLSearchParams(kept).toString();
  return parsed.toString();
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export interface ItemIdentityInput {
  /** The source the item came from: a bare guid such as "1234" is only unique within its feed. */
  sourceId: string;
  guid?: string | null;
  link?: string | null;
}

/**
 * Stable id for a feed item or page: from the guid when the feed gives one, else from the
 * canonical link. A guid that is itself a URL is canonicalised and not scoped to the source,
 * so the same permalink from two feeds gets one id. 32 hex characters (128 bits of SHA-256).
 * Null when there is neither a guid nor a usable link.
 */
export function itemId(input: ItemIdentityInput): string | null {
  const guid = input.guid?.trim();
  if (guid) {
    const guidUrl = /^https?:\/\//i.test(guid) ? canonicalizeUrl(guid) : null;
    return sha256(guidUrl ? `url:${guidUrl}` : `guid:${input.sourceId}:${guid}`).slice(0, 32);
  }
  const link = input.link ? canonicalizeUrl(input.link) : null;
  return link ? sha256(`url:${link}`).slice(0, 32) : null;
}

/**
 * Text as compared for identity: Unicode-normalised (NFKC folds full-width and ligature
 * forms), lower-cased, typographic quotes and dashes made plain, whitespace collapsed.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** SHA-256 (hex) of the normalised text: equal for bodies that differ only in spacing or case. */
export function contentHash(text: string): string {
  return sha256(normalizeText(text));
}
