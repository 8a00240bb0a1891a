// #/history: GET /v1/history with the console's filters as query parameters (HistoryResource), paged by page/limit;
// #/history/OFFSET: GET /v1/history/{offset} (HistoryRecord), each node's whole output from
// GET /v1/commands/{id}/nodes/{node}/output.

import * as api from './api.js';
import { el, replace, page, alertBox, showError, timeEl, badge, targetText, countsText, table } from './dom.js';
import { nodeWord } from './command.js';

// the filters and page last listed, kept while the console is open so the detail's "back" returns to them
let remembered = { filters: {}, page: 1 };

const TEXT_FILTERS = [
  ['actor', 'Actor', 'alice'],
  ['since', 'Since', '2h or 2026-11-25T10:00:00Z'],
  ['until', 'Until', '15m or 2026-11-25'],
  ['node', 'Node', 'a node name'],
  ['subcluster', 'Subcluster', 'a subcluster name'],
  ['text', 'Command text contains', ''],
  ['regex', 'Command text matches (RE2)', ''],
];

function field(id, label, control, hint) {
  return el('div', { class: 'field' }, el('label', { for: id }, label), control,
    hint ? el('span', { class: 'muted small', id: id + '-hint' }, hint) : null);
}

export function render(host, params) {
  if (params.offset !== undefined) return renderDetail(host, params.offset);
  return renderList(host);
}

function renderList(host) {
  const error = alertBox('history-error');
  const status = el('p', { id: 'history-status', class: 'status', 'aria-live': 'polite' });
  const results = el('div', { id: 'history-results' });
  const prev = el('button', { type: 'button', id: 'history-prev', disabled: true }, '‹ Prev');
  const next = el('button', { type: 'button', id: 'history-next', disabled: true }, 'Next ›');
  const pager = el('nav', { class: 'pager', 'aria-label': 'History pages' }, prev, status, next);

  if (!api.may('history')) {
    replace(host, page('page-history', 'History', el('p', { class: 'muted' }, 'Your role may not read the history.')));
    return null;
  }

  const controls = {};
  const fields = TEXT_FILTERS.map(([name, label, placeholder]) => {
    const input = el('input', { id: 'history-' + name, name, type: 'text', autocomplete: 'off', spellcheck: 'false',
      placeholder: placeholder || null });
    controls[name] = input;
    return field(input.id, label, input);
  });
  const origin = el('select', { id: 'history-origin', name: 'origin' },
    el('option', { value: '' }, 'any'),
    ['console', 'rest', 'control_listener', 'replay', 'system'].map((o) => el('option', { value: o }, o)));
  const statusSelect = el('select', { id: 'history-status-filter', name: 'status' },
    el('option', { value: '' }, 'any'),
    [['error', 'a node answered ERROR or REJECTED'], ['expired', 'a node expired or missed the deadline'],
      ['pending', 'a node has not answered yet'], ['rejected', 'a node refused to run it'],
      ['denied', 'refused by the policy']].map(([v, t]) => el('option', { value: v }, v + ' — ' + t)));
  const limit = el('input', { id: 'history-limit', name: 'limit', type: 'number', min: '1', max: '1000', step: '1',
    placeholder: '20', inputmode: 'numeric' });
  const broadcast = el('input', { id: 'history-broadcast', name: 'broadcast', type: 'checkbox' });
  const oldest = el('input', { id: 'history-oldest-first', name: 'oldest-first', type: 'checkbox' });
  controls.origin = origin;
  controls.status = statusSelect;
  controls.limit = limit;

  const form = el('form', { id: 'history-form', class: 'card', novalidate: true },
    el('fieldset', {}, el('legend', {}, 'Filters'),
      el('div', { class: 'form-grid' }, fields,
        field('history-origin', 'Origin', origin),
        field('history-status-filter', 'Status', statusSelect),
        field('history-limit', 'Per page', limit),
        el('div', { class: 'field checks' },
          el('span', { class: 'check' }, broadcast, el('label', { for: 'history-broadcast' }, 'Broadcasts only')),
          el('span', { class: 'check' }, oldest, el('label', { for: 'history-oldest-first' }, 'Oldest first'))))),
    el('div', { class: 'actions' },
      el('button', { type: 'submit', class: 'primary', id: 'history-search' }, 'Search'),
      el('button', { type: 'reset', id: 'history-clear' }, 'Clear')),
    error);

  replace(host, page('page-history', 'History', form, pager, results));

  // restore what was listed last
  for (const [name, value] of Object.entries(remembered.filters)) {
    if (name === 'broadcast') broadcast.checked = value === 'true';
    else if (name === 'oldest-first') oldest.checked = value === 'true';
    else if (controls[name]) controls[name].value = value;
  }

  function filters() {
    const out = {};
    for (const [name, control] of Object.entries(controls)) {
      const value = control.value.trim();
      if (value) out[name] = value;
    }
    if (broadcast.checked) out.broadcast = 'true';
    if (oldest.checked) out['oldest-first'] = 'true';
    return out;
  }

  let pages = 1;
  let current = 1;
  let stopped = false;
  let seq = 0;

  async function load(filterValues, pageNumber, focusTable) {
    const mine = ++seq;
    const query = new URLSearchParams(filterValues);
    if (pageNumber > 1) query.set('page', String(pageNumber));
    showError(error, null);
    status.textContent = 'Loading…';
    try {
      const body = await api.getJson('/v1/history' + (query.toString() ? '?' + query : ''));
      if (stopped || mine !== seq) return;
      remembered = { filters: filterValues, page: pageNumber };
      current = body.page || pageNumber;
      const limitValue = body.limit || 20;
      pages = Math.max(1, Math.ceil((body.total || 0) / limitValue));
      prev.disabled = current <= 1;
      next.disabled = current >= pages;
      status.textContent = 'Page ' + current + ' of ' + pages + ' · ' + body.total + (body.total === 1 ? ' match' : ' matches')
        + (body.oldestFirst ? ' · oldest first' : ' · newest first');
      const denied = Array.isArray(body.denied) && body.denied.length > 0;
      replace(results, denied ? deniedTable(body.denied) : entriesTable(body.entries || []));
      if (focusTable) {
        const caption = results.querySelector('caption [tabindex]');
        if (caption) caption.focus();
      }
    } catch (e) {
      if (stopped || mine !== seq) return;
      showError(error, e);
      status.textContent = '';
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load(filters(), 1, false);
  });
  form.addEventListener('reset', () => {
    setTimeout(() => load({}, 1, false), 0);
  });
  prev.addEventListener('click', () => { if (current > 1) load(remembered.filters, current - 1, true); });
  next.addEventListener('click', () => { if (current < pages) load(remembered.filters, current + 1, true); });

  load(remembered.filters, remembered.page, false);
  return { dispose() { stopped = true; } };
}

