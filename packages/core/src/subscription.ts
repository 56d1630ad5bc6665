import { z } from 'zod';
import { Ticker, eventTypes, ratingActions, priceTargetActions } from './events.ts';
import { SentimentLabel } from './sentiment.ts';

/** Standard Webhooks secret: "whsec_" then base64 key material. The shape every stored secret has; new ones are NewWebhookSecret. */
export const WebhookSecret = z.string().regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, 'a secret of the form whsec_<base64>');

/** Key material Standard Webhooks allows a secret: 24 to 64 bytes. */
export const webhookSecretBytes = { min: 24, max: 64 } as const;
/** Secrets a subscription holds at once: the current ones while a rotation is under way. */
export const maxWebhookSecrets = 5;

/** Bytes a canonical (padded) base64 text decodes to. */
export function base64DecodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

/** A secret a client may set: canonical base64 of 24 to 64 bytes (`whsec_================` holds none). */
const canonicalSecret = /^whsec_(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
export const NewWebhookSecret = z
  .string()
  .max('whsec_'.length + 88)
  .regex(canonicalSecret, 'a secret of the form whsec_<base64>')
  // One issue per secret: the size is judged only once the form is right.
  .refine((secret) => {
    if (!canonicalSecret.test(secret)) return true;
    const bytes = base64DecodedLength(secret.slice('whsec_'.length));
    return bytes >= webhookSecretBytes.min && bytes <= webhookSecretBytes.max;
  }, `${webhookSecretBytes.min} to ${webhookSecretBytes.max} bytes of key material once base64-decoded`);

/** Most values one filter list holds; more is a mistake or an attack, never a wish. */
export const maxFilterValues = 200;
/** Longest URL accepted (sources, webhook receivers). */
export const maxUrlLength = 2048;

/** What `actions` filters on: a rating or target action, or a price move's direction. */
export const eventActions = [...new Set<string>([...ratingActions, ...priceTargetActions, 'up', 'down'])] as [string, ...string[]];
/** A source id, as sources are named. */
export const SourceIdPattern = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/**
 * The one set of event criteria, shared by feeds (/v1/events, /v1/articles query parameters),
 * live streams (/v1/stream) and subscriptions (`filter`): the same names, values and meaning
 * everywhere. Within a list any value may match; every criterion given must hold.
 */
export const eventCriteria = {
  tickers: z.array(Ticker).max(maxFilterValues),
  types: z.array(z.enum(eventTypes as [string, ...string[]])).max(maxFilterValues),
  actions: z.array(z.enum(eventActions)).max(maxFilterValues),
  sentiment: z.array(SentimentLabel).max(maxFilterValues),
  minAbsScore: z.number().min(0).max(1),
  minRelevance: z.number().min(0).max(1),
  sources: z.array(z.string().regex(SourceIdPattern, 'a source id')).max(maxFilterValues),
  tags: z.array(z.string().min(1).max(100)).max(maxFilterValues),
} as const;
export type EventCriterion = keyof typeof eventCriteria;

// Strict: a misspelt key ("ticker") must be an error, not a filter that matches everything.
export const SubscriptionFilter = z.strictObject({
  tickers: eventCriteria.tickers.optional(),
  types: eventCriteria.types.optional(),
  actions: eventCriteria.actions.optional(),
  sentiment: eventCriteria.sentiment.optional(),
  minAbsScore: eventCriteria.minAbsScore.optional(),
  minRelevance: eventCriteria.minRelevance.optional(),
  sources: eventCriteria.sources.optional(),
  tags: eventCriteria.tags.optional(),
  novelOnly: z.boolean().default(false),
});

/** An alert consumer's wish: which events, delivered where. */
export const Subscription = z.object({
  id: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }).max(maxUrlLength),
  filter: SubscriptionFilter,
  // Several secrets while one is being rotated: each delivery is signed with all of them.
  secrets: z.array(WebhookSecret).min(1),
  enabled: z.boolean().default(true),
  // Receivers on private networks: the operator's TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST, not a field.
});
export type Subscription = z.infer<typeof Subscription>;
export type SubscriptionFilter = z.infer<typeof SubscriptionFilter>;
