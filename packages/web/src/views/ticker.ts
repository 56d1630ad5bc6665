import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { explain, getJson } from '../api.ts';
import { h } from '../dom.ts';
import { badge, message, timeElement } from '../components.ts';
import { eventBadge, eventLean, formatTime, money, signed } from '../format.ts';
import type { ApiEvent, TickerSummary } from '../types.ts';

const windows = [30, 90, 365] as const;
/** Events asked for (the API's most): the chart marks those in its window, the timeline lists them. */
const recentEvents = 100;

/** An event the chart marks: when (seconds), what, and which way it leans. */
interface Mark {
  at: number;
  label: string;
  lean: string;
}

/** The events within the chart's window, oldest first (pure). */
export function chartMarks(events: readonly ApiEvent[], since: number, until: number): Mark[] {
  return events
    .map((e) => ({ at: Date.parse(e.publishedAt ?? e.firstSeenAt) / 1000, label: `${eventBadge(e.event)} · ${formatTime(e.publishedAt ?? e.firstSeenAt)}`, lean: eventLean(e.event) }))
    .filter((m) => m.at >= since && m.at <= until)
    .sort((a, b) => a.at - b.at);
}

function chart(summary: TickerSummary, host: HTMLElement): uPlot | null {
  const buckets = summary.sentiment.buckets;
  // Each bucket at its middle, so an event marked at its own time falls within its day's bar.
  const half = { hour: 1800, day: 43_200, week: 302_400 }[summary.sentiment.bucket];
  const xs = buckets.map((b) => Date.parse(b.start) / 1000 + half);
  const scores = buckets.map((b) => b.meanScore);
  const counts = buckets.map((b) => b.count);
  const points = scores.filter((s) => s !== null).length;
  host.dataset.points = String(points);
  if (points === 0) {
    host.dataset.marks = '0';
    host.append(message('info', 'No scored stories in this window.'));
    return null;
  }
  // From the first bucket's start (the window's start, rounded down to a whole bucket) to the last one's end.
  const since = Math.min(Date.parse(summary.sentiment.since) / 1000, (xs[0] ?? Infinity) - half);
  const until = Math.max(Date.now() / 1000, (xs.at(-1) ?? 0) + half);
  const marks = chartMarks(summary.recentEvents, since, until);
  host.dataset.marks = String(marks.length);
  const width = Math.max(280, host.clientWidth || 600);
  // Events as marks over the plot (uPlot's `over` layer), placed again on every redraw; the
  // timeline below lists the same events for keyboard and screen-reader users.
  const layer = h('div', { class: 'event-marks', 'aria-hidden': 'true' });
  const placeMarks = (u: uPlot) => {
    layer.replaceChildren(
      ...marks.map((m) => {
        const mark = h('span', { class: `event-mark ${m.lean}`, title: m.label });
        mark.style.left = `${u.valToPos(m.at, 'x')}px`;
        return mark;
      }),
    );
    if (layer.parentNode !== u.over) u.over.append(layer);
  };
  return new uPlot(
    {
      width,
      height: 260,
      title: undefined,
      scales: { x: { time: true, range: () => [since, until] }, score: { range: [-1, 1] }, count: { range: (_u, _min, max) => [0, Math.max(2, max * 2)] } },
      axes: [{}, { scale: 'score', label: 'mean sentiment' }, { scale: 'count', side: 1, label: 'stories', grid: { show: false } }],
      series: [
        {},
        { label: 'Mean sentiment', scale: 'score', stroke: '#2563eb', width: 2, spanGaps: true, points: { show: true, size: 7, fill: '#2563eb' } },
        { label: 'Stories', scale: 'count', stroke: '#9ca3af', fill: 'rgba(156,163,175,0.3)', paths: uPlot.paths.bars!({ size: [0.6, 40] }), points: { show: false } },
      ],
      hooks: { draw: [placeMarks] },
    },
    [xs, scores, counts],
    host,
  );
}

