import { useRef, useState } from 'react';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EditorSelection } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { admin, checks, findings, gpt } from '../../services/api.js';
import MarkdownEditor from '../editor/MarkdownEditor.jsx';
import ConsistencyPanel from './ConsistencyPanel.jsx';
import { findEditor } from './editorSpan.js';
import { renderAt } from '../../test/utils.jsx';

afterEach(() => vi.restoreAllMocks());

const TEXT = 'Mara chết vào mùa đông. Mùa xuân, Mara đi ra giếng. Orin cười.';
const story = { story_id: 's1', world_id: 'w1', title: 'Chương hai', content: TEXT };
const at = (quote) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length });

const death = {
  finding_id: 'f1',
  world_id: 'w1',
  story_id: 's1',
  kind: 'death',
  severity: 'error',
  message: 'Mara acts after her death (Mara dies, winter 1203).',
  quote: 'Mara đi ra giếng',
  ...at('Mara đi ra giếng'),
  cites: [
    { kind: 'entry', id: 'e-mara', name: 'Mara' },
    { kind: 'event', id: 'ev-death', name: 'Mara dies' },
  ],
  suggestion: '',
  source: 'rules',
  status: 'open',
};
const variant = {
  ...death,
  finding_id: 'f2',
  kind: 'name_variant',
  severity: 'warning',
  message: '“Orin” may be a variant of “Orrin”.',
  quote: 'Orin',
  ...at('Orin'),
  cites: [{ kind: 'entry', id: 'e-orrin', name: 'Orrin' }],
  suggestion: 'Orrin',
};

/** The story page in small: the editor (when editing) and the panel beside it. */
function Page({ editing = true, onOpen = () => {} }) {
  const root = useRef(null);
  const [text, setText] = useState(TEXT);
  const [open, setOpen] = useState(editing);
  return (
    <div ref={root}>
      {open && <MarkdownEditor label="Story text" value={text} onChange={setText} />}
      <output data-testid="saved-text">{text}</output>
      <ConsistencyPanel
        story={story}
        getEditor={() => findEditor(root.current)}
        openEditor={() => {
          onOpen();
          setOpen(true);
        }}
      />
    </div>
  );
}

const view = () => EditorView.findFromDOM(screen.getByRole('textbox', { name: 'Story text' }));

function serveFindings({ open = [death, variant], dismissed = [] } = {}) {
  const lists = { open: [...open], dismissed: [...dismissed] };
  vi.spyOn(findings, 'list').mockImplementation(async (_id, status) => ({ findings: lists[status] || [] }));
  const patch = vi.spyOn(findings, 'setStatus').mockImplementation(async (id, status) => {
    const all = [...lists.open, ...lists.dismissed];
    const f = { ...all.find((x) => x.finding_id === id), status };
    lists.open = lists.open.filter((x) => x.finding_id !== id);
    lists.dismissed = lists.dismissed.filter((x) => x.finding_id !== id);
    if (status === 'open') lists.open.push(f);
    if (status === 'dismissed') lists.dismissed.push(f);
    return f;
  });
  return { lists, patch };
}

