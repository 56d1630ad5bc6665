import './style.css';
import { session, whenUnauthorized } from './api.ts';
import { h } from './dom.ts';
import { signInView } from './views/signin.ts';
import { feedView } from './views/feed.ts';
import { storyView } from './views/story.ts';
import { alertsView } from './views/alerts.ts';
import { sourcesView } from './views/sources.ts';
import { isAdminKey } from './access.ts';

// Routes live in the hash (#/, #/?tickers=…, #/story/ID, #/ticker/T): the API serves one
// page at /, and a view (filters included) can be shared as a link.

const main = document.getElementById('main')!;
const nav = document.getElementById('nav')!;
let current: AbortController | null = null;

function renderNav(): void {
  nav.replaceChildren();
  if (!session.key()) return;
  const signOut = h('button', { type: 'button', class: 'secondary' }, 'Sign out');
  signOut.addEventListener('click', () => {
    session.signOut();
    route(null);
  });
  nav.append(h('a', { href: '#/' }, 'Feed'), signOut);
  // Admin keys only: the links are added once the API confirmed the key's scope.
  void isAdminKey().then((admin) => {
    if (admin && session.key()) signOut.before(h('a', { href: '#/alerts' }, 'Alerts'), h('a', { href: '#/sources' }, 'Sources'));
    markCurrent();
  });
  markCurrent();
}

/** aria-current on the nav link of the view shown. */
function markCurrent(): void {
  const view = location.hash.slice(1).split(/[?/]/).filter(Boolean)[0] ?? '';
  for (const link of nav.querySelectorAll('a')) {
    const target = link.getAttribute('href')!.slice(2);
    if (target === view) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function route(notice: string | null = null): void {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  renderNav();
  if (!session.key()) {
    signInView(main, notice, () => route());
    return;
  }
  const hash = location.hash.startsWith('#/') ? location.hash.slice(1) : '/';
  const [path = '/', query = ''] = hash.split('?', 2);
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  window.scrollTo(0, 0);
  if (parts[0] === 'story' && parts[1]) {
    document.title = 'Story · Tickerwire';
    void storyView(main, parts[1], controller.signal);
  } else if (parts[0] === 'ticker' && parts[1]) {
    document.title = `${parts[1].toUpperCase()} · Tickerwire`;
    // Loaded when first needed: the chart library is most of the page's code, and the feed
    // (the first view) should not wait for it.
    const ticker = parts[1].toUpperCase();
    import('./views/ticker.ts').then(
      ({ tickerView }) => {
        if (!controller.signal.aborted) void tickerView(main, ticker, params, controller.signal);
      },
      () => {
        if (!controller.signal.aborted) main.replaceChildren(h('p', { class: 'message error', role: 'alert' }, 'The ticker page could not be loaded. Check that Tickerwire is running and reload.'));
      },
    );
  } else if (parts[0] === 'alerts') {
    document.title = 'Alerts · Tickerwire';
    void alertsView(main, params, controller.signal);
  } else if (parts[0] === 'sources') {
    document.title = 'Sources · Tickerwire';
    void sourcesView(main, controller.signal);
  } else {
    document.title = 'Feed · Tickerwire';
    void feedView(main, params, controller.signal);
  }
}

whenUnauthorized(() => {
  session.signOut();
  route('Your API key is no longer accepted (wrong, revoked or expired). Sign in again.');
});
document.getElementById('skip')?.addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});
window.addEventListener('hashchange', () => {
  route();
  // A new view: keyboard and screen-reader users start at its content, not at the old focus.
  if (session.key()) main.focus({ preventScroll: true });
});
route();
