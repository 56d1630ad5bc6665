import type { Analysis, EventType, MarketEvent, SentimentLabel, ScoreReason } from './types.ts';

// Pure formatting, shared by every view (and unit-tested in node).

export const eventTypeNames: Record<EventType, string> = {
  analyst_rating: 'Rating',
  price_target: 'Price target',
  contract: 'Contract',
  capacity: 'Capacity',
  valuation: 'Valuation',
  price_move: 'Price move',
  financial_result: 'Results',
  guidance: 'Guidance',
};

const symbols: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };

/** $12, $1.5M, $19B: compact money for badges. */
export function money(amount: number | null, currency = 'USD'): string {
  if (amount === null) return '?';
  const prefix = symbols[currency] ?? `${currency} `;
  const abs = Math.abs(amount);
  const [value, unit] = abs >= 1e12 ? [amount / 1e12, 'T'] : abs >= 1e9 ? [amount / 1e9, 'B'] : abs >= 1e6 ? [amount / 1e6, 'M'] : [amount, ''];
  const digits = unit === '' ? (Number.isInteger(value) ? 0 : 2) : Number.isInteger(value) ? 0 : 1;
  return `${prefix}${value.toFixed(digits)}${unit}`;
}

const ratingArrows: Record<string, string> = { upgrade: '↑', downgrade: '↓', initiate: '★', maintain: '=', resume: '↻', terminate: '✕' };

/** The short badge of an event: "JPMorgan ↑ overweight", "PT $12 → $18", "$19B contract". */
export function eventBadge(event: MarketEvent): string {
  switch (event.type) {
    case 'analyst_rating':
      return [event.firm ?? 'Analyst', ratingArrows[event.action] ?? event.action, (event.ratingTo ?? event.action).toLowerCase()].join(' ');
    case 'price_target': {
      const who = event.firm ? `${event.firm} ` : '';
      if (event.action === 'remove') return `${who}PT removed`;
      if (event.from !== null && event.to !== null) return `${who}PT ${money(event.from, event.currency)} → ${money(event.to, event.currency)}`;
      return `${who}PT ${money(event.to, event.currency)}`;
    }
    case 'contract':
      return event.value ? `${money(event.value.amount, event.value.currency)} contract` : event.capacityMw !== null ? `${event.capacityMw} MW contract` : 'contract';
    case 'capacity':
      return `${event.mw} MW ${event.kind}`;
    case 'valuation':
      return `${event.metric.replaceAll('_', ' ')} ${event.low !== null ? `${event.low}–` : ''}${event.high}`;
    case 'price_move':
      return `${event.direction === 'up' ? '↑' : '↓'}${event.changePct !== null ? ` ${Math.abs(event.changePct)}%` : ` ${event.direction}`}`;
    case 'financial_result': {
      const value = event.value ? ('unit' in event.value ? `${event.value.amount}%` : money(event.value.amount, event.value.currency)) : null;
      const moved = event.direction === 'up' ? '↑' : event.direction === 'down' ? '↓' : event.direction === 'flat' ? '→' : null;
      const change = event.changePct !== null ? `${Math.abs(event.changePct)}%` : null;
      const parts = [metricName(event.metric), value, moved && change ? `${moved} ${change}` : moved, event.vsEstimates ? estimateWords[event.vsEstimates] : null];
      return parts.filter((p) => p !== null).join(' ');
    }
    case 'guidance': {
      const figure = (n: number) => (event.currency ? money(n, event.currency) : `${n}%`);
      const range = event.low !== null && event.high !== null && event.low !== event.high ? `${figure(event.low)}–${figure(event.high)}` : event.low !== null || event.high !== null ? figure((event.high ?? event.low)!) : null;
      return [event.metric ? metricName(event.metric) : null, 'guidance', guidanceWords[event.action], range].filter((p) => p !== null).join(' ');
    }
  }
}

const metricName = (metric: string) => (metric === 'eps' ? 'EPS' : metric === 'ebitda' ? 'EBITDA' : metric.replaceAll('_', ' '));
const estimateWords = { beat: 'beat', miss: 'missed', inline: 'in line' } as const;
/** "guidance cut", "guidance raised": what a reader scans for. */
const guidanceWords = { raise: 'raised', lower: 'cut', reaffirm: 'reaffirmed', initiate: 'given', withdraw: 'withdrawn' } as const;

/** Which way an event leans, for its badge colour: its own sentiment, else its direction. */
export function eventLean(event: MarketEvent): SentimentLabel {
  if (event.sentiment) return event.sentiment.label;
  if (event.type === 'analyst_rating') return event.action === 'upgrade' ? 'bullish' : event.action === 'downgrade' ? 'bearish' : 'neutral';
  if (event.type === 'price_target') return event.action === 'raise' ? 'bullish' : event.action === 'lower' ? 'bearish' : 'neutral';
  if (event.type === 'price_move') return event.direction === 'up' ? 'bullish' : 'bearish';
  if (event.type === 'guidance') return event.action === 'raise' ? 'bullish' : event.action === 'lower' || event.action === 'withdraw' ? 'bearish' : 'neutral';
  if (event.type === 'financial_result') {
    if (event.vsEstimates) return event.vsEstimates === 'beat' ? 'bullish' : event.vsEstimates === 'miss' ? 'bearish' : 'neutral';
    return event.direction === 'up' ? 'bullish' : event.direction === 'down' ? 'bearish' : 'neutral';
  }
  return 'neutral';
}

/** Each ticker of an article with that ticker's own sentiment (tickerSentiment), else none. */
export function tickerChips(analysis: Analysis | null): { ticker: string; label: SentimentLabel | null; score: number | null }[] {
  if (!analysis) return [];
  return analysis.tickers.map((ticker) => {
    const own = analysis.tickerSentiment?.find((t) => t.ticker === ticker);
    return { ticker, label: own?.label ?? null, score: own?.score ?? null };
  });
}

export const leanSymbol: Record<SentimentLabel, string> = { bullish: '▲', bearish: '▼', neutral: '•' };

export function signed(n: number, digits = 2): string {
  return `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toFixed(digits)}`;
}

/** Reasons, largest |contribution| first. */
export function sortedReasons(reasons: readonly ScoreReason[]): ScoreReason[] {
  return [...reasons].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
}

/** The text evidence offsets point into. */
export function articleText(title: string, body: string): string {
  return `${title}\n\n${body}`;
}

export interface Segment {
  text: string;
  /** Indices of the events whose evidence covers this segment. */
  events: number[];
}

/**
 * Splits text into runs by which events' evidence covers them (overlaps give a run with
 * several events). Offsets outside the text are clamped; an empty or inverted range is skipped.
 */
export function segments(text: string, ranges: readonly { start: number; end: number }[]): Segment[] {
  const cuts = new Set<number>([0, text.length]);
  const valid = ranges.map((r) => ({ start: Math.max(0, Math.min(r.start, text.length)), end: Math.max(0, Math.min(r.end, text.length)) }));
  for (const r of valid) if (r.end > r.start) cuts.add(r.start).add(r.end);
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i]!;
    const to = points[i + 1]!;
    const events = valid.flatMap((r, index) => (r.end > r.start && r.start <= from && r.end >= to ? [index] : []));
    out.push({ text: text.slice(from, to), events });
  }
  return out;
}

export function formatTime(iso: string | null): string {
  if (!iso) return 'unknown time';
  const date = new Date(iso);
  return date.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}
