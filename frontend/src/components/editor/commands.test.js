import { describe, expect, it } from 'vitest';
import { EditorSelection, EditorState } from '@codemirror/state';
import { FORMATS, insertLink, insertSceneBreak, toggleLinePrefix, toggleWrap } from './commands.js';
import { countChars, countWords } from '../../utils/wordCount.js';

/** Run `cmd` on `doc` with the selection `from..to`: the text and the selection after it. */
function run(cmd, doc, from, to = from) {
  const state = EditorState.create({ doc, selection: EditorSelection.range(from, to), extensions: EditorState.allowMultipleSelections.of(true) });
  const next = state.update(cmd(state)).state;
  const r = next.selection.main;
  return { text: next.doc.toString(), sel: next.sliceDoc(r.from, r.to), from: r.from };
}

describe('editor commands', () => {
  it('wraps a selection in bold and takes it off again', () => {
    const bold = toggleWrap('**');
    const on = run(bold, 'Mira rời đảo', 5, 8);
    expect(on).toMatchObject({ text: 'Mira **rời** đảo', sel: 'rời' });
    const state = EditorState.create({ doc: on.text, selection: EditorSelection.range(7, 10) });
    expect(state.update(bold(state)).state.doc.toString()).toBe('Mira rời đảo');
    // the markers selected with the word come off too
    expect(run(bold, 'a **b** c', 2, 7).text).toBe('a b c');
  });

  it('puts an empty pair with the caret inside when nothing is selected, and italic uses underscores', () => {
    expect(run(toggleWrap('**'), 'ab', 1)).toMatchObject({ text: 'a****b', from: 3 });
    expect(run(FORMATS.find((f) => f.id === 'italic').run, 'say hi', 4, 6).text).toBe('say _hi_');
  });

  it('toggles a heading, replacing another level, on every selected line', () => {
    const heading = toggleLinePrefix('## ', /^#{1,6} /);
    expect(run(heading, 'Chương một\ntext', 3).text).toBe('## Chương một\ntext');
    expect(run(heading, '### Old\ntext', 3).text).toBe('## Old\ntext');
    expect(run(heading, '## Old\ntext', 3).text).toBe('Old\ntext');
    expect(run(toggleLinePrefix('- ', /^[-*+] /), 'a\nb\nc', 0, 3).text).toBe('- a\n- b\nc');
    expect(run(toggleLinePrefix('> '), '> a\n> b', 0, 7).text).toBe('a\nb');
  });

  it('makes a link with the address selected to type over, or link text to type over', () => {
    expect(run(insertLink, 'see the map', 8, 11)).toMatchObject({ text: 'see the [map](https://)', sel: 'https://' });
    expect(run(insertLink, 'x ', 2)).toMatchObject({ text: 'x [link text](https://)', sel: 'link text' });
  });

  it('puts a scene break on a line of its own', () => {
    expect(run(insertSceneBreak, 'End of scene.', 13).text).toBe('End of scene.\n\n* * *\n\n');
    expect(run(insertSceneBreak, 'One.\n\n', 6).text).toBe('One.\n\n* * *\n\n');
    expect(run(insertSceneBreak, '', 0).text).toBe('* * *\n\n');
  });
});

describe('word counts', () => {
  it('counts Vietnamese syllables, CJK characters, and not Markdown or link addresses', () => {
    expect(countWords('Mira rời ngọn hải đăng lúc bình minh.')).toBe(8);
    expect(countWords('## Heading\n\n**bold** and [a link](https://example.com/x-y) * * *')).toBe(5);
    expect(countWords('王国的故事 is old')).toBe(7);
    expect(countWords("don't stop")).toBe(2);
    expect(countWords('')).toBe(0);
    expect(countChars('hải 🌊')).toBe(5);
  });
});
