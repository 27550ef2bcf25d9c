// Models: what is loaded (state, backend, context, pin, unload), the files of caracal.model-directories (load one,
// inspect one), the hub cache (delete a repository) and pulls from the hub with their progress. Kept current by the
// `models` and `pull` events of /admin/events while the page is shown. A gateway without the hub endpoints (GET
// /admin/pulls answers 404) shows that instead of the pull form.

import {api, eventData} from './api.js';
import {attempt, showError} from './notify.js';
import {badge, facts, formatAny, formatBytes, formatCount, formatInteger, h, replace, table} from './dom.js';

export const title = 'Models';

export async function mount(main, context) {
  const inspectPath = context.params.get('inspect');
  if (inspectPath) {
    await mountInspect(main, context, inspectPath);
    return;
  }
  const state = {models: {loaded: [], available: [], cached: []}, pulls: new Map(), open: new Set()};
  const loadedBox = h('div', {id: 'loaded-models'});
  const availableBox = h('div', {id: 'available-files'});
  const loadPanel = h('div', {id: 'load-panel'});
  const cachedBox = h('div', {id: 'cached-models'});
  const pullsBox = h('div', {id: 'pulls', 'aria-live': 'polite'});
  const directories = h('p', {class: 'muted', id: 'model-directories'});
  const hubBox = h('div', {id: 'hub'});

  replace(main,
    h('div', {class: 'page-head'}, h('h1', {tabindex: '-1'}, 'Models')),
    h('section', {class: 'card', 'aria-labelledby': 'loaded-title'},
      h('h2', {id: 'loaded-title'}, 'Loaded'), loadedBox),
    h('section', {class: 'card', 'aria-labelledby': 'available-title'},
      h('h2', {id: 'available-title'}, 'Available files'),
      directories, availableBox, loadPanel),
    h('section', {class: 'card', 'aria-labelledby': 'hub-title'},
      h('h2', {id: 'hub-title'}, 'Hub models'), hubBox));

  let shown = null;
  const renderAll = () => {
    if (!context.alive) return;
    // Drawn again only when something changed, so that a control is not replaced under the pointer for nothing.
    const document = JSON.stringify(state.models);
    if (document === shown) return;
    shown = document;
    keepFocus(main, () => {
      renderLoaded(loadedBox, state, reload);
      renderAvailable(availableBox, state, file => openLoadForm(loadPanel, file, reload));
      if (state.hub) renderCached(cachedBox, state, reload, file => openLoadForm(loadPanel, file, reload));
      followLoad(loadPanel, state);
      replace(directories, 'Models in ', (state.models.directories ?? []).length === 0
        ? h('code', {}, 'caracal.model-directories')
        : state.models.directories.map((directory, i) => [i > 0 ? ', ' : '', h('code', {}, directory)]), '.');
    });
  };
  const renderPulls = () => keepFocus(main, () => renderPullList(pullsBox, state));

  let reloading = null;
  async function reload() {
    // One request at a time; a reload asked for meanwhile runs once after it.
    if (reloading) {
      reloading.again = true;
      return reloading.promise;
    }
    reloading = {again: false};
    reloading.promise = (async () => {
      do {
        reloading.again = false;
        const models = await attempt(() => api.get('/admin/models'));
        if (models && context.alive) {
          state.models = models;
          renderAll();
        }
      } while (reloading.again && context.alive);
      reloading = null;
    })();
    return reloading.promise;
  }

  const [models, pulls] = await Promise.all([api.get('/admin/models'),
    api.get('/admin/pulls').catch(failure => {
      if (failure.status !== 404) showError(`Pulls: ${failure.message}`);
      return null;
    })]);
  if (!context.alive) return;
  state.models = models;
  state.hub = pulls !== null;
  if (state.hub) {
    for (const pull of pulls) state.pulls.set(pull.id, pull);
    replace(hubBox, pullForm(state, () => renderPulls()), pullsBox, h('h3', {}, 'Cached'), cachedBox);
  } else {
    replace(hubBox, h('p', {class: 'empty', 'data-test': 'no-hub'},
      'This gateway does not pull models from a hub (it has no /admin/pulls).'));
  }
  renderAll();
  renderPulls();

  const events = new EventSource('/admin/events');
  context.onCleanup(() => events.close());
  // The event says that a model changed state; the page reads the whole document again.
  events.addEventListener('models', () => reload());
  events.addEventListener('pull', event => {
    const pull = eventData(event);
    const before = state.pulls.get(pull.id);
    state.pulls.set(pull.id, pull);
    renderPulls();
    if (pull.state === 'done' && before?.state !== 'done') reload();
  });
  // Loading and draining end in an event; this poll only covers an event stream that dropped one.
  context.every(2000, () => {
    if (state.models.loaded.some(model => model.state === 'loading' || model.state === 'draining')) reload();
  });
}

