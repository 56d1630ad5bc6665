import { z } from 'zod';
import { MarketEvent, Ticker } from './events.ts';
import { ArticleSentiment, TickerSentiment } from './sentiment.ts';

/** What the pipeline extracts from one article (events.md, "Analysis of one article"). */
export const Analysis = z.object({
  tickers: z.array(Ticker),
  // The sentiment fields are filled by the scoring stage; extraction alone leaves them out.
  sentiment: ArticleSentiment.optional(),
  tickerSentiment: z.array(TickerSentiment).optional(),
  events: z.array(MarketEvent),
  tags: z.array(z.string()),
});
export type Analysis = z.infer<typeof Analysis>;
