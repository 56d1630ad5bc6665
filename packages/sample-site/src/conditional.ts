import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** A response body with the validators a poller sends back on its next conditional GET. */
export interface Representation {
  body: Buffer;
  contentType: string;
  /** Strong ETag, quotes included. */
  etag: string;
  lastModified: Date;
}

export function representation(text: string, contentType: string, lastModified: Date): Representation {
  const body = Buffer.from(text, 'utf8');
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return { body, contentType, etag, lastModified };
}

/** HTTP dates have whole seconds: compare at that precision or a same-second date looks newer. */
const wholeSeconds = (date: Date): number => Math.floor(date.getTime() / 1000);

const opaqueTag = (tag: string): string => tag.trim().replace(/^W\//, '');

/**
 * RFC 9110 section 13.2.2: If-None-Match decides when present (weak comparison, "*" matches
 * anything); If-Modified-Since is only read without it.
 */
export function isNotModified(headers: IncomingHttpHeaders, current: Representation): boolean {
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaqueTag(tag) === current.etag);
  }
  const ifModifiedSince = headers['if-modified-since'];
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && wholeSeconds(current.lastModified) <= Math.floor(since / 1000);
}