function entriesTable(entries) {
  const rows = entries.map((e) => el('tr', { 'data-offset': e.offset },
    el('td', {}, el('a', { href: '#/history/' + e.offset, 'aria-label': 'Ledger offset ' + e.offset + ': details' }, String(e.offset))),
    el('td', {}, timeEl(e.issuedAt)),
    el('td', {}, e.actor),
    el('td', {}, e.origin),
    el('td', {}, targetText(e.target)),
    el('td', { class: 'mono' }, e.commandText),
    el('td', {}, countsText(e.counts) || '—'),
    el('td', {}, [
      e.cancel ? 'cancelled by ' + e.cancel.actor : null,
      e.rollout ? 'rollout ' + e.rollout : null,
      e.replayOf !== null && e.replayOf !== undefined ? 'replay of ' + e.replayOf : null,
      e.rerunOf ? 'rerun of ' + e.rerunOf : null,
      e.flushed ? 'flushed' : null,
    ].filter(Boolean).join('; '))));
  if (!rows.length) return el('p', { class: 'muted', id: 'history-table' }, 'No command matches these filters.');
  return table({ id: 'history-table' }, el('span', { tabindex: '-1' }, 'Issued commands'),
    ['Offset', 'Issued', 'Actor', 'Origin', 'Target', 'Command', 'Nodes', 'Notes'], rows);
}

function deniedTable(denied) {
  const rows = denied.map((d) => el('tr', { 'data-offset': d.offset },
    el('td', {}, el('a', { href: '#/history/' + d.offset }, String(d.offset))),
    el('td', {}, timeEl(d.deniedAt)),
    el('td', {}, d.actor),
    el('td', {}, d.origin),
    el('td', { class: 'mono' }, d.line),
    el('td', {}, d.rule),
    el('td', {}, d.reason)));
  return table({ id: 'history-table' }, el('span', { tabindex: '-1' }, 'Commands the policy refused'),
    ['Offset', 'Denied', 'Actor', 'Origin', 'Line', 'Rule', 'Reason'], rows);
}

// --- #/history/OFFSET ---------------------------------------------------------------------------------------------

