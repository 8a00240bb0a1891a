// #/command: one console line (POST /v1/console), completion from GET /v1/console/completions, and for a command
// sent to nodes a live grid of them from GET /v1/commands/{id}/events (server-sent events), each node's output from
// GET /v1/commands/{id}/nodes/{node}/output.

import * as api from './api.js';
import { el, replace, page, alertBox, showError, tile, setTileState, wordOf } from './dom.js';
import { completionsFor } from './complete.js';

let pendingLine = null;

/** A line to put in the input the next time the page shows (from a cluster tile). */
export function prefill(line) {
  pendingLine = line;
}

const NOT_DONE = new Set(['WAITING', 'PENDING', 'DELIVERED', 'RUNNING']);

/** The word a tile shows for a node: its answer's status when it answered, else its state, as the API writes it. */
export function nodeWord(change) {
  if (change.state === 'ANSWERED' && change.status) return change.status;
  return change.state || 'PENDING';
}

function firstLine(text) {
  if (!text) return '';
  const line = String(text).split('\n')[0].trim();
  return line.length > 60 ? line.slice(0, 59) + '…' : line;
}

/**
 * Shows {@code node}'s whole output to command {@code id} in {@code panel} (an element with an h2 and a pre), and
 * focuses its heading.
 */
export async function showNodeOutput(panel, id, node, opener) {
  const heading = el('h2', { id: 'node-output-title', tabindex: '-1' }, 'Output of ' + node);
  const body = el('pre', { class: 'output', 'data-node': node }, 'Loading…');
  const close = el('button', { type: 'button' }, 'Close');
  close.addEventListener('click', () => {
    panel.hidden = true;
    if (opener && opener.isConnected) opener.focus();
  });
  replace(panel, heading, body, close);
  panel.hidden = false;
  heading.focus();
  try {
    const text = await api.getText('/v1/commands/' + api.seg(id) + '/nodes/' + api.seg(node) + '/output');
    body.textContent = text === '' ? '(no output)' : text;
  } catch (e) {
    if (e instanceof api.ApiError && e.status === 404) body.textContent = node + ' has not answered yet.';
    else if (e instanceof api.ApiError && e.status === 503) body.textContent = e.message + ' (try again in a moment)';
    else body.textContent = 'Could not load the output: ' + e.message;
  }
}

