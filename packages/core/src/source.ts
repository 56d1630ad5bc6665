import { z } from 'zod';
import { Ticker } from './events.ts';
import { maxFilterValues, maxUrlLength } from './subscription.ts';

export const sourceKinds = ['feed', 'page', 'page-list'] as const;

/** Tags a source gives its articles: a few short labels. */
export const SourceTags = z.array(z.string().min(1).max(100)).max(50);
/** Tickers a source is about. */
export const SourceTickers = z.array(Ticker).max(maxFilterValues);

/** Where the pipeline reads from: a feed, one page, or a page listing article links. Strict: an unknown key is an error. */
export const Source = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, "-" and "_"'),
  kind: z.enum(sourceKinds),
  url: z.url({ protocol: /^https?$/ }).max(maxUrlLength),
  /** Poll interval in seconds. */
  interval: z.number().int().min(10).max(7 * 24 * 3600),
  tags: SourceTags.default([]),
  tickers: SourceTickers.optional(),
  fetchFullText: z.boolean().default(false),
  enabled: z.boolean().default(true),
  // No private-network switch here: which private hosts may be fetched is the operator's
  // TICKERWIRE_PRIVATE_NETWORK_ALLOWLIST, never a field an API key can set. A stored
  // `allowPrivateNetwork` from an older version is dropped when the source is read.
});
export type Source = z.infer<typeof Source>;
export type SourceInput = z.input<typeof Source>;

/**
 * A partial update of a source (the API's PATCH, `tickerwire sources update`): any field but
 * the id, none defaulted, or an absent field would reset a stored one. Strict.
 */
export const SourcePatch = z
  .strictObject({
    kind: Source.shape.kind,
    url: Source.shape.url,
    interval: Source.shape.interval,
    tags: SourceTags,
    tickers: SourceTickers,
    fetchFullText: z.boolean(),
    enabled: z.boolean(),
  })
  .partial();
export type SourcePatch = z.infer<typeof SourcePatch>;
