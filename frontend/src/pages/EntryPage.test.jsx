import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { entries, fieldTemplates, relations, worlds } from '../services/api.js';
import EntryPage from './EntryPage.jsx';
import { friend, list, renderAt, world } from '../test/utils.jsx';

const mira = {
  kind: 'character',
  id: 'e1',
  entity_id: 'e1',
  world_id: 'w1',
  name: 'Mira Thornwood',
  aliases: ['Cô Mây'],
  description: 'Keeper of the last lighthouse.',
  tags: ['keeper', 'đảo'],
  image_id: '',
  fields: { born: { year: 980, month: 3, day: 9 }, motto: 'Light holds', retired: 'yes' },
  entity_type: 'character',
  role: 'heroine',
  updated_at: '2026-01-01T00:00:00Z',
  version: 4,
};
const page = {
  entry: mira,
  breadcrumb: [],
  children: [],
  stories: [{ story_id: 's1', title: 'The Lantern Road' }],
  stories_total: 1,
  events: [{ event_id: 'v1', title: 'Mira lights the lamp', story_id: 's1', date: { year: 1001 }, time_index: 50 }],
  events_total: 1,
};
const templates = [
  { template_id: 't1', world_id: 'w1', kind: 'character', key: 'born', label: 'Born', field_type: 'date', order: 0, options: {} },
  { template_id: 't2', world_id: 'w1', kind: 'character', key: 'motto', label: 'Motto', field_type: 'text', order: 1, options: {} },
];
const types = [
  { key: 'parent_of', label: 'parent of', inverse_label: 'child of', mutual: false },
  { key: 'sibling_of', label: 'sibling of', inverse_label: 'sibling of', mutual: true },
];
const rel = { relation_id: 'r1', world_id: 'w1', source_id: 'e2', source_kind: 'character', target_id: 'e1', target_kind: 'character', type: 'parent_of', mutual: false, attitude: 2, note: 'raised her alone', start_date: null, end_date: null, version: 1 };

beforeEach(() => {
  vi.spyOn(worlds, 'get').mockResolvedValue(world);
  vi.spyOn(entries, 'get').mockImplementation(async (wid, id) =>
    id === 'e1' ? page : { ...page, entry: { ...mira, id, entity_id: id, name: id === 'e2' ? 'Ayla' : 'Borin' } },
  );
  vi.spyOn(entries, 'mentions').mockResolvedValue(list([{ source_kind: 'story', source_id: 's2', title: 'Storm over Saltmarsh', snippet: '…and Mira Thornwood ran…', count: 2 }]));
  vi.spyOn(entries, 'familyTree').mockResolvedValue({ root: 'e1', depth: 3, people: [{ id: 'e1', name: 'Mira Thornwood' }], parents: [], spouses: [] });
  vi.spyOn(fieldTemplates, 'list').mockResolvedValue(templates);
  vi.spyOn(relations, 'types').mockResolvedValue(types);
  vi.spyOn(relations, 'list').mockResolvedValue(list([rel]));
});
afterEach(() => vi.restoreAllMocks());

const open = (user) => renderAt(<EntryPage />, { user, path: '/worlds/w1/entries/e1', route: '/worlds/:worldId/entries/:entryId' });

