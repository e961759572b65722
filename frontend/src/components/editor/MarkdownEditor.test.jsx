import { useState } from 'react';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { EditorSelection } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { startCompletion } from '@codemirror/autocomplete';
import { client } from '../../services/api.js';
import MarkdownEditor from './MarkdownEditor.jsx';
import { renderAt } from '../../test/utils.jsx';

/** The CodeMirror view behind the labelled text box. */
export const editorView = (name = 'Story text') => EditorView.findFromDOM(screen.getByRole('textbox', { name }));

function Harness({ initial = '', onText = () => {}, worldId }) {
  const [text, setText] = useState(initial);
  return (
    <MarkdownEditor
      label="Story text"
      worldId={worldId}
      value={text}
      onChange={(t) => {
        setText(t);
        onText(t);
      }}
    />
  );
}

function select(view, from, to) {
  act(() => view.dispatch({ selection: EditorSelection.range(from, to) }));
}

describe('MarkdownEditor', () => {
  it('is a labelled text box whose toolbar formats the selection and reports the text', () => {
    const onText = vi.fn();
    renderAt(<Harness initial="Mira rời đảo" onText={onText} />);
    const view = editorView();
    select(view, 5, 8);
    fireEvent.click(screen.getByRole('button', { name: 'Bold' }));
    expect(onText).toHaveBeenLastCalledWith('Mira **rời** đảo');
    fireEvent.click(screen.getByRole('button', { name: 'Heading' }));
    expect(onText).toHaveBeenLastCalledWith('## Mira **rời** đảo');
    // one undo step per format
    act(() => {
      view.contentDOM.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', code: 'KeyZ', ctrlKey: true, bubbles: true }));
    });
    expect(view.state.doc.toString()).toBe('Mira **rời** đảo');
  });

  it('runs the formats from the keyboard too (Ctrl+B, Ctrl+K)', () => {
    const onText = vi.fn();
    renderAt(<Harness initial="the map" onText={onText} />);
    const view = editorView();
    select(view, 4, 7);
    act(() => {
      view.contentDOM.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', code: 'KeyK', ctrlKey: true, bubbles: true }));
    });
    expect(onText).toHaveBeenLastCalledWith('the [map](https://)');
    select(view, 0, 3);
    act(() => {
      view.contentDOM.dispatchEvent(new KeyboardEvent('keydown', { key: 'b', code: 'KeyB', ctrlKey: true, bubbles: true }));
    });
    expect(onText).toHaveBeenLastCalledWith('**the** [map](https://)');
  });

  it('counts words and characters as the text changes', async () => {
    renderAt(<Harness initial="Mira rời đảo" />);
    expect(screen.getByText('3 words · 12 characters')).toBeInTheDocument();
    const view = editorView();
    act(() => view.dispatch({ changes: { from: view.state.doc.length, insert: ' lúc bình minh' } }));
    await waitFor(() => expect(screen.getByText('6 words · 26 characters')).toBeInTheDocument());
  });

  it('shows the text as readers see it under Read, and a new value from outside replaces the text', () => {
    const onText = vi.fn();
    function Outside() {
      const [text, setText] = useState('## Chương một');
      return (
        <>
          <button type="button" onClick={() => setText('theirs')}>
            Load theirs
          </button>
          <MarkdownEditor label="Story text" value={text} onChange={onText} />
        </>
      );
    }
    renderAt(<Outside />);
    fireEvent.click(screen.getByRole('button', { name: 'Read' }));
    const reading = screen.getByRole('region', { name: 'Story text, as readers see it' });
    expect(within(reading).getByRole('heading', { name: 'Chương một' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Bold' })).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Write' }));
    fireEvent.click(screen.getByRole('button', { name: 'Load theirs' }));
    expect(editorView().state.doc.toString()).toBe('theirs');
    expect(onText).not.toHaveBeenCalled(); // not reported back as typing
  });

  it('completes [[ with codex names and writes [[Name]]', async () => {
    const seen = [];
    client.defaults.adapter = async (config) => {
      seen.push(config.url + JSON.stringify(config.params));
      return { data: [{ id: 'e1', name: 'Mira Vale', kind: 'character' }], status: 200, statusText: 'OK', headers: { 'x-total-count': '1' }, config };
    };
    const onText = vi.fn();
    renderAt(<Harness initial="Then [[Mi" worldId="w1" onText={onText} />);
    const view = editorView();
    select(view, 9, 9);
    act(() => {
      view.focus();
      startCompletion(view);
    });
    const option = await screen.findByRole('option', { name: /Mira Vale/ });
    expect(seen[0]).toMatch(/\/worlds\/w1\/entries.*"q":"Mi"/);
    expect(option).toBeInTheDocument();
    await new Promise((r) => setTimeout(r, 120)); // CodeMirror takes no key in the list's first 75 ms
    act(() => {
      view.contentDOM.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', code: 'Tab', bubbles: true }));
    });
    await waitFor(() => expect(onText).toHaveBeenLastCalledWith('Then [[Mira Vale]] '));
  });

  it('gives the page to the text in focus mode until Escape', () => {
    renderAt(<Harness initial="x" />);
    const button = screen.getByRole('button', { name: 'Focus mode' });
    fireEvent.click(button);
    expect(button).toHaveAttribute('aria-pressed', 'true');
    expect(button.closest('.md-editor')).toHaveClass('is-focus');
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Story text' }), { key: 'Escape' });
    expect(button).toHaveAttribute('aria-pressed', 'false');
  });
});
