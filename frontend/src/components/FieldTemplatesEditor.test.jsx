import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fieldTemplates, relations } from '../services/api.js';
import WorldSettingsTab from './WorldSettingsTab.jsx';
import { renderAt, world } from '../test/utils.jsx';

const tpl = (i, label, type = 'text') => ({ template_id: `t${i}`, world_id: 'w1', kind: 'character', key: `k${i}`, label, field_type: type, order: i, options: {} });
afterEach(() => vi.restoreAllMocks());

describe('the custom fields editor', () => {
  it('adds a typed field to a kind, its key left to the API unless typed', async () => {
    vi.spyOn(relations, 'types').mockResolvedValue([]);
    const load = vi.spyOn(fieldTemplates, 'list').mockResolvedValue([]);
    const create = vi.spyOn(fieldTemplates, 'create').mockResolvedValue(tpl(0, 'Ngày sinh', 'date'));
    renderAt(<WorldSettingsTab world={world} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Factions' }));
    await waitFor(() => expect(load).toHaveBeenLastCalledWith('w1', 'faction'));
    const form = screen.getByRole('form', { name: 'New field' });
    fireEvent.change(within(form).getByLabelText('New field'), { target: { value: 'Ngày lập' } });
    expect(within(form).getByLabelText('Key')).toHaveValue('ngay_lap');
    fireEvent.change(within(form).getByLabelText('Type'), { target: { value: 'date' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add field' }));
    await waitFor(() => expect(create).toHaveBeenCalledWith('w1', { kind: 'faction', label: 'Ngày lập', field_type: 'date', order: 0 }));

    fireEvent.change(within(form).getByLabelText('New field'), { target: { value: 'Rank' } });
    fireEvent.change(within(form).getByLabelText('Type'), { target: { value: 'text' } });
    fireEvent.change(within(form).getByLabelText('Choices (optional)'), { target: { value: 'low, high' } });
    fireEvent.change(within(form).getByLabelText('Key'), { target: { value: 'Rank 2' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add field' }));
    await waitFor(() => expect(create).toHaveBeenLastCalledWith('w1', { kind: 'faction', label: 'Rank', key: 'rank_2', field_type: 'text', order: 0, options: { choices: ['low', 'high'] } }));
  });

  it('renames, reorders and deletes (after confirming) a field', async () => {
    vi.spyOn(relations, 'types').mockResolvedValue([]);
    vi.spyOn(fieldTemplates, 'list').mockResolvedValue([tpl(0, 'Age', 'number'), tpl(1, 'Motto')]);
    const update = vi.spyOn(fieldTemplates, 'update').mockResolvedValue({});
    const remove = vi.spyOn(fieldTemplates, 'remove').mockResolvedValue({});
    renderAt(<WorldSettingsTab world={world} />);
    const rows = await screen.findAllByTestId('field-template');
    fireEvent.change(within(rows[1]).getByLabelText('Label of Motto'), { target: { value: 'Châm ngôn' } });
    fireEvent.click(within(rows[1]).getByRole('button', { name: 'Rename' }));
    await waitFor(() => expect(update).toHaveBeenCalledWith('w1', 't1', { label: 'Châm ngôn' }));
    fireEvent.click(within(rows[1]).getByRole('button', { name: 'Move Motto up' }));
    await waitFor(() => expect(update).toHaveBeenCalledWith('w1', 't0', { order: 1 }));
    expect(update).toHaveBeenCalledWith('w1', 't1', { order: 0 });
    fireEvent.click(within(rows[0]).getByRole('button', { name: 'Delete the field Age' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete (values are kept)' }));
    await waitFor(() => expect(remove).toHaveBeenCalledWith('w1', 't0'));
  });

  it('saves the relation types as a whole, keys made from new labels', async () => {
    vi.spyOn(fieldTemplates, 'list').mockResolvedValue([]);
    vi.spyOn(relations, 'types').mockResolvedValue([{ key: 'parent_of', label: 'parent of', inverse_label: 'child of', mutual: false }]);
    const save = vi.spyOn(relations, 'setTypes').mockResolvedValue([]);
    renderAt(<WorldSettingsTab world={world} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add a type' }));
    fireEvent.change(screen.getByLabelText('Label 2'), { target: { value: 'thầy của' } });
    fireEvent.change(screen.getByLabelText('Inverse label 2'), { target: { value: 'học trò của' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save relation types' }));
    await waitFor(() =>
      expect(save).toHaveBeenCalledWith('w1', [
        { key: 'parent_of', label: 'parent of', inverse_label: 'child of', mutual: false },
        { key: 'thay_cua', label: 'thầy của', inverse_label: 'học trò của', mutual: false },
      ]),
    );
  });
});
