import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com/, "Signature scheme"):
 * the signed content is `${webhook-id}.${webhook-timestamp}.${body}`, HMAC-SHA256 keyed by the
 * base64-decoded part of the secret after "whsec_", sent as `v1,<base64 signature>`. With
 * several secrets (rotation) every one signs, space-separated, so a receiver holding either
 * the old or the new secret accepts the message.
 */

export const secretPrefix = 'whsec_';

// A type, not an interface: it must pass where a plain header record is expected.
export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/** The key bytes of a `whsec_` secret. */
export function secretKey(secret: string): Buffer {
  const encoded = secret.startsWith(secretPrefix) ? secret.slice(secretPrefix.length) : secret;
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0) throw new Error('webhook secret has no key material');
  return key;
}

// Key objects by secret: preparing a key from bytes on every HMAC was a visible share of a
// delivery's CPU. Bounded: cleared when it holds more secrets than a deployment plausibly has.
const keyObjects = new Map<string, KeyObject>();
const maxKeyObjects = 50_000;

/** The HMAC key of a secret, prepared once. */
export function hmacKey(secret: string): KeyObject {
  let key = keyObjects.get(secret);
  if (!key) {
    if (keyObjects.size >= maxKeyObjects) keyObjects.clear();
    key = createSecretKey(secretKey(secret));
    keyObjects.set(secret, key);
  }
  return key;
}

/** `v1,<base64 HMAC-SHA256>` of one message under one secret. */
export function signatureOf(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac('sha256', hmacKey(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/** The three headers for one delivery attempt; the timestamp is the attempt's, the id the message's. */
export function signWebhook(input: { id: string; timestampSeconds: number; body: string; secrets: readonly string[] }): WebhookHeaders {
  if (input.secrets.length === 0) throw new Error('a webhook needs at least one secret');
  return {
    'webhook-id': input.id,
    'webhook-timestamp': String(input.timestampSeconds),
    'webhook-signature': input.secrets.map((s) => signatureOf(s, input.id, input.timestampSeconds, input.body)).join(' '),
  };
}

/**
 * The message id of one report for one subscription. Derived, not random, so every retry and
 * every re-drive carries the same `webhook-id` and the receiver can drop duplicates by it.
 */
export function webhookMessageId(subscriptionId: string, reportKey: string): string {
  return `msg_${createHash('sha256').update(subscriptionId).update('\0').update(reportKey).digest('base64url').slice(0, 32)}`;
}
