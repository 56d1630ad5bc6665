import { isAdminKey } from '../access.ts';
import { h } from '../dom.ts';
import { message } from '../components.ts';
import { formatTime } from '../format.ts';

// What the admin views (alerts, sources) share: the admin-key gate, form fields, times.

/**
 * Runs `render` when the key is an admin key; otherwise says plainly why the page is empty
 * (a read key, or the API out of reach). The API refuses read keys on these routes anyway.
 */
export async function whenAdmin(main: HTMLElement, title: string, render: () => Promise<void>): Promise<void> {
  if (await isAdminKey()) return render();
  main.replaceChildren(
    h('h1', {}, title),
    message(
      'error',
      `The ${title} page needs an admin API key. The key you signed in with is a read key (or the API could not say): it reads the feed, stories and tickers. Sign out and sign in with an admin key to manage ${title.toLowerCase()}.`,
    ),
    h('p', {}, h('a', { href: '#/' }, 'Back to the feed')),
  );
}

/** A labelled input with its help and error line, linked for screen readers. */
export function field(id: string, label: string, input: HTMLInputElement | HTMLSelectElement, help?: string): { row: HTMLElement; error: HTMLElement } {
  const error = h('p', { class: 'field-error', id: `${id}-error` });
  const described = [help ? `${id}-help` : null, `${id}-error`].filter(Boolean).join(' ');
  input.id = id;
  input.setAttribute('aria-describedby', described);
  const row = h('div', { class: 'field' }, h('label', { for: id }, label), input, help ? h('p', { class: 'help', id: `${id}-help` }, help) : null, error);
  return { row, error };
}

/** Shows or clears a field's error (aria-invalid follows). */
export function setFieldError(input: HTMLElement, error: HTMLElement, text: string | null): void {
  error.textContent = text ?? '';
  if (text) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}

/** A group of checkboxes (one name), as a fieldset with a legend. */
export function checkboxes(name: string, legend: string, options: readonly (readonly [value: string, label: string])[], checked: ReadonlySet<string> = new Set()): HTMLFieldSetElement {
  return h(
    'fieldset',
    { class: 'checks' },
    h('legend', {}, legend),
    options.map(([value, label]) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name, value, checked: checked.has(value) }), ` ${label}`)),
  );
}

export function checkedValues(form: HTMLFormElement, name: string): string[] {
  return [...form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((input) => input.value);
}

/** A time for a table cell, or a dash. */
export function when(iso: string | null, none = '—'): HTMLElement {
  return iso ? h('time', { datetime: iso, title: iso }, formatTime(iso)) : h('span', {}, none);
}
