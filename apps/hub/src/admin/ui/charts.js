// Small SVG charts drawn from data: no library, nothing from the network.

const SVG = 'http://www.w3.org/2000/svg';
const PALETTE = ['#2f6fed', '#e8833a', '#2aa876', '#c2413b', '#8a5cd6', '#6b7b8c', '#d4a72c', '#1f9bb3'];

function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * Stacked columns: one column per x, one colour per series.
 * @param {{ x: string[], series: { name: string, values: number[] }[], title: string }} data
 */
export function stackedColumns({ x, series, title }) {
  const width = 720;
  const height = 220;
  const pad = { left: 40, right: 10, top: 10, bottom: 40 };
  const totals = x.map((_, i) => series.reduce((s, serie) => s + (serie.values[i] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const step = plotW / Math.max(1, x.length);
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, class: 'chart' });
  root.append(svg('title', {}, title));
  for (const fraction of [0, 0.5, 1]) {
    const y = pad.top + plotH * (1 - fraction);
    root.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: y, y2: y, class: 'gridline' }));
    root.append(svg('text', { x: pad.left - 6, y: y + 4, 'text-anchor': 'end', class: 'axis' }, String(Math.round(max * fraction))));
  }
  x.forEach((label, i) => {
    let y = pad.top + plotH;
    series.forEach((serie, s) => {
      const value = serie.values[i] ?? 0;
      if (value <= 0) return;
      const barH = (value / max) * plotH;
      y -= barH;
      const rect = svg('rect', {
        x: pad.left + i * step + 2,
        y,
        width: Math.max(1, step - 4),
        height: barH,
        fill: PALETTE[s % PALETTE.length],
      });
      rect.append(svg('title', {}, `${serie.name} · ${label}: ${value}`));
      root.append(rect);
    });
    if (x.length <= 24 || i % Math.ceil(x.length / 12) === 0) {
      root.append(
        svg('text', { x: pad.left + i * step + step / 2, y: height - pad.bottom + 14, 'text-anchor': 'middle', class: 'axis' }, label),
      );
    }
  });
  const legend = svg('g', { transform: `translate(${pad.left}, ${height - 12})` });
  series.forEach((serie, s) => {
    legend.append(svg('rect', { x: s * 150, y: -9, width: 10, height: 10, fill: PALETTE[s % PALETTE.length] }));
    legend.append(svg('text', { x: s * 150 + 14, y: 0, class: 'legend' }, serie.name));
  });
  root.append(legend);
  return root;
}

/**
 * Horizontal bars, one per label; `format` shows the value.
 * @param {{ items: { label: string, value: number, tone?: string }[], max?: number, title: string, format?: (v: number) => string }} data
 */
export function horizontalBars({ items, max, title, format = (v) => String(v) }) {
  const rowH = 24;
  const width = 720;
  // Labels such as `nengmao-demo · marketplace-changed-orders` are kept whole.
  const labelW = Math.min(340, Math.max(100, ...items.map((i) => i.label.length * 6.6 + 12)));
  const height = Math.max(rowH, items.length * rowH) + 8;
  const top = Math.max(max ?? 0, ...items.map((i) => i.value), 1e-9);
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, class: 'chart bars' });
  root.append(svg('title', {}, title));
  items.forEach((item, i) => {
    const y = 4 + i * rowH;
    root.append(svg('text', { x: labelW - 8, y: y + 15, 'text-anchor': 'end', class: 'axis' }, item.label));
    const w = ((width - labelW - 80) * item.value) / top;
    root.append(
      svg('rect', { x: labelW, y: y + 3, width: Math.max(item.value > 0 ? 2 : 0, w), height: rowH - 8, class: `bar ${item.tone ?? ''}` }),
    );
    root.append(svg('text', { x: labelW + w + 6, y: y + 15, class: 'axis' }, format(item.value)));
  });
  return root;
}
