import { useState } from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import CastPicker from './CastPicker.jsx';

const names = ['Trần Hưng Đạo', 'Lý Thường Kiệt', 'Ayla', 'Oren Vale', 'Mira', 'Bà Triệu', 'Đinh Bộ Lĩnh'];
const characters = names.map((name, i) => ({ entity_id: `c${i}`, name, aliases: i === 2 ? ['The Smith'] : [] }));

function Harness({ initial = [], list = characters }) {
  const [selected, setSelected] = useState(initial);
  return <CastPicker characters={list} selected={selected} onToggle={(id) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]))} />;
}

const boxes = () => screen.getAllByRole('checkbox').map((c) => c.closest('label').textContent.trim());

describe('CastPicker', () => {
  it('filters by name or alias, ignoring case and tone marks, and keeps hidden choices', () => {
    render(<Harness initial={['c3']} />);
    const filter = screen.getByRole('searchbox', { name: 'Filter characters' });
    fireEvent.change(filter, { target: { value: 'tran' } });
    expect(boxes()).toEqual(['Trần Hưng Đạo']);
    expect(screen.getByRole('status')).toHaveTextContent('1 of 7 shown · 1 chosen (1 hidden)');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Trần Hưng Đạo' }));
    fireEvent.change(filter, { target: { value: 'dinh bo' } });
    expect(boxes()).toEqual(['Đinh Bộ Lĩnh']);
    fireEvent.change(filter, { target: { value: 'SMITH' } });
    expect(boxes()).toEqual(['Ayla']);
    fireEvent.change(filter, { target: { value: 'zzz' } });
    expect(screen.getByText('No character matches “zzz”.')).toBeInTheDocument();
    fireEvent.change(filter, { target: { value: '' } });
    expect(screen.getByRole('checkbox', { name: 'Trần Hưng Đạo' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Oren Vale' })).toBeChecked();
    expect(screen.getByRole('status')).toHaveTextContent('7 characters · 2 chosen');
  });

  it('has no filter for a short cast', () => {
    render(<Harness list={characters.slice(0, 3)} />);
    expect(screen.queryByRole('searchbox')).not.toBeInTheDocument();
    expect(boxes()).toHaveLength(3);
  });
});
