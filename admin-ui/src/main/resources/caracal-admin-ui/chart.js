// A hand-written SVG line chart of the last few minutes: one or more series over time, a gap where a value is
// unknown (null), three labelled grid lines, a legend in HTML below.

import {h} from './dom.js';

const WIDTH = 360;
const HEIGHT = 140;
const LEFT = 52;
const RIGHT = 10;
const TOP = 10;
const BOTTOM = 22;

/** Colours and dash patterns, so that series differ without colour too. */
export const PALETTE = [
  {color: '#1f5fbf', dash: ''},
  {color: '#c2570c', dash: '6 3'},
  {color: '#2f7d32', dash: '2 3'},
  {color: '#7b3fa0', dash: '8 3 2 3'},
];

/**
 * The chart, as a figure.
 *
 * @param options.title      heading of the chart
 * @param options.times      sample times, epoch millis, ascending
 * @param options.series     [{label, values}] with one value (or null) per time
 * @param options.format     value → text, for the axis and the summary
 * @param options.window     seconds shown, ending at the last time
 * @param options.floor      the least top of the y axis (e.g. 1 for a share)
 * @param options.test       data-test of the figure
 */
export function lineChart({title, times, series, format, window = 120, floor = 0, test}) {
  const now = times.length > 0 ? times[times.length - 1] : Date.now();
  const start = now - window * 1000;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const known = series.flatMap(s => s.values.filter((v, i) => v !== null && v !== undefined && times[i] >= start));
  const top = niceCeiling(Math.max(floor, ...known, 0));
  const x = time => LEFT + ((time - start) / (window * 1000)) * plotWidth;
  const y = value => TOP + plotHeight - (top === 0 ? 0 : (value / top) * plotHeight);

  const svg = h('svg:svg', {viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'chart', role: 'img', 'aria-label':
    `${title}: ${series.map(s => `${s.label} ${format(last(s.values))}`).join(', ')}`});
  for (const fraction of [0, 0.5, 1]) {
    const value = top * fraction;
    svg.append(h('svg:line', {x1: LEFT, x2: WIDTH - RIGHT, y1: y(value), y2: y(value), class: 'grid'}),
      h('svg:text', {x: LEFT - 6, y: y(value) + 4, class: 'axis', 'text-anchor': 'end'}, format(value)));
  }
  const minutes = window / 60;
  [[start, `${minutes} min ago`, 'start'], [start + window * 500, `${minutes / 2} min ago`, 'middle'],
    [now, 'now', 'end']].forEach(([time, label, anchor]) =>
    svg.append(h('svg:text', {x: x(time), y: HEIGHT - 6, class: 'axis', 'text-anchor': anchor}, label)));

  series.forEach((s, index) => {
    const style = PALETTE[index % PALETTE.length];
    let path = '';
    let pen = false;
    let lastPoint = null;
    s.values.forEach((value, i) => {
      if (value === null || value === undefined || times[i] < start) {
        pen = false;
        return;
      }
      const point = `${x(times[i]).toFixed(1)},${y(value).toFixed(1)}`;
      path += `${pen ? 'L' : 'M'}${point}`;
      pen = true;
      lastPoint = [x(times[i]), y(value)];
    });
    if (path) {
      svg.append(h('svg:path', {d: path, class: 'series', stroke: style.color,
        'stroke-dasharray': style.dash || null}));
    }
    if (lastPoint) {
      svg.append(h('svg:circle', {cx: lastPoint[0], cy: lastPoint[1], r: 2.5, fill: style.color}));
    }
  });

  return h('figure', {class: 'chart-card', 'data-test': test},
    h('figcaption', {}, title),
    svg,
    h('ul', {class: 'legend'}, series.map((s, index) => {
      const style = PALETTE[index % PALETTE.length];
      return h('li', {},
        h('svg:svg', {width: 22, height: 8, 'aria-hidden': 'true'},
          h('svg:line', {x1: 0, x2: 22, y1: 4, y2: 4, stroke: style.color, 'stroke-width': 2.5,
            'stroke-dasharray': style.dash || null})),
        ` ${s.label} `, h('strong', {}, format(last(s.values))));
    })));
}

function last(values) {
  return values.length === 0 ? null : values[values.length - 1];
}

/** 1, 2 or 5 times a power of ten, at least `value`. */
function niceCeiling(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}
