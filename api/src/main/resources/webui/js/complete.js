// Whole-line suggestions for the console input: the verbs of the console grammar, then what each verb's next slot
// takes (node names, subcluster names, command texts sent since the last flush) from GET /v1/console/completions.

const CONFIG_VERBS = ['get', 'eval', 'set', 'unset', 'show', 'showrecurse', 'locate', 'writeback', 'history'];

/** Every verb of the grammar (ledger Grammar.standard), as words. */
export const VERBS = [
  'broadcast', 'subcluster broadcast', 'unicast', 'retrieve', 'subcluster retrieve', 'retrieve_node',
  'flush control cache', 'help', 'info', 'show cluster membership', 'shutdown', 'version', 'audit verify', 'history',
  ...CONFIG_VERBS.map((v) => 'config ' + v),
  'node keys', 'node accept', 'node reject', 'policy show', 'policy reload', 'cancel', 'rerun', 'replay',
].map((v) => v.split(' '));

const SWITCHES = new Set(['--dry-run', '--broadcast', '--oldest-first', '--all', '--failed', '--silent',
  '--not-ok', '--from-checkpoint']);

const HISTORY_FLAGS = ['--actor', '--since', '--until', '--node', '--subcluster', '--broadcast', '--text', '--regex',
  '--origin', '--status', '--limit', '--page', '--oldest-first'];

// What each verb takes after its words: a list of slot kinds, the last one repeating for the rest of the line.
const SLOTS = {
  broadcast: ['command'],
  'subcluster broadcast': ['subcluster', 'command'],
  unicast: ['node', 'command'],
  retrieve: ['sent'],
  'subcluster retrieve': ['subcluster', 'sent'],
  retrieve_node: ['node', 'sent'],
  help: ['verb'],
  'node accept': ['node-or-all'],
  'node reject': ['node'],
  history: ['history'],
  rerun: ['sent-flags'],
};

function startsWithI(text, prefix) {
  return text.toLowerCase().startsWith(prefix.toLowerCase());
}

/** The suggestions for {@code line} given completion {@code data} {nodes, subclusters, commands}: whole lines. */
export function completionsFor(line, data) {
  const text = line.replace(/^\s+/, '');
  const endsWithSpace = /\s$/.test(text);
  const words = text.split(/\s+/).filter(Boolean);
  const partial = endsWithSpace || words.length === 0 ? '' : words[words.length - 1];
  const typed = endsWithSpace ? words : words.slice(0, -1);
  const base = typed.length ? typed.join(' ') + ' ' : '';
  const out = new Set();

  // verb words still being typed
  for (const verb of VERBS) {
    if (typed.length >= verb.length) continue;
    if (!typed.every((w, i) => w.toLowerCase() === verb[i])) continue;
    if (!verb[typed.length].startsWith(partial.toLowerCase())) continue;
    out.add(base + verb.slice(typed.length).join(' ') + ' ');
  }

  // a complete verb: what its slots take
  const verb = VERBS.find((v) => v.length <= typed.length && v.every((w, i) => typed[i].toLowerCase() === w));
  if (verb) {
    const name = verb.join(' ');
    const slots = SLOTS[name] || [];
    const nodes = data.nodes || [];
    const subclusters = data.subclusters || [];
    const commands = data.commands || [];
    const offer = (values) => values.filter((v) => startsWithI(v, partial)).forEach((v) => out.add(base + v + ' '));
    // walk the typed arguments: --flags (with their value, unless a switch) and then the slots in order
    let k = verb.length;
    let slot = 0;
    let restStart = -1; // where the line's rest (a command text) began
    let lastFlag = null;
    while (k < typed.length) {
      const word = typed[k];
      const kind = slots[slot];
      const textSlot = kind === 'command' || kind === 'sent';
      if (word.startsWith('--') && restStart < 0) {
        lastFlag = word;
        k += SWITCHES.has(word) ? 1 : 2;
        if (k > typed.length) break; // the flag's value is being typed
        lastFlag = null;
        continue;
      }
      if (textSlot) {
        restStart = k;
        break;
      }
      if (slot < slots.length - 1) slot += 1;
      k += 1;
    }
    const kind = slots[slot];
    if (lastFlag !== null || k > typed.length) {
      // typing the value of a flag
      const flag = typed[typed.length - 1];
      if (flag === '--node') offer(nodes);
      else if (flag === '--subcluster') offer(subclusters);
      else if (flag === '--status') offer(['error', 'expired', 'pending', 'rejected', 'denied']);
      else if (flag === '--origin') offer(['console', 'rest', 'control_listener', 'replay', 'system']);
    } else if (kind === 'command' || kind === 'sent') {
      const head = typed.slice(0, restStart < 0 ? typed.length : restStart);
      const soFar = (restStart < 0 ? [] : typed.slice(restStart)).concat(partial ? [partial] : []).join(' ');
      const prefix = head.length ? head.join(' ') + ' ' : '';
      commands.filter((v) => startsWithI(v, soFar)).forEach((v) => out.add(prefix + v));
      if (restStart < 0 && (partial === '' || partial.startsWith('-'))) {
        if (name === 'broadcast' || name === 'subcluster broadcast') {
          offer(['--batch', '--batch-wait', '--max-errors', '--dry-run'].filter((f) => !typed.includes(f)));
        } else if (kind === 'sent' && !typed.includes('--at')) {
          offer(['--at']);
        }
      }
    } else if (kind === 'node' && k === typed.length) offer(nodes);
    else if (kind === 'node-or-all') offer([...nodes, '--all']);
    else if (kind === 'subcluster') offer(subclusters);
    else if (kind === 'verb') offer(VERBS.map((v) => v[0]).filter((v, n, all) => all.indexOf(v) === n));
    else if (kind === 'history') offer(HISTORY_FLAGS.filter((f) => !typed.includes(f)));
    else if (kind === 'sent-flags') offer(['--failed', '--silent', '--not-ok', '--dry-run'].filter((f) => !typed.includes(f)));
  }
  return Array.from(out).sort((a, b) => a.length - b.length || a.localeCompare(b));
}
