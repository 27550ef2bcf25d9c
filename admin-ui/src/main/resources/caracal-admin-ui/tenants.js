// Tenants: each tenant's roles, models, priority, limits and their use now (GET /admin/tenants). Keys are counted,
// never shown: the API holds no key and no hash for this page.

import {api} from './api.js';
import {formatInteger, h, replace, table} from './dom.js';

export const title = 'Tenants';

const LIMITS = {
  requestsPerSecond: 'requests/s',
  requestsPerMinute: 'requests/min',
  tokensPerMinute: 'tokens/min',
  maxConcurrent: 'at once',
};

export async function mount(main, context) {
  replace(main, h('div', {class: 'page-head'}, h('h1', {tabindex: '-1'}, 'Tenants')));
  const box = h('div', {id: 'tenants'});
  main.append(box);
  const render = document => {
    const tenants = document?.tenants ?? [];
    if (tenants.length === 0) {
      replace(box, h('p', {class: 'empty', 'data-test': 'no-tenants'}, 'No tenants are configured: the API and this'
        + ' page are open to clients on this machine only. ', h('code', {}, 'caracal hash-key --generate'),
      ' makes a key and its hash for ', h('code', {}, 'caracal.security.tenants'), '.'));
      return;
    }
    const headers = ['Name', 'Roles', 'Models', 'Priority', {text: 'Keys', number: true}, 'Limits',
      {text: 'In flight', number: true}, {text: 'Tokens left', number: true}];
    replace(box, h('div', {class: 'card'}, table('Tenants', headers, tenants.map(tenant => h('tr',
      {'data-test': 'tenant', 'data-tenant': tenant.name},
      h('th', {scope: 'row'}, tenant.name),
      h('td', {}, (tenant.roles ?? []).join(', ') || '—'),
      h('td', {}, (tenant.models ?? []).join(', ') || '—'),
      h('td', {}, tenant.priority ?? '—'),
      h('td', {class: 'number'}, formatInteger(tenant.keys)),
      h('td', {}, limits(tenant.limits)),
      h('td', {class: 'number'}, formatInteger(tenant.inFlight)),
      h('td', {class: 'number'}, tenant.tokensAvailable === null || tenant.tokensAvailable === undefined ? 'no limit'
        : formatInteger(tenant.tokensAvailable)))), {id: 'tenants-table'})));
  };
  render(await api.get('/admin/tenants'));
  context.every(3000, async () => {
    try {
      const document = await api.get('/admin/tenants');
      if (context.alive) render(document);
    } catch {
      // the next poll tries again; a lost session shows the sign-in view
    }
  });
}

function limits(value) {
  const set = Object.entries(value ?? {}).filter(([, limit]) => limit !== null && limit !== undefined && limit !== 0);
  if (set.length === 0) return 'none';
  return set.map(([key, limit]) => `${formatInteger(limit)} ${LIMITS[key] ?? key}`).join(', ');
}
