import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { EditorView } from '@codemirror/view';
import { describe, expect, it, vi } from 'vitest';
import { draftKey, readDraft, writeDraft } from '../services/drafts.js';
import StoryForm from './StoryForm.jsx';
import { owner, renderAt } from '../test/utils.jsx';

const story = {
  story_id: 's1',
  world_id: 'w1',
  title: 'Ngọn hải đăng',
  genre: 'adventure',
  visibility: 'private',
  time_index: 20,
  description: 'Mira rời đảo.',
  content: 'Mira rời ngọn hải đăng lúc bình minh.',
  version: 3,
  updated_at: new Date(Date.now() - 60_000).toISOString(),
};
const key = draftKey(owner.user_id, 'story', 's1');

function conflictError(current) {
  return Object.assign(new Error('The document changed'), { isApiError: true, status: 412, code: 'version_conflict', details: {}, current });
}

function renderForm(props = {}) {
  const onSubmit = props.onSubmit || vi.fn().mockResolvedValue({});
  const result = renderAt(<StoryForm initial={story} label="Edit story" onSubmit={onSubmit} {...props} />);
  return { ...result, onSubmit };
}

/** The story text as the editor holds it; `typeStory(text)` replaces it as typing would. */
const storyText = () => EditorView.findFromDOM(screen.getByRole('textbox', { name: 'Story text' })).state.doc.toString();
function typeStory(text) {
  const view = EditorView.findFromDOM(screen.getByRole('textbox', { name: 'Story text' }));
  act(() => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, userEvent: 'input.type' }));
}