/** Per day with stories: the count, the mean and the labels; the chart's data for those who cannot see it. */
function dailyTable(summary: TickerSummary): HTMLElement {
  const days = summary.sentiment.buckets.filter((b) => b.count > 0).reverse();
  if (days.length === 0) return h('p', {}, 'No stories in this window.');
  return h(
    'details',
    { class: 'daily' },
    h('summary', {}, `Stories per ${summary.sentiment.bucket}: ${days.reduce((n, b) => n + b.count, 0)} in ${days.length} ${summary.sentiment.bucket === 'day' ? 'days' : 'buckets'}`),
    h(
      'div',
      { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Stories per day' },
      h(
        'table',
        { class: 'per-day' },
        h('thead', {}, h('tr', {}, ['Day', 'Stories', 'Mean sentiment', 'Bullish', 'Bearish', 'Neutral'].map((c) => h('th', { scope: 'col' }, c)))),
        h(
          'tbody',
          {},
          days.map((b) =>
            h(
              'tr',
              { 'data-day': b.start.slice(0, 10) },
              h('td', {}, h('time', { datetime: b.start }, b.start.slice(0, 10))),
              h('td', { class: 'count' }, String(b.count)),
              h('td', {}, b.meanScore === null ? '—' : signed(b.meanScore)),
              h('td', {}, String(b.bullish)),
              h('td', {}, String(b.bearish)),
              h('td', {}, String(b.neutral)),
            ),
          ),
        ),
      ),
    ),
  );
}

export async function tickerView(main: HTMLElement, ticker: string, params: URLSearchParams, signal: AbortSignal): Promise<void> {
  const days = windows.find((d) => String(d) === params.get('days')) ?? 30;
  main.replaceChildren(message('info', `Loading ${ticker}…`));
  let summary: TickerSummary;
  try {
    summary = await getJson<TickerSummary>(`/v1/tickers/${encodeURIComponent(ticker)}?days=${days}&bucket=day&recent=${recentEvents}`, { signal });
  } catch (error) {
    if (!signal.aborted) main.replaceChildren(h('p', {}, h('a', { href: '#/' }, '← Feed')), message('error', explain(error)));
    return;
  }
  const pt = summary.priceTargets;
  const chartHost = h('div', { class: 'chart', role: 'img', 'aria-label': `Mean sentiment of ${summary.ticker} per day over ${days} days by publication date, with story counts and events marked` });
  main.replaceChildren(
    h(
      'div',
      { class: 'ticker-view' },
      h('p', {}, h('a', { href: '#/' }, '← Feed'), ' · ', h('a', { href: `#/?tickers=${encodeURIComponent(summary.ticker)}` }, `${summary.ticker} stories`)),
      h('h1', {}, summary.ticker),
      h(
        'section',
        { 'aria-labelledby': 'ratings-title' },
        h('h2', { id: 'ratings-title' }, 'Latest rating per firm'),
        summary.ratings.length
          ? h(
              'div',
              { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Ratings' },
              h(
                'table',
                {},
                h('thead', {}, h('tr', {}, ['Firm', 'Action', 'From → to', 'Date'].map((c) => h('th', { scope: 'col' }, c)))),
                h('tbody', {}, summary.ratings.map((r) => h('tr', {}, h('td', {}, r.firm), h('td', {}, r.action), h('td', {}, r.ratingFrom ? `${r.ratingFrom} → ${r.ratingTo ?? '?'}` : (r.ratingTo ?? '—')), h('td', {}, timeElement(r.at))))),
              ),
            )
          : h('p', {}, 'No ratings stored.'),
      ),
      h(
        'section',
        { 'aria-labelledby': 'targets-title' },
        h('h2', { id: 'targets-title' }, 'Price targets'),
        pt.count
          ? h('p', { class: 'targets' }, `Low ${money(pt.low, pt.currency ?? 'USD')} · median ${money(pt.median, pt.currency ?? 'USD')} · high ${money(pt.high, pt.currency ?? 'USD')} (${pt.count} ${pt.count === 1 ? 'firm' : 'firms'})`)
          : h('p', {}, 'No price targets stored.'),
        pt.byFirm.length
          ? h(
              'div',
              { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Targets by firm' },
              h(
                'table',
                {},
                h('thead', {}, h('tr', {}, ['Firm', 'Target', 'Date'].map((c) => h('th', { scope: 'col' }, c)))),
                h('tbody', {}, pt.byFirm.map((t) => h('tr', {}, h('td', {}, t.firm), h('td', {}, t.from !== null ? `${money(t.from, t.currency)} → ${money(t.to, t.currency)}` : money(t.to, t.currency)), h('td', {}, timeElement(t.at))))),
              ),
            )
          : null,
      ),
      h(
        'section',
        { 'aria-labelledby': 'chart-title' },
        h('h2', { id: 'chart-title' }, 'Sentiment over time'),
        h('nav', { 'aria-label': 'Window', class: 'windows' }, windows.map((d) => h('a', { href: `#/ticker/${encodeURIComponent(summary.ticker)}?days=${d}`, 'aria-current': d === days ? 'page' : null }, `${d} days`))),
        chartHost,
        h('p', { class: 'help' }, 'Line: mean sentiment of the day’s stories (by publication date). Bars: stories per day. Ticks along the top: events (listed below).'),
        dailyTable(summary),
      ),
      h(
        'section',
        { 'aria-labelledby': 'recent-title' },
        h('h2', { id: 'recent-title' }, 'Event timeline'),
        h(
          'ul',
          { class: 'timeline' },
          summary.recentEvents.map((e) =>
            h('li', {}, timeElement(e.publishedAt ?? e.firstSeenAt), ' ', badge(e.event), e.sentiment ? ` ${signed(e.sentiment.score)}` : null, e.article ? h('span', {}, ' · ', h('a', { href: `#/story/${encodeURIComponent(e.article.id)}` }, e.article.title)) : null),
          ),
        ),
      ),
    ),
  );
  const plot = chart(summary, chartHost);
  if (plot) {
    const resize = () => plot.setSize({ width: Math.max(280, chartHost.clientWidth), height: 260 });
    window.addEventListener('resize', resize);
    signal.addEventListener('abort', () => {
      window.removeEventListener('resize', resize);
      plot.destroy();
    });
  }
}
