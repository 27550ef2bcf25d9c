// Playground: a chat with a loaded model through POST /admin/chat/completions (the OpenAI chat API for an admin),
// streamed: fetch with a ReadableStream read as server-sent events, the text shown as it arrives with its speed.
// Stop aborts the fetch, which cancels the request on the gateway.

import {api, changeHeaders, errorOf} from './api.js';
import {formatNumber, h, replace} from './dom.js';
import {readEvents} from './sse.js';

export const title = 'Playground';

/** The settings and the conversation, kept while the tab is open. */
const kept = {model: '', system: '', temperature: '0.7', maxTokens: '256', messages: []};

export async function mount(main, context) {
  const model = h('select', {id: 'playground-model', name: 'model'});
  const system = h('textarea', {id: 'playground-system', name: 'system', rows: 4,
    placeholder: 'You are a helpful assistant.', value: kept.system});
  const temperature = h('input', {id: 'playground-temperature', name: 'temperature', type: 'number', min: 0, max: 2,
    step: 0.1, value: kept.temperature, inputmode: 'decimal'});
  const maxTokens = h('input', {id: 'playground-max-tokens', name: 'maxTokens', type: 'number', min: 1, step: 1,
    value: kept.maxTokens, inputmode: 'numeric'});
  const clear = h('button', {type: 'button', id: 'playground-clear'}, 'Clear the conversation');
  const list = h('ol', {id: 'playground-messages', class: 'messages', 'aria-label': 'Conversation'});
  const input = h('textarea', {id: 'playground-input', name: 'message', rows: 3, required: true,
    'aria-describedby': 'playground-input-help', placeholder: 'Once upon a time'});
  const send = h('button', {type: 'submit', id: 'playground-send', class: 'primary'}, 'Send');
  const stop = h('button', {type: 'button', id: 'playground-stop', class: 'danger', disabled: true}, 'Stop');
  const stats = h('p', {id: 'playground-stats', class: 'muted', 'data-test': 'playground-stats'});
  const error = h('p', {id: 'playground-error', class: 'form-error', role: 'alert', 'data-test': 'playground-error'});
  const noModel = h('p', {id: 'playground-no-model', class: 'notice', hidden: true}, 'No model is ready. ',
    h('a', {href: '#/models'}, 'Load one on the Models page'), '.');

  const composer = h('form', {id: 'playground-form', class: 'composer', 'aria-label': 'Message', novalidate: true},
    h('label', {for: 'playground-input'}, 'Message'),
    input,
    h('small', {id: 'playground-input-help', class: 'muted'}, 'Enter sends; Shift+Enter starts a new line.'),
    h('div', {class: 'actions'}, send, stop, stats));
  replace(main,
    h('div', {class: 'page-head'}, h('h1', {tabindex: '-1'}, 'Playground')),
    h('div', {class: 'playground'},
      h('section', {class: 'card settings', 'aria-labelledby': 'playground-settings'},
        h('h2', {id: 'playground-settings'}, 'Settings'),
        h('div', {class: 'field'}, h('label', {for: 'playground-model'}, 'Model'), model),
        noModel,
        h('div', {class: 'field'}, h('label', {for: 'playground-system'}, 'System prompt'), system),
        h('div', {class: 'form-grid two'},
          h('div', {class: 'field'}, h('label', {for: 'playground-temperature'}, 'Temperature'), temperature),
          h('div', {class: 'field'}, h('label', {for: 'playground-max-tokens'}, 'Max tokens'), maxTokens)),
        clear),
      h('section', {class: 'card chat', 'aria-labelledby': 'playground-chat'},
        h('h2', {id: 'playground-chat'}, 'Chat'),
        list, error, composer)));

  let controller = null;
  const setBusy = busy => {
    send.disabled = busy || !model.value;
    stop.disabled = !busy;
    input.readOnly = busy;
  };

  const refreshModels = async () => {
    const document = await api.get('/admin/models');
    if (!context.alive) return;
    const names = [...new Set((document.loaded ?? []).filter(m => m.state === 'ready')
      .map(m => m.alias || m.name))].sort();
    const selected = model.value || kept.model;
    if (names.join('\n') !== [...model.options].map(option => option.value).join('\n')) {
      replace(model, names.map(name => h('option', {value: name}, name)));
    }
    if (names.includes(selected)) model.value = selected;
    noModel.hidden = names.length > 0;
    model.disabled = names.length === 0;
    if (!controller) setBusy(false);
  };

  for (const [element, key] of [[system, 'system'], [temperature, 'temperature'], [maxTokens, 'maxTokens']]) {
    element.addEventListener('input', () => {
      kept[key] = element.value;
    });
  }
  model.addEventListener('change', () => {
    kept.model = model.value;
  });
  clear.addEventListener('click', () => {
    controller?.abort();
    kept.messages = [];
    replace(list);
    replace(stats);
    replace(error);
    input.focus();
  });
  input.addEventListener('keydown', event => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  stop.addEventListener('click', () => controller?.abort());
  context.onCleanup(() => controller?.abort());

  composer.addEventListener('submit', async event => {
    event.preventDefault();
    if (controller) return;
    replace(error);
    const text = input.value.trim();
    if (!text) {
      replace(error, 'Write a message first.');
      input.focus();
      return;
    }
    if (!model.value) {
      replace(error, 'No model is ready to chat with.');
      return;
    }
    const settings = readSettings(temperature, maxTokens);
    if (settings.problem) {
      replace(error, settings.problem);
      return;
    }
    kept.messages.push({role: 'user', content: text});
    list.append(messageItem('user', text, 'done'));
    input.value = '';
    const answer = {role: 'assistant', content: ''};
    const item = messageItem('assistant', '', 'streaming');
    const textNode = item.querySelector('.message-text');
    list.append(item);
    item.scrollIntoView({block: 'nearest'});

    const messages = [...(system.value.trim() ? [{role: 'system', content: system.value}] : []),
      ...kept.messages];
    controller = new AbortController();
    setBusy(true);
    const started = performance.now();
    let first = null;
    let last = null;
    let tokens = 0;
    let usageTokens = null;
    let finishReason = null;
    const showStats = () => {
      const counted = usageTokens ?? tokens;
      const rate = first !== null && last > first && counted > 1 ? (counted - 1) / ((last - first) / 1000) : null;
      replace(stats, `${counted} token${counted === 1 ? '' : 's'}`,
        rate === null ? '' : ` · ${formatNumber(rate)} tokens/s`,
        first === null ? '' : ` · first token after ${formatNumber(first - started, 0)} ms`);
      stats.dataset.tokens = String(counted);
      stats.dataset.tokensPerSecond = rate === null ? '' : String(rate);
    };
    let state = 'done';
    try {
      const response = await fetch('/admin/chat/completions', {
        method: 'POST',
        credentials: 'same-origin',
        headers: {...changeHeaders(), Accept: 'text/event-stream'},
        body: JSON.stringify({model: model.value, messages, temperature: settings.temperature,
          max_tokens: settings.maxTokens, stream: true, stream_options: {include_usage: true}}),
        signal: controller.signal,
      });
      if (!response.ok) throw await errorOf(response);
      await readEvents(response.body, ({data}) => {
        if (data === '[DONE]') return;
        const chunk = JSON.parse(data);
        if (chunk.error) throw new Error(chunk.error.message ?? 'the stream failed');
        const choice = chunk.choices?.[0];
        const piece = choice?.delta?.content ?? '';
        if (piece) {
          const now = performance.now();
          first ??= now;
          last = now;
          tokens++;
          answer.content += piece;
          textNode.textContent = answer.content;
        }
        if (choice?.finish_reason) finishReason = choice.finish_reason;
        if (chunk.usage?.completion_tokens !== undefined) usageTokens = chunk.usage.completion_tokens;
        showStats();
      });
    } catch (failure) {
      controller.abort();
      if (failure.name === 'AbortError') {
        state = 'stopped';
      } else {
        state = 'error';
        if (context.alive) replace(error, `The model did not answer: ${failure.message}`);
      }
    } finally {
      controller = null;
      if (answer.content || state === 'done') kept.messages.push(answer);
      else kept.messages.pop();
      item.dataset.state = state;
      if (finishReason) item.dataset.finishReason = finishReason;
      const note = state === 'stopped' ? 'stopped' : finishReason === 'length' ? 'max tokens reached' : null;
      if (note) item.querySelector('.message-role').append(h('span', {class: 'muted'}, ` (${note})`));
      if (context.alive) {
        showStats();
        setBusy(false);
        input.focus();
      }
    }
  });

  for (const message of kept.messages) list.append(messageItem(message.role, message.content, 'done'));
  await refreshModels();
  context.every(5000, () => refreshModels().catch(() => {}));
  input.focus();
}

function readSettings(temperatureInput, maxTokensInput) {
  const temperature = Number(temperatureInput.value);
  if (temperatureInput.value.trim() === '' || !(temperature >= 0 && temperature <= 2)) {
    return {problem: 'The temperature is a number from 0 to 2.'};
  }
  const maxTokens = Number(maxTokensInput.value);
  if (!Number.isInteger(maxTokens) || maxTokens < 1) {
    return {problem: 'Max tokens is a whole number above 0.'};
  }
  return {temperature, maxTokens};
}

function messageItem(role, text, state) {
  return h('li', {class: `message message-${role}`, 'data-test': 'message', 'data-role': role, 'data-state': state},
    h('div', {class: 'message-role'}, role === 'user' ? 'You' : 'Model'),
    h('div', {class: 'message-text', 'aria-live': role === 'assistant' && state === 'streaming' ? 'polite' : null},
      text));
}
