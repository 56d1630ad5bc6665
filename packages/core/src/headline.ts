import type { MarketEvent } from './events.ts';

/**
 * One headline per event, written as a person would: "Marlow Street Capital raises CPLD price
 * target to $65 from $54 — bullish +0.37". Pure; feeds (RSS/Atom/JSON Feed titles), CSV and the
 * webhook/SSE payload all use it.
 */

const ratingVerbs: Record<string, string> = {
  upgrade: 'upgrades',
  downgrade: 'downgrades',
  initiate: 'initiates',
  maintain: 'maintains',
  resume: 'resumes',
  terminate: 'terminates',
};
const targetVerbs: Record<string, string> = { raise: 'raises', lower: 'cuts', initiate: 'sets', maintain: 'maintains', remove: 'removes' };

function money(n: number | null, currency: string): string {
  return n === null ? '?' : `${currency === 'USD' ? '$' : `${currency} `}${n}`;
}

/** The event alone, without its sentiment. */
export function describeEvent(event: MarketEvent): string {
  const who = event.ticker ?? event.company ?? 'sector';
  switch (event.type) {
    case 'analyst_rating': {
      const firm = event.firm ?? 'An analyst';
      const verb = ratingVerbs[event.action] ?? event.action;
      if (event.action === 'terminate') return `${firm} terminates coverage of ${who}`;
      if (event.action === 'initiate' || event.action === 'resume') return `${firm} ${verb} coverage of ${who}${event.ratingTo ? ` at ${event.ratingTo}` : ''}`;
      if (event.action === 'maintain') return `${firm} maintains ${event.ratingTo ?? 'its rating'} on ${who}`;
      return `${firm} ${verb} ${who}${event.ratingTo ? ` to ${event.ratingTo}` : ''}${event.ratingFrom ? ` from ${event.ratingFrom}` : ''}`;
    }
    case 'price_target': {
      const firm = event.firm ?? 'An analyst';
      if (event.action === 'remove') return `${firm} removes its ${who} price target`;
      const verb = targetVerbs[event.action] ?? event.action;
      return `${firm} ${verb} ${who} price target${event.to !== null ? ` to ${money(event.to, event.currency)}` : ''}${event.from !== null ? ` from ${money(event.from, event.currency)}` : ''}`;
    }
    case 'contract':
      return `${who} signs a contract${event.counterparties.length > 0 ? ` with ${event.counterparties.join(', ')}` : ''}${event.capacityMw !== null ? `, ${event.capacityMw} MW` : ''}${event.value ? `, ${money(event.value.amount, event.value.currency)}` : ''}`;
    case 'capacity':
      return `${who} ${event.kind === 'current' ? 'has' : event.kind === 'expansion' ? 'expands to' : 'projects'} ${event.mw} MW${event.horizon ? ` by ${event.horizon}` : ''}${event.site ? ` at ${event.site}` : ''}`;
    case 'valuation':
      return `${who} valued at ${event.low !== null ? `${event.low}–` : ''}${event.high} ${event.currency} (${event.metric.replaceAll('_', ' ')})`;
    case 'price_move':
      return `${who} ${event.direction === 'up' ? 'rises' : 'falls'}${event.changePct !== null ? ` ${Math.abs(event.changePct)}%` : ''}${event.reference ? ` vs ${event.reference}` : ''}`;
    case 'financial_result': {
      const value = event.value ? ('unit' in event.value ? `${event.value.amount}%` : money(event.value.amount, event.value.currency)) : null;
      const moved = event.direction === 'up' ? ' up' : event.direction === 'down' ? ' down' : event.direction === 'flat' ? ' flat' : '';
      return `${who} ${event.metric.replaceAll('_', ' ')}${event.period ? ` (${event.period})` : ''}${value ? ` ${value}` : ''}${moved}${event.changePct !== null ? ` ${Math.abs(event.changePct)}%` : ''}${event.vsEstimates ? `, ${event.vsEstimates === 'inline' ? 'in line with' : `${event.vsEstimates}s`} estimates` : ''}`;
    }
    case 'guidance': {
      const verb = { raise: 'raises', lower: 'cuts', reaffirm: 'reaffirms', initiate: 'gives', withdraw: 'withdraws' }[event.action];
      // A range without a currency is a growth rate or a margin, in percent.
      const figure = (n: number | null) => (event.currency ? money(n, event.currency) : `${n ?? '?'}%`);
      const range = event.low !== null || event.high !== null ? ` of ${event.low !== null && event.high !== null && event.low !== event.high ? `${figure(event.low)}–${event.currency ? event.high : `${event.high}%`}` : figure(event.low ?? event.high)}` : '';
      return `${who} ${verb}${event.metric ? ` ${event.metric.replaceAll('_', ' ')}` : ''} guidance${event.period ? ` (${event.period})` : ''}${range}`;
    }
  }
}

/** "bullish +0.37", or null without a sentiment. */
export function describeSentiment(sentiment: { label: string; score: number } | null | undefined): string | null {
  if (!sentiment) return null;
  return `${sentiment.label} ${sentiment.score >= 0 ? '+' : '-'}${Math.abs(sentiment.score).toFixed(2)}`;
}

/** The event and its sentiment: the title of a feed item or an alert. */
export function eventHeadline(event: MarketEvent): string {
  const sentiment = describeSentiment(event.sentiment);
  return sentiment ? `${describeEvent(event)} — ${sentiment}` : describeEvent(event);
}

/** The tag naming an event's own type in feeds: `analyst-rating`, `price-target`, … */
export function eventTypeTag(type: MarketEvent['type']): string {
  return type.replaceAll('_', '-');
}
