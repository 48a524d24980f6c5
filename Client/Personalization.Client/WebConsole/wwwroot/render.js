// Small DOM builders shared by the views. Text goes in as text (never as HTML); widths are set through the CSSOM,
// which the page's Content-Security-Policy (no inline styles) allows.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('data-') || key.startsWith('aria-') || key === 'role' || key === 'datetime' || key === 'type') node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export const $ = id => document.getElementById(id);

export function fill(container, ...children) {
  container.replaceChildren(...children.flat().filter(c => c !== null && c !== undefined && c !== false));
}

export function empty(text) {
  return el('p', { class: 'empty', text });
}

export function num(value, digits = 3) {
  return typeof value === 'number' ? value.toFixed(digits).replace(/\.?0+$/, '') || '0' : '—';
}

/** A horizontal bar chart: one row per item (label, bar scaled to the largest value, value). */
export function bars(container, items, label, value, format = v => num(v), describe = null) {
  if (!items || items.length === 0) {
    fill(container, empty('nothing yet'));
    return;
  }
  const max = Math.max(...items.map(value), 1e-9);
  const rows = [];
  for (const item of items) {
    const v = value(item);
    const fillBar = el('span', { class: 'fill' });
    fillBar.style.width = `${Math.max(0, Math.min(100, (v / max) * 100)).toFixed(1)}%`;
    rows.push(
      el('span', { class: 'label', text: label(item) }),
      el('span', { class: 'track', role: 'img', 'aria-label': describe ? describe(item) : `${label(item)}: ${format(v)}` }, fillBar),
      el('span', { class: 'value', text: format(v) }));
  }
  fill(container, rows);
}

export function stats(container, pairs) {
  fill(container, pairs.flatMap(([term, value]) => [el('dt', { text: term }), el('dd', { text: value ?? '—' })]));
}

export function time(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}