describe('StoryForm: local drafts', () => {
  it('keeps what is typed as a draft, offers it when the form opens again, and restores it', async () => {
    const { unmount } = renderForm();
    typeStory('Mira rời ngọn hải đăng. Biển động.');
    await waitFor(() => expect(readDraft(key)).not.toBeNull());
    expect(readDraft(key)).toMatchObject({ values: { content: 'Mira rời ngọn hải đăng. Biển động.' }, baseVersion: 3 });
    unmount();

    renderForm();
    const offer = screen.getByRole('status');
    expect(offer).toHaveTextContent(/Restore your unsaved draft from .+\?/);
    expect(offer).toHaveTextContent('“Mira rời ngọn hải đăng. Biển động.”');
    expect(storyText()).toBe(story.content);
    fireEvent.click(within(offer).getByRole('button', { name: 'Restore' }));
    expect(storyText()).toBe('Mira rời ngọn hải đăng. Biển động.');
    expect(screen.queryByText(/Restore your unsaved draft/)).not.toBeInTheDocument();
  });

  it('discards a draft on request', () => {
    writeDraft(key, { ...story, content: 'old idea' }, { baseVersion: 3 });
    renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Discard' }));
    expect(readDraft(key)).toBeNull();
    expect(storyText()).toBe(story.content);
  });

  it('offers no draft that holds what is saved, and says so when the saved version moved on', () => {
    writeDraft(key, { ...story }, { baseVersion: 3 });
    const first = renderForm();
    expect(screen.queryByText(/Restore your unsaved draft/)).not.toBeInTheDocument();
    first.unmount();
    writeDraft(key, { ...story, content: 'typed over version 2' }, { baseVersion: 2 });
    renderForm();
    expect(screen.getByRole('status')).toHaveTextContent('older than the saved version');
  });

  it('a restored draft typed over an older version is saved over that version (so a conflict shows)', async () => {
    writeDraft(key, { ...story, content: 'typed over version 2' }, { baseVersion: 2 });
    const { onSubmit } = renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Restore' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save story' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ content: 'typed over version 2' }), { version: 2 }));
  });

  it('clears the draft once saved, and keeps it when the save fails', async () => {
    const onSubmit = vi.fn().mockRejectedValueOnce(Object.assign(new Error('Cannot reach the server.'), { status: 0 })).mockResolvedValue({});
    renderForm({ onSubmit });
    typeStory('new text');
    fireEvent.click(screen.getByRole('button', { name: 'Save story' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Cannot reach the server.');
    await waitFor(() => expect(readDraft(key)).not.toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Save story' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(readDraft(key)).toBeNull());
    await new Promise((r) => setTimeout(r, 600)); // no late write brings it back
    expect(readDraft(key)).toBeNull();
    expect(onSubmit).toHaveBeenLastCalledWith(expect.objectContaining({ content: 'new text', title: 'Ngọn hải đăng' }), { version: 3 });
  });
});

describe('StoryForm: changed elsewhere', () => {
  const theirs = { ...story, content: 'Oren Vale đến bến cảng.', version: 4, updated_at: new Date().toISOString() };

  async function conflictOnSave(onSubmit) {
    renderForm({ onSubmit });
    typeStory('Mira gặp Oren ở bến cảng.');
    fireEvent.click(screen.getByRole('button', { name: 'Save story' }));
    return screen.findByRole('dialog', { name: 'Changed elsewhere' });
  }

  it('shows both versions of what differs, and "Overwrite with mine" saves over the current version', async () => {
    const onSubmit = vi.fn().mockRejectedValueOnce(conflictError(theirs)).mockResolvedValue({});
    const dialog = await conflictOnSave(onSubmit);
    const text = within(dialog).getByRole('region', { name: 'Story text' });
    expect(within(text).getByText('Changed by you and elsewhere')).toBeInTheDocument();
    expect(text).toHaveTextContent('YoursMira gặp Oren ở bến cảng.');
    expect(text).toHaveTextContent('Theirs (saved)Oren Vale đến bến cảng.');
    expect(within(dialog).queryByRole('region', { name: 'Title' })).not.toBeInTheDocument();
    expect(dialog).toHaveTextContent('The same in both: Title, Genre, Visibility, Place in time, In-world date, Tags, Description.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Overwrite with mine' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(onSubmit).toHaveBeenCalledTimes(2);
    expect(onSubmit.mock.calls[0][1]).toEqual({ version: 3 });
    expect(onSubmit.mock.calls[1]).toEqual([expect.objectContaining({ content: 'Mira gặp Oren ở bến cảng.' }), { version: 4 }]);
  });

  it('"Reload theirs" asks first, shows theirs, and keeps mine as a draft that can be restored', async () => {
    const dialog = await conflictOnSave(vi.fn().mockRejectedValue(conflictError(theirs)));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reload theirs' }));
    const confirm = within(dialog).getByRole('group', { name: 'Reload theirs?' });
    expect(within(confirm).getByRole('button', { name: 'Yes, reload theirs' })).toHaveFocus();
    fireEvent.click(within(confirm).getByRole('button', { name: 'Back' }));
    expect(within(dialog).getByRole('button', { name: 'Reload theirs' })).toHaveFocus();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reload theirs' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Yes, reload theirs' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(storyText()).toBe('Oren Vale đến bến cảng.');
    expect(readDraft(key)).toMatchObject({ values: { content: 'Mira gặp Oren ở bến cảng.' }, baseVersion: 4 });
    fireEvent.click(screen.getByRole('button', { name: 'Restore' }));
    expect(storyText()).toBe('Mira gặp Oren ở bến cảng.');
  });

  it('"Keep editing" (or Escape) closes the dialog with the text as typed', async () => {
    const dialog = await conflictOnSave(vi.fn().mockRejectedValue(conflictError(theirs)));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(storyText()).toBe('Mira gặp Oren ở bến cảng.');
  });
});

describe('StoryForm: in-world date and tags', () => {
  const calendar = { months: [{ name: 'Thaw', days: 30 }, { name: 'Harvest', days: 31 }], year_name: 'TA' };

  it('sends a date (month and day from the calendar) instead of the place in time, and the tags', async () => {
    const { onSubmit } = renderForm({ calendar, initial: { ...story, tags: ['biển'], date: { year: 1203 } } });
    expect(screen.queryByLabelText(/No date yet/)).not.toBeInTheDocument();
    const when = screen.getByRole('group', { name: 'In-world date' });
    fireEvent.change(within(when).getByLabelText('Month'), { target: { value: '2' } });
    fireEvent.change(within(when).getByLabelText('Day'), { target: { value: '31' } });
    expect(when).toHaveAccessibleDescription(/31 Harvest 1203 TA/);
    fireEvent.change(screen.getByLabelText('Tags'), { target: { value: 'biển, chiến tranh,  Biển , ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save story' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    const [body] = onSubmit.mock.calls[0];
    expect(body).toMatchObject({ date: { year: 1203, month: 2, day: 31 }, tags: ['biển', 'chiến tranh'] });
    expect(body).not.toHaveProperty('time_index');
  });

  it('without a year, places the story by the slider', async () => {
    const { onSubmit } = renderForm({ calendar, initial: { ...story, date: null } });
    fireEvent.change(screen.getByLabelText(/No date yet: place in time/), { target: { value: '70' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save story' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0][0]).toMatchObject({ time_index: 70, tags: [] });
    expect(onSubmit.mock.calls[0][0]).not.toHaveProperty('date');
  });
});
