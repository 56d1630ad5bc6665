import type { MarketEvent } from '@tickerwire/core';

/**
 * What one event says for its ticker, before any text is read: a signed value in [-1, 1]
 * and the reason a person would give. The table (README "Event rules") is this code.
 */
export interface EventSignal {
  value: number;
  reason: string;
}

/** The contract's rating scale, centred: 5 → +1, 4 → +0.5, 3 → 0, 2 → -0.5, 1 → -1. */
function ratingLevel(score: number | null): number {
  return score === null ? 0 : (score - 3) / 2;
}

/** A target move of 25% or more counts fully; smaller moves count in proportion, at least a third. */
function targetStrength(changePct: number | null): number {
  if (changePct === null) return 0.6;
  return Math.min(1, Math.max(1 / 3, Math.abs(changePct) / 25));
}

function clamp(value: number): number {
  return Math.max(-1, Math.min(1, value));
}

/** 19000 → "19,000" without Intl (which costs more than the rest of the rule). */
function thousands(n: number): string {
  const [whole = '0', fraction] = String(Math.round(n * 100) / 100).split('.');
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction ? `.${fraction}` : '');
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

export function eventSignal(event: MarketEvent): EventSignal {
  switch (event.type) {
    case 'analyst_rating': {
      const by = event.firm ? ` by ${event.firm}` : '';
      const level = ratingLevel(event.ratingScore);
      switch (event.action) {
        case 'upgrade':
          return { value: clamp(0.6 + 0.2 * Math.max(0, level)), reason: `upgrade${by}${event.ratingTo ? ` to ${event.ratingTo}` : ''}` };
        case 'downgrade':
          return { value: clamp(-0.6 + 0.2 * Math.min(0, level)), reason: `downgrade${by}${event.ratingTo ? ` to ${event.ratingTo}` : ''}` };
        case 'initiate':
          return { value: 0.5 * level, reason: `coverage initiated${by}${event.ratingTo ? ` at ${event.ratingTo}` : ''}` };
        case 'resume':
          return { value: 0.4 * level, reason: `coverage resumed${by}${event.ratingTo ? ` at ${event.ratingTo}` : ''}` };
        case 'maintain':
          return { value: 0.25 * level, reason: `rating kept${by}${event.ratingTo ? ` at ${event.ratingTo}` : ''}` };
        case 'terminate':
          // Dropped coverage means less attention and often trouble: slightly bearish.
          return { value: -0.15, reason: `coverage dropped${by}` };
      }
      break;
    }
    case 'price_target': {
      const by = event.firm ? ` by ${event.firm}` : '';
      const values = event.from !== null && event.to !== null ? ` ${fmt(event.from)} → ${fmt(event.to)} ${event.currency}` : event.to !== null ? ` to ${fmt(event.to)} ${event.currency}` : '';
      switch (event.action) {
        case 'raise':
          return { value: 0.5 * targetStrength(event.changePct), reason: `price target raised${values}${by}` };
        case 'lower':
          return { value: -0.5 * targetStrength(event.changePct), reason: `price target cut${values}${by}` };
        case 'remove':
          return { value: -0.15, reason: `price target removed${by}` };
        case 'initiate':
        case 'maintain':
          // A target alone says nothing without the current price, which we do not know.
          return { value: 0, reason: `price target ${event.action === 'initiate' ? 'set' : 'kept'}${values}${by}` };
      }
      break;
    }
    case 'contract': {
      // Signed revenue: the bigger the deal, the stronger (each tenfold adds 0.1, capped).
      const size = event.value ? Math.min(0.3, Math.max(0, Math.log10(event.value.amount / 1e7)) * 0.1) : 0;
      const power = event.capacityMw ? Math.min(0.15, event.capacityMw / 2000) : 0;
      const what = [event.value ? `${thousands(event.value.amount / 1e6)}M ${event.value.currency}` : '', event.capacityMw ? `${event.capacityMw} MW` : ''].filter(Boolean).join(', ');
      return { value: clamp(0.25 + size + power), reason: `contract${what ? ` (${what})` : ''}${event.counterparties.length ? ` with ${event.counterparties.join(', ')}` : ''}` };
    }
    case 'capacity':
      return event.kind === 'expansion'
        ? { value: 0.25, reason: `adding ${event.mw} MW${event.site ? ` in ${event.site}` : ''}` }
        : event.kind === 'projection'
          ? { value: 0.1, reason: `capacity projected at ${event.mw} MW${event.horizon ? ` by ${event.horizon}` : ''}` }
          : { value: 0, reason: `${event.mw} MW in operation` };
    case 'valuation':
      return { value: 0.05, reason: `valuation ${event.metric.replace(/_/g, ' ')} ${event.low === null ? 'up to ' : ''}${fmt(event.high)} ${event.currency}` };
    case 'price_move': {
      // Moves are what already happened: they count less than analysts' forward views.
      const strength = event.changePct === null ? 0.5 : Math.min(1, Math.abs(event.changePct) / 20);
      const sign = event.direction === 'up' ? 1 : -1;
      return { value: sign * 0.3 * strength, reason: `shares ${event.direction}${event.changePct !== null ? ` ${Math.abs(event.changePct)}%` : ''}${event.reference ? ` vs ${event.reference}` : ''}` };
    }
  }
  return { value: 0, reason: 'no rule' };
}

/**
 * Phrases that move sentiment for the companies of their sentence whatever the events say.
 * Add one: a line.
 */
export const phraseRules: readonly { pattern: RegExp; value: number; reason: string }[] = [
  { pattern: /\b(?:share|shareholder|equity)\s+dilution\b|\bdilutive\b|\bdilution\b/i, value: -0.3, reason: 'dilution' },
  { pattern: /\b(?:share|stock|equity|secondary|follow-on)\s+offering\b|\bat-the-market\b|\bATM\s+(?:program|offering)\b/i, value: -0.25, reason: 'share offering' },
  { pattern: /\blower\s+(?:bitcoin|price|revenue|earnings|sales)\s+(?:forecasts?|estimates?|outlook)\b/i, value: -0.2, reason: 'lower forecasts' },
  { pattern: /\b(?:going\s+concern|bankruptcy|chapter\s+11|default(?:ed|s)?\s+on)\b/i, value: -0.6, reason: 'solvency risk' },
  { pattern: /\b(?:guidance\s+(?:cut|lowered|reduced)|(?:cuts?|lowers?|slashes?)\s+(?:its\s+)?guidance)\b/i, value: -0.4, reason: 'guidance cut' },
  { pattern: /\b(?:raises?|lifts?|boosts?)\s+(?:its\s+)?(?:full-year\s+)?guidance\b|\bguidance\s+raised\b/i, value: 0.4, reason: 'guidance raised' },
  { pattern: /\b(?:beats?|tops?|exceeds?)\s+(?:analyst\s+)?(?:estimates|expectations|consensus)\b/i, value: 0.3, reason: 'beat estimates' },
  { pattern: /\b(?:miss(?:es|ed)?)\s+(?:analyst\s+)?(?:estimates|expectations|consensus)\b/i, value: -0.3, reason: 'missed estimates' },
  { pattern: /\bcash[-\s]flow\s+visibility\b|\bcompelling\s+entry\s+points?\b/i, value: 0.15, reason: 'cash-flow visibility' },
];
