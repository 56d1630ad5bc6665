import { explain, getJson, sendJson } from '../api.ts';
import { announce, h } from '../dom.ts';
import { message } from '../components.ts';
import { eventTypeNames } from '../format.ts';
import { describeFilter, eventActionValues, filterFromForm, sentimentValues, type FilterFormValues } from '../subscription-filter.ts';
import { eventTypes, type Delivery, type Page, type SourceWithHealth, type Subscription } from '../types.ts';
import { checkboxes, checkedValues, field, setFieldError, when, whenAdmin } from './admin.ts';

// Alerts (admin key): subscriptions (create with the filter builder, test, rotate the secret,
// enable or disable), a subscription's delivery log, and the dead letters with re-drive. Only
// public API routes: /v1/subscriptions…, /v1/dead-letters…, /v1/sources for the source list.

const finalStatuses = new Set<Delivery['status']>(['delivered', 'dead', 'discarded']);

export function alertsView(main: HTMLElement, params: URLSearchParams, signal: AbortSignal): Promise<void> {
  return whenAdmin(main, 'Alerts', () => render(main, params.get('subscription'), signal));
}

async function render(main: HTMLElement, selected: string | null, signal: AbortSignal): Promise<void> {
  const secretSlot = h('div', { id: 'secret-slot' });
  const list = h('ul', { class: 'cards', id: 'subscriptions', 'aria-label': 'Subscriptions' });
  const listStatus = h('div', {});
  const logSection = h('section', { id: 'delivery-log', 'aria-labelledby': 'log-heading', hidden: true });
  const deadSection = h('section', { id: 'dead-letters', 'aria-labelledby': 'dead-heading' });
  const formSection = h('section', { 'aria-labelledby': 'new-heading' });
  main.replaceChildren(
    h('h1', {}, 'Alerts'),
    h('p', { class: 'help' }, 'Subscriptions send each matching event to a webhook, signed with the subscription’s secret (Standard Webhooks), retried, and logged.'),
    secretSlot,
    h('section', { 'aria-labelledby': 'subs-heading' }, h('h2', { id: 'subs-heading' }, 'Subscriptions'), listStatus, list),
    logSection,
    formSection,
    deadSection,
  );

  /** Shows a secret once, with what to do with it; focus goes there so it is not missed. */
  const showSecret = (subscriptionId: string, secret: string, afterRotation: boolean) => {
    const finish = afterRotation
      ? h('button', { type: 'button', class: 'secondary' }, 'Finish the rotation: keep only this secret')
      : null;
    const panel = h(
      'section',
      { class: 'secret-panel', id: 'secret-panel', tabindex: '-1', 'aria-labelledby': 'secret-heading' },
      h('h2', { id: 'secret-heading' }, afterRotation ? `New secret of ${subscriptionId}` : `Secret of ${subscriptionId}`),
      h('p', {}, 'Copy it now: it is shown this once and cannot be shown again. Your receiver verifies each webhook’s signature with it.'),
      h('p', {}, h('code', { class: 'secret', id: 'secret-value' }, secret)),
      afterRotation ? h('p', { class: 'help' }, 'Until you finish the rotation, each webhook is signed with the old and the new secret, so the receiver can switch at its pace.') : null,
      h(
        'div',
        { class: 'actions' },
        finish,
        h('button', { type: 'button', onclick: () => {
          secretSlot.replaceChildren();
          // Keyboard users carry on from the subscription the secret belongs to.
          focusIn(subscriptionId, 'Send test event');
        } }, 'I have copied it, hide it'),
      ),
    );
    finish?.addEventListener('click', async () => {
      try {
        await sendJson('PATCH', `/v1/subscriptions/${encodeURIComponent(subscriptionId)}`, { secrets: [secret] });
        await loadSubscriptions();
        finish.replaceWith(h('p', { role: 'status' }, 'Rotation finished: the old secrets no longer sign.'));
      } catch (error) {
        finish.after(message('error', explain(error)));
      }
    });
    secretSlot.replaceChildren(panel);
    panel.focus();
  };

  /** Focus a button of a subscription's card (after its card was drawn again). */
  const focusIn = (subscriptionId: string, label: string) => {
    const buttons = list.querySelectorAll<HTMLButtonElement>(`li[data-id="${CSS.escape(subscriptionId)}"] button`);
    [...buttons].find((b) => b.textContent === label)?.focus();
  };

  const logTitle = h('h2', { id: 'log-heading' }, 'Delivery log');
  const logBody = h('div', {});
  const refreshLog = h('button', { type: 'button', class: 'secondary' }, 'Refresh');
  logSection.append(logTitle, h('div', { class: 'actions' }, refreshLog), logBody);
  let logOf: string | null = null;

  const loadLog = async (subscriptionId: string): Promise<Delivery[]> => {
    logOf = subscriptionId;
    logSection.hidden = false;
    logTitle.textContent = `Delivery log of ${subscriptionId}`;
    try {
      const page = await getJson<Page<Delivery>>(`/v1/subscriptions/${encodeURIComponent(subscriptionId)}/deliveries?limit=50`, { signal });
      logBody.replaceChildren(page.data.length === 0 ? message('info', 'Nothing sent yet. Send a test event to try the receiver.') : deliveryTable(page.data, false));
      return page.data;
    } catch (error) {
      if (!signal.aborted) logBody.replaceChildren(message('error', explain(error)));
      return [];
    }
  };
  refreshLog.addEventListener('click', () => {
    if (logOf) void loadLog(logOf);
  });
  const openLog = async (subscriptionId: string) => {
    // In place, so a secret on screen stays; the URL still names the subscription to share.
    history.replaceState(null, '', `#/alerts?subscription=${encodeURIComponent(subscriptionId)}`);
    await loadLog(subscriptionId);
    logSection.scrollIntoView({ block: 'start' });
  };

  /** Sends a test event, then watches the log until its delivery has an outcome (up to 20 s). */
  const sendTest = async (subscription: Subscription, status: HTMLElement, button: HTMLButtonElement) => {
    button.disabled = true;
    status.textContent = 'Sending a test event…';
    try {
      const { deliveryId } = await sendJson<{ deliveryId: string }>('POST', `/v1/subscriptions/${encodeURIComponent(subscription.id)}/test`);
      status.textContent = `Test event queued (delivery ${deliveryId}); waiting for the attempt…`;
      history.replaceState(null, '', `#/alerts?subscription=${encodeURIComponent(subscription.id)}`);
      const started = Date.now();
      let delivery: Delivery | undefined;
      while (!signal.aborted && Date.now() - started < 20_000) {
        delivery = (await loadLog(subscription.id)).find((d) => d.id === deliveryId);
        if (delivery && delivery.status !== 'pending') break;
        await new Promise((resolve) => setTimeout(resolve, 800));
      }
      const last = delivery?.attempts.at(-1);
      const text = !delivery
        ? 'The test event is queued but no attempt was logged yet: is the notifier running? Refresh the log later.'
        : delivery.status === 'delivered'
          ? `Test event delivered: the receiver answered ${last?.statusCode ?? '?'} in ${last?.durationMs ?? '?'} ms.`
          : `Test event ${delivery.status}: ${delivery.lastError ?? last?.outcome ?? 'no answer'}${finalStatuses.has(delivery.status) ? '' : ' (retries follow the schedule)'}.`;
      status.textContent = text;
      announce(text);
    } catch (error) {
      status.textContent = explain(error);
    } finally {
      button.disabled = false;
    }
  };

  const rotate = async (subscription: Subscription, status: HTMLElement) => {
    try {
      const { secret } = await sendJson<{ secret: string }>('POST', `/v1/subscriptions/${encodeURIComponent(subscription.id)}/rotate-secret`);
      status.textContent = '';
      showSecret(subscription.id, secret, true);
      await loadSubscriptions();
    } catch (error) {
      status.textContent = explain(error);
    }
  };

  const toggle = async (subscription: Subscription, status: HTMLElement) => {
    try {
      await sendJson('PATCH', `/v1/subscriptions/${encodeURIComponent(subscription.id)}`, { enabled: !subscription.enabled });
      announce(`${subscription.id} ${subscription.enabled ? 'disabled' : 'enabled'}`);
      await loadSubscriptions();
      focusIn(subscription.id, subscription.enabled ? 'Enable' : 'Disable');
    } catch (error) {
      status.textContent = explain(error);
    }
  };

  const card = (subscription: Subscription): HTMLLIElement => {
    const status = h('p', { class: 'result', role: 'status' });
    const test = h('button', { type: 'button' }, 'Send test event');
    test.addEventListener('click', () => void sendTest(subscription, status, test));
    const headingId = `sub-${subscription.id}`;
    return h(
      'li',
      { class: 'card', 'data-id': subscription.id },
      h('h3', { id: headingId }, subscription.id),
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Webhook'),
        h('dd', { class: 'url' }, subscription.url),
        h('dt', {}, 'Filter'),
        h('dd', { class: 'filter' }, describeFilter(subscription.filter)),
        h('dt', {}, 'State'),
        h('dd', {}, subscription.enabled ? 'enabled' : `disabled${subscription.disabledReason ? `: ${subscription.disabledReason}` : ''}`),
        h('dt', {}, 'Secrets'),
        h('dd', {}, subscription.secretHints.join(', ')),
      ),
      h(
        'div',
        { class: 'actions', role: 'group', 'aria-labelledby': headingId },
        test,
        h('button', { type: 'button', class: 'secondary', onclick: () => void openLog(subscription.id) }, 'Delivery log'),
        h('button', { type: 'button', class: 'secondary', onclick: () => void rotate(subscription, status) }, 'Rotate secret'),
        h('button', { type: 'button', class: 'secondary', onclick: () => void toggle(subscription, status) }, subscription.enabled ? 'Disable' : 'Enable'),
      ),
      status,
    );
  };

  const loadSubscriptions = async () => {
    try {
      const page = await getJson<Page<Subscription>>('/v1/subscriptions?limit=500', { signal });
      list.replaceChildren(...page.data.map(card));
      listStatus.replaceChildren(page.data.length === 0 ? message('info', 'No subscriptions yet: create one below.') : '');
    } catch (error) {
      if (!signal.aborted) listStatus.replaceChildren(message('error', explain(error)));
    }
  };

  const redrive = async (delivery: Delivery, row: HTMLElement, cell: HTMLElement) => {
    try {
      await sendJson('POST', `/v1/dead-letters/${encodeURIComponent(delivery.id)}/redrive`);
      cell.replaceChildren(h('span', { role: 'status' }, 'Re-driven: sent again under the same webhook-id'));
      row.classList.add('redriven');
      announce(`Dead letter ${delivery.id} re-driven`);
      if (logOf === delivery.subscriptionId) void loadLog(delivery.subscriptionId);
    } catch (error) {
      cell.replaceChildren(message('error', explain(error)));
    }
  };

  const deliveryTable = (deliveries: readonly Delivery[], dead: boolean): HTMLElement =>
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: dead ? 'dead-letters' : 'deliveries' },
        h(
          'thead',
          {},
          h('tr', {}, dead ? h('th', { scope: 'col' }, 'Subscription') : null, ['Created', 'Event', 'Status', 'Attempts', 'Last answer', 'Error'].map((c) => h('th', { scope: 'col' }, c)), dead ? h('th', { scope: 'col' }, 'Action') : null),
        ),
        h(
          'tbody',
          {},
          deliveries.map((d) => {
            const last = d.attempts.at(-1);
            const action = h('td', {});
            const row = h(
              'tr',
              { 'data-id': d.id, 'data-status': d.status },
              dead ? h('td', {}, d.subscriptionId) : null,
              h('td', {}, when(d.createdAt)),
              h('td', {}, d.test ? h('span', { class: 'tag' }, 'test') : null, ' ', h('span', { class: 'mono' }, d.eventId)),
              h('td', {}, h('span', { class: `status ${d.status}` }, d.status)),
              h('td', {}, String(d.attempts.length)),
              h('td', {}, last ? `${last.statusCode ?? last.outcome}${last.durationMs ? ` · ${last.durationMs} ms` : ''}` : '—'),
              h('td', { class: 'error-text' }, d.lastError ?? ''),
              dead ? action : null,
            );
            if (dead) action.append(h('button', { type: 'button', class: 'secondary', onclick: () => void redrive(d, row, action) }, 'Re-drive'));
            return row;
          }),
        ),
      ),
    );

  const loadDeadLetters = async () => {
    const refresh = h('button', { type: 'button', class: 'secondary', onclick: () => void loadDeadLetters() }, 'Refresh');
    try {
      const page = await getJson<Page<Delivery>>('/v1/dead-letters?limit=100', { signal });
      deadSection.replaceChildren(
        h('h2', { id: 'dead-heading' }, 'Dead letters'),
        h('p', { class: 'help' }, 'Deliveries that failed their last retry. Re-driving one sends it again with the same webhook-id and a fresh retry schedule.'),
        h('div', { class: 'actions' }, refresh),
        page.data.length === 0 ? message('info', 'No dead letters.') : deliveryTable(page.data, true),
      );
    } catch (error) {
      if (!signal.aborted) deadSection.replaceChildren(h('h2', { id: 'dead-heading' }, 'Dead letters'), message('error', explain(error)));
    }
  };

  const sources = await getJson<{ data: SourceWithHealth[] }>('/v1/sources', { signal }).then(
    (r) => r.data.map((s) => s.id),
    () => [] as string[],
  );
  formSection.append(h('h2', { id: 'new-heading' }, 'New subscription'), createForm(sources, async (created) => {
    showSecret(created.id, created.secrets[0]!, false);
    await loadSubscriptions();
  }));

  await Promise.all([loadSubscriptions(), loadDeadLetters(), selected ? loadLog(selected) : Promise.resolve([])]);
}

