import { ApiFailure, explain, getJson, session } from '../api.ts';
import { h } from '../dom.ts';
import { message } from '../components.ts';

/** Sign-in: the key is checked against the API, then kept in sessionStorage (this tab only). */
export function signInView(main: HTMLElement, notice: string | null, done: () => void): void {
  const error = h('div', { id: 'signin-error' });
  if (notice) error.append(message('error', notice));
  const input = h('input', { id: 'api-key', name: 'key', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, 'aria-describedby': 'key-help signin-error' });
  const button = h('button', { type: 'submit' }, 'Sign in');
  const form = h(
    'form',
    { class: 'signin', novalidate: true },
    h('h1', {}, 'Sign in'),
    h('label', { for: 'api-key' }, 'API key'),
    input,
    h('p', { id: 'key-help', class: 'help' }, 'A read key shows the feed, stories and tickers. The key is kept for this browser tab only (sessionStorage) and sent as Authorization: Bearer.'),
    button,
    error,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = input.value.trim();
    error.replaceChildren();
    if (!key) {
      error.append(message('error', 'Enter an API key.'));
      input.focus();
      return;
    }
    button.disabled = true;
    try {
      await getJson('/v1/articles?limit=1', { key });
      session.signIn(key);
      done();
    } catch (failure) {
      const text = failure instanceof ApiFailure && failure.status === 401 ? 'That API key was not accepted: it is wrong, revoked or expired.' : explain(failure);
      error.append(message('error', text));
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    } finally {
      button.disabled = false;
    }
  });
  main.replaceChildren(form);
  input.focus();
}
