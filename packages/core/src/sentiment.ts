import { z } from 'zod';

export const sentimentLabels = ['bullish', 'bearish', 'neutral'] as const;
export const SentimentLabel = z.enum(sentimentLabels);
export type SentimentLabel = z.infer<typeof SentimentLabel>;

/** Score in [-1, 1]: negative is bearish. */
export const Score = z.number().min(-1).max(1);
export const Unit = z.number().min(0).max(1);

export const EventSentiment = z.object({
  label: SentimentLabel,
  score: Score,
});
export type EventSentiment = z.infer<typeof EventSentiment>;

export const ArticleSentiment = EventSentiment.extend({
  confidence: Unit,
});
export type ArticleSentiment = z.infer<typeof ArticleSentiment>;

export const TickerSentiment = EventSentiment.extend({
  ticker: z.string().regex(/^[A-Z][A-Z0-9.\-]{0,9}$/, 'an upper-case ticker symbol'),
  relevance: Unit,
});
export type TickerSentiment = z.infer<typeof TickerSentiment>;
