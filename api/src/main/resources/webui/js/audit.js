// #/audit: the chain verdict (GET /v1/audit/verify?from=start|checkpoint), the checkpoints (GET /v1/audit/checkpoints),
// the manager key (GET /v1/keys/manager), and the node keys (GET /v1/nodes/keys) with Accept/Reject
// (POST /v1/nodes/keys/{node}/accept|reject) for a role with node-trust.

import * as api from './api.js';
import { el, replace, page, alertBox, showError, timeEl, badge, table } from './dom.js';

export function render(host) {
  const canAudit = api.may('audit');
  const status = el('p', { id: 'audit-status', class: 'status', 'aria-live': 'polite' });
  const breaks = el('div', { id: 'audit-breaks' });
  const verifyError = alertBox('audit-error');
  const fromStart = el('button', { type: 'button', id: 'audit-verify' }, 'Verify from the first event');
  const fromCheckpoint = el('button', { type: 'button', id: 'audit-verify-checkpoint' }, 'Verify from the latest checkpoint');
  const checkpoints = el('div', { id: 'audit-checkpoints' });
  const checkpointsError = alertBox('audit-checkpoints-error');
  const managerKey = el('div', { id: 'manager-key' });
  const managerKeyError = alertBox('manager-key-error');
  const nodeKeys = el('div', { id: 'node-keys' });
  const nodeKeysError = alertBox('node-keys-error');
  const nodeKeysStatus = el('p', { id: 'node-keys-status', class: 'status', 'aria-live': 'polite' });

  const section = page('page-audit', 'Audit',
    el('section', { 'aria-labelledby': 'audit-chain-title', class: 'card' },
      el('h2', { id: 'audit-chain-title' }, 'Ledger hash chain'),
      canAudit ? [status, breaks, el('div', { class: 'actions' }, fromStart, fromCheckpoint), verifyError]
        : el('p', { class: 'muted', id: 'audit-status' }, 'Your role may not verify the ledger.')),
    canAudit ? el('section', { 'aria-labelledby': 'audit-checkpoints-title', class: 'card' },
      el('h2', { id: 'audit-checkpoints-title' }, 'Checkpoints'), checkpoints, checkpointsError) : null,
    el('section', { 'aria-labelledby': 'manager-key-title', class: 'card' },
      el('h2', { id: 'manager-key-title' }, 'Manager key'), managerKey, managerKeyError),
    el('section', { 'aria-labelledby': 'node-keys-title', class: 'card' },
      el('h2', { id: 'node-keys-title' }, 'Node keys'), nodeKeysStatus, nodeKeys, nodeKeysError));
  replace(host, section);

  let stopped = false;

  async function verify(from) {
    fromStart.disabled = true;
    fromCheckpoint.disabled = true;
    showError(verifyError, null);
    status.textContent = 'Verifying the ledger' + (from === 'checkpoint' ? ' from the latest checkpoint' : '') + '…';
    replace(breaks);
    try {
      const v = await api.getJson('/v1/audit/verify' + (from === 'checkpoint' ? '?from=checkpoint' : ''));
      if (stopped) return;
      const start = v.fromOffset > 0 ? ' from offset ' + v.fromOffset : '';
      if (v.intact) {
        status.textContent = 'Ledger chain intact: ' + v.verifiedEvents + ' events verified' + start
          + (v.head ? '. Head: ' + v.head : '.');
        status.dataset.intact = 'true';
      } else {
        status.dataset.intact = 'false';
        status.textContent = '✗ Ledger chain BROKEN: ' + v.breakCount + (v.breakCount === 1 ? ' break' : ' breaks')
          + ', the first at offset ' + v.brokenAt + ' (' + v.reason + '); ' + v.verifiedInAll + ' events verified in all' + start + '.';
        const list = Array.isArray(v.breaks) ? v.breaks : [];
        replace(breaks, table({ id: 'audit-break-list' }, 'Broken offsets', ['Offset', 'Why it does not fit'],
          list.map((b) => [String(b.offset), b.reason])),
        v.breakCount > list.length ? el('p', { class: 'muted' }, 'and ' + (v.breakCount - list.length) + ' more not listed') : null);
      }
    } catch (e) {
      if (stopped) return;
      status.textContent = '';
      showError(verifyError, e);
    } finally {
      fromStart.disabled = false;
      fromCheckpoint.disabled = false;
    }
  }

  async function loadCheckpoints() {
    try {
      const list = await api.getJson('/v1/audit/checkpoints');
      if (stopped) return;
      if (!Array.isArray(list) || list.length === 0) {
        replace(checkpoints, el('p', { class: 'muted' }, 'No checkpoint yet.'));
      } else {
        replace(checkpoints, el('p', { class: 'muted small' }, 'The ' + list.length + ' most recent, as the ledger holds them:'),
          el('ol', { class: 'checkpoints mono' }, list.map((c) => el('li', {}, String(c)))));
      }
    } catch (e) {
      if (!stopped) showError(checkpointsError, e);
    }
  }

  async function loadManagerKey() {
    if (!api.may('info', true)) {
      replace(managerKey, el('p', { class: 'muted' }, 'Your role may not see the manager key.'));
      return;
    }
    try {
      const k = await api.getJson('/v1/keys/manager');
      if (stopped) return;
      replace(managerKey,
        el('dl', { class: 'facts' },
          el('dt', {}, 'Fingerprint'), el('dd', { class: 'mono', id: 'manager-key-fingerprint' }, k.fingerprint),
          el('dt', {}, 'Algorithm'), el('dd', {}, k.algorithm),
          el('dt', {}, 'Current since'), el('dd', {}, k.rotatedAt !== undefined && k.rotatedAt !== null
            ? 'the rotation at ledger offset ' + k.rotatedAt : 'never rotated')),
        el('details', {}, el('summary', {}, 'Public key (X.509, base64)'), el('pre', { class: 'output wrap' }, k.publicKey)));
    } catch (e) {
      if (!stopped) showError(managerKeyError, e);
    }
  }

  const canTrust = api.may('node-trust');

  async function decide(node, verb, button) {
    button.disabled = true;
    showError(nodeKeysError, null);
    try {
      await api.sendJson('POST', '/v1/nodes/keys/' + api.seg(node) + '/' + verb, {});
      if (stopped) return;
      nodeKeysStatus.textContent = (verb === 'accept' ? 'Accepted the key of ' : 'Rejected the keys of ') + node + '.';
      await loadNodeKeys();
      if (stopped) return;
      const again = nodeKeys.querySelector('button[data-' + verb + '="' + CSS.escape(node) + '"]')
        || nodeKeys.querySelector('tr[data-node="' + CSS.escape(node) + '"] button')
        || document.getElementById('node-keys-title');
      if (again) {
        if (again.tagName === 'H2') again.setAttribute('tabindex', '-1');
        again.focus();
      }
    } catch (e) {
      if (stopped) return;
      showError(nodeKeysError, e);
      button.disabled = false;
    }
  }

  function drawKeys(list) {
    if (!Array.isArray(list) || list.length === 0) {
      replace(nodeKeys, el('p', { class: 'muted' }, 'No node has announced a key yet.'));
      return;
    }
    const rows = list.slice().sort((a, b) => a.node.localeCompare(b.node) || a.state.localeCompare(b.state));
    const acceptShown = new Set();
    const rejectShown = new Set();
    const trs = rows.map((k) => {
      const actions = [];
      if (canTrust) {
        if (k.state === 'pending' && !acceptShown.has(k.node)) {
          acceptShown.add(k.node);
          const b = el('button', { type: 'button', 'data-accept': k.node, 'aria-label': 'Accept the key of ' + k.node }, '✓ Accept');
          b.addEventListener('click', () => decide(k.node, 'accept', b));
          actions.push(b);
        }
        if (k.state !== 'rejected' && !rejectShown.has(k.node)) {
          rejectShown.add(k.node);
          const b = el('button', { type: 'button', class: 'danger', 'data-reject': k.node, 'aria-label': 'Reject the keys of ' + k.node }, '✗ Reject');
          b.addEventListener('click', () => decide(k.node, 'reject', b));
          actions.push(b);
        }
      }
      const cells = [
        el('td', {}, k.node),
        el('td', { class: 'mono' }, k.fingerprint),
        el('td', { 'data-state': k.state }, badge(k.state)),
        el('td', {}, k.decidedBy ? [k.decidedBy, ' ', timeEl(k.decidedAt),
          k.decisionOffset !== null && k.decisionOffset !== undefined ? ' (offset ' + k.decisionOffset + ')' : ''] : '—'),
      ];
      if (canTrust) cells.push(el('td', { class: 'actions' }, actions));
      return el('tr', { 'data-node': k.node, 'data-state': k.state }, cells);
    });
    const headers = ['Node', 'Fingerprint', 'State', 'Decided'];
    if (canTrust) headers.push('Decide');
    replace(nodeKeys, table({ id: 'node-keys-table' }, null, headers, trs));
  }

  async function loadNodeKeys() {
    if (!api.may('node-keys', true)) {
      replace(nodeKeys, el('p', { class: 'muted' }, 'Your role may not see the node keys.'));
      return;
    }
    try {
      const list = await api.getJson('/v1/nodes/keys');
      if (!stopped) drawKeys(list);
    } catch (e) {
      if (!stopped) showError(nodeKeysError, e);
    }
  }

  if (canAudit) {
    fromStart.addEventListener('click', () => verify('start'));
    fromCheckpoint.addEventListener('click', () => verify('checkpoint'));
    verify('start');
    loadCheckpoints();
  }
  loadManagerKey();
  loadNodeKeys();

  return { dispose() { stopped = true; } };
}
