import { describe, expect, it } from 'vitest';
import { signWebhook, webhookMessageId } from './signing.ts';
import { verifyWebhook, WebhookVerificationError } from './verify.ts';

// The Standard Webhooks reference vector (used by the spec's own libraries' tests).
const vector = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestampSeconds: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const otherSecret = 'whsec_QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQQ==';

describe('Standard Webhooks signing', () => {
  it('signs the reference vector exactly', () => {
    const headers = signWebhook({ id: vector.id, timestampSeconds: vector.timestampSeconds, body: vector.body, secrets: [vector.secret] });
    expect(headers).toEqual({ 'webhook-id': vector.id, 'webhook-timestamp': '1614265330', 'webhook-signature': vector.signature });
  });

  it('signs once per secret, space-separated, while a secret is rotated', () => {
    const headers = signWebhook({ id: vector.id, timestampSeconds: vector.timestampSeconds, body: vector.body, secrets: [otherSecret, vector.secret] });
    const parts = headers['webhook-signature'].split(' ');
    expect(parts).toHaveLength(2);
    expect(parts[1]).toBe(vector.signature);
    expect(parts[0]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
  });

  it('derives one message id per subscription and report, the same on every call', () => {
    expect(webhookMessageId('sub_a', 'ev1.art1')).toBe(webhookMessageId('sub_a', 'ev1.art1'));
    expect(webhookMessageId('sub_a', 'ev1.art1')).not.toBe(webhookMessageId('sub_b', 'ev1.art1'));
    expect(webhookMessageId('sub_a', 'ev1.art1')).toMatch(/^msg_[A-Za-z0-9_-]{32}$/);
  });
});

describe('verifying per the spec', () => {
  const now = vector.timestampSeconds + 10;
  const signed = (secrets: string[], body = vector.body, timestampSeconds = vector.timestampSeconds) =>
    signWebhook({ id: vector.id, timestampSeconds, body, secrets });

  it('accepts the reference vector and a message signed by a sender holding both secrets', () => {
    expect(verifyWebhook({ 'webhook-id': vector.id, 'webhook-timestamp': '1614265330', 'webhook-signature': vector.signature }, vector.body, vector.secret, { nowSeconds: now })).toEqual({ id: vector.id, timestampSeconds: 1614265330 });
    // Rotation: receivers holding only the old or only the new secret both accept.
    expect(() => verifyWebhook(signed([otherSecret, vector.secret]), vector.body, vector.secret, { nowSeconds: now })).not.toThrow();
    expect(() => verifyWebhook(signed([otherSecret, vector.secret]), vector.body, otherSecret, { nowSeconds: now })).not.toThrow();
    // A receiver holding both, the sender already on the new one only.
    expect(() => verifyWebhook(signed([otherSecret]), vector.body, [vector.secret, otherSecret], { nowSeconds: now })).not.toThrow();
  });

  it('rejects a wrong secret, a changed body, a changed id and a missing header', () => {
    expect(() => verifyWebhook(signed([otherSecret]), vector.body, vector.secret, { nowSeconds: now })).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook(signed([vector.secret]), '{"test": 2432232315}', vector.secret, { nowSeconds: now })).toThrow('no signature matches');
    expect(() => verifyWebhook({ ...signed([vector.secret]), 'webhook-id': 'msg_other' }, vector.body, vector.secret, { nowSeconds: now })).toThrow('no signature matches');
    const { 'webhook-signature': _dropped, ...unsigned } = signed([vector.secret]);
    expect(() => verifyWebhook(unsigned, vector.body, vector.secret, { nowSeconds: now })).toThrow('missing');
  });

  it('rejects timestamps outside the tolerance on either side, and non-v1 signatures', () => {
    expect(() => verifyWebhook(signed([vector.secret]), vector.body, vector.secret, { nowSeconds: vector.timestampSeconds + 301 })).toThrow('from now');
    expect(() => verifyWebhook(signed([vector.secret]), vector.body, vector.secret, { nowSeconds: vector.timestampSeconds - 301 })).toThrow('from now');
    expect(() => verifyWebhook(signed([vector.secret]), vector.body, vector.secret, { nowSeconds: vector.timestampSeconds + 300 })).not.toThrow();
    const v1a = vector.signature.replace('v1,', 'v1a,');
    expect(() => verifyWebhook({ ...signed([vector.secret]), 'webhook-signature': v1a }, vector.body, vector.secret, { nowSeconds: now })).toThrow('no signature matches');
  });
});
