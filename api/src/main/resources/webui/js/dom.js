// Small DOM helpers: every piece of server text goes in as a text node, never as markup.

/**
 * An element: {@code attrs} sets attributes (class, id, data-*, aria-*, hidden, ...) and {@code on*} listeners;
 * children are nodes or strings (strings become text nodes). null/undefined/false children are skipped.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'text') {
      node.textContent = String(value);
    } else if (value === true) {
      node.setAttribute(name, '');
    } else {
      node.setAttribute(name, String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
}

/** Replaces every child of {@code node}. */
export function replace(node, ...children) {
  while (node.firstChild) node.removeChild(node.firstChild);
  append(node, children);
  return node;
}

/** A page's section with its h1 (focusable for route changes). */
export function page(id, title, ...children) {
  return el('section', { id, class: 'page', 'aria-labelledby': id + '-title' },
    el('h1', { id: id + '-title', tabindex: '-1' }, title), ...children);
}

/** An inline refusal: role=alert, empty (and so silent) until {@link showError}. */
export function alertBox(id) {
  return el('p', { id, class: 'error', role: 'alert' });
}

export function showError(box, error) {
  box.textContent = error ? (error.message || String(error)) : '';
}

/** An ISO-8601 time as local text, the ISO form in the title; '' for none. */
export function timeEl(iso) {
  if (!iso) return el('span', { class: 'muted' }, '—');
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return el('span', {}, String(iso));
  return el('time', { datetime: String(iso), title: String(iso) }, date.toLocaleString());
}

/** How long ago {@code iso} was, as 3s, 4m 10s, 2h 5m, 3d 1h; '' for none. */
export function age(iso, now = Date.now()) {
  if (!iso) return '';
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return '';
  let seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 60) return seconds + 's';
  const minutes = Math.floor(seconds / 60);
  seconds %= 60;
  if (minutes < 60) return minutes + 'm ' + seconds + 's';
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return hours + 'h ' + (minutes % 60) + 'm';
  return Math.floor(hours / 24) + 'd ' + (hours % 24) + 'h';
}

// The symbol and the class (colour) of each state word; the word itself is always shown too.
const LOOK = {
  // a node's answer (NodeStatus)
  OK: ['✓', 'good'],
  ERROR: ['✗', 'bad'],
  REJECTED: ['⊘', 'bad'],
  EXPIRED: ['◔', 'bad'],
  UNKNOWN: ['?', 'warn'],
  CANCELLED: ['⊗', 'muted'],
  // how far a node got (NodeResult.State)
  ANSWERED: ['✓', 'good'],
  WAITING: ['‖', 'wait'],
  PENDING: ['…', 'wait'],
  DELIVERED: ['↓', 'wait'],
  RUNNING: ['▶', 'wait'],
  UNDELIVERED: ['✗', 'bad'],
  TIMED_OUT: ['◔', 'bad'],
  // membership
  ALIVE: ['✓', 'good'],
  SILENT: ['⚠', 'bad'],
  LEFT: ['–', 'muted'],
  // keys
  ACCEPTED: ['✓', 'good'],
};

export function look(word) {
  return LOOK[String(word || '').toUpperCase()] || ['•', 'muted'];
}

/** The state word as people read it: timed_out → timed out. */
export function wordOf(state) {
  const word = String(state || '');
  // an answer's status stays as the API writes it (OK, ERROR, ...); a state word reads in lower case
  const shown = STATUSES.has(word) ? word : word.toLowerCase();
  return shown.replace(/_/g, ' ');
}

const STATUSES = new Set(['OK', 'ERROR', 'REJECTED', 'EXPIRED', 'UNKNOWN', 'CANCELLED']);

/** A state badge: symbol and word, never colour alone. */
export function badge(word) {
  const [symbol, tone] = look(word);
  return el('span', { class: 'badge tone-' + tone },
    el('span', { class: 'symbol', 'aria-hidden': 'true' }, symbol), ' ', wordOf(word));
}

/**
 * A tile: {@code <button class="tile" data-node data-state>} with the node name, the state as symbol + word, and
 * extra detail lines.
 */
export function tile(node, state, details = [], attrs = {}) {
  const [symbol, tone] = look(state);
  const button = el('button', Object.assign({
    type: 'button', class: 'tile tone-' + tone, 'data-node': node, 'data-state': state,
  }, attrs),
  el('span', { class: 'tile-node' }, node),
  el('span', { class: 'tile-state' }, el('span', { class: 'symbol', 'aria-hidden': 'true' }, symbol), ' ', wordOf(state)),
  details.filter((d) => d !== null && d !== undefined && d !== '').map((d) => el('span', { class: 'tile-detail' }, d)));
  return button;
}

/** Updates a tile made by {@link tile} in place, keeping focus. */
export function setTileState(button, state, details = []) {
  const [symbol, tone] = look(state);
  button.dataset.state = state;
  button.className = 'tile tone-' + tone;
  const name = button.dataset.node;
  replace(button,
    el('span', { class: 'tile-node' }, name),
    el('span', { class: 'tile-state' }, el('span', { class: 'symbol', 'aria-hidden': 'true' }, symbol), ' ', wordOf(state)),
    details.filter((d) => d !== null && d !== undefined && d !== '').map((d) => el('span', { class: 'tile-detail' }, d)));
}

/** Describes a target as the API writes it: {broadcast: true}, {subcluster: NAME}, {node: NAME}. */
export function targetText(target) {
  if (!target) return '';
  if (target.broadcast) return 'broadcast';
  if (target.subcluster) return 'subcluster ' + target.subcluster;
  if (target.node) return 'node ' + target.node;
  return JSON.stringify(target);
}

/** Counts {phase: n} as "ok 3 · error 1". */
export function countsText(counts) {
  if (!counts) return '';
  return Object.entries(counts).map(([phase, n]) => wordOf(phase) + ' ' + n).join(' · ');
}

/** A table with a caption, header cells and rows (arrays of cells or tr elements). */
export function table(attrs, caption, headers, rows) {
  const body = el('tbody', {}, rows.map((row) => (row instanceof Node ? row : el('tr', {}, row.map((c) => el('td', {}, c))))));
  // each cell names its column, for the stacked layout of narrow screens
  for (const tr of body.rows) {
    Array.from(tr.cells).forEach((cell, i) => {
      if (headers[i] && !cell.hasAttribute('data-label')) cell.setAttribute('data-label', headers[i]);
    });
  }
  return el('div', { class: 'table-wrap' },
    el('table', attrs,
      caption ? el('caption', {}, caption) : null,
      el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col' }, h)))),
      body));
}
