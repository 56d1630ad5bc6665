import { explain, getJson, sendJson } from '../api.ts';
import { announce, h } from '../dom.ts';
import { message } from '../components.ts';
import { commaList } from '../subscription-filter.ts';
import { sourceKinds, type Source, type SourceWithHealth } from '../types.ts';
import { field, setFieldError, when, whenAdmin } from './admin.ts';

// Sources (admin key): each source with its health (GET /v1/sources: last poll, last success,
// last error, items and events stored), add (POST), edit (PATCH), pause and resume (PATCH enabled).

const idPattern = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export function sourcesView(main: HTMLElement, signal: AbortSignal): Promise<void> {
  return whenAdmin(main, 'Sources', () => render(main, signal));
}

/** "failing", "ok", "paused" or "not polled yet": the one word an operator scans for. */
export function healthState(source: SourceWithHealth): { state: 'failing' | 'ok' | 'paused' | 'waiting'; text: string } {
  if (!source.enabled) return { state: 'paused', text: 'paused' };
  if (source.health.lastError !== null) return { state: 'failing', text: 'failing' };
  if (source.health.lastPollAt === null) return { state: 'waiting', text: 'not polled yet' };
  return { state: 'ok', text: 'ok' };
}

async function render(main: HTMLElement, signal: AbortSignal): Promise<void> {
  const list = h('ul', { class: 'cards', id: 'sources', 'aria-label': 'Sources' });
  const listStatus = h('div', {});
  const formSlot = h('section', { id: 'source-form', 'aria-labelledby': 'source-form-heading' });
  const refresh = h('button', { type: 'button', class: 'secondary' }, 'Refresh');
  main.replaceChildren(
    h('h1', {}, 'Sources'),
    h('p', { class: 'help' }, 'Feeds and pages the pipeline polls, with how each is doing. A paused source is not polled until resumed.'),
    h('div', { class: 'actions' }, refresh),
    listStatus,
    list,
    formSlot,
  );

  const load = async () => {
    try {
      const { data } = await getJson<{ data: SourceWithHealth[] }>('/v1/sources', { signal });
      list.replaceChildren(...data.map(card));
      listStatus.replaceChildren(data.length === 0 ? message('info', 'No sources yet: add one below.') : '');
    } catch (error) {
      if (!signal.aborted) listStatus.replaceChildren(message('error', explain(error)));
    }
  };
  refresh.addEventListener('click', () => void load());

  const showForm = (editing: Source | null) => {
    formSlot.replaceChildren(
      h('h2', { id: 'source-form-heading' }, editing ? `Edit ${editing.id}` : 'Add a source'),
      sourceForm(
        editing,
        async (saved) => {
          announce(editing ? `Source ${saved.id} saved` : `Source ${saved.id} added`);
          showForm(null);
          await load();
        },
        () => showForm(null),
      ),
    );
    if (editing) formSlot.querySelector<HTMLElement>('input[name="url"]')?.focus();
  };

  const card = (source: SourceWithHealth): HTMLLIElement => {
    const { health } = source;
    const state = healthState(source);
    const status = h('p', { class: 'result', role: 'status' });
    const headingId = `src-${source.id}`;
    const pause = h('button', { type: 'button', class: 'secondary' }, source.enabled ? 'Pause' : 'Resume');
    pause.addEventListener('click', async () => {
      pause.disabled = true;
      try {
        await sendJson('PATCH', `/v1/sources/${encodeURIComponent(source.id)}`, { enabled: !source.enabled });
        announce(`${source.id} ${source.enabled ? 'paused' : 'resumed'}`);
        await load();
        list.querySelector<HTMLElement>(`[data-id="${CSS.escape(source.id)}"] button.pause`)?.focus();
      } catch (error) {
        status.textContent = explain(error);
        pause.disabled = false;
      }
    });
    pause.classList.add('pause');
    return h(
      'li',
      { class: `card source ${state.state}`, 'data-id': source.id, 'data-state': state.state },
      h('h3', { id: headingId }, source.id, ' ', h('span', { class: `state ${state.state}` }, state.text)),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Kind'),
        h('dd', {}, `${source.kind}, every ${source.interval} s${source.fetchFullText ? ', full text' : ''}`),
        h('dt', {}, 'URL'),
        h('dd', { class: 'url' }, source.url),
        source.tags.length > 0 ? [h('dt', {}, 'Tags'), h('dd', {}, source.tags.join(', '))] : null,
        h('dt', {}, 'Last poll'),
        h('dd', { class: 'last-poll' }, when(health.lastPollAt, 'never')),
        h('dt', {}, 'Last success'),
        h('dd', { class: 'last-success' }, when(health.lastSuccessAt, 'never')),
        h('dt', {}, 'Last error'),
        h('dd', { class: 'last-error' }, health.lastError ? [health.lastError, ' (', when(health.lastErrorAt), ')'] : 'none'),
        h('dt', {}, 'Stored'),
        h('dd', { class: 'stored' }, `${health.itemsStored} ${health.itemsStored === 1 ? 'item' : 'items'}, ${health.eventsStored} ${health.eventsStored === 1 ? 'event' : 'events'}`),
        h('dt', {}, 'Polls'),
        h('dd', {}, `${health.polls} (${health.failures} failed)`),
      ),
      h('div', { class: 'actions', role: 'group', 'aria-labelledby': headingId }, h('button', { type: 'button', class: 'secondary', onclick: () => showForm(source) }, 'Edit'), pause),
      status,
    );
  };

  showForm(null);
  await load();
}

