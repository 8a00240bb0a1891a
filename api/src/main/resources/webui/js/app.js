// The console's shell: sign-in, the header, and the hash routes #/cluster, #/command, #/history[/OFFSET], #/audit, #/config.

import * as api from './api.js';
import { el, replace, page } from './dom.js';
import * as cluster from './cluster.js';
import * as command from './command.js';
import * as historyPage from './history.js';
import * as audit from './audit.js';
import * as config from './config.js';

const $ = (id) => document.getElementById(id);

let current = null; // {dispose} of the page shown
let signInOptions = { passwordSignIn: true, tokenSignIn: true };

function route(hash) {
  const path = (hash || '').replace(/^#/, '');
  const parts = path.split('?')[0].split('/').filter(Boolean);
  switch (parts[0]) {
    case 'cluster': return { page: cluster, nav: '#/cluster' };
    case 'command': return { page: command, nav: '#/command' };
    case 'history':
      if (parts.length > 1) return { page: historyPage, nav: '#/history', params: { offset: parts[1] } };
      return { page: historyPage, nav: '#/history', params: {} };
    case 'audit': return { page: audit, nav: '#/audit' };
    case 'config': return { page: config, nav: '#/config' };
    default: return null;
  }
}

function dispose() {
  if (current && typeof current.dispose === 'function') {
    try { current.dispose(); } catch (ignored) { /* the page is going anyway */ }
  }
  current = null;
}

function show(focus = true) {
  if (!api.session()) {
    showSignIn();
    return;
  }
  const target = route(location.hash);
  if (!target) {
    location.replace('#/cluster');
    return;
  }
  dispose();
  const host = $('page-host');
  for (const link of document.querySelectorAll('.nav-links a')) {
    if (link.getAttribute('href') === target.nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  try {
    current = target.page.render(host, target.params || {}) || null;
  } catch (e) {
    replace(host, page('page-error', 'Something went wrong', el('p', { class: 'error', role: 'alert' }, String(e && e.message ? e.message : e))));
  }
  if (focus) {
    const h1 = host.querySelector('h1');
    if (h1) h1.focus();
  }
  const h1 = host.querySelector('h1');
  document.title = (h1 ? h1.textContent + ' · ' : '') + 'ecledger console';
}

function showApp() {
  const s = api.session();
  $('page-signin').hidden = true;
  $('site-header').hidden = false;
  const roles = Array.isArray(s.roles) && s.roles.length ? s.roles.join(', ') : 'no roles';
  replace($('whoami'), el('span', { class: 'user' }, s.user || '?'), ' ', el('span', { class: 'roles' }, '(' + roles + ')'));
  show(true);
}

function showSignIn(message) {
  dispose();
  replace($('page-host'));
  $('site-header').hidden = true;
  $('page-signin').hidden = false;
  $('signin-password-fields').hidden = signInOptions.passwordSignIn === false;
  $('signin-token-fields').hidden = signInOptions.tokenSignIn === false;
  $('signin-or').hidden = signInOptions.passwordSignIn === false || signInOptions.tokenSignIn === false;
  $('signin-error').textContent = message || '';
  document.title = 'Sign in · ecledger console';
  const first = signInOptions.passwordSignIn === false ? $('signin-token') : $('signin-user');
  if (first) first.focus();
}

async function submitSignIn(event) {
  event.preventDefault();
  const error = $('signin-error');
  const button = $('signin-submit');
  error.textContent = '';
  const token = $('signin-token').value.trim();
  const user = $('signin-user').value.trim();
  const password = $('signin-password').value;
  let body;
  if (token && signInOptions.tokenSignIn !== false) {
    body = { token };
  } else if (user && signInOptions.passwordSignIn !== false) {
    body = { user, password };
  } else {
    error.textContent = signInOptions.passwordSignIn === false ? 'Enter a token.'
      : signInOptions.tokenSignIn === false ? 'Enter a user and password.' : 'Enter a user and password, or a token.';
    return;
  }
  button.disabled = true;
  try {
    await api.signIn(body);
    $('signin-password').value = '';
    $('signin-token').value = '';
    if (!route(location.hash)) window.history.replaceState(null, '', '#/cluster');
    showApp();
  } catch (e) {
    error.textContent = e.message || 'Sign-in failed';
    $('signin-password').value = '';
  } finally {
    button.disabled = false;
  }
}

async function signOut() {
  try {
    await api.signOut();
  } catch (ignored) {
    // the session is forgotten here either way
  }
  showSignIn('Signed out.');
}

async function start() {
  $('signin').addEventListener('submit', submitSignIn);
  $('signout').addEventListener('click', signOut);
  $('skip-link').addEventListener('click', (event) => {
    event.preventDefault();
    const h1 = Array.from(document.querySelectorAll('main h1')).find((h) => !h.closest('[hidden]'));
    (h1 || $('content')).focus();
  });
  window.addEventListener('hashchange', () => {
    if (!location.hash.startsWith('#/')) return; // an in-page anchor, not a route
    if (api.session()) show(true);
  });
  api.onUnauthorized(() => showSignIn('Your session has ended; sign in again.'));

  signInOptions = await api.sessionOptions();
  let s = null;
  try {
    s = await api.currentSession();
  } catch (e) {
    showSignIn(e.message);
    return;
  }
  if (s) showApp();
  else showSignIn();
}

start();
