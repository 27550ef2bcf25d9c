// Prefix cache: per model, the KV blocks (all, held by requests, holding a cached prefix), the hit rate, and the Redis
// tier's numbers when there is one, from GET /admin/stats and GET /admin/live every two seconds.

import {api} from './api.js';
import {badge, facts, formatAny, formatInteger, formatPercent, h, replace} from './dom.js';

export const title = 'Prefix cache';

export async function mount(main, context) {
  const box = h('div', {id: 'cache-models'});
  replace(main, h('div', {class: 'page-head'}, h('h1', {tabindex: '-1'}, 'Prefix cache')),
    h('p', {class: 'muted'}, 'KV blocks whose tokens a later prompt with the same prefix reuses instead of computing'
      + ' them again; with Redis, blocks are shared across instances too.'),
    box);
  const refresh = async () => {
    const [stats, live] = await Promise.all([api.get('/admin/stats'), api.get('/admin/live')]);
    if (context.alive) render(box, stats, live);
  };
  await refresh();
  context.every(2000, () => refresh().catch(() => {}));
}

function render(box, stats, live) {
  const models = stats?.models ?? [];
  if (models.length === 0) {
    replace(box, h('p', {class: 'empty', 'data-test': 'no-models'}, 'No model is loaded.'));
    return;
  }
  const liveByName = new Map((live?.models ?? []).map(model => [model.name, model]));
  replace(box, models.map(model => {
    const engine = model.engine ?? {};
    const now = liveByName.get(model.name) ?? liveByName.get(model.model) ?? {};
    const total = engine.kvBlocksTotal ?? 0;
    const tier = model.tier ?? engine.tier ?? null;
    const tierRate = now.tierHitRate;
    return h('section', {class: 'card', 'data-test': 'cache-model', 'data-model': model.name,
      'aria-labelledby': `cache-${model.name}`},
    h('div', {class: 'section-head'},
      h('h2', {id: `cache-${model.name}`}, model.name), badge(model.state ?? 'unknown')),
    h('div', {class: 'split'},
      h('div', {},
        bar('In use by requests', engine.kvBlocksUsed ?? 0, total, 'used'),
        bar('Holding a cached prefix', engine.kvBlocksCached ?? 0, total, 'cached'),
        facts([
          ['Blocks', h('span', {'data-test': 'blocks-total'}, formatInteger(total))],
          ['In use', h('span', {'data-test': 'blocks-used'}, formatInteger(engine.kvBlocksUsed))],
          ['Cached', h('span', {'data-test': 'blocks-cached'}, formatInteger(engine.kvBlocksCached))],
          ['Block size', engine.blockSize ? `${engine.blockSize} tokens` : '—'],
          ['Tokens held', engine.blockSize ? formatInteger(total * engine.blockSize) : '—'],
        ])),
      h('div', {},
        h('p', {class: 'big-number', 'data-test': 'hit-rate'},
          formatPercent(engine.prefixCacheHitRate ?? now.prefixCacheHitRate)),
        h('p', {class: 'muted'}, 'of prompt tokens found in the prefix cache since the model was loaded'),
        facts([
          ['KV cache use now', formatPercent(now.kvCacheUsage)],
          ['Preemptions', formatInteger(engine.preemptions)],
          ['Requests finished', formatInteger(engine.requestsFinished)],
        ]))),
    h('div', {class: 'tier', 'data-test': 'tier'},
      h('h3', {}, 'Redis tier'),
      tierRate === null || tierRate === undefined
        ? h('p', {class: 'muted'}, 'No Redis tier: prefixes are cached in this instance only (',
          h('code', {}, 'caracal.cache.redis.*'), ').')
        : facts([
          ['Hit rate', h('span', {'data-test': 'tier-hit-rate'}, formatPercent(tierRate))],
          ...Object.entries(tier ?? {}).map(([key, value]) => [key, formatAny(value)]),
        ])));
  }));
}

function bar(label, value, total, kind) {
  const share = total > 0 ? value / total : 0;
  // Set through the CSSOM, which a Content-Security-Policy without 'unsafe-inline' styles allows.
  const fill = h('div', {class: 'bar-fill'});
  fill.style.width = `${(share * 100).toFixed(1)}%`;
  return h('div', {class: 'bar-row'},
    h('div', {class: 'bar-label'}, h('span', {}, label),
      h('span', {class: 'muted'}, `${formatInteger(value)} of ${formatInteger(total)} (${formatPercent(share)})`)),
    h('div', {class: `bar bar-${kind}`, 'aria-hidden': 'true'}, fill));
}
