/**
 * Classified failures. Callers decide retry or give-up from `kind` and `permanent` alone,
 * so the queue layer never has to parse messages (style.md, habit 7).
 */

export type FetchErrorKind =
  | 'bad-url'
  | 'timeout'
  | 'too-large'
  | 'blocked-address'
  | 'too-many-redirects'
  | 'http-status'
  | 'robots-disallowed'
  | 'unsupported-encoding'
  | 'network';

export interface FetchErrorDetails {
  permanent: boolean;
  url: string;
  status?: number;
  /** From Retry-After on 429/503: when the host asked us to come back. */
  retryAfterMs?: number;
  cause?: unknown;
}

export class FetchError extends Error {
  readonly kind: FetchErrorKind;
  readonly permanent: boolean;
  readonly url: string;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  constructor(kind: FetchErrorKind, message: string, details: FetchErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'FetchError';
    this.kind = kind;
    this.permanent = details.permanent;
    this.url = details.url;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** 404/410 and other client errors will not fix themselves; 408, 429 and 5xx may. */
export function isPermanentStatus(status: number): boolean {
  if (status === 408 || status === 425 || status === 429) return false;
  return status >= 400 && status < 500;
}

/**
 * 'malformed-feed': well-formed XML in a feed shape the parser cannot read;
 * 'no-items': a feed, but no entry with a title or a link (a poller may treat it as "nothing new").
 */
export type FeedErrorKind = 'empty' | 'too-large' | 'malformed-xml' | 'malformed-json' | 'not-a-feed' | 'malformed-feed' | 'no-items';

export class FeedError extends Error {
  readonly kind: FeedErrorKind;
  /**
   * Always true: a retry of the same poll reads the same bytes and fails the same way; the next
   * scheduled poll is the retry. Present so callers can treat every ingest error alike.
   */
  readonly permanent = true;
  constructor(kind: FeedErrorKind, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'FeedError';
    this.kind = kind;
  }
}

/** 'not-html': the response declared a content type we cannot read as a page (PDF, image...). */
export type PageErrorKind = 'too-large' | 'timeout' | 'worker-crashed' | 'extract-failed' | 'not-html';

export class PageError extends Error {
  readonly kind: PageErrorKind;
  /** Every page failure is permanent for that page body: retrying the same bytes fails the same way. */
  readonly permanent = true;
  constructor(kind: PageErrorKind, message: string) {
    super(message);
    this.name = 'PageError';
    this.kind = kind;
  }
}

/**
 * An error with everything behind it (causes, and the members of an AggregateError, as
 * undici and Node report connection failures), so callers can classify by the root.
 */
export function errorChain(error: unknown): unknown[] {
  const found: unknown[] = [];
  const pending = [error];
  while (pending.length > 0 && found.length < 20) {
    const next = pending.shift();
    found.push(next);
    if (next instanceof AggregateError) pending.push(...next.errors);
    if (next instanceof Error && next.cause !== undefined) pending.push(next.cause);
  }
  return found;
}
