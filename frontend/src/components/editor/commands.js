// The formatting commands of the Markdown editor, as pure functions of an EditorState that return
// the transaction to apply (so they are tested without a browser), and the toolbar and keys that
// run them. Bold is `**…**`, italic `_…_` (not `*`, so italic never eats a star of bold), a heading
// `## `, a list `- `, a quote `> `, a scene break a line `* * *` (what the API splits chapters at).
import { EditorSelection } from '@codemirror/state';

/** Wrap each selection in `marker` (an empty one gets an empty pair with the caret inside), or unwrap it if already wrapped. */
export const toggleWrap = (marker) => (state) =>
  state.changeByRange((range) => {
    const n = marker.length;
    const text = state.sliceDoc(range.from, range.to);
    const before = state.sliceDoc(Math.max(0, range.from - n), range.from);
    const after = state.sliceDoc(range.to, range.to + n);
    if (before === marker && after === marker) {
      return {
        changes: [
          { from: range.from - n, to: range.from },
          { from: range.to, to: range.to + n },
        ],
        range: EditorSelection.range(range.from - n, range.to - n),
      };
    }
    if (text.length >= 2 * n && text.startsWith(marker) && text.endsWith(marker)) {
      return { changes: { from: range.from, to: range.to, insert: text.slice(n, -n) }, range: EditorSelection.range(range.from, range.to - 2 * n) };
    }
    return {
      changes: [
        { from: range.from, insert: marker },
        { from: range.to, insert: marker },
      ],
      range: EditorSelection.range(range.from + n, range.to + n),
    };
  });

/** The lines any selection touches, each once. */
function selectedLines(state) {
  const lines = [];
  const seen = new Set();
  for (const r of state.selection.ranges) {
    for (let pos = r.from; ; ) {
      const line = state.doc.lineAt(pos);
      if (!seen.has(line.number)) {
        seen.add(line.number);
        lines.push(line);
      }
      if (line.to >= r.to) break;
      pos = line.to + 1;
    }
  }
  return lines;
}

/**
 * Start every selected line with `prefix`, or take it off if every one has it. `replaces` matches
 * a prefix of the same family that the new one replaces (a `### ` heading becomes `## `).
 */
export const toggleLinePrefix = (prefix, replaces) => (state) => {
  const lines = selectedLines(state);
  const all = lines.every((l) => l.text.startsWith(prefix));
  const changes = lines.map((l) => {
    if (all) return { from: l.from, to: l.from + prefix.length };
    const m = replaces ? replaces.exec(l.text) : null;
    return { from: l.from, to: l.from + (m ? m[0].length : 0), insert: prefix };
  });
  return { changes };
};

/** `[selection](https://)` with the address selected to type over; without a selection `[link text](https://)` with the text selected. */
export const insertLink = (state) =>
  state.changeByRange((range) => {
    const text = state.sliceDoc(range.from, range.to);
    if (text) {
      const urlFrom = range.from + text.length + 3;
      return { changes: { from: range.from, to: range.to, insert: `[${text}](https://)` }, range: EditorSelection.range(urlFrom, urlFrom + 'https://'.length) };
    }
    return { changes: { from: range.from, insert: '[link text](https://)' }, range: EditorSelection.range(range.from + 1, range.from + 10) };
  });

export const SCENE_BREAK = '* * *';

/** A scene break on a line of its own, blank lines around it, the caret after it. */
export const insertSceneBreak = (state) =>
  state.changeByRange((range) => {
    const prev = state.sliceDoc(Math.max(0, range.from - 2), range.from);
    const lead = range.from === 0 ? '' : prev.endsWith('\n\n') || prev === '\n' ? '' : prev.endsWith('\n') ? '\n' : '\n\n';
    const insert = `${lead}${SCENE_BREAK}\n\n`;
    return { changes: { from: range.from, to: range.to, insert }, range: EditorSelection.cursor(range.from + insert.length) };
  });

/** The toolbar, in order: `run(state)` gives the transaction; `key` is the CodeMirror key binding. */
export const FORMATS = [
  { id: 'bold', label: 'Bold', glyph: 'B', key: 'Mod-b', run: toggleWrap('**') },
  { id: 'italic', label: 'Italic', glyph: 'I', key: 'Mod-i', run: toggleWrap('_') },
  { id: 'heading', label: 'Heading', glyph: 'H', key: 'Mod-Alt-1', run: toggleLinePrefix('## ', /^#{1,6} /) },
  { id: 'link', label: 'Link', glyph: 'icon:link', key: 'Mod-k', run: insertLink },
  { id: 'list', label: 'List', glyph: '•', key: 'Mod-Shift-8', run: toggleLinePrefix('- ', /^[-*+] /) },
  { id: 'quote', label: 'Quote', glyph: '“', key: 'Mod-Shift-9', run: toggleLinePrefix('> ', /^> ?/) },
  { id: 'scene', label: 'Scene break', glyph: '⁂', key: 'Mod-Shift-Enter', run: insertSceneBreak },
];

/** Apply format `run` to `view` as one undoable step. */
export function applyFormat(view, run) {
  view.dispatch(view.state.update(run(view.state), { scrollIntoView: true, userEvent: 'input.format' }));
  view.focus();
  return true;
}

/** The key bindings of the formats, for keymap.of(). */
export const formatKeymap = FORMATS.map((f) => ({ key: f.key, run: (view) => applyFormat(view, f.run), preventDefault: true }));

/** "Ctrl+B" / "⌘B" for a key binding, for the buttons' titles. */
export function shortcutLabel(key, mac = typeof navigator !== 'undefined' && /Mac|iP(hone|ad)/.test(navigator.platform || '')) {
  return key
    .split('-')
    .map((part) => ({ Mod: mac ? '⌘' : 'Ctrl', Alt: mac ? '⌥' : 'Alt', Shift: mac ? '⇧' : 'Shift' })[part] || (part.length === 1 ? part.toUpperCase() : part))
    .join(mac ? '' : '+');
}
