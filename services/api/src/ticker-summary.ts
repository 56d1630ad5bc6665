import { z } from 'zod';
import type { AnalystRatingEvent, PriceTargetEvent, SentimentLabel } from '@tickerwire/core';
import type { StoredEvent } from '@tickerwire/store';

export const bucketSizes = { hour: 3600_000, day: 86_400_000, week: 7 * 86_400_000 } as const;
export type BucketSize = keyof typeof bucketSizes;
export const maxBuckets = 1000;

const Iso = z.iso.datetime();

export const TickerSummary = z
  .object({
    ticker: z.string(),
    ratings: z.array(
      z.object({
        firm: z.string(),
        action: z.string(),
        ratingFrom: z.string().nullable(),
        ratingTo: z.string().nullable(),
        ratingScore: z.number().nullable(),
        at: Iso.meta({ description: 'When the note was published (when it was fetched, if it gives no date)' }),
        eventId: z.string(),
      }),
    ),
    priceTargets: z.object({
      currency: z.string().nullable(),
      count: z.number().int(),
      low: z.number().nullable(),
      high: z.number().nullable(),
      median: z.number().nullable(),
      byFirm: z.array(z.object({ firm: z.string(), action: z.string(), from: z.number().nullable(), to: z.number(), currency: z.string(), at: Iso, eventId: z.string() })),
    }),
    sentiment: z.object({
      bucket: z.enum(['hour', 'day', 'week']),
      since: Iso,
      buckets: z.array(z.object({ start: Iso, count: z.number().int(), meanScore: z.number().nullable(), bullish: z.number().int(), bearish: z.number().int(), neutral: z.number().int() })),
    }),
  })
  .meta({ id: 'TickerSummary' });
export type TickerSummary = z.infer<typeof TickerSummary>;

const firmKey = (firm: string) => firm.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The newest rating of each firm, from events newest first (pure). */
export function latestRatingPerFirm(events: readonly StoredEvent[]): TickerSummary['ratings'] {
  const seen = new Set<string>();
  const ratings: TickerSummary['ratings'] = [];
  for (const doc of events) {
    if (doc.event.type !== 'analyst_rating' || !doc.firm) continue;
    const key = firmKey(doc.firm);
    if (seen.has(key)) continue;
    seen.add(key);
    const e = doc.event as AnalystRatingEvent;
    ratings.push({ firm: doc.firm, action: e.action, ratingFrom: e.ratingFrom, ratingTo: e.ratingTo, ratingScore: e.ratingScore, at: (doc.publishedAt ?? doc.firstSeenAt).toISOString(), eventId: doc._id });
  }
  return ratings;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Each firm's current target (its newest target event that gives one; a `remove` drops the
 * firm), then range and median over the firms in the most common currency (pure).
 */
export function priceTargetSummary(events: readonly StoredEvent[]): TickerSummary['priceTargets'] {
  const seen = new Set<string>();
  const byFirm: TickerSummary['priceTargets']['byFirm'] = [];
  for (const doc of events) {
    if (doc.event.type !== 'price_target' || !doc.firm) continue;
    const key = firmKey(doc.firm);
    if (seen.has(key)) continue;
    const e = doc.event as PriceTargetEvent;
    if (e.action === 'remove') {
      seen.add(key);
      continue;
    }
    if (e.to === null) continue;
    seen.add(key);
    byFirm.push({ firm: doc.firm, action: e.action, from: e.from, to: e.to, currency: e.currency, at: (doc.publishedAt ?? doc.firstSeenAt).toISOString(), eventId: doc._id });
  }
  const counts = new Map<string, number>();
  for (const t of byFirm) counts.set(t.currency, (counts.get(t.currency) ?? 0) + 1);
  const currency = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
  const values = byFirm.filter((t) => t.currency === currency).map((t) => t.to);
  return {
    currency,
    count: values.length,
    low: values.length ? Math.min(...values) : null,
    high: values.length ? Math.max(...values) : null,
    median: median(values),
    byFirm,
  };
}

/** Sentiment per time bucket from `since` to `until`, empty buckets included (pure). */
export function sentimentBuckets(
  samples: readonly { at: Date; label: SentimentLabel; score: number }[],
  bucket: BucketSize,
  since: Date,
  until: Date,
): TickerSummary['sentiment']['buckets'] {
  const size = bucketSizes[bucket];
  const first = Math.floor(since.getTime() / size) * size;
  const buckets: TickerSummary['sentiment']['buckets'] = [];
  const sums: number[] = [];
  for (let start = first; start < until.getTime() && buckets.length < maxBuckets; start += size) {
    buckets.push({ start: new Date(start).toISOString(), count: 0, meanScore: null, bullish: 0, bearish: 0, neutral: 0 });
    sums.push(0);
  }
  for (const s of samples) {
    const index = Math.floor((s.at.getTime() - first) / size);
    const b = buckets[index];
    if (!b || s.at < since || s.at >= until) continue;
    b.count++;
    b[s.label]++;
    sums[index]! += s.score;
  }
  buckets.forEach((b, i) => {
    if (b.count > 0) b.meanScore = Math.round((sums[i]! / b.count) * 1000) / 1000;
  });
  return buckets;
}