/** The filter builder: every criterion of the API's one filter schema, checked before sending. */
function createForm(sources: readonly string[], created: (subscription: Subscription & { secrets: string[] }) => Promise<void>): HTMLFormElement {
  const input = (attributes: Record<string, string>) => h('input', { autocomplete: 'off', spellcheck: 'false', ...attributes });
  const url = field('s-url', 'Webhook URL', input({ name: 'url', type: 'url', required: 'true', placeholder: 'https://example.com/hooks/tickerwire' }), 'Where the events are POSTed. Private addresses only where the operator allows them.');
  const tickers = field('s-tickers', 'Tickers', input({ name: 'tickers', placeholder: 'e.g. CIFR, NVDA' }), 'Commas or spaces between symbols; empty: every ticker.');
  const minAbsScore = field('s-min-score', 'Minimum score (|sentiment|, 0–1)', input({ name: 'minAbsScore', type: 'number', min: '0', max: '1', step: '0.05', inputmode: 'decimal' }));
  const minRelevance = field('s-min-relevance', 'Minimum relevance (0–1)', input({ name: 'minRelevance', type: 'number', min: '0', max: '1', step: '0.05', inputmode: 'decimal' }));
  const tags = field('s-tags', 'Tags', input({ name: 'tags', placeholder: 'e.g. miners' }), 'Comma-separated; any of these tags. Empty: any.');
  const formError = h('div', { class: 'form-error' });
  const submit = h('button', { type: 'submit' }, 'Create subscription');
  const fields = { tickers, minAbsScore, minRelevance, tags } as const;
  const form = h(
    'form',
    { class: 'builder', novalidate: true, 'aria-labelledby': 'new-heading' },
    url.row,
    h(
      'div',
      { class: 'builder-grid' },
      tickers.row,
      checkboxes('types', 'Event types', eventTypes.map((t) => [t, eventTypeNames[t]] as const)),
      checkboxes('actions', 'Actions', eventActionValues.map((a) => [a, a] as const)),
      checkboxes('sentiment', 'Sentiment', sentimentValues.map((s) => [s, s] as const)),
      minAbsScore.row,
      minRelevance.row,
      sources.length > 0 ? checkboxes('sources', 'Sources', sources.map((s) => [s, s] as const)) : h('p', { class: 'help' }, 'No sources to filter on yet.'),
      tags.row,
      h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'novelOnly' }), ' First reports only (not the same fact reported again)'),
    ),
    h('div', { class: 'actions' }, submit),
    formError,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    formError.replaceChildren();
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    const values: FilterFormValues = {
      tickers: value('tickers'),
      types: checkedValues(form, 'types'),
      actions: checkedValues(form, 'actions'),
      sentiment: checkedValues(form, 'sentiment'),
      minAbsScore: value('minAbsScore'),
      minRelevance: value('minRelevance'),
      sources: checkedValues(form, 'sources'),
      tags: value('tags'),
      novelOnly: (form.elements.namedItem('novelOnly') as HTMLInputElement).checked,
    };
    const { filter, problems } = filterFromForm(values);
    for (const [name, f] of Object.entries(fields)) {
      const problem = problems.find((p) => p.field === name);
      setFieldError(f.row.querySelector('input')!, f.error, problem ? problem.message : null);
    }
    const urlInput = url.row.querySelector('input')!;
    const urlText = urlInput.value.trim();
    setFieldError(urlInput, url.error, /^https?:\/\/\S+$/.test(urlText) ? null : 'an http(s) URL');
    const firstInvalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (firstInvalid) {
      firstInvalid.focus();
      return;
    }
    submit.disabled = true;
    try {
      const subscription = await sendJson<Subscription & { secrets: string[] }>('POST', '/v1/subscriptions', { url: urlText, filter });
      form.reset();
      announce(`Subscription ${subscription.id} created`);
      await created(subscription);
    } catch (error) {
      formError.replaceChildren(message('error', explain(error)));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}
