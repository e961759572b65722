import { useState } from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import DateInput from './DateInput.jsx';

const calendar = { months: [{ name: 'Tháng Giêng', days: 30 }, { name: 'Bloom', days: 28 }], leap: { every: 4, month: 2, days: 1 }, year_name: 'TA' };

function Harness({ initial, onValue = () => {} }) {
  const [value, setValue] = useState(initial);
  return (
    <DateInput
      label="In-world date"
      calendar={calendar}
      value={value}
      onChange={(v) => {
        setValue(v);
        onValue(v);
      }}
    />
  );
}

const group = () => screen.getByRole('group', { name: 'In-world date' });
const day = () => within(group()).getByLabelText('Day');

describe('DateInput', () => {
  it('takes a year, a month of the calendar and a day bounded by that month', () => {
    const onValue = vi.fn();
    render(<Harness initial={{ year: '', month: '', day: '' }} onValue={onValue} />);
    expect(within(group()).getByLabelText('Month')).toBeDisabled();
    fireEvent.change(within(group()).getByLabelText('Year'), { target: { value: '1203' } });
    const month = within(group()).getByLabelText('Month');
    expect(within(month).getAllByRole('option').map((o) => o.textContent)).toEqual(['—', 'Tháng Giêng', 'Bloom']);
    expect(day()).toBeDisabled();
    fireEvent.change(month, { target: { value: '2' } });
    expect(within(day()).getAllByRole('option')).toHaveLength(1 + 28);
    fireEvent.change(day(), { target: { value: '17' } });
    expect(onValue).toHaveBeenLastCalledWith({ year: '1203', month: '2', day: '17' });
    expect(group()).toHaveAccessibleDescription('17 Bloom 1203 TA');
  });

  it('counts the leap day, and clears a day the new year or month does not have', () => {
    const onValue = vi.fn();
    render(<Harness initial={{ year: '1204', month: '2', day: '29' }} onValue={onValue} />);
    expect(within(day()).getAllByRole('option')).toHaveLength(1 + 29);
    expect(day()).toHaveValue('29');
    fireEvent.change(within(group()).getByLabelText('Year'), { target: { value: '1205' } });
    expect(onValue).toHaveBeenLastCalledWith({ year: '1205', month: '2', day: '' });
    fireEvent.change(within(group()).getByLabelText('Month'), { target: { value: '' } });
    expect(onValue).toHaveBeenLastCalledWith({ year: '1205', month: '', day: '' });
  });
});
