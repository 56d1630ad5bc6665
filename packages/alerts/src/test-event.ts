import { randomUUID } from 'node:crypto';
import { StoredEventMessage, reportKeyOf, type JobProducer } from '@tickerwire/queue';
import type { SubscriptionsRepository } from '@tickerwire/store';
import { webhookMessageId } from './signing.ts';

/** Event ids of test events start with this; the delivery log tells them apart by it. */
export const testEventIdPrefix = 'test_';

export function isTestEventId(eventId: string): boolean {
  return eventId.startsWith(testEventIdPrefix);
}

const evidence = 'Example Securities raises EXMPL price target to $18 from $12 (a Tickerwire test event).';

/**
 * A made-up stored-event message for a subscription's test: a price-target raise on the
 * ticker EXMPL, marked `test` (the webhook envelope then says `test: true`). A fresh id each
 * time, so each test is a delivery of its own in the log.
 */
export function testEventMessage(now: Date, id: string = randomUUID()): StoredEventMessage {
  const sentiment = { label: 'bullish' as const, score: 0.4 };
  return StoredEventMessage.parse({
    eventId: `${testEventIdPrefix}${id}`,
    articleId: `${testEventIdPrefix}article_${id}`,
    sourceIds: ['tickerwire-test'],
    novel: true,
    type: 'price_target',
    ticker: 'EXMPL',
    action: 'raise',
    sentimentLabel: sentiment.label,
    sentimentScore: sentiment.score,
    tags: ['test'],
    publishedAt: now,
    firstSeenAt: now,
    reportedAt: now,
    event: {
      type: 'price_target',
      ticker: 'EXMPL',
      company: 'Example Corp',
      firm: 'Example Securities',
      action: 'raise',
      from: 12,
      to: 18,
      currency: 'USD',
      changePct: 50,
      confidence: 1,
      sentiment,
      evidence: { text: evidence, start: 0, end: evidence.length },
    },
    article: { title: 'Tickerwire test event', url: 'https://example.com/tickerwire-test', canonicalUrl: 'https://example.com/tickerwire-test', sourceId: 'tickerwire-test' },
    reasons: [],
    relevance: 1,
    test: true,
  });
}

export type TestEventOutcome = { status: 'queued'; deliveryId: string; eventId: string } | { status: 'not-found' } | { status: 'disabled' };

/**
 * Sends a subscription a test event the way every event is sent: a 'deliver-webhook' job the
 * notifier works (same signing, retries, delivery log, dead letters), so a test proves the
 * whole path. The delivery id is the webhook-id the receiver gets.
 */
export async function sendTestEvent(
  deps: { subscriptions: Pick<SubscriptionsRepository, 'get'>; producer: Pick<JobProducer, 'add'>; now?: () => Date },
  subscriptionId: string,
): Promise<TestEventOutcome> {
  const subscription = await deps.subscriptions.get(subscriptionId);
  if (!subscription) return { status: 'not-found' };
  // A disabled subscription's jobs are discarded unsent: say so now rather than log a discard.
  if (!subscription.enabled) return { status: 'disabled' };
  const message = testEventMessage((deps.now ?? (() => new Date()))());
  await deps.producer.add('deliver-webhook', { subscriptionId, message });
  return { status: 'queued', deliveryId: webhookMessageId(subscriptionId, reportKeyOf(message)), eventId: message.eventId };
}
