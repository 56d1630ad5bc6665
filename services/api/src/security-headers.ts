import type { PageKind } from './route-access.ts';

/**
 * Headers every answer carries. API answers are data, never a page: nothing in them may load,
 * run or be framed. The two HTML pages get a policy allowing their own scripts and styles from
 * this origin only — nothing external, so the dashboard's Google Fonts stylesheet is refused
 * and it falls back to system fonts (a font request would tell Google who opens the dashboard).
 */

const apiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

// Swagger UI and bull-board set inline style attributes; neither runs inline scripts (bull-board's
// only inline <script> is a JSON data block, which CSP does not execute).
const pagePolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// The research page (packages/web) is ours: no inline script or style at all. Styles it sets
// from script go through the CSSOM (element.style), which CSP does not restrict; its only API
// calls go to this origin; its icon is a data: URL.
const webPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(page: PageKind | undefined): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'content-security-policy': page === 'web' ? webPolicy : page ? pagePolicy : apiPolicy,
  };
}
