import { createHmac, timingSafeEqual } from 'node:crypto';
import { hmacKey } from './signing.ts';

/**
 * A receiver's check of a Standard Webhooks message, for our tests and for users who want a
 * reference: the timestamp must be within the tolerance of now (either side: replay
 * protection), and at least one `v1` signature in the header must equal the HMAC under at
 * least one of the receiver's secrets, compared in constant time.
 */

export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

/** The spec's recommended tolerance: five minutes. */
export const defaultToleranceSeconds = 5 * 60;

type HeaderBag = Record<string, string | string[] | undefined> | Headers;

function headerValue(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export interface VerifiedWebhook {
  id: string;
  timestampSeconds: number;
}

/** Throws WebhookVerificationError unless the message is authentic and fresh. */
export function verifyWebhook(
  headers: HeaderBag,
  body: string | Buffer,
  secrets: string | readonly string[],
  options: { toleranceSeconds?: number; nowSeconds?: number } = {},
): VerifiedWebhook {
  const id = headerValue(headers, 'webhook-id');
  const timestamp = headerValue(headers, 'webhook-timestamp');
  const signatures = headerValue(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError('missing webhook-id, webhook-timestamp or webhook-signature');
  if (!/^\d+$/.test(timestamp)) throw new WebhookVerificationError('webhook-timestamp is not integer seconds');
  const timestampSeconds = Number(timestamp);
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSeconds ?? defaultToleranceSeconds;
  if (Math.abs(now - timestampSeconds) > tolerance) throw new WebhookVerificationError(`webhook-timestamp is more than ${tolerance} s from now`);

  const signed = Buffer.concat([Buffer.from(`${id}.${timestamp}.`), typeof body === 'string' ? Buffer.from(body) : body]);
  const expected = (Array.isArray(secrets) ? secrets : [secrets as string]).map((s) => createHmac('sha256', hmacKey(s)).update(signed).digest());
  for (const entry of signatures.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== 'v1') continue; // other schemes (v1a, ...) are not ours to check
    const given = Buffer.from(entry.slice(comma + 1), 'base64');
    if (expected.some((mac) => mac.length === given.length && timingSafeEqual(mac, given))) return { id, timestampSeconds };
  }
  throw new WebhookVerificationError('no signature matches');
}
