// Where a finding's quote is in the story editor (CodeMirror), and the edits the findings panel
// makes there. The API counts offsets in code points (Python's str); the editor in UTF-16 units:
// they differ only past an astral character (an emoji), and both are converted here. The text may
// also have changed since the check ran, or differ in Unicode form (NFC vs NFD Vietnamese): then
// the quote is found by its words, nearest to where the check saw it.
import { EditorView } from '../editor/codemirror.js';

/** The CodeMirror view of the story text inside `root` (an element), or null when no editor is open. */
export function findEditor(root) {
  if (!root || typeof root.querySelector !== 'function') return null;
  const dom = root.querySelector('.md-editor-host .cm-editor') || root.querySelector('.cm-editor');
  return dom ? EditorView.findFromDOM(dom) : null;
}

/** The UTF-16 index of code point offset `n` in `text`. */
export function utf16Index(text, n) {
  let i = 0;
  for (let cp = 0; cp < n && i < text.length; cp += 1) {
    const code = text.charCodeAt(i);
    i += code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1;
  }
  return i;
}

/** The code point offset of UTF-16 index `i` in `text`. */
export function codePointIndex(text, i) {
  return [...text.slice(0, i)].length;
}

function occurrences(doc, needle) {
  const found = [];
  if (!needle) return found;
  for (let at = doc.indexOf(needle); at !== -1; at = doc.indexOf(needle, at + 1)) found.push([at, at + needle.length]);
  return found;
}

/**
 * The span `{from, to}` (UTF-16, in `doc`) of a finding `{quote, start, end}`, or null when the
 * quoted words are no longer in the text.
 */
export function locateQuote(doc, { quote = '', start = -1, end = -1 } = {}) {
  const text = String(doc || '');
  const q = String(quote || '');
  const has = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start;
  const same = (from, to) => to <= text.length && (q ? text.slice(from, to).normalize('NFC') === q.normalize('NFC') : true);
  if (has) {
    if (same(start, end)) return { from: start, to: end };
    const from = utf16Index(text, start);
    const to = utf16Index(text, end);
    if (same(from, to)) return { from, to };
  }
  if (!q) return null;
  const near = has ? utf16Index(text, start) : 0;
  const spans = [...new Set([q, q.normalize('NFC'), q.normalize('NFD')])].flatMap((needle) => occurrences(text, needle));
  if (!spans.length) return null;
  spans.sort((a, b) => Math.abs(a[0] - near) - Math.abs(b[0] - near));
  return { from: spans[0][0], to: spans[0][1] };
}

/** Selects `span` in `view`, scrolls it into sight and gives the editor the focus. */
export function selectSpan(view, span) {
  view.dispatch({ selection: { anchor: span.from, head: span.to }, effects: EditorView.scrollIntoView(span.from, { y: 'center' }) });
  view.focus();
}

/** Replaces `span` with `text` in one transaction (one undo step) and selects the new words. */
export function replaceSpan(view, span, text) {
  view.dispatch({
    changes: { from: span.from, to: span.to, insert: text },
    selection: { anchor: span.from, head: span.from + text.length },
    scrollIntoView: true,
    userEvent: 'input.replace',
  });
  view.focus();
}

/** The editor's selection as API offsets `{start, end}` (code points), or null when nothing is selected. */
export function selectionOffsets(view) {
  if (!view) return null;
  const { from, to } = view.state.selection.main;
  if (from === to) return null;
  const doc = view.state.doc.toString();
  return { start: codePointIndex(doc, from), end: codePointIndex(doc, to) };
}

/** Waits (up to `timeoutMs`) for `get()` to answer something: an editor that is still mounting. */
export function waitFor(get, timeoutMs = 3000) {
  return new Promise((resolve) => {
    const begin = Date.now();
    const tick = () => {
      const found = get();
      if (found || Date.now() - begin > timeoutMs) resolve(found || null);
      else setTimeout(tick, 50);
    };
    tick();
  });
}
