import { explain, follow, getJson } from '../api.ts';
import { announce, h } from '../dom.ts';
import { badges, chips, message, timeElement } from '../components.ts';
import { eventTypeNames } from '../format.ts';
import { eventTypes, type Article, type Page } from '../types.ts';

const defaultPageSize = 25;
/** Filters kept in the URL (#/?tickers=…&types=…&sentiment=…), passed to the API as they are. */
const filterNames = ['tickers', 'types', 'sentiment'] as const;

export function feedFilters(params: URLSearchParams): URLSearchParams {
  const filters = new URLSearchParams();
  for (const name of filterNames) {
    const values = params
      .getAll(name)
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter(Boolean);
    if (values.length > 0) filters.set(name, (name === 'tickers' ? values.map((v) => v.toUpperCase()) : values).join(','));
  }
  return filters;
}

function storyItem(article: Article): HTMLLIElement {
  const sources = article.sources.map((s) => s.sourceId);
  return h(
    'li',
    { class: 'story', 'data-id': article.id },
    h(
      'article',
      { 'aria-labelledby': `t-${article.id}` },
      h('h2', { id: `t-${article.id}` }, h('a', { href: `#/story/${encodeURIComponent(article.id)}` }, article.title)),
      h(
        'p',
        { class: 'meta' },
        h('span', { class: 'source' }, sources[0] ?? 'unknown source'),
        sources.length > 1 ? h('span', { class: 'carried', title: sources.join(', ') }, ` +${sources.length - 1} more (${sources.length} sources)`) : null,
        ' · ',
        timeElement(article.publishedAt ?? article.firstSeenAt),
      ),
      chips(article.analysis),
      badges(article.analysis?.events ?? []),
    ),
  );
}

function filterForm(filters: URLSearchParams): HTMLFormElement {
  const selected = new Set((filters.get('types') ?? '').split(',').filter(Boolean));
  const sentiment = filters.get('sentiment') ?? '';
  const tickers = h('input', { id: 'f-tickers', name: 'tickers', value: filters.get('tickers') ?? '', placeholder: 'e.g. AAPL, MSFT', autocomplete: 'off', spellcheck: 'false' });
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter the feed' },
    h('div', { class: 'field' }, h('label', { for: 'f-tickers' }, 'Tickers'), tickers),
    h(
      'fieldset',
      { class: 'types' },
      h('legend', {}, 'Event types'),
      eventTypes.map((type) =>
        h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'types', value: type, checked: selected.has(type) }), ` ${eventTypeNames[type]}`),
      ),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'f-sentiment' }, 'Sentiment'),
      h(
        'select',
        { id: 'f-sentiment', name: 'sentiment' },
        [
          ['', 'Any'],
          ['bullish', 'Bullish'],
          ['bearish', 'Bearish'],
          ['neutral', 'Neutral'],
        ].map(([value, label]) => h('option', { value: value!, selected: value === sentiment }, label!)),
      ),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Apply'), h('a', { class: 'button secondary', href: '#/' }, 'Clear')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = new URLSearchParams();
    const t = String(data.get('tickers') ?? '')
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((v) => v.toUpperCase());
    if (t.length) next.set('tickers', t.join(','));
    const types = data.getAll('types').map(String);
    if (types.length) next.set('types', types.join(','));
    const s = String(data.get('sentiment') ?? '');
    if (s) next.set('sentiment', s);
    const query = next.toString();
    location.hash = query ? `#/?${query}` : '#/';
  });
  return form;
}

/** The filters, folded away on a phone (unless some are set) so the stories come first. */
function filterBox(filters: URLSearchParams): HTMLElement {
  const wide = window.matchMedia('(min-width: 48rem)').matches;
  const active = [...filters.keys()].length;
  return h('details', { class: 'filter-box', open: wide || active > 0 }, h('summary', {}, active ? `Filters (${active})` : 'Filters'), filterForm(filters));
}

