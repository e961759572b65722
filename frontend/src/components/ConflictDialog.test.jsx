import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import ConflictDialog from './ConflictDialog.jsx';
import { isVersionConflict, splitDiff } from '../utils/conflict.js';

const fields = [
  { key: 'name', label: 'Name' },
  { key: 'role', label: 'Role' },
  { key: 'description', label: 'Description', long: true },
];
const base = { name: 'Mira', role: 'mentor', description: 'Người giữ ngọn hải đăng cuối cùng.' };

function renderDialog(props = {}) {
  const handlers = { onOverwrite: vi.fn(), onReload: vi.fn(), onClose: vi.fn() };
  render(
    <ConflictDialog
      noun="character"
      fields={fields}
      base={base}
      mine={{ ...base, description: 'Người giữ ngọn hải đăng cuối cùng, và là em gái của Oren.' }}
      theirs={{ ...base, role: 'rival', description: 'Người giữ ngọn đèn cuối cùng.' }}
      theirsSavedAt={new Date().toISOString()}
      {...handlers}
      {...props}
    />,
  );
  return { ...handlers, dialog: screen.getByRole('dialog', { name: 'Changed elsewhere' }) };
}

describe('splitDiff', () => {
  it('marks whole words that differ, never half a word or a letter without its tone mark', () => {
    expect(splitDiff('Mira rời đảo.', 'Mira rời đảo.')).toEqual({ prefix: 'Mira rời đảo.', mine: '', theirs: '', suffix: '' });
    const d = splitDiff('Người giữ ngọn hải đăng cuối cùng.', 'Người giữ ngọn đèn cuối cùng.');
    expect(d).toEqual({ prefix: 'Người giữ ngọn ', mine: 'hải đăng', theirs: 'đèn', suffix: ' cuối cùng.' });
    // decomposed text (a base letter, then its marks): the cut still falls between words
    const nfd = 'Tiếng Việt'.normalize('NFD');
    const other = 'Tiếng Viet'.normalize('NFD');
    expect(splitDiff(nfd, other).mine).toBe('Việt'.normalize('NFD'));
  });
  it('knows a version conflict from any other failure', () => {
    expect(isVersionConflict({ status: 412, current: { version: 2 } })).toBe(true);
    expect(isVersionConflict({ status: 412 })).toBe(false);
    expect(isVersionConflict({ status: 409, current: {} })).toBe(false);
  });
});

describe('ConflictDialog', () => {
  it('is a labelled modal listing only the fields that differ, with who changed each', () => {
    const { dialog } = renderDialog();
    expect(dialog).toHaveAccessibleDescription(/This character was saved somewhere else at .+ after you opened it/);
    expect(within(dialog).queryByRole('region', { name: 'Name' })).not.toBeInTheDocument();
    const role = within(dialog).getByRole('region', { name: 'Role' });
    expect(role).toHaveTextContent('Changed elsewhere');
    expect(role).toHaveTextContent('Yoursmentor');
    expect(role).toHaveTextContent('Theirs (saved)rival');
    const description = within(dialog).getByRole('region', { name: 'Description' });
    expect(description).toHaveTextContent('Changed by you and elsewhere');
    expect(within(description).getAllByText((_, el) => el.tagName === 'MARK').map((m) => m.textContent)).toEqual([
      'hải đăng cuối cùng, và là em gái của Oren.',
      'đèn cuối cùng.',
    ]);
    expect(dialog).toHaveTextContent('The same in both: Name.');
    expect(within(dialog).getByRole('button', { name: 'Overwrite with mine' })).toHaveFocus();
  });

  it('overwrites at once; reloads theirs only after confirming', () => {
    const { dialog, onOverwrite, onReload } = renderDialog();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Overwrite with mine' }));
    expect(onOverwrite).toHaveBeenCalledTimes(1);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Reload theirs' }));
    expect(onReload).not.toHaveBeenCalled();
    expect(within(dialog).getByText(/Your version stays in a local draft/)).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Yes, reload theirs' }));
    expect(onReload).toHaveBeenCalledTimes(1);
  });

  it('closes on Escape and "Keep editing", but not while saving', () => {
    const { dialog, onClose } = renderDialog();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it('shows the saving state and the error of a failed overwrite', () => {
    const { dialog, onClose } = renderDialog({ busy: true, error: new Error('Cannot reach the server.') });
    expect(within(dialog).getByRole('button', { name: 'Saving…' })).toBeDisabled();
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Cannot reach the server.');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onClose).not.toHaveBeenCalled();
  });

  it('says when both versions hold the same values', () => {
    const { dialog } = renderDialog({ mine: base, theirs: base });
    expect(dialog).toHaveTextContent('Both versions hold the same text');
  });
});
