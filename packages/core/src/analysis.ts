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

/**
 * The reasons that are about one event of the analysis: those the scorer drew from the event
 * itself (same ticker, same sentence), else the ones about its ticker. Pure.
 */
export function reasonsOfEvent(analysis: Pick<Analysis, 'reasons'>, event: MarketEvent, max = 5): ScoreReason[] {
  const reasons = analysis.reasons ?? [];
  const own = reasons.filter((r) => r.ticker === event.ticker && r.source === 'event' && r.evidence === event.evidence.text);
  const chosen = own.length > 0 ? own : event.ticker === null ? [] : reasons.filter((r) => r.ticker === event.ticker);
  return chosen.slice(0, max);
}

/** How much the article is about the event's ticker (its per-ticker relevance), or null. */
export function relevanceOfEvent(analysis: Pick<Analysis, 'tickerSentiment'>, event: Pick<MarketEvent, 'ticker'>): number | null {
  if (event.ticker === null) return null;
  return analysis.tickerSentiment?.find((t) => t.ticker === event.ticker)?.relevance ?? null;
}
