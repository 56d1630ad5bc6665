import { z } from 'zod';
import { Ticker, eventTypes, ratingActions, priceTargetActions } from './events.ts';
import { SentimentLabel } from './sentiment.ts';

/** Standard Webhooks secret: "whsec_" then base64 key material. */
export const WebhookSecret = z.string().regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, 'a secret of the form whsec_<base64>');

export const SubscriptionFilter = z.object({
  tickers: z.array(Ticker).optional(),
  types: z.array(z.enum(eventTypes as [string, ...string[]])).optional(),
  actions: z.array(z.enum([...new Set([...ratingActions, ...priceTargetActions])] as [string, ...string[]])).optional(),
  sentiment: z.array(SentimentLabel).optional(),
  minAbsScore: z.number().min(0).max(1).optional(),
  novelOnly: z.boolean().default(false),
});

/** An alert consumer's wish: which events, delivered where. */
export const Subscription = z.object({
  id: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
  filter: SubscriptionFilter,
  // Several secrets while one is being rotated: each delivery is signed with all of them.
  secrets: z.array(WebhookSecret).min(1),
  enabled: z.boolean().default(true),
  // Receivers on private networks: the operator's TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST, not a field.
});
export type Subscription = z.infer<typeof Subscription>;
export type SubscriptionFilter = z.infer<typeof SubscriptionFilter>;
