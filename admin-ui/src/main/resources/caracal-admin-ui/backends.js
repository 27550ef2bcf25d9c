// Backends: every backend the gateway found (GET /admin/backends), available or not and why, its details and devices.

import {api} from './api.js';
import {badge, facts, formatAny, formatBytes, h, replace, table} from './dom.js';

export const title = 'Backends';

export async function mount(main, context) {
  replace(main, h('div', {class: 'page-head'}, h('h1', {tabindex: '-1'}, 'Backends')),
    h('p', {class: 'muted'}, 'Found through ServiceLoader; a model runs on the best available one unless its backend is'
      + ' named.'));
  const backends = await api.get('/admin/backends');
  if (!context.alive) return;
  const list = h('div', {id: 'backends', class: 'cards'});
  main.append(list);
  if (!backends || backends.length === 0) {
    replace(list, h('p', {class: 'empty'}, 'No backend was found on the class path.'));
    return;
  }
  const sorted = [...backends].sort((a, b) => Number(b.available) - Number(a.available) || (b.score ?? 0)
    - (a.score ?? 0));
  replace(list, sorted.map(backend => h('section', {class: 'card', 'data-test': 'backend',
    'data-backend': backend.name, 'data-available': String(Boolean(backend.available)),
    'aria-labelledby': `backend-${backend.name}`},
  h('div', {class: 'section-head'},
    h('h2', {id: `backend-${backend.name}`}, backend.name),
    backend.available ? badge('available', 'ready') : badge('unavailable', 'failed'),
    backend.score !== undefined && backend.score !== null ? h('span', {class: 'muted'}, `score ${backend.score}`)
      : null),
  (backend.reasons ?? []).length > 0
    ? h('div', {}, h('h3', {}, backend.available ? 'Notes' : 'Why it is unavailable'),
      h('ul', {class: 'reasons', 'data-test': 'backend-reasons'}, backend.reasons.map(reason => h('li', {}, reason))))
    : null,
  backend.error ? h('p', {class: 'form-error', 'data-test': 'backend-error'}, backend.error) : null,
  Object.keys(backend.details ?? {}).length > 0
    ? h('div', {}, h('h3', {}, 'Details'),
      facts(Object.entries(backend.details).map(([key, value]) => [key, formatAny(value)])))
    : null,
  devices(backend.devices ?? []))));
}

function devices(list) {
  if (list.length === 0) return h('p', {class: 'muted'}, 'No devices.');
  const extra = [...new Set(list.flatMap(device => Object.keys(device)))]
    .filter(key => key !== 'name' && key !== 'memoryBytes');
  return h('div', {}, h('h3', {}, 'Devices'),
    table('Devices', ['Name', {text: 'Memory', number: true}, ...extra.map(key => key[0].toUpperCase() + key.slice(1))],
      list.map(device => h('tr', {'data-test': 'device'},
      h('th', {scope: 'row'}, device.name ?? '—'),
      h('td', {class: 'number'}, formatBytes(device.memoryBytes)),
      extra.map(key => h('td', {}, formatAny(device[key])))))));
}
