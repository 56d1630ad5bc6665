import { h } from './dom.ts';
import { eventBadge, eventLean, formatTime, leanSymbol, signed, tickerChips } from './format.ts';
import type { Analysis, MarketEvent } from './types.ts';

export function timeElement(iso: string | null): HTMLElement {
  return iso ? h('time', { datetime: iso }, formatTime(iso)) : h('span', {}, 'unknown time');
}

/** Ticker chips, each coloured by that ticker's own sentiment, each a link to its page. */
export function chips(analysis: Analysis | null): HTMLElement | null {
  const list = tickerChips(analysis);
  if (list.length === 0) return null;
  return h(
    'ul',
    { class: 'chips', 'aria-label': 'Tickers, by their sentiment' },
    list.map((chip) =>
      h(
        'li',
        {},
        h(
          'a',
          {
            class: `chip ${chip.label ?? 'unscored'}`,
            href: `#/ticker/${encodeURIComponent(chip.ticker)}`,
            'data-ticker': chip.ticker,
            title: chip.label ? `${chip.ticker}: ${chip.label} ${signed(chip.score ?? 0)}` : `${chip.ticker}: not scored`,
          },
          chip.label ? h('span', { 'aria-hidden': 'true' }, `${leanSymbol[chip.label]} `) : null,
          chip.ticker,
          chip.label ? h('span', { class: 'visually-hidden' }, `, ${chip.label} ${signed(chip.score ?? 0)}`) : null,
        ),
      ),
    ),
  );
}

export function badge(event: MarketEvent): HTMLElement {
  const lean = eventLean(event);
  return h('span', { class: `badge ${lean}`, 'data-type': event.type }, eventBadge(event));
}

export function badges(events: readonly MarketEvent[]): HTMLElement | null {
  if (events.length === 0) return null;
  return h('ul', { class: 'badges', 'aria-label': 'Events' }, events.map((event) => h('li', {}, badge(event))));
}

export function message(kind: 'error' | 'info', text: string): HTMLElement {
  return h('p', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}
