// A small accessible SVG line chart (no library): points [{x: Date, y: number}].
const NS = 'http://www.w3.org/2000/svg';

export function lineChart(container, points, { label, format = (v) => String(v) }) {
  container.replaceChildren();
  const w = 600, h = 180, pad = { l: 56, r: 12, t: 10, b: 24 };
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  svg.setAttribute('role', 'img');
  const data = points.filter((p) => p.y !== null && Number.isFinite(p.y));
  const last = data.length ? format(data[data.length - 1].y) : 'no data yet';
  svg.setAttribute('aria-label', `${label}: ${data.length} points, latest ${last}`);
  if (data.length === 0) {
    const t = document.createElementNS(NS, 'text');
    t.setAttribute('x', w / 2);
    t.setAttribute('y', h / 2);
    t.setAttribute('text-anchor', 'middle');
    t.setAttribute('class', 'empty');
    t.textContent = 'no data yet';
    svg.append(t);
    container.append(svg);
    return;
  }
  const xs = data.map((p) => p.x.getTime());
  const ys = data.map((p) => p.y);
  const x0 = Math.min(...xs), x1 = Math.max(...xs, x0 + 1);
  const y1 = Math.max(...ys, 0) || 1;
  const sx = (x) => pad.l + ((x - x0) / (x1 - x0)) * (w - pad.l - pad.r);
  const sy = (y) => h - pad.b - (y / y1) * (h - pad.t - pad.b);
  for (const v of [0, y1 / 2, y1]) {
    const g = document.createElementNS(NS, 'line');
    g.setAttribute('x1', pad.l); g.setAttribute('x2', w - pad.r);
    g.setAttribute('y1', sy(v)); g.setAttribute('y2', sy(v));
    g.setAttribute('class', 'grid');
    const t = document.createElementNS(NS, 'text');
    t.setAttribute('x', pad.l - 6); t.setAttribute('y', sy(v) + 4);
    t.setAttribute('text-anchor', 'end');
    t.textContent = format(v);
    svg.append(g, t);
  }
  for (const [x, anchor] of [[x0, 'start'], [x1, 'end']]) {
    const t = document.createElementNS(NS, 'text');
    t.setAttribute('x', sx(x)); t.setAttribute('y', h - 6);
    t.setAttribute('text-anchor', anchor);
    t.textContent = new Date(x).toLocaleTimeString();
    svg.append(t);
  }
  const line = document.createElementNS(NS, 'polyline');
  line.setAttribute('points', data.map((p) => `${sx(p.x.getTime()).toFixed(1)},${sy(p.y).toFixed(1)}`).join(' '));
  line.setAttribute('class', 'line');
  svg.append(line);
  if (data.length === 1) {
    const c = document.createElementNS(NS, 'circle');
    c.setAttribute('cx', sx(xs[0])); c.setAttribute('cy', sy(ys[0])); c.setAttribute('r', 3);
    c.setAttribute('class', 'dot');
    svg.append(c);
  }
  container.append(svg);
}