/** Re-renders without losing the focused control: it is found again by its data-focus key. */
function keepFocus(root, render) {
  const key = document.activeElement?.closest?.('[data-focus]')?.dataset.focus;
  render();
  if (key) {
    const again = root.querySelector(`[data-focus="${CSS.escape(key)}"]`);
    if (again && again !== document.activeElement) again.focus();
  }
}

function renderLoaded(box, state, reload) {
  const loaded = state.models.loaded ?? [];
  if (loaded.length === 0) {
    replace(box, h('p', {class: 'empty', 'data-test': 'no-loaded-models'},
      'No model is loaded. Load one from the files below.'));
    return;
  }
  const rows = loaded.map(model => {
    const busy = model.state === 'draining' || model.state === 'stopped';
    const pin = h('button', {type: 'button', class: 'toggle', 'aria-pressed': String(Boolean(model.pinned)),
      'data-test': 'pin', 'data-focus': `pin:${model.name}`, disabled: busy,
      'aria-label': `Pin ${model.name}`, title: 'A pinned model is never unloaded for being idle'},
    model.pinned ? 'Pinned' : 'Not pinned');
    pin.addEventListener('click', () => attempt(async () => {
      await api.put(`/admin/models/${encodeURIComponent(model.name)}/pin`, {pinned: !model.pinned});
      await reload();
    }));
    const unload = h('button', {type: 'button', class: 'danger', 'data-test': 'unload', disabled: busy,
      'data-focus': `unload:${model.name}`, 'aria-label': `Unload ${model.name}`}, 'Unload');
    unload.addEventListener('click', () => attempt(async () => {
      unload.disabled = true;
      await api.delete(`/admin/models/${encodeURIComponent(model.name)}`);
      await reload();
    }));
    const details = h('details', {'data-test': 'model-summary', open: state.open.has(model.name)},
      h('summary', {'data-focus': `summary:${model.name}`}, 'Summary'),
      model.summary ? summaryFacts(model.summary) : h('p', {class: 'muted'}, 'Not loaded yet.'));
    details.addEventListener('toggle', () => {
      if (details.open) state.open.add(model.name);
      else state.open.delete(model.name);
    });
    return h('tr', {'data-test': 'loaded-model', 'data-model': model.name, 'data-state': model.state},
      h('th', {scope: 'row'}, h('div', {}, model.name),
        model.alias && model.alias !== model.name ? h('div', {class: 'muted small'}, `alias ${model.alias}`) : null,
        h('div', {class: 'muted small path'}, model.path ?? '')),
      h('td', {}, badge(model.state ?? 'unknown'),
        model.error ? h('div', {class: 'form-error small', 'data-test': 'model-error'}, model.error) : null),
      h('td', {}, model.backend ?? '—'),
      h('td', {class: 'number'}, formatInteger(model.contextLength)),
      h('td', {}, pin),
      h('td', {class: 'number'}, idle(model)),
      h('td', {}, details),
      h('td', {class: 'actions-cell'}, unload));
  });
  replace(box, table('Loaded models',
    ['Name', 'State', 'Backend', {text: 'Context', number: true}, 'Pinned', {text: 'Idle', number: true}, 'Details',
      h('span', {class: 'visually-hidden'}, 'Actions')], rows, {id: 'loaded-table'}));
}

function idle(model) {
  if (model.idleSeconds === null || model.idleSeconds === undefined) return '—';
  const keep = model.keepAliveSeconds ? ` of ${duration(model.keepAliveSeconds)}` : '';
  return `${duration(model.idleSeconds)}${keep}`;
}

