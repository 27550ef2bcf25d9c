// The admin UI: one page, one view per hash route (#/dashboard, #/models, ...). A view is mounted into <main> with a
// context whose cleanups (timers, event streams, fetches) run when the route changes. Without a session where tenants
// are configured, every route shows the sign-in view.

import {api, session, whenSignedOut} from './api.js';
import {h, replace} from './dom.js';
import {clearError, showError} from './notify.js';
import * as dashboard from './dashboard.js';
import * as models from './models.js';
import * as backends from './backends.js';
import * as cache from './cache.js';
import * as tenants from './tenants.js';
import * as playground from './playground.js';
import * as signIn from './sign-in.js';

const ROUTES = {dashboard, models, backends, cache, tenants, playground};

/** Without tenants the admin API answers this machine only: what a browser elsewhere sees. */
const closed = {
  title: 'Closed',
  mount(main) {
    replace(main, h('div', {class: 'card narrow'}, h('h1', {tabindex: '-1'}, 'Open to this machine only'),
      h('p', {'data-test': 'closed-message'}, 'No tenant is configured on this gateway, so its admin UI answers only'
        + ' browsers on the machine it runs on. To use it from here, configure ',
      h('code', {}, 'caracal.security.tenants'),
      ' with a tenant that has the admin role (', h('code', {}, 'caracal hash-key --generate'),
      ' makes a key and its hash), then sign in with its key.')));
  },
};

let current = null;

/** What a view gets: its parameters, a place to register cleanups, and whether it is still the one shown. */
class ViewContext {
  constructor(params) {
    this.params = params;
    this.cleanups = [];
    this.alive = true;
    this.abort = new AbortController();
  }

  /** Registers what to undo when the view goes; after it went (a mount still awaiting), undoes it at once. */
  onCleanup(cleanup) {
    if (this.alive) this.cleanups.push(cleanup);
    else cleanup();
  }

  /** Runs `callback` every `millis` while the view is shown. */
  every(millis, callback) {
    const timer = setInterval(() => this.alive && callback(), millis);
    this.onCleanup(() => clearInterval(timer));
  }

  /** Shows `hash` (the current route again when it is already there): after signing in. */
  go(hash) {
    if (location.hash === hash) show();
    else location.hash = hash;
  }

  close() {
    this.alive = false;
    this.abort.abort();
    for (const cleanup of this.cleanups.splice(0)) {
      try {
        cleanup();
      } catch (failure) {
        console.error(failure);
      }
    }
  }
}

function parseHash() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = hash.split('?');
  return {name: path || 'dashboard', params: new URLSearchParams(query)};
}

async function show() {
  current?.close();
  clearError();
  const main = document.getElementById('main');
  const needsSignIn = session.tenantsConfigured && !session.signedIn;
  let {name, params} = parseHash();
  let view = ROUTES[name];
  if (needsSignIn) {
    view = signIn;
    name = 'sign-in';
  } else if (name === 'sign-in') {
    location.replace('#/dashboard');
    return;
  } else if (!view) {
    view = null;
  }
  if (!session.tenantsConfigured && !session.signedIn) {
    view = closed;
    name = 'closed';
  }
  renderChrome(name);
  window.scrollTo(0, 0);
  const context = new ViewContext(params);
  current = context;
  main.dataset.view = name;
  if (!view) {
    replace(main, h('h1', {tabindex: '-1'}, 'Not found'),
      h('p', {}, 'No page is called ', h('code', {}, name), '. ', h('a', {href: '#/dashboard'}, 'Go to the dashboard'),
        '.'));
  } else {
    replace(main);
    document.title = `${view.title} · Caracal admin`;
    try {
      await view.mount(main, context);
    } catch (failure) {
      if (context.alive) showError(failure.message);
    }
  }
  if (context.alive && focusNext) {
    main.querySelector('h1')?.focus();
  }
  focusNext = true;
}

let focusNext = false;

function renderChrome(route) {
  const signedIn = session.signedIn;
  document.getElementById('nav').hidden = !signedIn;
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.route === route) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const box = document.getElementById('session');
  box.hidden = !(session.tenantsConfigured && session.signedIn);
  document.getElementById('session-tenant').textContent = session.tenant ? `Signed in as ${session.tenant}` : '';
}

async function start() {
  try {
    await api.loadSession();
  } catch (failure) {
    replace(document.getElementById('main'), h('h1', {tabindex: '-1'}, 'Caracal admin'),
      h('p', {class: 'banner error', role: 'alert', 'data-test': 'session-error'}, failure.message));
    return;
  }
  whenSignedOut(() => show());
  document.getElementById('sign-out').addEventListener('click', async () => {
    try {
      await api.signOut();
    } catch (failure) {
      showError(failure.message);
    }
    show();
  });
  window.addEventListener('hashchange', show);
  // The link of the page already shown shows it afresh (from the top, read again).
  for (const link of document.querySelectorAll('#nav a, a.brand')) {
    link.addEventListener('click', event => {
      if (location.hash === link.getAttribute('href')) {
        event.preventDefault();
        focusNext = true;
        show();
      }
    });
  }
  show();
}

start();
