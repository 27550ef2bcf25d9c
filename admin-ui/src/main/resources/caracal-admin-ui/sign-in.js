// Sign in: a key of a tenant with the admin role (POST /admin/session) sets the session cookie; the answer's CSRF
// token goes with every request that changes anything.

import {api} from './api.js';
import {h, replace} from './dom.js';

export const title = 'Sign in';

export function mount(main, context) {
  const key = h('input', {id: 'sign-in-key', name: 'key', type: 'password', autocomplete: 'current-password',
    required: true, spellcheck: 'false', 'aria-describedby': 'sign-in-help sign-in-message'});
  const message = h('p', {id: 'sign-in-message', class: 'form-error', role: 'alert', 'data-test': 'sign-in-message'});
  const button = h('button', {type: 'submit', id: 'sign-in-submit', class: 'primary'}, 'Sign in');
  const form = h('form', {id: 'sign-in-form', class: 'card narrow', novalidate: true},
    h('h1', {tabindex: '-1'}, 'Sign in'),
    h('p', {id: 'sign-in-help', class: 'muted'},
      'Tenants are configured on this gateway: sign in with the API key of a tenant that has the admin role.'),
    h('div', {class: 'field'}, h('label', {for: 'sign-in-key'}, 'Admin key'), key),
    message,
    h('div', {class: 'actions'}, button));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    replace(message);
    if (!key.value.trim()) {
      replace(message, 'Enter a key.');
      key.focus();
      return;
    }
    button.disabled = true;
    try {
      await api.signIn(key.value.trim());
      context.go('#/dashboard');
    } catch (failure) {
      if (!context.alive) return;
      replace(message, failure.status === 401 ? `That key was refused: ${failure.message}`
        : `Signing in failed: ${failure.message}`);
      key.select();
      key.focus();
    } finally {
      button.disabled = false;
    }
  });
  replace(main, form);
  key.focus();
}
