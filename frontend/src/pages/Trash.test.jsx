import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { trash, worlds } from '../services/api.js';
import { queryKeys } from '../services/queries.js';
import ToastProvider from '../hooks/ToastProvider.jsx';
import Toasts from '../components/Toasts.jsx';
import EntityManager from '../components/EntityManager.jsx';
import Trash from './Trash.jsx';
import { list, renderAt } from '../test/utils.jsx';

afterEach(() => vi.restoreAllMocks());

const entry = {
  trash_id: 't1',
  kind: 'world',
  item_id: 'w1',
  title: 'Thế giới Đảo Sương Mù',
  world_id: 'w1',
  deleted_at: new Date().toISOString(),
  expires_at: new Date(Date.now() + 30 * 86400000).toISOString(),
  counts: { worlds: 1, stories: 3, entities: 2, revisions: 4 },
  references: 0,
};

describe('Undo after a delete', () => {
  it('"Deleted “<name>”" offers Undo, which restores it from the trash and refreshes the list', async () => {
    const mira = { entity_id: 'e1', name: 'Mira Thornwood', description: '', entity_type: 'character', role: '', version: 1 };
    const load = vi.spyOn(worlds, 'characters').mockResolvedValue(list([mira]));
    vi.spyOn(worlds, 'deleteEntity').mockResolvedValue({ message: 'Character deleted', entity_id: 'e1', trash_id: 't9' });
    const restore = vi.spyOn(trash, 'restore').mockResolvedValue({ trash_id: 't9', kind: 'character', item_id: 'e1', world_id: 'w1', title: 'Mira Thornwood' });
    const { queryClient } = renderAt(
      <ToastProvider>
        <Toasts />
        <EntityManager worldId="w1" kind="character" editable />
      </ToastProvider>,
    );
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Mira Thornwood' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    const notices = screen.getByRole('list', { name: 'Notifications' });
    expect(await within(notices).findByText('Deleted “Mira Thornwood”')).toBeInTheDocument();
    expect(notices).toHaveAttribute('aria-live', 'polite');
    fireEvent.click(within(notices).getByRole('button', { name: 'Undo' }));
    expect(await within(notices).findByText('Restored “Mira Thornwood”')).toBeInTheDocument();
    expect(restore).toHaveBeenCalledWith('t9');
    expect(invalidate).toHaveBeenCalledWith({ queryKey: queryKeys.worlds.detail('w1') });
    expect(invalidate).toHaveBeenCalledWith({ queryKey: queryKeys.trash.all() });
    await waitFor(() => expect(load.mock.calls.length).toBeGreaterThanOrEqual(3)); // after delete and after restore
  });

  it('says why a restore failed', async () => {
    vi.spyOn(worlds, 'locations').mockResolvedValue(list([{ location_id: 'l1', name: 'Hải cảng', description: '', version: 1 }]));
    vi.spyOn(worlds, 'deleteLocation').mockResolvedValue({ trash_id: 't2' });
    vi.spyOn(trash, 'restore').mockRejectedValue(Object.assign(new Error('Its world is in the trash'), { status: 409 }));
    renderAt(
      <ToastProvider>
        <Toasts />
        <EntityManager worldId="w1" kind="location" editable />
      </ToastProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Hải cảng' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Undo' }));
    expect(await screen.findByText('Could not restore “Hải cảng”: Its world is in the trash')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Undo' })).not.toBeInTheDocument();
  });
});

describe('Trash page', () => {
  it('lists what was deleted, with what it holds, and restores it', async () => {
    const load = vi.spyOn(trash, 'list').mockResolvedValueOnce(list([entry])).mockResolvedValue(list([]));
    vi.spyOn(trash, 'restore').mockResolvedValue({ trash_id: 't1', kind: 'world', item_id: 'w1', world_id: 'w1', title: entry.title });
    renderAt(<Trash />);
    const item = (await screen.findByText('Thế giới Đảo Sương Mù')).closest('li');
    expect(item).toHaveTextContent('World');
    expect(item).toHaveTextContent('with 3 stories, 2 characters');
    expect(item).toHaveTextContent(/kept until/);
    expect(load).toHaveBeenCalledWith({ page: 1, per_page: 20 });
    fireEvent.click(within(item).getByRole('button', { name: 'Restore Thế giới Đảo Sương Mù' }));
    const done = await screen.findByRole('status');
    expect(done).toHaveTextContent('Restored “Thế giới Đảo Sương Mù”.');
    expect(within(done).getByRole('link', { name: 'Open it' })).toHaveAttribute('href', '/worlds/w1');
    expect(await screen.findByText('The trash is empty.')).toBeInTheDocument();
  });

  it('deletes for good only after confirming', async () => {
    vi.spyOn(trash, 'list').mockResolvedValue(list([entry]));
    const purge = vi.spyOn(trash, 'purge').mockResolvedValue({});
    renderAt(<Trash />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Thế giới Đảo Sương Mù for good' }));
    expect(purge).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete for good' }));
    await waitFor(() => expect(purge).toHaveBeenCalledWith('t1'));
  });
});
