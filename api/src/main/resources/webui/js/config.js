// #/config: the folded configuration (GET /v1/config: every option set, included files expanded; GET /v1/config/file
// for the whole text), one
// option's value and history on demand (GET /v1/config/options/{option}, GET /v1/config/history/{option}, scope
// words as repeated ?scope=), and for config-write a set/unset form (PUT/DELETE /v1/config/options/{option}).

import * as api from './api.js';
import { el, replace, page, alertBox, showError, timeEl, table } from './dom.js';

/** Splits scope words as typed: by spaces, "double quotes" keeping spaces. */
export function scopeWords(text) {
  const words = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  let m;
  while ((m = re.exec(text)) !== null) words.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]);
  return words;
}

function scopeText(words) {
  return words.length ? words.map((w) => (/\s/.test(w) ? '"' + w + '"' : w)).join(' ') : '(top level)';
}

function optionUrl(kind, option, words) {
  const query = new URLSearchParams();
  for (const w of words) query.append('scope', w);
  const q = query.toString();
  return '/v1/config/' + kind + '/' + api.seg(option) + (q ? '?' + q : '');
}

function field(id, label, control, hint) {
  return el('div', { class: 'field' }, el('label', { for: id }, label), control,
    hint ? el('span', { class: 'muted small', id: id + '-hint' }, hint) : null);
}