function duration(seconds) {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

function summaryFacts(summary) {
  return facts([
    ['Container', summary.container],
    ['Architecture', summary.architecture],
    ['Parameters', formatCount(summary.parameters)],
    ['Weights', formatBytes(summary.weightBytes)],
    ['Backend', summary.backendChoice ? `${summary.backend} (${summary.backendChoice})` : summary.backend],
    ['KV cache', summary.kvCacheBytes === undefined ? undefined
      : `${formatBytes(summary.kvCacheBytes)} ${summary.kvCacheType ?? ''} (${summary.kvMemory ?? ''})`],
    ['KV blocks', summary.kvBlocks === undefined ? undefined
      : `${formatInteger(summary.kvBlocks)} of ${summary.blockSize} tokens`
        + ` = ${formatInteger(summary.kvTokens)} tokens`],
    ['Full-context requests at once', formatInteger(summary.fullContextRequests)],
    ['Max sequences', formatInteger(summary.maxSequences)],
    ['Loaded in', summary.loadMillis === undefined ? undefined : `${formatInteger(summary.loadMillis)} ms`],
    ['Warmed up in', summary.warmUpMillis === undefined || summary.warmUpMillis < 0 ? undefined
      : `${formatInteger(summary.warmUpMillis)} ms`],
  ]);
}

function renderAvailable(box, state, onLoad) {
  const files = state.models.available ?? [];
  if (files.length === 0) {
    replace(box, h('p', {class: 'empty', 'data-test': 'no-available-files'},
      'No model files found. Set caracal.model-directories to the folders that hold your GGUF files or Hugging Face'
      + ' model directories.'));
    return;
  }
  const rows = files.map(file => {
    const load = h('button', {type: 'button', class: 'primary', 'data-test': 'load', 'data-focus': `load:${file.path}`,
      'aria-label': `Load ${file.name}`}, 'Load…');
    load.addEventListener('click', () => onLoad(file));
    const details = h('a', {class: 'button-link', href: `#/models?inspect=${encodeURIComponent(file.path)}`,
      'data-test': 'inspect', 'aria-label': `Details of ${file.name}`}, 'Details');
    return h('tr', {'data-test': 'available-file', 'data-path': file.path, 'data-name': file.name},
      h('th', {scope: 'row'}, h('div', {}, file.name), h('div', {class: 'muted small path'}, file.path),
        file.error ? h('div', {class: 'form-error small', 'data-test': 'file-error'}, file.error) : null),
      h('td', {}, file.format ?? '—'),
      h('td', {class: 'number'}, formatBytes(file.bytes)),
      h('td', {}, file.architecture ?? '—'),
      h('td', {}, file.quantization ?? '—'),
      h('td', {class: 'number'}, formatCount(file.parameters)),
      h('td', {'data-test': 'loaded-as'}, (file.loaded ?? []).join(', ') || '—'),
      h('td', {class: 'actions-cell'}, file.error ? null : [load, ' '], details));
  });
  replace(box, table('Model files', ['File', 'Format', {text: 'Size', number: true}, 'Architecture', 'Quantization',
    {text: 'Parameters', number: true},
    'Loaded as', h('span', {class: 'visually-hidden'}, 'Actions')], rows, {id: 'available-table'}));
}

/** The form that loads `file` (POST /admin/models), below the files' table. */
function openLoadForm(panel, file, reload) {
  const field = (id, label, input, help) => h('div', {class: 'field'},
    h('label', {for: id}, label), input, help ? h('small', {id: `${id}-help`, class: 'muted'}, help) : null);
  const alias = h('input', {id: 'load-alias', name: 'alias', placeholder: file.name.replace(/\.gguf$/i, ''),
    'aria-describedby': 'load-alias-help', autocomplete: 'off'});
  const contextLength = h('input', {id: 'load-context', name: 'contextLength', type: 'number', min: 1, step: 1,
    inputmode: 'numeric', 'aria-describedby': 'load-context-help'});
  const kvMemory = h('input', {id: 'load-kv-memory', name: 'kvMemory', placeholder: 'e.g. 256MB',
    'aria-describedby': 'load-kv-memory-help', autocomplete: 'off', pattern: '\\s*\\d+(\\.\\d+)?\\s*[KMGT]?B?\\s*'});
  const backend = h('input', {id: 'load-backend', name: 'backend', placeholder: 'auto', autocomplete: 'off',
    'aria-describedby': 'load-backend-help'});
  const pinned = h('input', {id: 'load-pinned', name: 'pinned', type: 'checkbox'});
  const message = h('p', {id: 'load-message', class: 'form-error', role: 'alert', 'data-test': 'load-message'});
  const submit = h('button', {type: 'submit', id: 'load-submit', class: 'primary'}, 'Load');
  const cancel = h('button', {type: 'button', id: 'load-cancel', class: 'quiet'}, 'Cancel');
  const form = h('form', {id: 'load-form', class: 'inline-form', 'aria-labelledby': 'load-title', novalidate: true},
    h('h3', {id: 'load-title'}, 'Load ', h('code', {}, file.name)),
    h('div', {class: 'form-grid'},
      field('load-alias', 'Alias', alias, 'The name clients send as "model" (default: the file name).'),
      field('load-context', 'Context length', contextLength, 'Tokens per request (default: the model\'s).'),
      field('load-kv-memory', 'KV memory', kvMemory, 'e.g. 256MB (default: half the free memory).'),
      field('load-backend', 'Backend', backend, 'cpu, reference, … (default: the best available).'),
      h('div', {class: 'field checkbox'}, pinned,
        h('label', {for: 'load-pinned'}, 'Pinned (never unloaded when idle)'))),
    message,
    h('div', {class: 'actions'}, submit, cancel));
  cancel.addEventListener('click', () => {
    replace(panel);
    document.querySelector(`[data-focus="${CSS.escape(`load:${file.path}`)}"]`)?.focus();
  });
  form.addEventListener('submit', async event => {
    event.preventDefault();
    replace(message);
    const body = {path: file.path};
    if (alias.value.trim()) body.alias = alias.value.trim();
    if (contextLength.value.trim()) {
      const value = Number(contextLength.value);
      if (!Number.isInteger(value) || value <= 0) {
        replace(message, 'The context length is a whole number of tokens above 0.');
        contextLength.focus();
        return;
      }
      body.contextLength = value;
    }
    if (kvMemory.value.trim()) {
      if (!kvMemory.checkValidity()) {
        replace(message, 'The KV memory is a size such as 256MB or 2GB.');
        kvMemory.focus();
        return;
      }
      body.kvMemory = kvMemory.value.replace(/\s+/g, '');
    }
    if (backend.value.trim()) body.backend = backend.value.trim();
    if (pinned.checked) body.pinned = true;
    submit.disabled = true;
    try {
      const model = await api.post('/admin/models', body);
      const name = model?.name ?? body.alias ?? file.name;
      replace(panel, h('p', {class: 'notice', role: 'status', 'data-test': 'load-status', 'data-model': name},
        `Loading ${name}…`));
      await reload();
    } catch (failure) {
      replace(message, `Not loaded: ${failure.message}`);
      submit.disabled = false;
    }
  });
  replace(panel, form);
  alias.focus();
}

/** The load panel's notice, once the model it started is ready or failed. */
function followLoad(panel, state) {
  const notice = panel.querySelector('[data-test="load-status"]');
  const model = notice && (state.models.loaded ?? []).find(m => m.name === notice.dataset.model);
  if (!model || model.state === 'loading' || notice.dataset.state === model.state) return;
  notice.dataset.state = model.state;
  if (model.state === 'ready') {
    replace(notice, `${model.name} is ready. `, h('a', {href: '#/playground'}, 'Chat with it in the playground'), '.');
  } else if (model.state === 'failed') {
    notice.className = 'banner error';
    replace(notice, `${model.name} failed to load: ${model.error ?? 'no reason given'}`);
  }
}

function renderCached(box, state, reload, onLoad) {
  const cached = state.models.cached ?? [];
  const where = state.models.hubCache;
  const directories = state.models.directories ?? [];
  const outside = where && directories.length > 0
    && !directories.some(directory => where === directory || where.startsWith(`${directory.replace(/\/$/, '')}/`));
  const folder = where ? h('p', {class: 'muted', 'data-test': 'hub-cache'}, 'Pulled into ', h('code', {}, where), '.',
    outside ? ' It is not in a model directory, so a pulled model loads only once it is moved or the cache is listed'
      + ' in caracal.model-directories.' : '') : null;
  if (cached.length === 0) {
    replace(box, folder,
      h('p', {class: 'empty', 'data-test': 'no-cached-models'}, 'Nothing is cached from the hub yet.'));
    return;
  }
  const rows = cached.map(entry => {
    const load = h('button', {type: 'button', 'data-test': 'load-cached', 'data-focus': `load:${entry.path}`,
      'aria-label': `Load ${entry.file} of ${entry.repository}`}, 'Load…');
    load.addEventListener('click', () => onLoad({path: entry.path, name: entry.file.split('/').pop()}));
    const remove = h('button', {type: 'button', class: 'danger', 'data-test': 'delete-cached',
      'data-focus': `delete:${entry.repository}:${entry.file}`, 'aria-label': `Delete ${entry.repository}`}, 'Delete');
    remove.addEventListener('click', () => {
      if (!confirm(`Delete every cached file of ${entry.repository}?`)) return;
      attempt(async () => {
        const [org, name] = entry.repository.split('/');
        await api.delete(`/admin/cache/${encodeURIComponent(org)}/${encodeURIComponent(name)}`);
        await reload();
      });
    });
    return h('tr', {'data-test': 'cached-model', 'data-repository': entry.repository},
      h('th', {scope: 'row'}, entry.repository),
      h('td', {}, entry.revision ?? '—'),
      h('td', {}, h('div', {}, entry.file ?? '—'), h('div', {class: 'muted small path'}, entry.path ?? '')),
      h('td', {class: 'number'}, formatBytes(entry.bytes)),
      h('td', {class: 'actions-cell'}, load, ' ', remove));
  });
  replace(box, folder, table('Cached hub models', ['Repository', 'Revision', 'File', {text: 'Size', number: true},
    h('span', {class: 'visually-hidden'}, 'Actions')], rows, {id: 'cached-table'}));
}

function pullForm(state, renderPulls) {
  const repository = h('input', {id: 'pull-repository', name: 'repository', required: true,
    placeholder: 'org/name', autocomplete: 'off', spellcheck: 'false'});
  const file = h('input', {id: 'pull-file', name: 'file', required: true, placeholder: 'model-Q4_0.gguf',
    autocomplete: 'off', spellcheck: 'false'});
  const revision = h('input', {id: 'pull-revision', name: 'revision', value: 'main', autocomplete: 'off'});
  const message = h('p', {id: 'pull-message', class: 'form-error', role: 'alert', 'data-test': 'pull-message'});
  const submit = h('button', {type: 'submit', id: 'pull-submit', class: 'primary'}, 'Pull');
  const form = h('form', {id: 'pull-form', class: 'inline-form', 'aria-labelledby': 'pull-title', novalidate: true},
    h('h3', {id: 'pull-title'}, 'Pull from the hub'),
    h('div', {class: 'form-grid'},
      h('div', {class: 'field'}, h('label', {for: 'pull-repository'}, 'Repository'), repository),
      h('div', {class: 'field'}, h('label', {for: 'pull-file'}, 'File'), file),
      h('div', {class: 'field'}, h('label', {for: 'pull-revision'}, 'Revision'), revision)),
    message,
    h('div', {class: 'actions'}, submit));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    replace(message);
    if (!/^[^/\s]+\/[^/\s]+$/.test(repository.value.trim())) {
      replace(message, 'The repository is org/name, as on the hub.');
      repository.focus();
      return;
    }
    if (!file.value.trim()) {
      replace(message, 'Name the file to pull, e.g. a .gguf file of the repository.');
      file.focus();
      return;
    }
    submit.disabled = true;
    try {
      const pull = await api.post('/admin/pulls', {repository: repository.value.trim(), file: file.value.trim(),
        revision: revision.value.trim() || 'main'});
      // Its events may have come first: they are newer than this answer.
      if (pull?.id !== undefined && !state.pulls.has(pull.id)) {
        state.pulls.set(pull.id, pull);
        renderPulls();
      }
    } catch (failure) {
      replace(message, `Not pulled: ${failure.message}`);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

function renderPullList(box, state) {
  const pulls = [...state.pulls.values()].reverse();
  if (pulls.length === 0) {
    replace(box);
    return;
  }
  replace(box, h('ul', {class: 'pulls'}, pulls.map(pull => {
    const total = pull.bytesTotal ?? 0;
    const done = pull.bytesDone ?? 0;
    const label = `${pull.repository}/${pull.file}`;
    const progress = h('progress', {max: total > 0 ? total : 1, 'aria-label': `Progress of ${label}`,
      value: pull.state === 'done' ? (total > 0 ? total : 1) : total > 0 ? done : null});
    return h('li', {'data-test': 'pull', 'data-id': pull.id, 'data-state': pull.state},
      h('div', {class: 'section-head'}, h('strong', {}, label),
        h('span', {class: 'muted'}, `@ ${pull.revision ?? 'main'}`),
        badge(pull.state)),
      progress,
      h('div', {class: 'muted small', 'data-test': 'pull-progress'},
        `${formatBytes(done)}${total > 0 ? ` of ${formatBytes(total)}` : ''}`
        + (pull.state === 'running' && pull.bytesPerSecond ? ` · ${formatBytes(pull.bytesPerSecond)}/s` : '')
        + (pull.path ? ` · ${pull.path}` : '')),
      pull.error ? h('div', {class: 'form-error small'}, pull.error) : null);
  })));
}

/** Details of one file: GET /admin/inspect (what caracal inspect --json prints). */
async function mountInspect(main, context, path) {
  replace(main,
    h('p', {}, h('a', {href: '#/models', 'data-test': 'back-to-models'}, '← Models')),
    h('h1', {tabindex: '-1'}, 'Details'),
    h('p', {class: 'muted path'}, path),
    h('p', {class: 'muted'}, 'Reading the file…'));
  const report = await api.get(`/admin/inspect?path=${encodeURIComponent(path)}`);
  if (!context.alive) return;
  const architecture = report.architecture ?? {};
  const metadata = Object.entries(report.metadata ?? {});
  const tensors = report.tensors ?? [];
  replace(main,
    h('p', {}, h('a', {href: '#/models', 'data-test': 'back-to-models'}, '← Models')),
    h('h1', {tabindex: '-1'}, 'Details of ', h('code', {}, path.split('/').pop())),
    h('section', {class: 'card', id: 'inspect', 'aria-label': 'File'},
      facts([
        ['Path', report.path ?? path],
        ['Container', report.container],
        ['Parameters', report.parameterCount === undefined ? undefined
          : `${formatCount(report.parameterCount)} (${formatInteger(report.parameterCount)})`],
        ['Tensor data', report.tensorBytes === undefined ? undefined : formatBytes(report.tensorBytes)],
        ['Tensors', formatInteger(tensors.length)],
      ], {'data-test': 'inspect-file'})),
    h('section', {class: 'card', 'aria-labelledby': 'inspect-architecture'},
      h('h2', {id: 'inspect-architecture'}, 'Architecture'),
      facts(Object.entries(architecture).map(([key, value]) => [key, formatAny(value)]),
        {'data-test': 'inspect-architecture'})),
    h('section', {class: 'card', 'aria-labelledby': 'inspect-metadata'},
      h('h2', {id: 'inspect-metadata'}, `Metadata (${metadata.length})`),
      table('Metadata', ['Key', 'Value'], metadata.map(([key, value]) =>
        h('tr', {}, h('th', {scope: 'row'}, h('code', {}, key)), h('td', {class: 'wrap'}, formatAny(value)))))),
    h('section', {class: 'card', 'aria-labelledby': 'inspect-tensors'},
      h('details', {},
        h('summary', {}, h('h2', {id: 'inspect-tensors', class: 'inline'}, `Tensors (${tensors.length})`)),
        table('Tensors', ['Name', 'Shape', 'Type', {text: 'Bytes', number: true}], tensors.map(tensor => h('tr', {},
          h('th', {scope: 'row'}, h('code', {}, tensor.name)),
          h('td', {}, (tensor.shape ?? []).join(' × ')),
          h('td', {}, tensor.type ?? '—'),
          h('td', {class: 'number'}, formatBytes(tensor.bytes))))))));
}
