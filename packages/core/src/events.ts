import { z } from 'zod';
import { EventSentiment, Unit } from './sentiment.ts';

// Letters first for US symbols; Reuters codes of other markets may start with a digit (7203.T).
export const Ticker = z.string().regex(/^[A-Z0-9][A-Z0-9.\-]{0,11}$/, 'an upper-case ticker symbol');
/** ISO 4217 currency code. */
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as USD');
export const Money = z.object({ amount: z.number().nonnegative(), currency: Currency });

export const Evidence = z
  .object({
    text: z.string(),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  })
  .refine((e) => e.end >= e.start, { message: 'end must not be before start', path: ['end'] });

/** Fields every event carries (events.md, "Every event"). */
const eventBase = {
  ticker: Ticker.nullable(),
  company: z.string().nullable(),
  // Absent until the scoring stage has run.
  sentiment: EventSentiment.optional(),
  evidence: Evidence,
  confidence: Unit,
};

export const ratingActions = ['upgrade', 'downgrade', 'initiate', 'maintain', 'resume', 'terminate'] as const;
export const priceTargetActions = ['raise', 'lower', 'initiate', 'maintain', 'remove'] as const;
export const capacityKinds = ['current', 'expansion', 'projection'] as const;

export const AnalystRatingEvent = z.object({
  type: z.literal('analyst_rating'),
  ...eventBase,
  firm: z.string().nullable(),
  analyst: z.string().nullable(),
  action: z.enum(ratingActions),
  ratingFrom: z.string().nullable(),
  ratingTo: z.string().nullable(),
  ratingScore: z.number().int().min(1).max(5).nullable(),
});

export const PriceTargetEvent = z.object({
  type: z.literal('price_target'),
  ...eventBase,
  firm: z.string().nullable(),
  action: z.enum(priceTargetActions),
  from: z.number().positive().nullable(),
  to: z.number().positive().nullable(),
  currency: Currency,
  changePct: z.number().nullable(),
});

export const ContractEvent = z.object({
  type: z.literal('contract'),
  ...eventBase,
  counterparties: z.array(z.string()),
  value: Money.nullable(),
  capacityMw: z.number().nonnegative().nullable(),
  termYears: z.number().positive().nullable(),
});

export const CapacityEvent = z.object({
  type: z.literal('capacity'),
  ...eventBase,
  mw: z.number().nonnegative(),
  kind: z.enum(capacityKinds),
  horizon: z.string().nullable(),
  site: z.string().nullable(),
});

export const ValuationEvent = z.object({
  type: z.literal('valuation'),
  ...eventBase,
  metric: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a snake_case metric name'),
  low: z.number().nullable(),
  high: z.number(),
  currency: Currency,
  basis: z.string().nullable(),
});

export const PriceMoveEvent = z.object({
  type: z.literal('price_move'),
  ...eventBase,
  changePct: z.number().nullable(),
  direction: z.enum(['up', 'down']),
  reference: z.string().nullable(),
});

export const resultDirections = ['up', 'down', 'flat'] as const;
export const estimateComparisons = ['beat', 'miss', 'inline'] as const;
export const guidanceActions = ['raise', 'lower', 'reaffirm', 'initiate', 'withdraw'] as const;
const MetricName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a snake_case metric name');

/** A reported figure: money (signed: a loss is negative) or a percent (margins, growth rates). */
export const ResultValue = z.union([
  z.object({ amount: z.number(), currency: Currency }).strict(),
  z.object({ amount: z.number(), unit: z.literal('percent') }).strict(),
]);
export type ResultValue = z.infer<typeof ResultValue>;

/** A figure of the company's own results (events.md v2). */
export const FinancialResultEvent = z.object({
  type: z.literal('financial_result'),
  ...eventBase,
  metric: MetricName,
  period: z.string().nullable(),
  value: ResultValue.nullable(),
  prior: ResultValue.nullable(),
  changePct: z.number().nullable(),
  // A loss that narrowed is `up`; null when the text compares the figure with no earlier period.
  direction: z.enum(resultDirections).nullable(),
  vsEstimates: z.enum(estimateComparisons).nullable(),
});

/** The company's own forecast, not an analyst's (events.md v2). */
export const GuidanceEvent = z.object({
  type: z.literal('guidance'),
  ...eventBase,
  action: z.enum(guidanceActions),
  metric: MetricName.nullable(),
  period: z.string().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  // null for a percent range or a forecast without figures.
  currency: Currency.nullable(),
});

/** Every event type of the contract, told apart by `type`. */
export const MarketEvent = z.discriminatedUnion('type', [
  AnalystRatingEvent,
  PriceTargetEvent,
  ContractEvent,
  CapacityEvent,
  ValuationEvent,
  PriceMoveEvent,
  FinancialResultEvent,
  GuidanceEvent,
]);
export type MarketEvent = z.infer<typeof MarketEvent>;
export type AnalystRatingEvent = z.infer<typeof AnalystRatingEvent>;
export type PriceTargetEvent = z.infer<typeof PriceTargetEvent>;
export type ContractEvent = z.infer<typeof ContractEvent>;
export type CapacityEvent = z.infer<typeof CapacityEvent>;
export type ValuationEvent = z.infer<typeof ValuationEvent>;
export type PriceMoveEvent = z.infer<typeof PriceMoveEvent>;
export type FinancialResultEvent = z.infer<typeof FinancialResultEvent>;
export type GuidanceEvent = z.infer<typeof GuidanceEvent>;
export type EventType = MarketEvent['type'];
export type Evidence = z.infer<typeof Evidence>;

export const eventTypes = MarketEvent.options.map((o) => o.shape.type.value) as EventType[];
