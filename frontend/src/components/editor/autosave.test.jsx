import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { EditorView } from '@codemirror/view';
import { draftKey, readDraft } from '../../services/drafts.js';
import StoryForm from '../StoryForm.jsx';
import { owner, renderAt } from '../../test/utils.jsx';

const story = {
  story_id: 's1',
  world_id: 'w1',
  title: 'Ngọn hải đăng',
  genre: 'adventure',
  visibility: 'private',
  time_index: 20,
  description: '',
  content: 'Chương một.',
  version: 3,
  updated_at: new Date(Date.now() - 60_000).toISOString(),
};
const SLOW = { timeout: 5000 };

function typeStory(text) {
  const view = EditorView.findFromDOM(screen.getByRole('textbox', { name: 'Story text' }));
  act(() => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, userEvent: 'input.type' }));
}
const status = () => screen.getByRole('status');

function renderForm(onAutosave) {
  const onSubmit = vi.fn().mockResolvedValue({});
  renderAt(<StoryForm initial={story} label="Edit story" onSubmit={onSubmit} onAutosave={onAutosave} worldId="w1" />);
  return { onSubmit };
}

function conflictError(current) {
  return Object.assign(new Error('The document changed'), { isApiError: true, status: 412, code: 'version_conflict', details: {}, current });
}

describe('StoryForm autosave', { timeout: 15000 }, () => {
  it('saves what is typed after a pause, over the version it opened, then over the version it made', async () => {
    let version = 3;
    const onAutosave = vi.fn(async (body) => ({ ...story, ...body, version: ++version }));
    renderForm(onAutosave);
    expect(status()).toHaveTextContent('');
    typeStory('Chương một. Mira thắp đèn.');
    expect(status()).toHaveTextContent('Unsaved changes');
    await waitFor(() => expect(status()).toHaveTextContent('Saved'), SLOW);
    expect(onAutosave).toHaveBeenCalledTimes(1);
    expect(onAutosave.mock.calls[0][0]).toMatchObject({ content: 'Chương một. Mira thắp đèn.', title: 'Ngọn hải đăng' });
    expect(onAutosave.mock.calls[0][1]).toEqual({ version: 3 });
    await waitFor(() => expect(readDraft(draftKey(owner.user_id, 'story', 's1'))).toBeNull());

    typeStory('Chương một. Mira thắp đèn. Biển động.');
    await waitFor(() => expect(onAutosave).toHaveBeenCalledTimes(2), SLOW);
    expect(onAutosave.mock.calls[1][1]).toEqual({ version: 4 });
    await waitFor(() => expect(status()).toHaveTextContent('Saved'));
  });

  it('on a 412 opens "Changed elsewhere", saves nothing more by itself, and overwrites only when asked', async () => {
    const theirs = { ...story, content: 'Their chapter.', version: 4, updated_at: new Date().toISOString() };
    const onAutosave = vi.fn().mockRejectedValueOnce(conflictError(theirs)).mockImplementation(async (body, { version }) => ({ ...theirs, ...body, version: version + 1 }));
    renderForm(onAutosave);
    typeStory('My chapter.');
    const dialog = await screen.findByRole('dialog', { name: 'Changed elsewhere' }, SLOW);
    expect(onAutosave).toHaveBeenCalledTimes(1);
    expect(screen.getAllByRole('status').some((s) => /Changed elsewhere: not saved/.test(s.textContent))).toBe(true);
    // the pause passes again: still nothing sent while the writer has not chosen
    await new Promise((r) => setTimeout(r, 2600));
    expect(onAutosave).toHaveBeenCalledTimes(1);
    const text = within(dialog).getByRole('region', { name: 'Story text' });
    expect(text).toHaveTextContent('My chapter.');
    expect(text).toHaveTextContent('Their chapter.');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Overwrite with mine' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(onAutosave).toHaveBeenCalledTimes(2);
    expect(onAutosave.mock.calls[1]).toEqual([expect.objectContaining({ content: 'My chapter.' }), { version: 4 }]);
    // the form stays open for more writing
    expect(screen.getByRole('textbox', { name: 'Story text' })).toBeInTheDocument();
  });

  it('"Reload theirs" after an autosave conflict shows theirs and keeps mine as a draft', async () => {
    const theirs = { ...story, content: 'Their chapter.', version: 7 };
    const onAutosave = vi.fn().mockRejectedValue(conflictError(theirs));
    renderForm(onAutosave);
    typeStory('My chapter.');
    const dialog = await screen.findByRole('dialog', { name: 'Changed elsewhere' }, SLOW);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reload theirs' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Yes, reload theirs' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(EditorView.findFromDOM(screen.getByRole('textbox', { name: 'Story text' })).state.doc.toString()).toBe('Their chapter.');
    expect(readDraft(draftKey(owner.user_id, 'story', 's1'))).toMatchObject({ values: { content: 'My chapter.' }, baseVersion: 7 });
    expect(onAutosave).toHaveBeenCalledTimes(1);
  });

  it('"Keep editing" after an autosave conflict stops autosaving; saving by hand shows the versions again', async () => {
    const theirs = { ...story, content: 'Their chapter.', version: 4 };
    const onAutosave = vi.fn().mockRejectedValue(conflictError(theirs));
    const onSubmit = vi.fn().mockRejectedValue(conflictError(theirs));
    renderAt(<StoryForm initial={story} label="Edit story" onSubmit={onSubmit} onAutosave={onAutosave} worldId="w1" />);
    typeStory('My chapter.');
    const dialog = await screen.findByRole('dialog', { name: 'Changed elsewhere' }, SLOW);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    typeStory('My chapter, longer.');
    expect(screen.getAllByRole('status').some((s) => /Changed elsewhere: not saved/.test(s.textContent))).toBe(true);
    await new Promise((r) => setTimeout(r, 2600));
    expect(onAutosave).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Save story' }));
    await screen.findByRole('dialog', { name: 'Changed elsewhere' });
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ content: 'My chapter, longer.' }), { version: 3 });
  });

  it('offline: says the text is kept locally, and it is', async () => {
    const offline = Object.assign(new Error('Cannot reach the server.'), { isApiError: true, status: 0, code: 'network_error' });
    const onAutosave = vi.fn().mockRejectedValue(offline);
    renderForm(onAutosave);
    typeStory('Written on the ferry.');
    await waitFor(() => expect(status()).toHaveTextContent('Offline, kept locally'), SLOW);
    await waitFor(() => expect(readDraft(draftKey(owner.user_id, 'story', 's1'))).toMatchObject({ values: { content: 'Written on the ferry.' } }));
    // back online: tried again at once
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    await waitFor(() => expect(onAutosave).toHaveBeenCalledTimes(2), SLOW);
  });
});
