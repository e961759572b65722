import { useState } from 'react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { entries } from '../services/api.js';
import { list, renderAt } from '../test/utils.jsx';
import MentionTextarea from './MentionTextarea.jsx';

afterEach(() => vi.restoreAllMocks());

const CODEX = [
  { kind: 'character', id: 'c1', name: 'Ayla' },
  { kind: 'character', id: 'c2', name: 'Ayme Trần' },
  { kind: 'location', id: 'l1', name: 'Hà Nội' },
];

function Harness({ worldId = 'w1', initial = '', onValue = () => {} }) {
  const [text, setText] = useState(initial);
  return (
    <MentionTextarea
      label="Story text"
      worldId={worldId}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onValue(e.target.value);
      }}
    />
  );
}

function mockCodex() {
  return vi.spyOn(entries, 'list').mockImplementation(async (_wid, { q }) => {
    const found = CODEX.filter((e) => !q || e.name.toLowerCase().startsWith(q.toLowerCase()));
    return list(found);
  });
}

const box = () => screen.getByRole('textbox', { name: 'Story text' });

describe('MentionTextarea: @ completion', () => {
  it('lists codex names for what follows @, and Enter writes [[Name]]', async () => {
    const ask = mockCodex();
    const user = userEvent.setup();
    renderAt(<Harness />);
    await user.type(box(), 'Then @Ay');
    const listbox = await screen.findByRole('listbox', { name: 'Codex entries' });
    expect(within(listbox).getAllByRole('option').map((o) => o.textContent)).toEqual(['Aylacharacter', 'Ayme Trầncharacter']);
    expect(ask).toHaveBeenLastCalledWith('w1', { q: 'Ay', sort: 'name', per_page: 8 });
    expect(box()).toHaveAttribute('aria-controls', listbox.id);
    expect(box()).toHaveAttribute('aria-activedescendant', within(listbox).getAllByRole('option')[0].id);
    await user.keyboard('{ArrowDown}');
    expect(within(listbox).getAllByRole('option')[1]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Enter}');
    expect(box()).toHaveValue('Then [[Ayme Trần]] ');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    // typing goes on after the mention
    await user.type(box(), 'smiled.');
    expect(box()).toHaveValue('Then [[Ayme Trần]] smiled.');
  });

  it('completes after [[ too, with Tab, reusing a closing ]] and keeping the text after it', async () => {
    mockCodex();
    const user = userEvent.setup();
    renderAt(<Harness initial="Đến  rồi." />);
    box().focus();
    box().setSelectionRange(4, 4);
    await user.keyboard('[[[[Hà');
    await screen.findByRole('listbox');
    await user.keyboard('{Tab}');
    expect(box()).toHaveValue('Đến [[Hà Nội]] rồi.');
  });

  it('chooses with a tap, and Escape closes the list without leaving the field', async () => {
    mockCodex();
    const user = userEvent.setup();
    renderAt(<Harness />);
    await user.type(box(), '@');
    fireEvent.click(within(await screen.findByRole('listbox')).getByText('Hà Nội'));
    expect(box()).toHaveValue('[[Hà Nội]] ');

    await user.type(box(), 'and @A');
    await screen.findByRole('listbox');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    await user.keyboard('{Enter}');
    expect(box()).toHaveValue('[[Hà Nội]] and @A\n');
  });

  it('does not complete an e-mail address, and is a plain textarea without a world', async () => {
    const ask = mockCodex();
    const user = userEvent.setup();
    const { unmount } = renderAt(<Harness />);
    await user.type(box(), 'mail ayla@example.com');
    await new Promise((r) => setTimeout(r, 250));
    expect(ask).not.toHaveBeenCalled();
    unmount();

    renderAt(<Harness worldId={null} />);
    await user.type(box(), '@Ay');
    await new Promise((r) => setTimeout(r, 250));
    expect(ask).not.toHaveBeenCalled();
    expect(box()).not.toHaveAttribute('aria-autocomplete');
    expect(screen.queryByText(/Type @/)).not.toBeInTheDocument();
  });

  it('tells how to mention, in the field’s description', () => {
    renderAt(<Harness />);
    expect(box()).toHaveAccessibleDescription(/Type @ \(or \[\[\) and a name/);
    return waitFor(() => expect(box()).toHaveAttribute('aria-autocomplete', 'list'));
  });
});