export function render(host) {
  const canSend = api.may('send');
  const canRetrieve = api.may('retrieve');
  const input = el('input', {
    id: 'command-line', name: 'line', type: 'text', list: 'command-completions', autocomplete: 'off',
    autocapitalize: 'off', spellcheck: 'false', required: true, 'aria-describedby': 'command-hint command-error',
    placeholder: 'broadcast sieve:sieve1 flush cache',
  });
  const datalist = el('datalist', { id: 'command-completions' });
  const send = el('button', { type: 'submit', id: 'command-send', class: 'primary' }, 'Send');
  const error = alertBox('command-error');
  const form = el('form', { id: 'command-form', class: 'card', novalidate: true },
    el('label', { for: 'command-line' }, 'Console line'),
    el('div', { class: 'inline-field' }, input, send),
    datalist,
    el('p', { id: 'command-hint', class: 'muted small' },
      'The eccmgr console grammar: broadcast, subcluster broadcast NAME, unicast NODE, retrieve, history, help … '
      + 'Suggestions follow what you type.'),
    error);
  const counts = el('p', { id: 'command-counts', class: 'status', 'aria-live': 'polite' });
  const grid = el('div', { id: 'command-grid', class: 'tiles' });
  const gridHeading = el('h2', { id: 'command-grid-title' }, 'Nodes');
  const cancel = el('button', { type: 'button', id: 'command-cancel', hidden: true }, 'Cancel this command');
  const cancelError = alertBox('command-cancel-error');
  const nodesBlock = el('section', { class: 'command-nodes', 'aria-labelledby': 'command-grid-title', hidden: true },
    gridHeading, counts, grid, cancel, cancelError);
  const textHeading = el('h2', { id: 'command-text-title' }, 'Console answer');
  const text = el('pre', { id: 'command-text', class: 'output', 'aria-live': 'polite' });
  const textBlock = el('section', { 'aria-labelledby': 'command-text-title', hidden: true }, textHeading, text);
  const output = el('section', { id: 'node-output', class: 'panel', 'aria-labelledby': 'node-output-title', hidden: true });

  const section = page('page-command', 'Command',
    canSend ? form : el('p', { class: 'muted' }, 'Your role may not send commands.'),
    nodesBlock, output, textBlock);
  replace(host, section);

  if (!canSend) return null;

  let data = { nodes: [], subclusters: [], commands: [] };
  if (api.may('help', true)) {
    api.getJson('/v1/console/completions').then((d) => {
      if (d && typeof d === 'object') {
        data = {
          nodes: Array.isArray(d.nodes) ? d.nodes : [],
          subclusters: Array.isArray(d.subclusters) ? d.subclusters : [],
          commands: Array.isArray(d.commands) ? d.commands : [],
        };
        fill();
      }
    }).catch(() => { /* completion is a help, not a need */ });
  }

  let lastFill = null;
  function fill() {
    const options = completionsFor(input.value, data).slice(0, 60);
    const key = options.join('\n');
    if (key === lastFill) return;
    lastFill = key;
    replace(datalist, options.map((value) => el('option', { value })));
  }
  input.addEventListener('input', fill);
  input.addEventListener('focus', fill);
  if (pendingLine) {
    input.value = pendingLine;
    pendingLine = null;
  }
  fill();

  // --- one sent command --------------------------------------------------------------------------------------------
  let follow = null; // {close()}

  function stopFollow() {
    if (follow) follow.close();
    follow = null;
  }

  function startFollow(commandId, expected) {
    stopFollow();
    const tiles = new Map();
    const states = new Map(); // node -> word
    let done = false;
    let source = null;
    let poll = null;
    let closed = false;
    replace(grid);
    output.hidden = true;
    nodesBlock.hidden = false;
    cancel.hidden = !api.may('cancel');
    cancel.disabled = false;
    showError(cancelError, null);

    function add(node, word, details) {
      let b = tiles.get(node);
      if (!b) {
        b = tile(node, word, details);
        b.addEventListener('click', () => showNodeOutput(output, commandId, node, b));
        tiles.set(node, b);
        // keep the grid in name order
        const after = Array.from(tiles.keys()).sort().find((n) => n > node && tiles.get(n).isConnected);
        if (after) grid.insertBefore(b, tiles.get(after));
        else grid.appendChild(b);
      } else {
        setTileState(b, word, details);
      }
      states.set(node, word);
    }

    function update(change) {
      const word = nodeWord(change);
      const details = [change.subcluster];
      if (change.finishedAt) details.push('at ' + new Date(change.finishedAt).toLocaleTimeString());
      if (change.output) details.push(firstLine(change.output));
      add(change.node, word, details);
      drawCounts();
    }

    function drawCounts() {
      const tally = new Map();
      let notDone = 0;
      for (const word of states.values()) {
        tally.set(word, (tally.get(word) || 0) + 1);
        if (NOT_DONE.has(word)) notDone += 1;
      }
      if (!tally.has('PENDING')) tally.set('PENDING', 0);
      const order = Array.from(tally.keys()).sort((a, b) => (NOT_DONE.has(a) - NOT_DONE.has(b)) || a.localeCompare(b));
      const total = states.size;
      const line = order.map((w) => wordOf(w) + ' ' + tally.get(w)).join(' · ')
        + ' — ' + (total - notDone) + ' of ' + total + ' done' + (done ? ' (finished)' : '');
      if (counts.textContent !== line) counts.textContent = line;
    }

    function finish(message) {
      done = true;
      cancel.hidden = true;
      if (source) { source.close(); source = null; }
      if (poll) { clearTimeout(poll); poll = null; }
      drawCounts();
      if (message) counts.textContent += ' ' + message;
    }

    async function pollOnce() {
      poll = null;
      if (closed || done) return;
      try {
        const results = await api.getJson('/v1/commands/' + api.seg(commandId));
        if (closed) return;
        for (const n of results.nodes || []) update(n);
        if (results.settled) { finish(); return; }
      } catch (e) {
        if (closed) return;
        if (e instanceof api.ApiError && (e.status === 401 || e.status === 403 || e.status === 404)) {
          finish('(' + e.message + ')');
          return;
        }
      }
      poll = setTimeout(pollOnce, 2000);
    }

    for (const node of expected || []) add(node, 'PENDING', []);
    drawCounts();

    if (!canRetrieve) {
      counts.textContent = 'Your role may not follow the answers; the console text below is all there is.';
    } else if (typeof EventSource === 'function') {
      source = new EventSource('/v1/commands/' + api.seg(commandId) + '/events');
      source.addEventListener('node', (event) => {
        try { update(JSON.parse(event.data)); } catch (ignored) { /* a malformed event: skip it */ }
      });
      source.addEventListener('done', (event) => {
        try {
          const summary = JSON.parse(event.data);
          if (summary && typeof summary.expected === 'number' && summary.expected !== states.size) {
            counts.dataset.expected = String(summary.expected);
          }
        } catch (ignored) { /* the counts we have stand */ }
        finish();
      });
      source.addEventListener('error', () => {
        if (done || closed) return;
        // the stream broke or was refused: stop EventSource's own retries and poll the command instead
        if (source) { source.close(); source = null; }
        if (!poll) poll = setTimeout(pollOnce, 500);
      });
    } else {
      pollOnce();
    }

    const onCancel = async () => {
      cancel.disabled = true;
      try {
        await api.sendJson('POST', '/v1/commands/' + api.seg(commandId) + '/cancel', {});
        showError(cancelError, null);
      } catch (e) {
        showError(cancelError, e);
        cancel.disabled = false;
      }
    };
    cancel.addEventListener('click', onCancel);

    follow = {
      close() {
        closed = true;
        cancel.removeEventListener('click', onCancel);
        if (source) source.close();
        if (poll) clearTimeout(poll);
      },
    };
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const line = input.value.trim();
    showError(error, null);
    if (!line) {
      showError(error, new Error('Type a console line first.'));
      input.focus();
      return;
    }
    send.disabled = true;
    input.setAttribute('aria-busy', 'true');
    try {
      const answer = await api.sendJson('POST', '/v1/console', { line });
      stopFollow();
      const body = answer || {};
      text.textContent = typeof body.text === 'string' ? body.text : '';
      textBlock.hidden = text.textContent === '';
      if (body.commandId) {
        startFollow(body.commandId, Array.isArray(body.expectedNodes) ? body.expectedNodes : []);
      } else {
        nodesBlock.hidden = true;
        output.hidden = true;
      }
      input.removeAttribute('aria-invalid');
      // the texts a retrieve can find may have changed
      if (api.may('help', true)) {
        api.getJson('/v1/console/completions').then((d) => {
          if (d && typeof d === 'object') {
            data = { nodes: d.nodes || [], subclusters: d.subclusters || [], commands: d.commands || [] };
            lastFill = null;
            fill();
          }
        }).catch(() => {});
      }
    } catch (e) {
      showError(error, e);
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    } finally {
      send.disabled = false;
      input.removeAttribute('aria-busy');
    }
  });

  return { dispose: stopFollow };
}
