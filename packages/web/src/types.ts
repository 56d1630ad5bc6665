// What the page reads from the public API (services/api/src/representations.ts and
// ticker-summary.ts). Declared here: the page is a client of the API like any other.

export type SentimentLabel = 'bullish' | 'bearish' | 'neutral';
export const eventTypes = ['analyst_rating', 'price_target', 'contract', 'capacity', 'valuation', 'price_move', 'financial_result', 'guidance'] as const;
export type EventType = (typeof eventTypes)[number];

export interface Evidence {
  text: string;
  start: number;
  end: number;
}

interface EventBase {
  ticker: string | null;
  company: string | null;
  confidence: number;
  evidence: Evidence;
  sentiment?: { label: SentimentLabel; score: number };
}
export interface Money {
  amount: number;
  currency: string;
}
export type MarketEvent = EventBase &
  (
    | { type: 'analyst_rating'; firm: string | null; analyst: string | null; action: string; ratingFrom: string | null; ratingTo: string | null; ratingScore: number | null }
    | { type: 'price_target'; firm: string | null; action: string; from: number | null; to: number | null; currency: string; changePct: number | null }
    | { type: 'contract'; counterparties: string[]; value: Money | null; capacityMw: number | null; termYears: number | null }
    | { type: 'capacity'; mw: number; kind: string; horizon: string | null; site: string | null }
    | { type: 'valuation'; metric: string; low: number | null; high: number; currency: string; basis: string | null }
    | { type: 'price_move'; changePct: number | null; direction: 'up' | 'down'; reference: string | null }
    | {
        type: 'financial_result';
        metric: string;
        period: string | null;
        value: ResultValue | null;
        prior: ResultValue | null;
        changePct: number | null;
        direction: 'up' | 'down' | 'flat' | null;
        vsEstimates: 'beat' | 'miss' | 'inline' | null;
      }
    | { type: 'guidance'; action: 'raise' | 'lower' | 'reaffirm' | 'initiate' | 'withdraw'; metric: string | null; period: string | null; low: number | null; high: number | null; currency: string | null }
  );
/** A reported figure: money, or a percent (margins, growth rates). */
export type ResultValue = { amount: number; currency: string } | { amount: number; unit: 'percent' };

export interface TickerSentiment {
  ticker: string;
  label: SentimentLabel;
  score: number;
  relevance: number;
}
export interface ScoreReason {
  ticker: string | null;
  source: 'event' | 'phrase' | 'text';
  detail: string;
  evidence: string | null;
  contribution: number;
}
export interface Analysis {
  tickers: string[];
  sentiment?: { label: SentimentLabel; score: number; confidence: number };
  tickerSentiment?: TickerSentiment[];
  events: MarketEvent[];
  tags: string[];
  reasons?: ScoreReason[];
}
export interface Article {
  id: string;
  url: string;
  canonicalUrl: string;
  title: string;
  body: string;
  author: string | null;
  publishedAt: string | null;
  firstSeenAt: string;
  sources: { sourceId: string; url: string; firstSeenAt: string }[];
  /** The story was the first to report at least one of its facts (what `novel=true` selects); null: not counted. */
  firstReport?: boolean | null;
  analysis: Analysis | null;
}
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}
export interface ApiEvent {
  id: string;
  type: EventType;
  ticker: string | null;
  firm: string | null;
  action: string | null;
  sentiment: { label: SentimentLabel; score: number } | null;
  publishedAt: string | null;
  firstSeenAt: string;
  article: { id: string; url: string; title: string } | null;
  event: MarketEvent;
}
export interface TickerSummary {
  ticker: string;
  ratings: { firm: string; action: string; ratingFrom: string | null; ratingTo: string | null; ratingScore: number | null; at: string; eventId: string }[];
  priceTargets: {
    currency: string | null;
    count: number;
    low: number | null;
    high: number | null;
    median: number | null;
    byFirm: { firm: string; action: string; from: number | null; to: number; currency: string; at: string; eventId: string }[];
  };
  sentiment: {
    bucket: 'hour' | 'day' | 'week';
    since: string;
    buckets: { start: string; count: number; meanScore: number | null; bullish: number; bearish: number; neutral: number }[];
  };
  recentEvents: ApiEvent[];
}
/** One `stored-event` frame of GET /v1/stream. */
export interface StoredEventMessage {
  eventId: string;
  articleId: string;
  type: EventType;
  ticker: string | null;
  novel: boolean;
}

// Admin views (alerts, sources): services/api/src/routes/admin.ts and deliveries.ts.

/** The one filter schema of feeds, streams and subscriptions (@tickerwire/core SubscriptionFilter). */
export interface SubscriptionFilter {
  tickers?: string[];
  types?: string[];
  actions?: string[];
  sentiment?: SentimentLabel[];
  minAbsScore?: number;
  minRelevance?: number;
  sources?: string[];
  tags?: string[];
  novelOnly?: boolean;
}
export interface Subscription {
  id: string;
  url: string;
  filter: SubscriptionFilter;
  enabled: boolean;
  secretHints: string[];
  createdAt: string;
  updatedAt: string;
  disabledReason: string | null;
  disabledAt: string | null;
}
export interface Delivery {
  id: string;
  subscriptionId: string;
  eventId: string;
  articleId: string;
  test: boolean;
  status: 'pending' | 'retrying' | 'delivered' | 'dead' | 'discarded';
  attempts: { attempt: number; at: string; outcome: string; statusCode: number | null; durationMs: number; error: string | null; nextAttemptAt: string | null }[];
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
  deadAt: string | null;
  redriveCount: number;
}
export const sourceKinds = ['feed', 'page', 'page-list'] as const;
export interface Source {
  id: string;
  kind: (typeof sourceKinds)[number];
  url: string;
  interval: number;
  tags: string[];
  tickers?: string[];
  fetchFullText: boolean;
  enabled: boolean;
}
export interface SourceHealth {
  lastPollAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  polls: number;
  failures: number;
  itemsStored: number;
  eventsStored: number;
}
export type SourceWithHealth = Source & { health: SourceHealth };
