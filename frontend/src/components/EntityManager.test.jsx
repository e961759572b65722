import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { worlds } from '../services/api.js';
import EntityManager from './EntityManager.jsx';
import { list, renderAt } from '../test/utils.jsx';

afterEach(() => vi.restoreAllMocks());

const ayla = { entity_id: 'e1', name: 'Ayla', description: 'A queen', entity_type: 'character', role: 'mentor', version: 2 };

describe('EntityManager', () => {
  it('shows a loading state, then the characters', async () => {
    vi.spyOn(worlds, 'characters').mockResolvedValue(list([ayla]));
    renderAt(<EntityManager worldId="w1" kind="character" editable />);
    expect(screen.getByRole('status')).toHaveTextContent(/Loading characters/);
    expect(await screen.findByRole('heading', { name: 'Ayla' })).toBeInTheDocument();
    expect(screen.getByText('mentor')).toBeInTheDocument();
  });

  it('shows an empty state', async () => {
    vi.spyOn(worlds, 'locations').mockResolvedValue(list([]));
    renderAt(<EntityManager worldId="w1" kind="location" editable={false} />);
    expect(await screen.findByText('No locations yet.')).toBeInTheDocument();
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
  });

  it('shows a load error with retry', async () => {
    const load = vi.spyOn(worlds, 'characters').mockRejectedValueOnce(new Error('Cannot reach the server.')).mockResolvedValue(list([ayla]));
    renderAt(<EntityManager worldId="w1" kind="character" editable />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Cannot reach the server.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Ayla' })).toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('creates a character', async () => {
    vi.spyOn(worlds, 'characters').mockResolvedValueOnce(list([])).mockResolvedValue(list([{ ...ayla, entity_id: 'e2', name: 'Mira' }]));
    const create = vi.spyOn(worlds, 'createEntity').mockResolvedValue({ entity_id: 'e2' });
    renderAt(<EntityManager worldId="w1" kind="character" editable />);
    const form = await screen.findByRole('form', { name: 'New character' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: ' Mira ' } });
    fireEvent.change(within(form).getByLabelText('Description'), { target: { value: 'Keeper' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add character' }));
    expect(await screen.findByRole('heading', { name: 'Mira' })).toBeInTheDocument();
    expect(create).toHaveBeenCalledWith('w1', { name: 'Mira', description: 'Keeper', entity_type: 'character' });
  });

  it('shows field errors from the API', async () => {
    vi.spyOn(worlds, 'characters').mockResolvedValue(list([]));
    vi.spyOn(worlds, 'createEntity').mockRejectedValue(
      Object.assign(new Error('Invalid body'), { isApiError: true, status: 400, details: { name: 'Too long' } }),
    );
    renderAt(<EntityManager worldId="w1" kind="character" editable />);
    const form = await screen.findByRole('form', { name: 'New character' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'X' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add character' }));
    expect(await within(form).findByText('Too long')).toBeInTheDocument();
  });

  it('edits and deletes (after confirming)', async () => {
    vi.spyOn(worlds, 'characters').mockResolvedValue(list([ayla]));
    const update = vi.spyOn(worlds, 'updateEntity').mockResolvedValue({});
    const remove = vi.spyOn(worlds, 'deleteEntity').mockResolvedValue({});
    renderAt(<EntityManager worldId="w1" kind="character" editable />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Ayla' }));
    const form = screen.getByRole('form', { name: 'Edit character' });
    fireEvent.change(within(form).getByLabelText('Description'), { target: { value: 'A wise queen' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(update).toHaveBeenCalledWith('w1', 'e1', expect.objectContaining({ name: 'Ayla', description: 'A wise queen', role: 'mentor' }), 2));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Ayla' }));
    expect(remove).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() => expect(remove).toHaveBeenCalledWith('w1', 'e1'));
  });
});
