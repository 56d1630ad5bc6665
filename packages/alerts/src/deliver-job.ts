import { UnrecoverableError, reportKeyOf, type Counters, type JobContext, type StoredEventMessage } from '@tickerwire/queue';
import type { DeliveriesRepository, DeliveryStatus, StoredSubscription, SubscriptionsRepository } from '@tickerwire/store';
import { eventPayload, eventPayloadSchema } from './payload.ts';
import { isRetryable, type AttemptOutcome } from './outcome.ts';
import { maxAttemptsOf, retryDelayMs, type RetryPolicy } from './retry-policy.ts';
import type { AttemptResult, WebhookRequest } from './sender.ts';
import { signWebhook, webhookMessageId, type WebhookHeaders } from './signing.ts';

/**
 * One delivery attempt as a job: reload state, send, record, decide. The decision is a pure
 * function; the handler around it only reads and writes.
 */

/** The body every receiver gets: a typed envelope around the stored-event message (`test: true` on a test event only). */
export function webhookBody(message: StoredEventMessage): string {
  return JSON.stringify({ type: 'event.stored', schema: eventPayloadSchema, ...(message.test ? { test: true } : {}), timestamp: message.reportedAt.toISOString(), data: eventPayload(message) });
}

/** Thrown to have BullMQ retry; carries the delay the backoff strategy must apply. */
export class WebhookRetryError extends Error {
  readonly delayMs: number;
  constructor(message: string, delayMs: number) {
    super(message);
    this.name = 'WebhookRetryError';
    this.delayMs = delayMs;
  }
}

export interface AttemptDecision {
  status: Exclude<DeliveryStatus, 'pending'>;
  /** Set when status is 'retrying'. */
  delayMs: number | null;
}

/** Where an attempt leaves the delivery. */
export function decideAfterAttempt(outcome: AttemptOutcome, retryAfterMs: number | null, attempt: number, policy: RetryPolicy, random: () => number = Math.random): AttemptDecision {
  if (outcome === 'delivered') return { status: 'delivered', delayMs: null };
  if (outcome === 'gone') return { status: 'discarded', delayMs: null };
  if (!isRetryable(outcome)) return { status: 'dead', delayMs: null };
  const delayMs = retryDelayMs(attempt, policy, retryAfterMs, random);
  return delayMs === null ? { status: 'dead', delayMs: null } : { status: 'retrying', delayMs };
}

/** The BullMQ backoff strategy for 'standard-webhooks': the delay the handler decided. */
export function webhookBackoffStrategy(policy: RetryPolicy) {
  return (attemptsMade: number, _type?: string, error?: Error): number =>
    error instanceof WebhookRetryError ? error.delayMs : (retryDelayMs(attemptsMade, policy) ?? 0);
}

export interface SubscriptionLookup {
  get(id: string): Promise<StoredSubscription | null>;
  drop(id: string): void;
}

export interface DeliverJobDeps {
  subscriptions: SubscriptionLookup;
  subscriptionsRepository: Pick<SubscriptionsRepository, 'disable'>;
  deliveries: Pick<DeliveriesRepository, 'claim' | 'statusOf' | 'recordAttempt'>;
  send(request: WebhookRequest): Promise<AttemptResult>;
  policy: RetryPolicy;
  metrics?: { add(increments: Counters): void } | undefined;
  now?: () => Date;
}

const finished: ReadonlySet<DeliveryStatus | null> = new Set(['delivered', 'dead', 'discarded']);

export type DeliverJobResult = { status: DeliveryStatus | 'skipped'; attempt: number; statusCode?: number | null };

export function createDeliverHandler(deps: DeliverJobDeps) {
  const now = deps.now ?? (() => new Date());
  const maxAttempts = maxAttemptsOf(deps.policy);
  const count = (field: string) => deps.metrics?.add({ [`webhook:${field}`]: 1 });

  return async (payload: { subscriptionId: string; message: StoredEventMessage }, context: JobContext): Promise<DeliverJobResult> => {
    const { subscriptionId, message } = payload;
    const reportKey = reportKeyOf(message);
    const deliveryId = webhookMessageId(subscriptionId, reportKey);
    const record = (status: DeliveryStatus, attempt: { outcome: string; statusCode: number | null; durationMs: number; error: string | null }, at: Date, delayMs: number | null) =>
      deps.deliveries.recordAttempt({
        deliveryId,
        subscriptionId,
        reportKey,
        eventId: message.eventId,
        articleId: message.articleId,
        message: message as unknown as Record<string, unknown>,
        status,
        attempt: { attempt: context.attempt, at, ...attempt, nextAttemptAt: delayMs === null ? null : new Date(at.getTime() + delayMs) },
      });

    // A job added again after its message was settled (a stream entry reclaimed after the
    // earlier job was removed from Redis) must not send it twice. Only a first attempt can be
    // such a job; the claim makes the usual case one insert, the status is read only when the
    // message was claimed before (a duplicate, or a crash between claim and record).
    if (context.attempt === 1 && !(await deps.deliveries.claim(deliveryId))) {
      if (finished.has(await deps.deliveries.statusOf(deliveryId))) {
        count('duplicate');
        return { status: 'skipped', attempt: context.attempt };
      }
    }

    const subscription = await deps.subscriptions.get(subscriptionId);
    if (!subscription || !subscription.enabled) {
      await record('discarded', { outcome: 'skipped', statusCode: null, durationMs: 0, error: subscription ? 'subscription disabled' : 'subscription removed' }, now(), null);
      count('skipped');
      return { status: 'discarded', attempt: context.attempt };
    }

    const startedAt = now();
    const body = webhookBody(message);
    let headers: WebhookHeaders;
    try {
      headers = signWebhook({ id: deliveryId, timestampSeconds: Math.floor(startedAt.getTime() / 1000), body, secrets: subscription.secrets });
    } catch (signingError) {
      // A secret that cannot sign (stored before secrets were checked) fails every attempt the
      // same way: a dead letter with the reason, re-drivable once the secrets are replaced.
      const error = `cannot sign the webhook: ${signingError instanceof Error ? signingError.message : String(signingError)}`;
      await record('dead', { outcome: 'failed', statusCode: null, durationMs: 0, error }, startedAt, null);
      count('failed');
      count('dead');
      throw new UnrecoverableError(`dead letter after attempt ${context.attempt}: ${error}`);
    }
    const result = await deps.send({ url: subscription.url, headers, body });
    const decision = decideAfterAttempt(result.outcome, result.retryAfterMs, context.attempt, deps.policy);
    const error = result.error && result.responseSnippet && result.statusCode !== null ? `${result.error}: ${result.responseSnippet}` : result.error;

    await record(decision.status, { outcome: result.outcome, statusCode: result.statusCode, durationMs: result.durationMs, error }, startedAt, decision.delayMs);
    count(result.outcome);

    switch (decision.status) {
      case 'delivered':
        return { status: 'delivered', attempt: context.attempt, statusCode: result.statusCode };
      case 'discarded':
        await deps.subscriptionsRepository.disable(subscriptionId, `receiver answered 410 Gone at ${startedAt.toISOString()}`, startedAt);
        deps.subscriptions.drop(subscriptionId);
        count('disabled');
        return { status: 'discarded', attempt: context.attempt, statusCode: result.statusCode };
      case 'retrying':
        throw new WebhookRetryError(`attempt ${context.attempt} of ${maxAttempts}: ${error ?? result.outcome}`, decision.delayMs ?? 0);
      case 'dead':
        count('dead');
        throw new UnrecoverableError(`dead letter after attempt ${context.attempt}: ${error ?? result.outcome}`);
    }
  };
}
