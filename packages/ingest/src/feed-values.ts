/** Small value cleaners shared by the feed readers. */

/** An absolute http(s) URL (relative ones resolved against `base`), or null. */
export function absoluteHttpUrl(value: string | null | undefined, base?: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim(), base ?? undefined);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A date from RFC 822 / ISO 8601 text, or null when unreadable or absurd. */
export function parseDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const time = Date.parse(value.trim());
  if (Number.isNaN(time)) return null;
  const year = new Date(time).getUTCFullYear();
  return year >= 1970 && year <= 2200 ? new Date(time) : null;
}
