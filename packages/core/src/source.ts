import { z } from 'zod';
import { Ticker } from './events.ts';

export const sourceKinds = ['feed', 'page', 'page-list'] as const;

/** Where the pipeline reads from: a feed, one page, or a page listing article links. */
export const Source = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, "-" and "_"'),
  kind: z.enum(sourceKinds),
  url: z.url({ protocol: /^https?$/ }),
  /** Poll interval in seconds. */
  interval: z.number().int().min(10).max(7 * 24 * 3600),
  tags: z.array(z.string()).default([]),
  tickers: z.array(Ticker).optional(),
  fetchFullText: z.boolean().default(false),
  enabled: z.boolean().default(true),
  // No private-network switch here: which private hosts may be fetched is the operator's
  // TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST, never a field an API key can set. A stored
  // `allowPrivateNetwork` from an older version is dropped when the source is read.
});
export type Source = z.infer<typeof Source>;
export type SourceInput = z.input<typeof Source>;
