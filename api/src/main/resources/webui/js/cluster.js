// #/cluster: every member (GET /v1/membership) as a tile, grouped by subcluster, with its accepted key's fingerprint
// (GET /v1/nodes/keys), refreshed every 2 s while the page shows.

import * as api from './api.js';
import { el, replace, page, alertBox, showError, tile, age, timeEl } from './dom.js';
import { prefill } from './command.js';

const REFRESH_MS = 2000;

function memberState(m) {
  // the words 'show cluster membership' prints
  return m.left ? 'left' : m.alive ? 'alive' : 'silent';
}

export function render(host) {
  const error = alertBox('cluster-error');
  const summary = el('p', { id: 'cluster-summary', class: 'status', 'aria-live': 'polite' }, 'Loading…');
  const updated = el('p', { id: 'cluster-updated', class: 'muted small' });
  const tiles = el('div', { id: 'cluster-tiles' });
  const detail = el('section', { id: 'member-detail', class: 'panel', 'aria-labelledby': 'member-detail-title', hidden: true });
  const section = page('page-cluster', 'Cluster', summary, updated, error, tiles, detail);
  replace(host, section);

  if (!api.may('membership')) {
    summary.textContent = 'Your role may not see the cluster membership.';
    return null;
  }

  let members = [];
  let keys = new Map(); // node -> accepted fingerprint
  let keysAllowed = api.may('node-keys', true);
  let timer = null;
  let stopped = false;
  let selected = null;

  function showDetail(m) {
    selected = m.node;
    const fp = keys.get(m.node);
    replace(detail,
      el('h2', { id: 'member-detail-title', tabindex: '-1' }, 'Node ' + m.node),
      el('dl', { class: 'facts' },
        el('dt', {}, 'State'), el('dd', {}, memberState(m)),
        el('dt', {}, 'Subcluster'), el('dd', {}, m.subcluster),
        el('dt', {}, 'Host'), el('dd', {}, m.host || '—'),
        el('dt', {}, 'Version'), el('dd', {}, m.version || '—'),
        el('dt', {}, 'Last heartbeat'), el('dd', {}, timeEl(m.lastSeen), ' (', age(m.lastSeen), ' ago)'),
        el('dt', {}, 'Accepted key'), el('dd', { class: 'mono' }, fp || (keysAllowed ? 'none accepted' : 'not shown to your role'))),
      api.may('send') ? el('p', {}, el('a', {
        href: '#/command',
        onclick: () => prefill('unicast ' + m.node + ' '),
      }, 'Send a command to ' + m.node)) : null,
      el('button', { type: 'button', onclick: () => { detail.hidden = true; selected = null; focusTile(m.node); } }, 'Close'));
    detail.hidden = false;
    detail.querySelector('h2').focus();
  }

  function focusTile(node) {
    const button = tiles.querySelector('button.tile[data-node="' + CSS.escape(node) + '"]');
    if (button) button.focus();
  }

  function draw() {
    const focused = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest('#cluster-tiles button.tile') : null;
    const focusedNode = focused ? focused.dataset.node : null;
    const now = Date.now();
    const groups = new Map();
    for (const m of members) {
      if (!groups.has(m.subcluster)) groups.set(m.subcluster, []);
      groups.get(m.subcluster).push(m);
    }
    const names = Array.from(groups.keys()).sort();
    const blocks = names.map((name) => {
      const list = groups.get(name).slice().sort((a, b) => a.node.localeCompare(b.node));
      const headingId = 'subcluster-' + name.replace(/[^A-Za-z0-9_-]/g, '_');
      return el('section', { class: 'subcluster', 'aria-labelledby': headingId, 'data-subcluster': name },
        el('h2', { id: headingId }, 'Subcluster ' + name, ' ', el('span', { class: 'muted small' },
          '(' + list.length + (list.length === 1 ? ' node)' : ' nodes)'))),
        el('div', { class: 'tiles' }, list.map((m) => {
          const fp = keys.get(m.node);
          const heard = m.lastSeen ? 'heartbeat ' + age(m.lastSeen, now) + ' ago' : 'never heard';
          const b = tile(m.node, memberState(m), [heard, m.host, fp ? 'key ' + fp : null],
            { 'data-subcluster': m.subcluster, 'aria-label': m.node + ': ' + memberState(m) + ', ' + heard });
          b.addEventListener('click', () => showDetail(m));
          return b;
        })));
    });
    if (!members.length) {
      replace(tiles, el('p', { class: 'muted' }, 'No node agent has been heard from yet.'));
    } else {
      replace(tiles, blocks);
    }
    if (focusedNode) focusTile(focusedNode);
    const alive = members.filter((m) => m.alive).length;
    const left = members.filter((m) => m.left).length;
    const silent = members.length - alive - left;
    const text = members.length + (members.length === 1 ? ' node' : ' nodes') + ' in ' + names.length
      + (names.length === 1 ? ' subcluster' : ' subclusters') + ': ' + alive + ' alive · ' + silent + ' silent · ' + left + ' left';
    if (summary.textContent !== text) summary.textContent = text;
    updated.textContent = 'Updated ' + new Date(now).toLocaleTimeString() + '; refreshed every 2 s.';
    if (selected && !detail.hidden) {
      const m = members.find((x) => x.node === selected);
      if (!m) detail.hidden = true;
    }
  }

  let inFlight = false;

  async function refresh() {
    timer = null;
    if (stopped || inFlight) return;
    inFlight = true;
    try {
      const [list, keyList] = await Promise.all([
        api.getJson('/v1/membership'),
        keysAllowed ? api.getJson('/v1/nodes/keys').catch((e) => {
          if (e instanceof api.ApiError && e.status === 403) { keysAllowed = false; return null; }
          return null;
        }) : Promise.resolve(null),
      ]);
      if (stopped) return;
      members = Array.isArray(list) ? list : [];
      if (Array.isArray(keyList)) {
        keys = new Map();
        for (const k of keyList) {
          if (k.state === 'accepted') keys.set(k.node, k.fingerprint);
        }
      }
      showError(error, null);
      draw();
    } catch (e) {
      if (stopped) return;
      showError(error, e);
      if (e instanceof api.ApiError && e.status === 401) return;
    } finally {
      inFlight = false;
    }
    schedule();
  }

  function schedule() {
    if (stopped || timer || document.visibilityState === 'hidden') return;
    timer = setTimeout(refresh, REFRESH_MS);
  }

  function onVisibility() {
    if (document.visibilityState === 'visible' && !timer) refresh();
    else if (document.visibilityState !== 'visible' && timer) { clearTimeout(timer); timer = null; }
  }

  document.addEventListener('visibilitychange', onVisibility);
  refresh();

  return {
    dispose() {
      stopped = true;
      if (timer) clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
