// Dashboard: the live numbers of each model (GET /admin/live, then the `live` events of /admin/events every second),
// as text and as charts of the last two minutes. The event stream is closed when the page is left.

import {api, eventData} from './api.js';
import {lineChart} from './chart.js';
import {badge, formatNumber, formatPercent, formatSeconds, h, replace} from './dom.js';

export const title = 'Dashboard';

const WINDOW_SECONDS = 120;

/** Each model's samples, kept while the page is open in this tab (a gap marks the time away from the dashboard). */
const history = new Map();

function record(document) {
  const time = document.time ?? Date.now();
  const seen = new Set();
  for (const model of document.models ?? []) {
    seen.add(model.name);
    let samples = history.get(model.name);
    if (!samples) {
      samples = {times: [], rows: []};
      history.set(model.name, samples);
    }
    if (samples.times.length > 0 && time <= samples.times[samples.times.length - 1]) continue;
    samples.times.push(time);
    samples.rows.push(model);
    while (samples.times.length > 0 && samples.times[0] < time - WINDOW_SECONDS * 1000) {
      samples.times.shift();
      samples.rows.shift();
    }
  }
  for (const name of [...history.keys()]) {
    if (!seen.has(name)) history.delete(name);
  }
}

/** A null sample: no line is drawn across the time the page was not listening. */
function markGap() {
  for (const samples of history.values()) {
    if (samples.times.length > 0) {
      samples.times.push(samples.times[samples.times.length - 1] + 1);
      samples.rows.push(null);
    }
  }
}

const STATS = [
  ['generatedTokensPerSecond', 'Generated tokens/s', m => formatNumber(m.generatedTokensPerSecond)],
  ['requestsPerSecond', 'Requests/s', m => formatNumber(m.requestsPerSecond, 2)],
  ['runningRequests', 'Running', m => formatNumber(m.runningRequests, 0)],
  ['waitingRequests', 'Waiting', m => formatNumber(m.waitingRequests, 0)],
  ['kvCacheUsage', 'KV cache use', m => formatPercent(m.kvCacheUsage)],
  ['prefixCacheHitRate', 'Prefix-cache hits', m => formatPercent(m.prefixCacheHitRate)],
  ['tierHitRate', 'Redis tier hits', m => formatPercent(m.tierHitRate), m => m.tierHitRate !== null
    && m.tierHitRate !== undefined],
  ['timeToFirstToken', 'Time to first token p50 / p90 / p99', m => percentiles(m.timeToFirstToken)],
  ['timePerOutputToken', 'Time per output token p50 / p90 / p99', m => percentiles(m.timePerOutputToken)],
];

function percentiles(p) {
  return p ? [p.p50, p.p90, p.p99].map(formatSeconds).join(' / ') : '—';
}

function rawValue(model, key) {
  const value = model[key];
  if (value && typeof value === 'object') return value.p50 ?? '';
  return value ?? '';
}

function column(samples, pick) {
  return samples.rows.map(row => (row === null ? null : pick(row) ?? null));
}

function modelSection(name, samples) {
  const latest = samples.rows.findLast(row => row !== null);
  const id = `live-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const charts = [
    lineChart({title: 'Throughput (generated tokens/s)', times: samples.times, format: v => formatNumber(v),
      test: 'chart-throughput',
      series: [{label: 'tokens/s', values: column(samples, r => r.generatedTokensPerSecond)}]}),
    lineChart({title: 'Time to first token', times: samples.times, format: formatSeconds, test: 'chart-ttft',
      series: ['p50', 'p90', 'p99'].map(p => ({label: p, values: column(samples, r => r.timeToFirstToken?.[p])}))}),
    lineChart({title: 'Time per output token', times: samples.times, format: formatSeconds, test: 'chart-tpot',
      series: ['p50', 'p90', 'p99'].map(p => ({label: p, values: column(samples, r => r.timePerOutputToken?.[p])}))}),
    lineChart({title: 'Requests', times: samples.times, format: v => formatNumber(v), test: 'chart-requests',
      floor: 2, series: [{label: 'running', values: column(samples, r => r.runningRequests)},
        {label: 'waiting', values: column(samples, r => r.waitingRequests)}]}),
    lineChart({title: 'KV cache use', times: samples.times, format: formatPercent, floor: 1, test: 'chart-kv',
      series: [{label: 'in use', values: column(samples, r => r.kvCacheUsage)}]}),
    lineChart({title: 'Prefix-cache hit rate', times: samples.times, format: formatPercent, floor: 1,
      test: 'chart-prefix', series: [{label: 'this instance', values: column(samples, r => r.prefixCacheHitRate)},
        ...(latest?.tierHitRate !== null && latest?.tierHitRate !== undefined
          ? [{label: 'Redis tier', values: column(samples, r => r.tierHitRate)}] : [])]}),
  ];
  return h('section', {class: 'model-live card', 'data-test': 'model-live', 'data-model': name,
    'aria-labelledby': `${id}-title`},
  h('div', {class: 'section-head'},
    h('h2', {id: `${id}-title`}, name), latest ? badge(latest.state ?? 'unknown') : null),
  h('dl', {class: 'stats'}, STATS.filter(([, , , shown]) => !shown || (latest && shown(latest)))
    .map(([key, label, format]) => h('div', {class: 'stat'},
      h('dt', {}, label),
      h('dd', {'data-test': `stat-${key}`, 'data-value': latest ? rawValue(latest, key) : ''},
        latest ? format(latest) : '—')))),
  h('div', {class: 'charts'}, charts));
}

export async function mount(main, context) {
  const status = h('p', {id: 'live-status', class: 'muted', 'aria-live': 'polite'}, 'Connecting…');
  const updated = h('span', {id: 'live-updated', class: 'muted', 'data-test': 'live-updated'});
  const body = h('div', {id: 'dashboard-models'});
  replace(main,
    h('div', {class: 'page-head'}, h('h1', {tabindex: '-1'}, 'Dashboard'), updated),
    status, body);

  const show = document => {
    record(document);
    if (history.size === 0) {
      replace(body, h('p', {class: 'empty', 'data-test': 'no-models'}, 'No model is loaded. ',
        h('a', {href: '#/models'}, 'Load one on the Models page'), '.'));
    } else {
      replace(body, [...history.entries()].sort(([a], [b]) => a.localeCompare(b))
        .map(([name, samples]) => modelSection(name, samples)));
    }
    updated.textContent = `Updated ${new Date(document.time ?? Date.now()).toLocaleTimeString()}`;
  };

  let lastUpdate = 0;
  const render = document => {
    if (!context.alive) return;
    lastUpdate = Date.now();
    show(document);
  };
  markGap();
  render(await api.get('/admin/live'));
  // Should the event stream not deliver (a proxy that buffers it), the numbers still come, every two seconds.
  context.every(2000, async () => {
    if (Date.now() - lastUpdate < 3000) return;
    try {
      render(await api.get('/admin/live'));
    } catch {
      // the event stream's status line says what is wrong
    }
  });

  const events = new EventSource('/admin/events');
  context.onCleanup(() => events.close());
  events.addEventListener('open', () => {
    status.textContent = 'Live: updated every second.';
  });
  events.addEventListener('error', () => {
    status.textContent = events.readyState === EventSource.CLOSED
      ? 'The live feed closed. Reload the page to reconnect.' : 'The live feed was interrupted: reconnecting…';
  });
  events.addEventListener('live', event => render(eventData(event)));
}
