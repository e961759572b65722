import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { relations, worlds } from '../services/api.js';
import WorldGraphTab from './WorldGraphTab.jsx';
import { renderAt, world } from '../test/utils.jsx';

const graph = {
  mode: 'relations',
  nodes: [
    { id: 'a', kind: 'character', name: 'Ayla', image_id: '' },
    { id: 's', kind: 'story', name: 'The Gate', image_id: '' },
  ],
  edges: [{ id: 'r1', source: 'a', target: 's', type: 'co_appears', label: 'appears with', inverse_label: 'appears with', mutual: true, attitude: 0, weight: 2 }],
};

beforeEach(() => vi.spyOn(relations, 'types').mockResolvedValue([{ key: 'sibling_of', label: 'sibling of', inverse_label: 'sibling of', mutual: true }]));
afterEach(() => vi.restoreAllMocks());

describe('WorldGraphTab', () => {
  it('shows typed relations by default, then co-occurrence, filtered by kind and type; a node opens its page', async () => {
    const load = vi.spyOn(worlds, 'graph').mockResolvedValue(graph);
    renderAt(<WorldGraphTab world={world} />, { path: '/worlds/w1?tab=graph', route: '/worlds/:worldId' });
    await screen.findByRole('button', { name: /Character: Ayla/ });
    expect(load).toHaveBeenCalledWith('w1', { mode: 'relations', kinds: '', types: '', all_entries: '' });
    fireEvent.change(screen.getByLabelText('Relation type'), { target: { value: 'sibling_of' } });
    fireEvent.click(screen.getByLabelText('Factions'));
    fireEvent.click(screen.getByLabelText('Characters'));
    await waitFor(() => expect(load).toHaveBeenLastCalledWith('w1', { mode: 'relations', kinds: 'faction,character', types: 'sibling_of', all_entries: '' }));
    fireEvent.click(screen.getByRole('button', { name: 'Appear together' }));
    await waitFor(() => expect(load).toHaveBeenLastCalledWith('w1', { mode: 'cooccurrence', kinds: 'faction,character', types: '', all_entries: '' }));
    expect(screen.queryByLabelText('Relation type')).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: /Character: Ayla/ }));
    expect(await screen.findByText('elsewhere')).toBeInTheDocument(); // left the world's page for the entry's
  });
});