describe('EntryPage', () => {
  it('shows the entry: kind, aliases, tags linking to the codex, custom fields by label, unlisted fields', async () => {
    open();
    expect(await screen.findByRole('heading', { level: 1, name: 'Mira Thornwood' })).toBeInTheDocument();
    expect(screen.getByText('Character')).toBeInTheDocument();
    expect(screen.getByText('Cô Mây')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Tag: đảo' })).toHaveAttribute('href', '/worlds/w1?tab=codex&tag=%C4%91%E1%BA%A3o');
    expect(await screen.findByText('Born')).toBeInTheDocument();
    expect(screen.getByText('9 March 980 TA')).toBeInTheDocument();
    expect(screen.getByText('Light holds')).toBeInTheDocument();
    expect(screen.getByText('Unlisted fields')).toBeInTheDocument();
    expect(screen.getByText('retired')).toBeInTheDocument();
  });

  it('lists relations from this side, and where it appears', async () => {
    open();
    const item = await screen.findByTestId('relation');
    expect(item).toHaveTextContent('child of');
    expect(await within(item).findByRole('link', { name: 'Ayla' })).toHaveAttribute('href', '/worlds/w1/entries/e2');
    expect(item).toHaveTextContent('+2 friendly');
    expect(item).toHaveTextContent('raised her alone');
    expect(screen.getByRole('link', { name: /The Lantern Road/ })).toHaveAttribute('href', '/stories/s1');
    expect(screen.getByText('Mira lights the lamp')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Storm over Saltmarsh' })).toHaveAttribute('href', '/stories/s2');
    expect(screen.getByText('…and Mira Thornwood ran…')).toBeInTheDocument();
    expect(screen.getByText('· 2 times')).toBeInTheDocument();
  });

  it('is read-only for a reader it is shared with', async () => {
    open(friend);
    await screen.findByRole('heading', { level: 1, name: 'Mira Thornwood' });
    await screen.findByTestId('relation');
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add relation' })).not.toBeInTheDocument();
    expect(screen.queryByText('Add an image')).not.toBeInTheDocument();
  });

  it('edits in place over the version it opened (changed custom fields only, null for a cleared one)', async () => {
    const update = vi.spyOn(worlds, 'updateEntity').mockResolvedValue({ ...mira, version: 5 });
    open();
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const form = await screen.findByRole('form', { name: 'Edit Mira Thornwood' });
    fireEvent.change(within(form).getByLabelText('Tags'), { target: { value: 'keeper, đảo, Hà Nội' } });
    fireEvent.change(within(form).getByLabelText('Motto'), { target: { value: '' } });
    fireEvent.change(within(form).getByLabelText('Kind'), { target: { value: 'creature' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(update).toHaveBeenCalled());
    const [wid, id, body, version] = update.mock.calls[0];
    expect([wid, id, version]).toEqual(['w1', 'e1', 4]);
    expect(body).toMatchObject({ name: 'Mira Thornwood', tags: ['keeper', 'đảo', 'Hà Nội'], aliases: ['Cô Mây'], entity_type: 'creature', fields: { motto: null } });
    expect(body.fields).not.toHaveProperty('retired');
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Edit Mira Thornwood' })).not.toBeInTheDocument());
  });

  it('opens "Changed elsewhere" on a 412 instead of overwriting', async () => {
    const theirs = { ...mira, entity_id: 'e1', description: 'Keeper, now retired.', version: 5 };
    const update = vi
      .spyOn(worlds, 'updateEntity')
      .mockRejectedValueOnce(Object.assign(new Error('Changed elsewhere'), { isApiError: true, status: 412, current: theirs }))
      .mockResolvedValue({ ...theirs, version: 6 });
    open();
    fireEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    const form = await screen.findByRole('form', { name: 'Edit Mira Thornwood' });
    fireEvent.change(within(form).getByLabelText('Description'), { target: { value: 'Keeper of two lighthouses.' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('dialog', { name: 'Changed elsewhere' });
    expect(within(dialog).getByText('Keeper, now retired.')).toBeInTheDocument();
    expect(update).toHaveBeenCalledTimes(1);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Overwrite with mine' }));
    await waitFor(() => expect(update).toHaveBeenCalledTimes(2));
    expect(update.mock.calls[1][3]).toBe(5);
    expect(update.mock.calls[1][2].description).toBe('Keeper of two lighthouses.');
  });

  it('adds a relation read from this side ("child of" makes the other the source)', async () => {
    relations.list.mockResolvedValue(list([]));
    const create = vi.spyOn(relations, 'create').mockResolvedValue({ relation_id: 'r2' });
    vi.spyOn(entries, 'list').mockResolvedValue(list([{ kind: 'character', id: 'e3', name: 'Oren Vale' }]));
    open();
    fireEvent.click(await screen.findByRole('button', { name: 'Add relation' }));
    const form = screen.getByRole('form', { name: 'New relation' });
    fireEvent.change(within(form).getByLabelText('Mira Thornwood is…'), { target: { value: 'parent_of:in' } });
    fireEvent.change(within(form).getByLabelText('…child of'), { target: { value: 'Or' } });
    fireEvent.click(await within(form).findByRole('button', { name: /Oren Vale/ }));
    fireEvent.change(within(form).getByLabelText('Attitude'), { target: { value: '-2' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add relation' }));
    await waitFor(() => expect(create).toHaveBeenCalled());
    expect(create.mock.calls[0][1]).toMatchObject({ type: 'parent_of', source_id: 'e3', target_id: 'e1', attitude: -2 });
  });

  it('shows the not-found page for an entry that is gone', async () => {
    entries.get.mockRejectedValue(Object.assign(new Error('Not found'), { isApiError: true, status: 404 }));
    open();
    expect(await screen.findByRole('heading', { name: 'This entry does not exist' })).toBeInTheDocument();
  });
});
