import { explain, follow, getJson } from '../api.ts';
import { announce, h } from '../dom.ts';
import { badges, chips, message, timeElement } from '../components.ts';
import { eventTypeNames } from '../format.ts';
import { describeFilters, feedFilters, filtersToForm, formToFilters, sentimentLabels, streamFilters, watchlist } from '../feed-filters.ts';
import { eventTypes, type Article, type Page } from '../types.ts';

const defaultPageSize = 25;

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
        article.firstReport === true ? h('span', { class: 'first-report', title: 'The first story to report at least one of these facts' }, 'First report') : null,
        article.firstReport === true ? ' ' : null,
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

const field = (id: string, label: string, control: HTMLElement, help?: string) =>
  h('div', { class: 'field' }, h('label', { for: id }, label), control, help ? h('p', { class: 'help', id: `${id}-help` }, help) : null);

function checkboxes(legend: string, name: string, options: readonly (readonly [string, string])[], selected: readonly string[]): HTMLFieldSetElement {
  return h(
    'fieldset',
    { class: 'checks' },
    h('legend', {}, legend),
    options.map(([value, text]) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name, value, checked: selected.includes(value) }), ` ${text}`)),
  );
}

/** The saved watchlist as a link to its feed, and a button saving the tickers field as the watchlist. */
function watchlistLine(tickers: HTMLInputElement): HTMLElement {
  const line = h('p', { class: 'watchlist' });
  const render = () => {
    const saved = watchlist.get();
    const save = h('button', { type: 'button', class: 'link' }, saved.length ? 'Save these tickers as my watchlist instead' : 'Save these tickers as my watchlist');
    save.addEventListener('click', () => {
      const list = tickers.value.split(/[\s,]+/).filter(Boolean).map((t) => t.toUpperCase());
      watchlist.set(list);
      render();
      announce(list.length ? `Watchlist saved: ${list.join(', ')}` : 'Watchlist cleared');
    });
    line.replaceChildren(saved.length ? h('a', { href: `#/?tickers=${encodeURIComponent(saved.join(','))}` }, `My watchlist: ${saved.join(', ')}`) : '', saved.length ? ' · ' : '', save);
  };
  render();
  return line;
}

function filterForm(filters: URLSearchParams): HTMLFormElement {
  const form0 = filtersToForm(filters);
  const text = (id: string, name: string, value: string, extra: Record<string, string> = {}) => h('input', { id, name, value, autocomplete: 'off', spellcheck: 'false', ...extra });
  const tickers = text('f-tickers', 'tickers', form0.tickers, { placeholder: 'e.g. AAPL, MSFT' });
  const watch = watchlistLine(tickers);
  const novel = h(
    'select',
    { id: 'f-novel', name: 'novel' },
    [
      ['', 'First reports and repeats'],
      ['true', 'First reports only'],
      ['false', 'Repeats only'],
    ].map(([value, label]) => h('option', { value: value!, selected: value === form0.novel }, label!)),
  );
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Filter the feed' },
    field('f-q', 'Search words', text('f-q', 'q', form0.q, { type: 'search', placeholder: 'in title and text' })),
    field('f-tickers', 'Tickers', tickers),
    watch,
    checkboxes('Event types', 'types', eventTypes.map((t) => [t, eventTypeNames[t]] as const), form0.types),
    checkboxes('Sentiment', 'sentiment', sentimentLabels.map((l) => [l, l[0]!.toUpperCase() + l.slice(1)] as const), form0.sentiment),
    field('f-score', 'Minimum |score|', h('input', { id: 'f-score', name: 'minAbsScore', type: 'number', min: '0', max: '1', step: '0.05', value: form0.minAbsScore, 'aria-describedby': 'f-score-help' }), "0 to 1; with tickers, those tickers' own score."),
    field('f-novel', 'Novelty', novel),
    field('f-sources', 'Sources', text('f-sources', 'sources', form0.sources, { placeholder: 'source ids' })),
    field('f-tags', 'Tags', text('f-tags', 'tags', form0.tags)),
    h(
      'fieldset',
      { class: 'range' },
      h('legend', {}, 'Published (UTC)'),
      field('f-from', 'From', h('input', { id: 'f-from', name: 'from', type: 'date', value: form0.from })),
      field('f-to', 'To', h('input', { id: 'f-to', name: 'to', type: 'date', value: form0.to })),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Apply'), h('a', { class: 'button secondary', href: '#/' }, 'Clear')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const get = (name: string) => String(data.get(name) ?? '');
    const next = formToFilters({
      q: get('q'),
      tickers: get('tickers'),
      types: data.getAll('types').map(String),
      sentiment: data.getAll('sentiment').map(String),
      minAbsScore: get('minAbsScore'),
      novel: get('novel'),
      sources: get('sources'),
      tags: get('tags'),
      from: get('from'),
      to: get('to'),
    });
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
  // aria-busy while a page loads: assistive technology (and the tests) wait for it.
  const list = h('ol', { class: 'feed', 'aria-label': 'Stories, newest first by publication time', 'aria-busy': 'true' });
  const status = h('p', { class: 'live', 'data-state': 'connecting' }, 'Connecting to live updates…');
  const errors = h('div', {});
  const more = h('button', { type: 'button', class: 'more', hidden: true }, 'Load more');
  const summary = describeFilters(filters);
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
    list.setAttribute('aria-busy', 'true');
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
      if (!signal.aborted) list.setAttribute('aria-busy', 'false');
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
  const streamQuery = streamFilters(filters);
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
