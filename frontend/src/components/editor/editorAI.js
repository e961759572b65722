// The writing tools of the editor as pure functions of a CodeMirror state: which tools there are,
// the request a tool sends for the current selection, where its answer goes (a range followed
// through the writer's edits while the text streams), and the ONE transaction that puts it there
// (its own undo step: one Ctrl+Z takes it back).
import { EditorSelection, StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView } from '@codemirror/view';
import { isolateHistory } from '@codemirror/commands';

/** Characters of a selection a tool reads (api/core/vocabulary.py SELECTION_MAX). */
export const SELECTION_MAX = 20_000;
/** How much text around the selection goes with it, so the AI writes in its flow. */
export const AROUND = { before: 3000, after: 1000 };

/**
 * The AI menu, in order. `needs`: 'selection' (acts on selected text), 'cursor' (at the caret),
 * 'story' (the whole story). `accept`: 'replace' the selection, 'insert' at the caret, 'title'
 * (choices that set the story's title).
 */
export const AI_TOOLS = [
  { id: 'continue', label: 'Continue', needs: 'cursor', accept: 'insert', hint: 'Write on from the cursor' },
  { id: 'expand', label: 'Expand', needs: 'selection', accept: 'replace', hint: 'Say the selection at more length' },
  { id: 'rephrase', label: 'Rephrase', needs: 'selection', accept: 'replace', hint: 'Say the selection another way' },
  { id: 'summarise', label: 'Summarise', needs: 'selection', accept: 'replace', hint: 'Say the selection in fewer words' },
  { id: 'titles', label: 'Suggest titles', needs: 'story', accept: 'title', hint: 'Titles for this story' },
];

export const toolOf = (id) => AI_TOOLS.find((t) => t.id === id) || null;

/** What a tool would read now: null when it can run, else the sentence saying what it needs. */
export function toolBlocked(state, tool) {
  const sel = state.selection.main;
  if (tool.needs === 'selection' && sel.empty) return 'Select some text first.';
  if (tool.needs === 'selection' && sel.to - sel.from > SELECTION_MAX) return `Select at most ${SELECTION_MAX.toLocaleString('en')} characters.`;
  if (tool.needs === 'story' && !state.doc.length) return 'Write some of the story first.';
  if (tool.needs === 'cursor' && !state.doc.sliceString(0, sel.to).trim()) return 'Put the cursor after some text first.';
  return null;
}

/**
 * `{body, target}` for running `tool` on `state` (`storyId` names the story): the body of
 * POST /worlds/{id}/writing, and where the answer goes ({from, to, accept, original}).
 */
export function writingRequest(state, tool, { storyId } = {}) {
  const sel = state.selection.main;
  const doc = state.doc;
  const at = tool.needs === 'cursor' ? sel.to : sel.from;
  const end = sel.to;
  const body = { tool: tool.id, ...(storyId ? { story_id: storyId } : {}) };
  if (tool.needs === 'story') {
    body.selection = doc.sliceString(0, Math.min(doc.length, SELECTION_MAX));
  } else {
    if (tool.needs === 'selection') body.selection = doc.sliceString(sel.from, sel.to);
    body.before = doc.sliceString(Math.max(0, at - AROUND.before), at);
    body.after = doc.sliceString(end, Math.min(doc.length, end + AROUND.after));
  }
  const target = { from: at, to: end, accept: tool.accept, original: doc.sliceString(at, end) };
  return { body, target };
}

/** `target` carried through `changes` (a ChangeSet): the answer still lands where it was asked for. */
export function mapTarget(target, changes) {
  if (!target) return target;
  // text typed right at its start stays before it; text typed right at its end stays after it
  const from = changes.mapPos(target.from, 1);
  const to = Math.max(from, changes.mapPos(target.to, -1));
  return { ...target, from, to };
}

/** Marks (`{from, to}`) or unmarks (null) the text a running tool works on. */
export const markAITarget = StateEffect.define();

/**
 * The text a running tool works on, marked (class `cm-ai-target`) while its preview is open: the
 * selection is still seen when the focus is in the preview. Follows the writer's edits.
 */
export const aiTargetField = StateField.define({
  create: () => Decoration.none,
  update(marks, tr) {
    let next = marks.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(markAITarget)) continue;
      next = e.value && e.value.to > e.value.from ? Decoration.set([Decoration.mark({ class: 'cm-ai-target' }).range(e.value.from, e.value.to)]) : Decoration.none;
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** `text` as it goes in at `pos` of `state`: a space before it when it would run into a word. */
function joined(state, pos, text) {
  const prev = pos > 0 ? state.sliceDoc(pos - 1, pos) : '';
  return prev && !/\s/.test(prev) && !/^\s/.test(text) ? ` ${text}` : text;
}

/**
 * The one transaction that puts `text` where `target` says: replacing the selection (or inserting
 * at the caret), the new text selected, isolated in the history so one undo takes all of it back.
 */
export function acceptSpec(state, target, text) {
  const from = Math.min(target.from, state.doc.length);
  const to = Math.min(Math.max(target.to, from), state.doc.length);
  const insert = target.accept === 'insert' ? joined(state, from, text) : text;
  return {
    changes: { from, to: target.accept === 'insert' ? from : to, insert },
    selection: EditorSelection.range(from, from + insert.length),
    scrollIntoView: true,
    userEvent: 'input.ai',
    annotations: isolateHistory.of('full'),
    effects: markAITarget.of(null),
  };
}

/** Why the context builder (its report) gave the AI an item of the canon, as a writer says it. */
export const WHY = {
  named: 'named in the text',
  mention: 'linked with [[…]]',
  search: 'found by search',
  relation: 'related to an included entry',
  recent_event: 'a recent event',
};

/** Why it left one out. */
export const REASON = {
  budget: 'no room left',
  rank: 'less relevant',
  visibility: 'not yours to see',
};