function facts(pairs) {
  return el('dl', { class: 'facts' }, pairs.filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

function renderDetail(host, offset) {
  const error = alertBox('history-detail-error');
  const body = el('div', { id: 'history-detail' }, el('p', { class: 'status', 'aria-live': 'polite' }, 'Loading…'));
  const back = el('p', {}, el('a', { href: '#/history' }, '‹ Back to the history'));
  replace(host, page('page-history-detail', 'Ledger offset ' + offset, back, error, body));
  if (!api.may('history')) {
    replace(body, el('p', { class: 'muted' }, 'Your role may not read the history.'));
    return null;
  }
  let stopped = false;

  api.getJson('/v1/history/' + api.seg(offset)).then((record) => {
    if (stopped) return;
    const parts = [];
    parts.push(facts([
      ['Kind', record.kind],
      ['Time', record.time ? timeEl(record.time) : null],
      ['Actor', record.actor],
      ['Origin', record.origin],
      ['Summary', record.summary],
    ]));
    if (record.command) parts.push(commandDetail(record.command, () => stopped));
    if (record.denial) {
      const d = record.denial;
      parts.push(el('section', { 'aria-labelledby': 'denial-title' }, el('h2', { id: 'denial-title' }, 'Refused by the policy'),
        facts([['Line', el('code', {}, d.line)], ['Actor', d.actor], ['Origin', d.origin], ['Rule', d.rule],
          ['Reason', d.reason], ['Denied at', timeEl(d.deniedAt)]])));
    }
    if (record.policy) {
      const p = record.policy;
      parts.push(el('section', { 'aria-labelledby': 'policy-title' }, el('h2', { id: 'policy-title' }, 'Policy loaded'),
        facts([['SHA-256', el('code', {}, p.sha256)], ['Source', p.source]]),
        el('pre', { class: 'output' }, p.text)));
    }
    if (Array.isArray(record.quarantined) && record.quarantined.length) {
      parts.push(el('section', { 'aria-labelledby': 'quarantined-title' },
        el('h2', { id: 'quarantined-title' }, 'Not from the node (quarantined)'),
        table({ id: 'history-quarantined' }, null, ['Node', 'Status', 'Reason', 'Where'],
          record.quarantined.map((q) => [q.node, q.status, q.reason, q.topic + '/' + q.partition + '@' + q.offset]))));
    }
    if (Array.isArray(record.refused) && record.refused.length) {
      parts.push(el('section', { 'aria-labelledby': 'refused-title' },
        el('h2', { id: 'refused-title' }, 'Records the nodes refused to run'),
        table({ id: 'history-refused' }, null, ['Node', 'Record offset', 'Reason', 'Refused at'],
          record.refused.map((r) => [r.node, String(r.recordOffset), r.reason, timeEl(r.refusedAt)]))));
    }
    replace(body, parts);
  }).catch((e) => {
    if (stopped) return;
    replace(body);
    showError(error, e);
  });

  return { dispose() { stopped = true; } };
}

function commandDetail(entry, isStopped) {
  const nodes = Array.isArray(entry.nodes) ? entry.nodes.slice().sort((a, b) => a.node.localeCompare(b.node)) : [];
  const section = el('section', { 'aria-labelledby': 'detail-command-title' },
    el('h2', { id: 'detail-command-title' }, 'Command'),
    facts([
      ['Command id', el('code', {}, entry.commandId)],
      ['Command', el('code', {}, entry.commandText)],
      ['Target', targetText(entry.target)],
      ['Issued', timeEl(entry.issuedAt)],
      ['Deadline', timeEl(entry.deadline)],
      ['Nodes', countsText(entry.counts)],
      ['Rollout', entry.rollout || null],
      ['Cancelled', entry.cancel ? [entry.cancel.actor, ' at ', timeEl(entry.cancel.cancelledAt),
        ': ', entry.cancel.reason] : null],
      ['Replay of offset', entry.replayOf !== null && entry.replayOf !== undefined ? String(entry.replayOf) : null],
      ['Re-run of', entry.rerunOf || null],
      ['Results buffer', entry.flushed ? 'flushed since' : null],
    ]));
  const list = el('div', { class: 'node-outputs' });
  for (const n of nodes) {
    const pre = el('pre', { class: 'output', 'data-node': n.node },
      n.output !== null && n.output !== undefined ? n.output : (n.state === 'ANSWERED' ? 'Loading…' : '(no answer)'));
    const note = el('p', { class: 'muted small' });
    list.appendChild(el('article', { class: 'node-output', 'aria-labelledby': 'out-' + cssId(n.node) },
      el('h3', { id: 'out-' + cssId(n.node) }, n.node, ' ', badge(nodeWord(n)), ' ',
        el('span', { class: 'muted small' }, n.subcluster + (n.finishedAt ? ' · ' : ''), n.finishedAt ? timeEl(n.finishedAt) : null)),
      pre, note));
    if (n.state === 'ANSWERED' && entry.commandId && api.may('retrieve')) {
      api.getText('/v1/commands/' + api.seg(entry.commandId) + '/nodes/' + api.seg(n.node) + '/output').then((text) => {
        if (isStopped()) return;
        pre.textContent = text === '' ? '(no output)' : text;
      }).catch((e) => {
        if (isStopped()) return;
        if (n.output === null || n.output === undefined) pre.textContent = '(output not available)';
        note.textContent = 'The whole output could not be read (' + e.message + '); shown is what the history holds.';
      });
    }
  }
  section.appendChild(el('h2', { id: 'detail-nodes-title' }, 'Each node\u2019s output'));
  section.appendChild(nodes.length ? list : el('p', { class: 'muted' }, 'No node was expected to answer.'));
  return section;
}

function cssId(name) {
  return String(name).replace(/[^A-Za-z0-9_-]/g, '_');
}