export async function feedView(main: HTMLElement, params: URLSearchParams, signal: AbortSignal): Promise<void> {
  const filters = feedFilters(params);
  // Page size, also kept in the URL (#/?limit=10) when set.
  const requested = Number(params.get('limit'));
  const pageSize = Number.isInteger(requested) && requested >= 1 && requested <= 200 ? requested : defaultPageSize;
  const list = h('ol', { class: 'feed', 'aria-label': 'Stories, newest first' });
  const status = h('p', { class: 'live', 'data-state': 'connecting' }, 'Connecting to live updates…');
  const errors = h('div', {});
  const more = h('button', { type: 'button', class: 'more', hidden: true }, 'Load more');
  const summary = filters.toString() ? `Filtered: ${[...filters.entries()].map(([k, v]) => `${k} ${v.replaceAll(',', ', ')}`).join('; ')}` : 'All stories';
  main.replaceChildren(
    h('div', { class: 'feed-layout' }, filterBox(filters), h('section', { 'aria-labelledby': 'feed-title' }, h('h1', { id: 'feed-title' }, 'News feed'), h('p', { class: 'summary' }, summary), status, errors, list, more)),
  );

  const known = new Set<string>();
  let cursor: string | null = null;
  const path = (extra: Record<string, string>) => {
    const query = new URLSearchParams(filters);
    query.set('limit', String(pageSize));
    for (const [k, v] of Object.entries(extra)) query.set(k, v);
    return `/v1/articles?${query}`;
  };

  const loadPage = async () => {
    more.disabled = true;
    try {
      const page = await getJson<Page<Article>>(path(cursor ? { cursor } : {}), { signal });
      for (const article of page.data) {
        if (known.has(article.id)) continue;
        known.add(article.id);
        list.append(storyItem(article));
      }
      cursor = page.nextCursor;
      more.hidden = cursor === null;
      if (list.children.length === 0) errors.replaceChildren(message('info', 'No stories match these filters yet.'));
      else errors.replaceChildren();
    } catch (error) {
      if (!signal.aborted) errors.replaceChildren(message('error', explain(error)));
    } finally {
      more.disabled = false;
    }
  };
  more.addEventListener('click', () => void loadPage());
  await loadPage();
  if (signal.aborted) return;

  // Live: each stored-event frame means new or re-reported stories; fetch the newest page and
  // put what is new on top, keeping the reader's place when they have scrolled.
  let pending: number | null = null;
  const refresh = async () => {
    pending = null;
    try {
      const page = await getJson<Page<Article>>(path({}), { signal });
      const fresh: Article[] = [];
      for (const article of page.data) {
        if (known.has(article.id)) break;
        fresh.push(article);
      }
      if (fresh.length === 0) return;
      const anchor = list.firstElementChild;
      const before = anchor?.getBoundingClientRect().top ?? 0;
      const scrolled = window.scrollY > 0;
      const items = fresh.map((article) => {
        known.add(article.id);
        const item = storyItem(article);
        item.classList.add('arrived');
        return item;
      });
      list.prepend(...items);
      if (anchor && scrolled) window.scrollBy(0, anchor.getBoundingClientRect().top - before);
      errors.replaceChildren();
      announce(`${fresh.length} new ${fresh.length === 1 ? 'story' : 'stories'}`);
    } catch (error) {
      if (!signal.aborted) errors.replaceChildren(message('error', explain(error)));
    }
  };
  const streamQuery = new URLSearchParams();
  for (const name of ['tickers', 'types'] as const) {
    const value = filters.get(name);
    if (value) streamQuery.set(name, value);
  }
  void follow(
    `/v1/stream${streamQuery.toString() ? `?${streamQuery}` : ''}`,
    (frame) => {
      if (frame.event !== 'stored-event' || pending !== null) return;
      pending = window.setTimeout(() => void refresh(), 200);
    },
    signal,
    (live) => {
      status.dataset.state = live ? 'live' : 'reconnecting';
      status.textContent = live ? 'Live: new stories appear at the top.' : 'Live updates interrupted; reconnecting…';
    },
  );
  signal.addEventListener('abort', () => {
    if (pending !== null) window.clearTimeout(pending);
  });
}
