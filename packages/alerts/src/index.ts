// @tickerwire/alerts: matching stored events to subscriptions and delivering signed webhooks.

export { matchesSubscription, SubscriptionMatcher, type MatchFilter, type MatchableEvent } from './matching.ts';
export { signWebhook, signatureOf, secretKey, webhookMessageId, type WebhookHeaders } from './signing.ts';
export { verifyWebhook, WebhookVerificationError, defaultToleranceSeconds, type VerifiedWebhook } from './verify.ts';
export { classifyResponse, isRetryable, type AttemptOutcome, type ClassifiedResponse } from './outcome.ts';
export { defaultRetryPolicy, retryDelayMs, parseRetryAfter, maxAttemptsOf, type RetryPolicy } from './retry-policy.ts';
// The sender's private-network setting, for the notifier's config.
export { PrivateNetworkAllowlist, PrivateNetworkAllowlistEnv } from '@tickerwire/ingest';
export { WebhookSender, defaultSenderOptions, type SenderOptions, type WebhookRequest, type AttemptResult } from './sender.ts';
export { createDeliverHandler, decideAfterAttempt, webhookBackoffStrategy, webhookBody, WebhookRetryError, type DeliverJobDeps, type AttemptDecision } from './deliver-job.ts';
export { SubscriptionCache } from './subscription-cache.ts';
export { StreamConsumer, compareStreamIds, isNoGroupError, type StreamConsumerOptions, type StreamPositions } from './stream-consumer.ts';
export { startNotifier, defaultNotifierOptions, type Notifier, type NotifierDeps, type NotifierOptions } from './notifier.ts';
export { redriveDelivery, type RedriveOutcome } from './redrive.ts';
export { EventPayload, WebhookEnvelope, eventPayload, eventPayloadSchema } from './payload.ts';
export { sendTestEvent, testEventMessage, isTestEventId, testEventIdPrefix, type TestEventOutcome } from './test-event.ts';
