// Building the page: h() makes an element from a tag, attributes and children; the format helpers write numbers
// for people.

/**
 * An element: h('button', {type: 'button', onclick: f, 'data-test': 'x'}, 'Text', child).
 * Attributes named on* become listeners; `dataset`-style names pass through as attributes; false and null are left
 * out; children may be strings, nodes, arrays or null.
 */
export function h(tag, attributes = {}, ...children) {
  const element = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'value' && 'value' in element) {
      element.value = value;
    } else if (name === 'checked' || name === 'disabled' || name === 'selected') {
      element[name] = Boolean(value);
      if (value) element.setAttribute(name, '');
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces the children of `element`. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A two-column list of label and value. */
export function facts(entries, attributes = {}) {
  return h('dl', {class: 'facts', ...attributes},
    entries.filter(([, value]) => value !== undefined).map(([label, value]) => [h('dt', {}, label),
      h('dd', {}, value === null || value === '' ? '—' : value)]));
}

/**
 * A table from column headers and rows of cells. A header is its text (or node), or {text, number: true} for a column
 * of numbers (aligned right).
 */
export function table(caption, headers, rows, attributes = {}) {
  const th = header => (header && typeof header === 'object' && !(header instanceof Node)
    ? h('th', {scope: 'col', class: header.number ? 'number' : null}, header.text)
    : h('th', {scope: 'col'}, header));
  return h('div', {class: 'table-wrap'},
    h('table', attributes,
      caption ? h('caption', {class: 'visually-hidden'}, caption) : null,
      h('thead', {}, h('tr', {}, headers.map(th))),
      h('tbody', {}, rows)));
}

export function badge(text, kind = text) {
  return h('span', {class: `badge badge-${kind}`}, text);
}

const number = new Intl.NumberFormat('en', {maximumFractionDigits: 1});
const integer = new Intl.NumberFormat('en', {maximumFractionDigits: 0});

export function formatNumber(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return digits === 1 ? number.format(value)
    : new Intl.NumberFormat('en', {maximumFractionDigits: digits}).format(value);
}

export function formatInteger(value) {
  return value === null || value === undefined ? '—' : integer.format(value);
}

export function formatBytes(bytes) {
  if (bytes === null || bytes === undefined) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

export function formatPercent(share) {
  return share === null || share === undefined ? '—' : `${(share * 100).toFixed(1)}%`;
}

/** Seconds as ms below one second (three significant digits), else s. */
export function formatSeconds(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds === 0) return '0 ms';
  if (seconds >= 1) return `${seconds.toFixed(2)} s`;
  const millis = seconds * 1000;
  return `${millis.toFixed(millis < 10 ? 2 : millis < 100 ? 1 : 0)} ms`;
}

export function formatCount(value) {
  if (value === null || value === undefined) return '—';
  return value >= 1e9 ? `${(value / 1e9).toFixed(2)}B` : value >= 1e6 ? `${(value / 1e6).toFixed(1)}M`
    : value >= 1e3 ? `${(value / 1e3).toFixed(1)}K` : String(value);
}

/** A value of unknown shape (backend details, limits) as text. */
export function formatAny(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
