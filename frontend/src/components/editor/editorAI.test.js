import { describe, expect, it } from 'vitest';
import { EditorSelection, EditorState } from '@codemirror/state';
import { history, undo } from '@codemirror/commands';
import { AI_TOOLS, acceptSpec, mapTarget, toolBlocked, toolOf, writingRequest } from './editorAI.js';

const stateOf = (doc, from, to = from) => EditorState.create({ doc, selection: EditorSelection.single(from, to), extensions: [history()] });

/** `state` after `spec`, and a `run(command)` over it, like a view. */
function apply(state, spec) {
  return state.update(spec).state;
}
function runUndo(state) {
  let next = state;
  undo({ state, dispatch: (tr) => (next = tr.state) });
  return next;
}

describe('the AI tools of the editor', () => {
  it('offers continue at the cursor, expand/rephrase/summarise on a selection, titles on the story', () => {
    expect(AI_TOOLS.map((t) => t.id)).toEqual(['continue', 'expand', 'rephrase', 'summarise', 'titles']);
    const caret = stateOf('Mira rời đảo.', 4);
    expect(toolBlocked(caret, toolOf('continue'))).toBeNull();
    expect(toolBlocked(caret, toolOf('rephrase'))).toBe('Select some text first.');
    expect(toolBlocked(stateOf('', 0), toolOf('titles'))).toBe('Write some of the story first.');
    expect(toolBlocked(stateOf('x'.repeat(20_001), 0, 20_001), toolOf('expand'))).toMatch(/at most 20,000/);
  });

  it('sends the selection with the text around it, and remembers where the answer goes', () => {
    const doc = 'Trước. Nguyễn Văn An rời đảo. Sau.';
    const from = doc.indexOf('Nguyễn');
    const to = doc.indexOf(' Sau');
    const { body, target } = writingRequest(stateOf(doc, from, to), toolOf('rephrase'), { storyId: 's1' });
    expect(body).toEqual({ tool: 'rephrase', story_id: 's1', selection: 'Nguyễn Văn An rời đảo.', before: 'Trước. ', after: ' Sau.' });
    expect(target).toEqual({ from, to, accept: 'replace', original: 'Nguyễn Văn An rời đảo.' });

    const cont = writingRequest(stateOf('The lamp burned', 8), toolOf('continue'), {});
    expect(cont.body).toEqual({ tool: 'continue', before: 'The lamp', after: ' burned' });
    expect(cont.target).toMatchObject({ from: 8, to: 8, accept: 'insert' });

    const titles = writingRequest(stateOf('A story.', 0), toolOf('titles'), { storyId: 's1' });
    expect(titles.body).toEqual({ tool: 'titles', story_id: 's1', selection: 'A story.' });
  });

  it('follows the target through edits made while the answer streams', () => {
    let state = stateOf('one two three', 4, 7);
    const target = writingRequest(state, toolOf('rephrase')).target;
    const tr = state.update({ changes: { from: 0, insert: 'Zero ' } });
    const moved = mapTarget(target, tr.changes);
    expect(tr.state.sliceDoc(moved.from, moved.to)).toBe('two');
    // typing at the end of the selection stays outside it
    const tr2 = tr.state.update({ changes: { from: moved.to, insert: '!' } });
    const again = mapTarget(moved, tr2.changes);
    expect(tr2.state.sliceDoc(again.from, again.to)).toBe('two');
  });

  it('accepts in one transaction that one undo takes back, even right after typing', () => {
    let state = stateOf('Mira lit the lamp.', 18);
    state = apply(state, { changes: { from: 18, insert: ' Then' }, userEvent: 'input.type' });
    state = apply(state, { selection: EditorSelection.single(0, 18) });
    const { target } = writingRequest(state, toolOf('rephrase'));
    state = apply(state, acceptSpec(state, target, 'Mira lit the lantern.'));
    expect(state.doc.toString()).toBe('Mira lit the lantern. Then');
    expect(state.sliceDoc(state.selection.main.from, state.selection.main.to)).toBe('Mira lit the lantern.');
    state = runUndo(state);
    expect(state.doc.toString()).toBe('Mira lit the lamp. Then');
    state = runUndo(state);
    expect(state.doc.toString()).toBe('Mira lit the lamp.');
  });

  it('inserts a continuation at the cursor with a space when it would run into a word', () => {
    let state = stateOf('The lamp burned', 15);
    const { target } = writingRequest(state, toolOf('continue'));
    state = apply(state, acceptSpec(state, target, 'all night.'));
    expect(state.doc.toString()).toBe('The lamp burned all night.');
    let spaced = stateOf('Xong.\n', 6);
    spaced = apply(spaced, acceptSpec(spaced, writingRequest(spaced, toolOf('continue')).target, 'Tiếp.'));
    expect(spaced.doc.toString()).toBe('Xong.\nTiếp.');
  });
});