/** Add (editing null) or edit a source; only changed fields go in a PATCH. */
function sourceForm(editing: Source | null, saved: (source: Source) => Promise<void>, cancelled: () => void): HTMLFormElement {
  const input = (attributes: Record<string, string>) => h('input', { autocomplete: 'off', spellcheck: 'false', ...attributes });
  const id = field('src-id', 'Id', input({ name: 'id', value: editing?.id ?? '', ...(editing ? { readonly: 'true' } : {}) }), 'Lower-case letters, digits, "-" and "_"; cannot change later.');
  const kind = field('src-kind', 'Kind', h('select', { name: 'kind' }, sourceKinds.map((k) => h('option', { value: k, selected: (editing?.kind ?? 'feed') === k }, k))));
  const url = field('src-url', 'URL', input({ name: 'url', type: 'url', value: editing?.url ?? '', placeholder: 'https://example.com/feed.xml' }));
  const interval = field('src-interval', 'Poll every (seconds)', input({ name: 'interval', type: 'number', min: '10', max: String(7 * 24 * 3600), value: String(editing?.interval ?? 300), inputmode: 'numeric' }), '10 s to 7 days.');
  const tags = field('src-tags', 'Tags', input({ name: 'tags', value: editing?.tags.join(', ') ?? '' }), 'Comma-separated; given to every article of the source.');
  const fullText = h('input', { type: 'checkbox', name: 'fetchFullText', checked: editing?.fetchFullText ?? false });
  const formError = h('div', { class: 'form-error' });
  const submit = h('button', { type: 'submit' }, editing ? 'Save' : 'Add source');
  const form = h(
    'form',
    { class: 'builder', novalidate: true, 'aria-labelledby': 'source-form-heading' },
    h('div', { class: 'builder-grid' }, id.row, kind.row, url.row, interval.row, tags.row, h('label', { class: 'check' }, fullText, ' Fetch the full text of each article')),
    h('div', { class: 'actions' }, submit, editing ? h('button', { type: 'button', class: 'secondary', onclick: cancelled }, 'Cancel') : null),
    formError,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    formError.replaceChildren();
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    const idInput = id.row.querySelector('input')!;
    const urlInput = url.row.querySelector('input')!;
    const intervalInput = interval.row.querySelector('input')!;
    const seconds = Number(value('interval'));
    setFieldError(idInput, id.error, idPattern.test(value('id')) ? null : 'lower-case letters, digits, "-" and "_" (at most 64), starting with a letter or digit');
    setFieldError(urlInput, url.error, /^https?:\/\/\S+$/.test(value('url')) ? null : 'an http(s) URL');
    setFieldError(intervalInput, interval.error, Number.isInteger(seconds) && seconds >= 10 && seconds <= 7 * 24 * 3600 ? null : 'whole seconds from 10 to 604800');
    const firstInvalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (firstInvalid) {
      firstInvalid.focus();
      return;
    }
    const fields = {
      kind: value('kind') as Source['kind'],
      url: value('url'),
      interval: seconds,
      tags: commaList(value('tags')),
      fetchFullText: fullText.checked,
    };
    submit.disabled = true;
    try {
      const result = editing
        ? await sendJson<Source>('PATCH', `/v1/sources/${encodeURIComponent(editing.id)}`, fields)
        : await sendJson<Source>('POST', '/v1/sources', { id: value('id'), ...fields });
      await saved(result);
    } catch (error) {
      formError.replaceChildren(message('error', explain(error)));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
