import { z } from 'zod';
import { MarketEvent, Ticker } from './events.ts';
import { ArticleSentiment, TickerSentiment } from './sentiment.ts';

/** One contribution to a score: which event, phrase or text reading moved it, and by how much. */
export const ScoreReason = z.object({
  ticker: z.string().nullable(),
  source: z.enum(['event', 'phrase', 'text']),
  detail: z.string(),
  /** The sentence it came from. */
  evidence: z.string().nullable(),
  /** Signed, in score units before squashing. */
  contribution: z.number(),
});
export type ScoreReason = z.infer<typeof ScoreReason>;

/** A company the article names, with where: why a ticker was chosen (events.md v2, `entities`). */
export const Entity = z.object({
  name: z.string(),
  ticker: Ticker,
  mentions: z.array(z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative(), text: z.string() })),
});
export type Entity = z.infer<typeof Entity>;

/** What the pipeline extracts from one article (events.md, "Analysis of one article"). */
export const Analysis = z.object({
  tickers: z.array(Ticker),
  // The sentiment fields are filled by the scoring stage; extraction alone leaves them out.
  sentiment: ArticleSentiment.optional(),
  tickerSentiment: z.array(TickerSentiment).optional(),
  events: z.array(MarketEvent),
  tags: z.array(z.string()),
  entities: z.array(Entity).optional(),
  // What moved the scores, for people reading the API and the command output.
  reasons: z.array(ScoreReason).optional(),
});
export type Analysis = z.infer<typeof Analysis>;
