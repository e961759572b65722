import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import FilterBar from './FilterBar.jsx';

const genres = { label: 'Genre', all: 'All genres', value: '', options: [{ value: 'mystery', label: 'Mystery' }] };

describe('FilterBar', () => {
  it('applies the search on submit and a select at once', () => {
    const onSearch = vi.fn();
    const onGenre = vi.fn();
    render(<FilterBar label="Search stories" placeholder="Search…" query="" onSearch={onSearch} selects={[{ ...genres, onChange: onGenre }]} />);
    fireEvent.change(screen.getByLabelText('Search stories'), { target: { value: '  gate ' } });
    expect(onSearch).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(onSearch).toHaveBeenCalledWith('gate');
    fireEvent.change(screen.getByLabelText('Genre'), { target: { value: 'mystery' } });
    expect(onGenre).toHaveBeenCalledWith('mystery');
    expect(screen.getByRole('option', { name: 'All genres' })).toHaveValue('');
  });

  it('follows the applied search when it changes elsewhere (back, a link)', () => {
    const props = { label: 'Search worlds', query: 'isles', onSearch: () => {} };
    const { rerender } = render(<FilterBar {...props} />);
    expect(screen.getByLabelText('Search worlds')).toHaveValue('isles');
    rerender(<FilterBar {...props} query="" />);
    expect(screen.getByLabelText('Search worlds')).toHaveValue('');
  });
});