describe('ConsistencyPanel', () => {
  it('runs a check of the whole chapter, polls it, and lists the findings by severity with their citations', async () => {
    serveFindings();
    const start = vi.spyOn(checks, 'start').mockResolvedValue({ task_id: 't1', status: 'pending' });
    vi.spyOn(gpt, 'result')
      .mockResolvedValueOnce({ status: 'processing', progress: { done: 1, total: 3, message: 'Reading the timeline' } })
      .mockResolvedValue({ status: 'completed', result: { findings: [death, variant], counts: { open: 2, dismissed: 1 } } });
    renderAt(<Page />);
    expect(screen.getByRole('heading', { name: 'Check consistency' })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Check consistency' }));
    expect(await screen.findByText('2 possible problems to look at. 1 finding you dismissed stayed dismissed.', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(start).toHaveBeenCalledWith('s1', {});

    const errors = screen.getByRole('region', { name: /Contradictions/ });
    const item = within(errors).getByRole('listitem');
    expect(within(item).getByText('Mara acts after her death (Mara dies, winter 1203).')).toBeInTheDocument();
    expect(within(item).getByRole('button', { name: 'Select in the text: “Mara đi ra giếng”' })).toBeInTheDocument();
    expect(within(item).getByRole('link', { name: 'Mara' })).toHaveAttribute('href', '/worlds/w1/entries/e-mara');
    expect(within(item).getByRole('link', { name: 'Mara dies' })).toHaveAttribute('href', '/worlds/w1?tab=timeline#event-ev-death');
    expect(within(item).queryByRole('button', { name: 'Fix' })).toBeNull(); // no suggestion, no fix
    const warnings = screen.getByRole('region', { name: /Likely problems/ });
    expect(within(warnings).getByRole('button', { name: 'Fix' })).toBeInTheDocument();
  });

  it('checks only the selected words (offsets in code points, as the API counts)', async () => {
    serveFindings({ open: [] });
    const start = vi.spyOn(checks, 'start').mockResolvedValue({ task_id: 't1', status: 'pending' });
    vi.spyOn(gpt, 'result').mockResolvedValue({ status: 'completed', result: { findings: [], counts: { open: 0, dismissed: 0 } } });
    renderAt(<Page />);
    const { start: from, end: to } = at('Mùa xuân, Mara đi ra giếng.');
    act(() => view().dispatch({ selection: EditorSelection.range(from, to) }));
    fireEvent.click(screen.getByRole('radio', { name: 'Selected text' }));
    fireEvent.click(screen.getByRole('button', { name: 'Check consistency' }));
    expect(await screen.findByText('No open problems found.', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(start).toHaveBeenCalledWith('s1', { start: from, end: to });
  });

  it('asks the AI model too when the server has one, and says what it left out', async () => {
    serveFindings({ open: [] });
    vi.spyOn(admin, 'health').mockResolvedValue({ storage: 'tinydb', gpt_provider: 'openai', gpt_enabled: true, version: '1' });
    const start = vi.spyOn(checks, 'start').mockResolvedValue({ task_id: 't1', status: 'pending' });
    vi.spyOn(gpt, 'result').mockResolvedValue({ status: 'completed', result: { findings: [], counts: { open: 0, dismissed: 0 }, dropped: 2 } });
    renderAt(<Page />);
    const ask = await screen.findByRole('checkbox', { name: 'Also ask the AI model' });
    expect(ask).toBeChecked();
    fireEvent.click(screen.getByRole('button', { name: 'Check consistency' }));
    expect(await screen.findByText(/2 findings of the AI left out/, {}, { timeout: 5000 })).toBeInTheDocument();
    expect(start).toHaveBeenCalledWith('s1', { use_ai: true });
    fireEvent.click(ask);
    fireEvent.click(screen.getByRole('button', { name: 'Check consistency' }));
    await waitFor(() => expect(start).toHaveBeenLastCalledWith('s1', {}));
  });

  it('offers no AI option offline, and says the check reads the saved text while typing is unsaved', async () => {
    serveFindings({ open: [] });
    vi.spyOn(admin, 'health').mockResolvedValue({ storage: 'tinydb', gpt_provider: 'offline', gpt_enabled: false, version: '1' });
    vi.spyOn(checks, 'start').mockResolvedValue({ task_id: 't1', status: 'pending' });
    vi.spyOn(gpt, 'result').mockResolvedValue({ status: 'completed', result: { findings: [], counts: { open: 0, dismissed: 0 } } });
    renderAt(<Page />);
    await waitFor(() => expect(admin.health).toHaveBeenCalled());
    expect(screen.queryByRole('checkbox', { name: 'Also ask the AI model' })).toBeNull();
    act(() => view().dispatch({ changes: { from: 0, insert: 'Chưa lưu. ' } }));
    fireEvent.click(screen.getByRole('button', { name: 'Check consistency' }));
    expect(await screen.findByText(/The check reads the text as last saved/)).toBeInTheDocument();
  });

  it('asks for a selection first instead of checking nothing', async () => {
    serveFindings({ open: [] });
    const start = vi.spyOn(checks, 'start');
    renderAt(<Page editing={false} />);
    fireEvent.click(screen.getByRole('radio', { name: 'Selected text' }));
    fireEvent.click(screen.getByRole('button', { name: 'Check consistency' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Open the story with “Edit story” and select the words to check first.');
    expect(start).not.toHaveBeenCalled();
  });

  it('a quote selects its words in the editor, opening the editor when the story is only being read', async () => {
    serveFindings();
    const onOpen = vi.fn();
    renderAt(<Page editing={false} onOpen={onOpen} />);
    fireEvent.click(await screen.findByRole('button', { name: /Select in the text: “Mara đi ra giếng”/ }));
    expect(onOpen).toHaveBeenCalled();
    await waitFor(() => {
      const { from, to } = view().state.selection.main;
      expect(TEXT.slice(from, to)).toBe('Mara đi ra giếng');
    });
  });

  it('Fix puts the suggestion in place in one undo step, then marks the finding fixed', async () => {
    const { patch } = serveFindings();
    renderAt(<Page />);
    const warnings = await screen.findByRole('region', { name: /Likely problems/ });
    fireEvent.click(within(warnings).getByRole('button', { name: 'Fix' }));
    await waitFor(() => expect(patch).toHaveBeenCalledWith('f2', 'fixed'));
    await waitFor(() => expect(screen.getByTestId('saved-text')).toHaveTextContent('Orrin cười.')); // the form heard the change
    expect(view().state.doc.toString()).toBe(TEXT.replace('Orin', 'Orrin'));
    expect(await screen.findByText(/Replaced with “Orrin”/)).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('region', { name: /Likely problems/ })).toBeNull());
    act(() => {
      view().contentDOM.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', code: 'KeyZ', ctrlKey: true, bubbles: true }));
    });
    expect(view().state.doc.toString()).toBe(TEXT);
  });

  it('says so when the quoted words are no longer in the text, and changes nothing', async () => {
    const { patch } = serveFindings({ open: [{ ...variant, quote: 'Orin laughed', start: 3, end: 15 }] });
    renderAt(<Page />);
    fireEvent.click(await screen.findByRole('button', { name: 'Fix' }));
    expect(await screen.findByText(/The quoted words are no longer in the text/)).toBeInTheDocument();
    expect(patch).not.toHaveBeenCalled();
    expect(view().state.doc.toString()).toBe(TEXT);
  });

  it('Dismiss hides a finding; “Show dismissed” lists it with Reopen', async () => {
    const { patch } = serveFindings();
    renderAt(<Page />);
    const errors = await screen.findByRole('region', { name: /Contradictions/ });
    fireEvent.click(within(errors).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(patch).toHaveBeenCalledWith('f1', 'dismissed'));
    await waitFor(() => expect(screen.queryByRole('region', { name: /Contradictions/ })).toBeNull());
    expect(await screen.findByText('Dismissed: it stays dismissed when the check runs again.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Check consistency' })).toHaveFocus(); // not lost with the button
    fireEvent.click(screen.getByRole('checkbox', { name: 'Show dismissed' }));
    const shelf = await screen.findByRole('region', { name: /Dismissed/ });
    const item = await within(shelf).findByRole('listitem');
    expect(within(item).getByText('Mara acts after her death (Mara dies, winter 1203).')).toBeInTheDocument();
    fireEvent.click(within(item).getByRole('button', { name: 'Reopen' }));
    await waitFor(() => expect(patch).toHaveBeenCalledWith('f1', 'open'));
    expect(await screen.findByRole('region', { name: /Contradictions/ })).toBeInTheDocument();
  });

  it('shows a refused change in plain words', async () => {
    serveFindings();
    vi.spyOn(findings, 'setStatus').mockRejectedValue(Object.assign(new Error('You are not allowed to do that.'), { isApiError: true, status: 403 }));
    renderAt(<Page />);
    const errors = await screen.findByRole('region', { name: /Contradictions/ });
    fireEvent.click(within(errors).getByRole('button', { name: 'Dismiss' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('You are not allowed to do that.');
  });
});
