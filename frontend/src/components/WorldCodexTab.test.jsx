import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { entries, fieldTemplates, worlds } from '../services/api.js';
import WorldCodexTab from './WorldCodexTab.jsx';
import { renderAt, world } from '../test/utils.jsx';

const entry = (i, kind = 'character') => ({ kind, id: `e${i}`, name: `Người ${i}`, aliases: [], description: `Mô tả ${i}`, tags: i % 2 ? ['đảo'] : [], image_id: '', fields: {}, updated_at: '2026-01-01T00:00:00Z', version: 1 });

beforeEach(() => {
  vi.spyOn(fieldTemplates, 'list').mockResolvedValue([]);
});
afterEach(() => vi.restoreAllMocks());

const open = (path = '/worlds/w1?tab=codex', editable = true) => renderAt(<WorldCodexTab world={world} editable={editable} />, { path, route: '/worlds/:worldId' });

describe('WorldCodexTab', () => {
  it('reads a page of entries with the filters of the address, each card linking to its page', async () => {
    const load = vi.spyOn(entries, 'list').mockResolvedValue({ items: [entry(1), entry(3)], total: 60 });
    open('/worlds/w1?tab=codex&kind=character&tag=%C4%91%E1%BA%A3o&page=2');
    const cards = await screen.findAllByTestId('codex-card');
    expect(cards).toHaveLength(2);
    expect(within(cards[0]).getByRole('link', { name: 'Người 1' })).toHaveAttribute('href', '/worlds/w1/entries/e1');
    expect(load).toHaveBeenCalledWith('w1', { kind: 'character', tag: 'đảo', q: '', sort: 'name', page: 2, per_page: 20 });
    expect(screen.getByText('60 entries match')).toBeInTheDocument();
    expect(screen.getByText('Page 2 of 3')).toBeInTheDocument(); // 60 entries, 20 a page
    fireEvent.click(screen.getByRole('button', { name: 'Remove the filter: tag đảo' }));
    await waitFor(() => expect(load).toHaveBeenLastCalledWith('w1', { kind: 'character', tag: '', q: '', sort: 'name', page: 1, per_page: 20 }));
  });

  it('searches names, sorts, and shows a compact table of 40 a page', async () => {
    const load = vi.spyOn(entries, 'list').mockResolvedValue({ items: [entry(1), entry(2, 'location')], total: 2 });
    open();
    await screen.findAllByTestId('codex-card');
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'ha noi' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    fireEvent.change(screen.getByLabelText('Sort'), { target: { value: '-updated' } });
    fireEvent.click(screen.getByRole('button', { name: 'Table' }));
    const rows = await screen.findAllByTestId('codex-row');
    expect(rows).toHaveLength(2);
    expect(within(rows[1]).getByText('Location')).toBeInTheDocument();
    expect(load).toHaveBeenLastCalledWith('w1', { kind: '', tag: '', q: 'ha noi', sort: '-updated', page: 1, per_page: 40 });
  });

  it('creates an entry of any kind: a faction, a location inside another', async () => {
    vi.spyOn(entries, 'list').mockResolvedValue({ items: [], total: 0 });
    const createEntity = vi.spyOn(worlds, 'createEntity').mockResolvedValue({ entity_id: 'f1', name: 'Hội Đèn' });
    const createLocation = vi.spyOn(worlds, 'createLocation').mockResolvedValue({ location_id: 'l2', name: 'Phố Hàng Bạc' });
    open();
    expect(await screen.findByText('The codex is empty.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'New entry' }));
    const form = screen.getByRole('form', { name: 'New entry' });
    fireEvent.change(within(form).getByLabelText('Kind'), { target: { value: 'faction' } });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Hội Đèn' } });
    fireEvent.change(within(form).getByLabelText('Tags'), { target: { value: 'guild, đảo' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add faction' }));
    await waitFor(() => expect(createEntity).toHaveBeenCalledWith('w1', { name: 'Hội Đèn', description: '', tags: ['guild', 'đảo'], entity_type: 'faction' }));
    expect(await screen.findByRole('link', { name: 'Open its page' })).toHaveAttribute('href', '/worlds/w1/entries/f1');

    entries.list.mockResolvedValue({ items: [{ kind: 'location', id: 'l1', name: 'Hà Nội' }], total: 1 });
    fireEvent.change(within(form).getByLabelText('Kind'), { target: { value: 'location' } });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Phố Hàng Bạc' } });
    fireEvent.change(within(form).getByLabelText('Type'), { target: { value: 'street' } });
    fireEvent.change(within(form).getByLabelText('Inside (parent location)'), { target: { value: 'ha' } });
    fireEvent.click(await within(form).findByRole('button', { name: /Hà Nội/ }));
    fireEvent.click(within(form).getByRole('button', { name: 'Add location' }));
    await waitFor(() =>
      expect(createLocation).toHaveBeenCalledWith('w1', { name: 'Phố Hàng Bạc', description: '', tags: [], location_type: 'street', parent_id: 'l1' }),
    );
  });

  it('shows the locations as a tree', async () => {
    vi.spyOn(worlds, 'locationTree').mockResolvedValue([
      { id: 'l1', name: 'Hà Nội', location_type: 'city', parent_id: '', children: [{ id: 'l2', name: 'Phố Hàng Bạc', location_type: 'street', parent_id: 'l1', children: [] }] },
    ]);
    open('/worlds/w1?tab=codex&view=tree', false);
    const tree = await screen.findByRole('list', { name: 'Locations by place' });
    expect(within(tree).getByRole('link', { name: 'Phố Hàng Bạc' })).toHaveAttribute('href', '/worlds/w1/entries/l2');
    expect(screen.queryByRole('button', { name: 'New entry' })).not.toBeInTheDocument();
  });
});