export function render(host) {
  const canRead = api.may('config-read');
  const canWrite = api.may('config-write');
  const optionsError = alertBox('config-error');
  const optionsBox = el('div', { id: 'config-options' }, el('p', { class: 'status' }, 'Loading…'));
  const historyPanel = el('section', { id: 'config-history', class: 'panel', 'aria-labelledby': 'config-history-title', hidden: true });

  // look one option up
  const lookScope = el('input', { id: 'config-lookup-scope', type: 'text', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'Control_Listener Listen /tmp/2025', 'aria-describedby': 'config-lookup-scope-hint' });
  const lookOption = el('input', { id: 'config-lookup-option', type: 'text', autocomplete: 'off', spellcheck: 'false', required: true });
  const lookError = alertBox('config-lookup-error');
  const lookup = el('form', { id: 'config-lookup', class: 'card', novalidate: true },
    el('h2', { id: 'config-lookup-title' }, 'Look an option up'),
    el('div', { class: 'form-grid' },
      field(lookScope.id, 'Scope words', lookScope, 'Empty for the top level; quote words with spaces.'),
      field(lookOption.id, 'Option', lookOption)),
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary' }, 'Show value and history')),
    lookError);

  // config set
  const setScope = el('input', { id: 'config-set-scope', name: 'scope', type: 'text', autocomplete: 'off', spellcheck: 'false',
    'aria-describedby': 'config-set-scope-hint' });
  const setOption = el('input', { id: 'config-set-option', name: 'option', type: 'text', autocomplete: 'off', spellcheck: 'false', required: true });
  const setValue = el('input', { id: 'config-set-value', name: 'value', type: 'text', autocomplete: 'off', spellcheck: 'false' });
  const setError = alertBox('config-set-error');
  const setStatus = el('p', { id: 'config-set-status', class: 'status', 'aria-live': 'polite' });
  const unset = el('button', { type: 'button', id: 'config-unset', class: 'danger' }, 'Unset');
  const setForm = el('form', { id: 'config-set', class: 'card', novalidate: true, 'aria-labelledby': 'config-set-title' },
    el('h2', { id: 'config-set-title' }, 'Change an option'),
    el('p', { class: 'muted small' }, 'As config set / config unset: the change goes on the ledger with you as its actor.'),
    el('div', { class: 'form-grid' },
      field(setScope.id, 'Scope words', setScope, 'Empty for the top level; quote words with spaces.'),
      field(setOption.id, 'Option', setOption),
      field(setValue.id, 'Value', setValue)),
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary', id: 'config-set-submit' }, 'Set'), unset),
    setError, setStatus);

  const section = page('page-config', 'Config',
    canRead ? [
      el('section', { 'aria-labelledby': 'config-options-title', class: 'card' },
        el('h2', { id: 'config-options-title' }, 'Folded configuration'),
        el('p', { class: 'muted small' }, 'The base file with every change on the ledger folded in.'),
        optionsError, optionsBox),
      historyPanel,
      lookup,
    ] : el('p', { class: 'muted' }, 'Your role may not read the configuration.'),
    canWrite ? setForm : null);
  replace(host, section);

  let stopped = false;

  async function showHistory(words, option, opener) {
    replace(historyPanel,
      el('h2', { id: 'config-history-title', tabindex: '-1' }, 'History of ' + option + ' in ' + scopeText(words)),
      el('p', { class: 'status', 'aria-live': 'polite' }, 'Loading…'));
    historyPanel.hidden = false;
    historyPanel.querySelector('h2').focus();
    const close = el('button', { type: 'button' }, 'Close');
    close.addEventListener('click', () => {
      historyPanel.hidden = true;
      if (opener && opener.isConnected) opener.focus();
    });
    const error = alertBox('config-history-error');
    try {
      const [view, changes] = await Promise.all([
        api.getJson(optionUrl('options', option, words)).catch((e) => ({ failed: e })),
        api.getJson(optionUrl('history', option, words)),
      ]);
      if (stopped) return;
      const parts = [historyPanel.querySelector('h2')];
      if (view && !view.failed) {
        parts.push(el('dl', { class: 'facts' },
          el('dt', {}, 'Scope'), el('dd', {}, view.scope || '(top level)'),
          el('dt', {}, 'Set here'), el('dd', { class: 'mono' }, view.value === null || view.value === undefined ? '(not set here)' : view.value),
          el('dt', {}, 'Effective'), el('dd', { class: 'mono' }, view.effective === null || view.effective === undefined ? '(none)' : view.effective),
          el('dt', {}, 'From'), el('dd', {}, view.effectiveFrom || '—')));
      }
      if (!Array.isArray(changes) || changes.length === 0) {
        parts.push(el('p', { class: 'muted' }, 'No change on the ledger: the value is the base file\u2019s.'));
      } else {
        parts.push(table({ class: 'config-history-table' }, null, ['Offset', 'When', 'Actor', 'Origin', 'Change', 'Value'],
          changes.map((c) => [
            api.may('history') ? el('a', { href: '#/history/' + c.offset }, String(c.offset)) : String(c.offset),
            timeEl(c.occurredAt), c.actor, c.origin, c.action,
            c.value === null || c.value === undefined ? '—' : el('code', {}, c.value)])));
      }
      parts.push(close);
      replace(historyPanel, parts);
    } catch (e) {
      if (stopped) return;
      replace(historyPanel, historyPanel.querySelector('h2'), error, close);
      showError(error, e);
    }
  }

  async function loadOptions() {
    try {
      const [options, text] = await Promise.all([api.getJson('/v1/config'), api.getText('/v1/config/file')]);
      if (stopped) return;
      const rows = options.map((o) => {
        const b = el('button', { type: 'button', 'data-option': o.option, 'data-scope': o.scope.join(' '),
          'aria-label': 'History of ' + o.option + ' in ' + scopeText(o.scope) }, 'History');
        b.addEventListener('click', () => showHistory(o.scope, o.option, b));
        const edit = canWrite ? el('button', { type: 'button', 'aria-label': 'Change ' + o.option + ' in ' + scopeText(o.scope) }, 'Change') : null;
        if (edit) {
          edit.addEventListener('click', () => {
            setScope.value = o.scope.map((w) => (/\s/.test(w) ? '"' + w + '"' : w)).join(' ');
            setOption.value = o.option;
            setValue.value = o.value;
            setValue.focus();
          });
        }
        return el('tr', { 'data-option': o.option, 'data-scope': o.scope.join(' ') },
          el('td', {}, scopeText(o.scope)), el('td', { class: 'mono' }, o.option), el('td', { class: 'mono' }, o.value),
          el('td', {}, o.effect || ''), el('td', { class: 'actions' }, b, edit));
      });
      replace(optionsBox,
        rows.length ? table({ id: 'config-options-table' }, null, ['Scope', 'Option', 'Value', 'Setting it', 'Actions'], rows)
          : el('p', { class: 'muted' }, 'No option is set.'),
        el('details', {}, el('summary', {}, 'The whole file'), el('pre', { class: 'output', id: 'config-file' }, text)));
    } catch (e) {
      if (stopped) return;
      replace(optionsBox);
      showError(optionsError, e);
    }
  }

  lookup.addEventListener('submit', (event) => {
    event.preventDefault();
    showError(lookError, null);
    const option = lookOption.value.trim();
    if (!option) {
      showError(lookError, new Error('Name the option.'));
      lookOption.focus();
      return;
    }
    showHistory(scopeWords(lookScope.value), option, lookOption);
  });

  async function change(method) {
    showError(setError, null);
    setStatus.textContent = '';
    const option = setOption.value.trim();
    if (!option) {
      showError(setError, new Error('Name the option.'));
      setOption.focus();
      return;
    }
    const words = scopeWords(setScope.value);
    try {
      const changed = await api.sendJson(method, optionUrl('options', option, words),
        method === 'PUT' ? { value: setValue.value } : {});
      if (stopped) return;
      setStatus.textContent = changed && changed.offset !== undefined
        ? (changed.action === 'unset' ? 'Unset ' : 'Set ') + changed.option + ' in ' + (changed.scope || '(top level)')
          + (changed.value !== null && changed.value !== undefined ? ' to ' + changed.value : '') + ' at ledger offset ' + changed.offset + '.'
        : 'Done.';
      loadOptions();
    } catch (e) {
      if (!stopped) showError(setError, e);
    }
  }

  if (canWrite) {
    setForm.addEventListener('submit', (event) => {
      event.preventDefault();
      change('PUT');
    });
    unset.addEventListener('click', () => change('DELETE'));
  }

  if (canRead) loadOptions();
  return { dispose() { stopped = true; } };
}
