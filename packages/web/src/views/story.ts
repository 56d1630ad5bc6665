import { explain, getJson } from '../api.ts';
import { h } from '../dom.ts';
import { badge, chips, message, timeElement } from '../components.ts';
import { articleText, eventBadge, eventLean, eventTypeNames, segments, signed, sortedReasons } from '../format.ts';
import type { Article } from '../types.ts';

function highlightedText(article: Article): HTMLElement {
  const events = article.analysis?.events ?? [];
  const text = articleText(article.title, article.body);
  const container = h('div', { class: 'text', id: 'article-text' });
  const firstMark = new Set<number>();
  for (const segment of segments(text, events.map((e) => e.evidence))) {
    if (segment.events.length === 0) {
      container.append(segment.text);
      continue;
    }
    const labels = segment.events.map((i) => `${i + 1}. ${eventBadge(events[i]!)}`);
    const mark = h('mark', { class: `evidence ${eventLean(events[segment.events[0]!]!)}`, 'data-events': segment.events.join(' '), title: labels.join('; ') }, segment.text);
    for (const i of segment.events) {
      if (!firstMark.has(i)) {
        firstMark.add(i);
        mark.id ||= `evidence-${i}`;
      }
    }
    container.append(mark, h('sup', { class: 'ref', 'aria-label': `evidence of event ${segment.events.map((i) => i + 1).join(', ')}` }, segment.events.map((i) => i + 1).join(',')));
  }
  return container;
}

function eventsTable(article: Article): HTMLElement {
  const events = article.analysis?.events ?? [];
  if (events.length === 0) return message('info', 'No events were extracted from this story.');
  return h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Events table' },
    h(
      'table',
      { class: 'events' },
      h('caption', { class: 'visually-hidden' }, 'Events in this story'),
      h('thead', {}, h('tr', {}, ['#', 'Type', 'Ticker', 'Event', 'Sentiment', 'Confidence', 'Evidence'].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        events.map((event, i) =>
          h(
            'tr',
            {},
            h('td', {}, String(i + 1)),
            h('td', {}, eventTypeNames[event.type]),
            h('td', {}, event.ticker ? h('a', { href: `#/ticker/${encodeURIComponent(event.ticker)}` }, event.ticker) : '—'),
            h('td', {}, badge(event)),
            h('td', {}, event.sentiment ? `${event.sentiment.label} ${signed(event.sentiment.score)}` : '—'),
            h('td', {}, `${Math.round(event.confidence * 100)}%`),
            h(
              'td',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: 'link',
                  onclick: () => {
                    const mark = document.getElementById(`evidence-${i}`);
                    if (!mark) return;
                    mark.setAttribute('tabindex', '-1');
                    mark.scrollIntoView({ block: 'center' });
                    mark.focus();
                  },
                },
                `“${event.evidence.text.length > 60 ? `${event.evidence.text.slice(0, 57)}…` : event.evidence.text}”`,
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

function sentimentSection(article: Article): HTMLElement {
  const analysis = article.analysis;
  const reasons = sortedReasons(analysis?.reasons ?? []);
  const max = Math.max(1e-9, ...reasons.map((r) => Math.abs(r.contribution)));
  return h(
    'section',
    { 'aria-labelledby': 'sentiment-title' },
    h('h2', { id: 'sentiment-title' }, 'Sentiment'),
    analysis?.sentiment
      ? h('p', {}, 'Article: ', h('strong', { class: `lean ${analysis.sentiment.label}` }, `${analysis.sentiment.label} ${signed(analysis.sentiment.score)}`), ` (confidence ${Math.round(analysis.sentiment.confidence * 100)}%)`)
      : h('p', {}, 'Not scored.'),
    analysis?.tickerSentiment?.length
      ? h(
          'ul',
          { class: 'ticker-sentiment' },
          analysis.tickerSentiment.map((t) => h('li', {}, h('a', { href: `#/ticker/${encodeURIComponent(t.ticker)}` }, t.ticker), ': ', h('span', { class: `lean ${t.label}` }, `${t.label} ${signed(t.score)}`), ` · relevance ${Math.round(t.relevance * 100)}%`)),
        )
      : null,
    reasons.length
      ? h(
          'div',
          {},
          h('h3', {}, 'Why: contributions, largest first'),
          h(
            'ol',
            { class: 'reasons' },
            reasons.map((r) => {
              const bar = h('span', { class: `bar ${r.contribution >= 0 ? 'bullish' : 'bearish'}`, 'aria-hidden': 'true' });
              bar.style.width = `${Math.round((Math.abs(r.contribution) / max) * 100)}%`;
              return h(
                'li',
                {},
                h('span', { class: `contribution ${r.contribution >= 0 ? 'bullish' : 'bearish'}` }, signed(r.contribution)),
                h('span', { class: 'bar-track' }, bar),
                h('span', { class: 'reason' }, r.ticker ? h('strong', {}, `${r.ticker} `) : null, `${r.source}: ${r.detail}`, r.evidence ? h('q', {}, r.evidence) : null),
              );
            }),
          ),
        )
      : null,
  );
}

export async function storyView(main: HTMLElement, id: string, signal: AbortSignal): Promise<void> {
  main.replaceChildren(message('info', 'Loading the story…'));
  let article: Article;
  try {
    article = await getJson<Article>(`/v1/articles/${encodeURIComponent(id)}`, { signal });
  } catch (error) {
    if (!signal.aborted) main.replaceChildren(h('p', {}, h('a', { href: '#/' }, '← Feed')), message('error', explain(error)));
    return;
  }
  main.replaceChildren(
    h(
      'article',
      { class: 'story-view', 'aria-labelledby': 'story-title' },
      h('p', {}, h('a', { href: '#/' }, '← Feed')),
      h('h1', { id: 'story-title' }, article.title),
      h('p', { class: 'meta' }, article.firstReport === true ? h('span', { class: 'first-report', title: 'The first story to report at least one of these facts' }, 'First report') : null, article.firstReport === true ? ' ' : null, 'Published ', timeElement(article.publishedAt), article.author ? ` · ${article.author}` : null, ' · ', h('a', { href: article.url, rel: 'noreferrer noopener' }, 'original')),
      chips(article.analysis),
      h('h2', {}, 'Text, with the evidence of each event highlighted'),
      highlightedText(article),
      h('h2', {}, 'Events'),
      eventsTable(article),
      sentimentSection(article),
      h(
        'section',
        { 'aria-labelledby': 'sources-title' },
        h('h2', { id: 'sources-title' }, `Carried by ${article.sources.length} ${article.sources.length === 1 ? 'source' : 'sources'}`),
        h(
          'ol',
          { class: 'carriers' },
          [...article.sources]
            .sort((a, b) => Date.parse(a.firstSeenAt) - Date.parse(b.firstSeenAt))
            .map((s) => h('li', {}, h('strong', {}, s.sourceId), ' first seen ', timeElement(s.firstSeenAt), ' · ', h('a', { href: s.url, rel: 'noreferrer noopener' }, 'its copy'))),
        ),
      ),
    ),
  );
}
