import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { worlds } from '../services/api.js';
import { queryKeys } from '../services/queries.js';
import WorldEditForm from './WorldEditForm.jsx';
import { renderAt, world as eldoria } from '../test/utils.jsx';

afterEach(() => vi.restoreAllMocks());

const world = { ...eldoria, version: 3 };

describe('WorldEditForm', () => {
  it('starts from the world, saves the fields and the calendar over its version, and shows the saved world', async () => {
    const saved = { ...world, name: 'Eldoria Reborn' };
    const update = vi.spyOn(worlds, 'update').mockResolvedValue(saved);
    const onSaved = vi.fn();
    const { queryClient } = renderAt(<WorldEditForm world={world} onSaved={onSaved} onCancel={() => {}} />);
    expect(screen.getByLabelText('Description')).toHaveValue('Misty isles');
    expect(screen.getByLabelText('Type')).toHaveValue('fantasy');
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: ' Eldoria Reborn ' } });
    const today = screen.getByRole('group', { name: 'Today in the world' });
    expect(within(today).getByLabelText('Year')).toHaveValue(1000);
    fireEvent.change(within(today).getByLabelText('Year'), { target: { value: '1203' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save world' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const gregorian = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    expect(update).toHaveBeenCalledWith('w1', {
      name: 'Eldoria Reborn',
      description: 'Misty isles',
      world_type: 'fantasy',
      visibility: 'private',
      metadata: {
        calendar: {
          current_date: { year: 1203 },
          current_era: 'Third Age',
          year_name: 'TA',
          months: expect.arrayContaining([{ name: 'January', days: 31 }]),
          weekdays: [],
          eras: [],
          leap: null,
        },
      },
    }, 3); // over the version it opened (If-Match)
    expect(update.mock.calls[0][1].metadata.calendar.months.map((m) => m.days)).toEqual(gregorian);
    expect(queryClient.getQueryData(queryKeys.worlds.detail('w1'))).toEqual(saved);
  });

  it('edits the language of the world: English or Tiếng Việt', async () => {
    const update = vi.spyOn(worlds, 'update').mockResolvedValue({ ...world, language: 'vi' });
    renderAt(<WorldEditForm world={{ ...world, language: 'en' }} onSaved={() => {}} onCancel={() => {}} />);
    const language = screen.getByLabelText('Language');
    expect(language).toHaveValue('en');
    expect([...language.options].map((o) => o.textContent)).toEqual(['English', 'Tiếng Việt']);
    fireEvent.change(language, { target: { value: 'vi' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save world' }));
    await waitFor(() => expect(update).toHaveBeenCalled());
    expect(update.mock.calls[0][1].language).toBe('vi');
  });

  it('shows the API field errors and stays open', async () => {
    vi.spyOn(worlds, 'update').mockRejectedValue(
      Object.assign(new Error('Invalid input'), { isApiError: true, status: 400, details: { name: 'At most 200 characters' } }),
    );
    const onSaved = vi.fn();
    renderAt(<WorldEditForm world={world} onSaved={onSaved} onCancel={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Save world' }));
    expect(await screen.findByText('At most 200 characters')).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
    expect(onSaved).not.toHaveBeenCalled();
  });
});
