import { configureApi, login, logout, session } from './api.js';
import { h, replace } from './dom.js';
import { initialLanguage, language, setLanguage, t } from './i18n.js';
import { connectionsPage } from './pages/connections.js';
import { dashboardPage } from './pages/dashboard.js';
import { deadLettersPage } from './pages/dead-letters.js';
import { mappingsPage } from './pages/mappings.js';
import { orderPage, ordersPage } from './pages/orders.js';
import { reconciliationPage, reconciliationsPage } from './pages/reconciliations.js';

/** Hash routes: `#/orders/<id>` keeps the page bookmarkable and the server a single file. */
const ROUTES = [
  { pattern: /^\/dashboard$/, nav: 'nav.dashboard', render: dashboardPage },
  { pattern: /^\/orders$/, nav: 'nav.orders', render: ordersPage },
  { pattern: /^\/orders\/([^/]+)$/, render: orderPage },
  { pattern: /^\/dead-letters$/, nav: 'nav.deadLetters', render: deadLettersPage },
  { pattern: /^\/connections$/, nav: 'nav.connections', render: connectionsPage },
  { pattern: /^\/reconciliations$/, nav: 'nav.reconciliations', render: reconciliationsPage },
  { pattern: /^\/reconciliations\/([^/]+)$/, render: reconciliationPage },
  { pattern: /^\/mappings$/, nav: 'nav.mappings', render: mappingsPage },
  { pattern: /^\/mappings\/([^/]+)$/, render: mappingsPage },
];

const view = () => /** @type {HTMLElement} */ (document.getElementById('view'));
let signedIn = undefined;
let renderToken = 0;

function renderChrome() {
  document.title = t('app.title');
  const nav = /** @type {HTMLElement} */ (document.getElementById('nav'));
  const path = location.hash.slice(1) || '/dashboard';
  nav.hidden = !signedIn;
  replace(
    nav,
    ROUTES.filter((r) => r.nav).map((r) => {
      const href = `#${r.pattern.source.replace(/^\^|\$$/g, '').replace(/\\\//g, '/')}`;
      const active = path === href.slice(1) || path.startsWith(`${href.slice(1)}/`);
      return h('a', { href, class: active ? 'active' : undefined, 'aria-current': active ? 'page' : undefined }, t(r.nav));
    }),
  );
  const who = /** @type {HTMLElement} */ (document.getElementById('who'));
  who.textContent = signedIn ? `${signedIn.name} (${signedIn.scopes.join(', ')})` : '';
  const out = /** @type {HTMLButtonElement} */ (document.getElementById('logout'));
  out.hidden = !signedIn;
  out.textContent = t('logout');
}

function loginView(message) {
  const input = h('input', { id: 'api-key', name: 'key', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false' });
  const error = h('p', { class: 'error', role: 'alert' }, message ?? '');
  const form = h(
    'form',
    { class: 'login card', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, t('login.title')),
    h('label', { for: 'api-key' }, t('login.key')),
    input,
    h('p', { class: 'muted' }, t('login.help')),
    error,
    h('button', { type: 'submit', class: 'primary' }, t('login.submit')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    try {
      const principal = await login(/** @type {HTMLInputElement} */ (input).value);
      signIn(principal);
      if (!location.hash || location.hash === '#/login') location.hash = '#/dashboard';
      else void render();
    } catch (e) {
      error.textContent = e instanceof Error ? e.message : String(e);
    }
  });
  replace(view(), form);
  input.focus();
}

function signIn(principal) {
  signedIn = principal;
  configureApi({ csrfToken: principal.csrfToken });
}

async function render() {
  renderChrome();
  if (!signedIn) return loginView();
  const path = location.hash.slice(1) || '/dashboard';
  const route = ROUTES.find((r) => r.pattern.test(path));
  if (!route) {
    location.hash = '#/dashboard';
    return;
  }
  const token = ++renderToken;
  const params = route.pattern.exec(path)?.slice(1).map(decodeURIComponent) ?? [];
  const container = h('section', { class: 'page' }, h('p', { class: 'muted' }, t('common.loading')));
  replace(view(), container);
  try {
    await route.render(container, params, { principal: signedIn, isCurrent: () => token === renderToken });
  } catch (e) {
    if (token !== renderToken) return;
    replace(
      container,
      h('p', { class: 'error', role: 'alert' }, t('common.error', { message: e instanceof Error ? e.message : String(e) })),
      h('button', { type: 'button', onclick: () => void render() }, t('common.retry')),
    );
  }
}

async function start() {
  setLanguage(initialLanguage());
  const select = /** @type {HTMLSelectElement} */ (document.getElementById('lang'));
  select.value = language();
  select.addEventListener('change', () => {
    setLanguage(select.value);
    void render();
  });
  document.getElementById('logout')?.addEventListener('click', async () => {
    await logout();
    signedIn = undefined;
    void render();
  });
  configureApi({
    onSignedOut: () => {
      if (!signedIn) return;
      signedIn = undefined;
      renderChrome();
      loginView();
    },
  });
  const principal = await session();
  if (principal) signIn(principal);
  window.addEventListener('hashchange', () => void render());
  await render();
}

void start();
