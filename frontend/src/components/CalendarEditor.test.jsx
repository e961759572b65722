import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { worlds } from '../services/api.js';
import { renderAt, world as eldoria } from '../test/utils.jsx';
import { calendarErrors } from '../utils/calendarForm.js';
import WorldEditForm from './WorldEditForm.jsx';

afterEach(() => vi.restoreAllMocks());

const calendar = {
  current_year: 1203,
  current_era: 'Third Age',
  year_name: 'TA',
  span_years: 1000,
  months: [{ name: 'Thaw', days: 30 }, { name: 'Bloom', days: 28 }],
  weekdays: [],
  eras: [],
  leap: null,
  current_date: { year: 1203, month: 1 },
};
const world = { ...eldoria, version: 5, metadata: { calendar } };

function open() {
  const update = vi.spyOn(worlds, 'update').mockResolvedValue(world);
  renderAt(<WorldEditForm world={world} onSaved={() => {}} onCancel={() => {}} />);
  return { update, editor: screen.getByRole('group', { name: 'Calendar' }) };
}
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save world' }));

describe('CalendarEditor (in the world edit form)', () => {
  it('edits months, weekdays, eras, a leap rule and today, and saves them as the API takes them', async () => {
    const { update, editor } = open();
    const months = within(editor).getByRole('group', { name: 'Months' });
    expect(months).toHaveTextContent('2 months, 58 days in a common year.');
    fireEvent.click(within(months).getByRole('button', { name: '+ Add a month' }));
    fireEvent.change(within(months).getByLabelText('Name of month 3'), { target: { value: 'Tháng Chạp' } });
    fireEvent.change(within(months).getByLabelText('Days in month 3'), { target: { value: '29' } });
    fireEvent.click(within(months).getByRole('button', { name: 'Move Tháng Chạp earlier' }));
    fireEvent.change(within(editor).getByLabelText('Weekdays'), { target: { value: 'Moonday, Fireday,' } });

    const eras = within(editor).getByRole('group', { name: 'Eras' });
    fireEvent.click(within(eras).getByRole('button', { name: '+ Add an era' }));
    fireEvent.change(within(eras).getByLabelText('Name of era 1'), { target: { value: 'Before the Crown' } });
    fireEvent.change(within(eras).getByLabelText('Abbreviation of era 1'), { target: { value: 'BC' } });
    fireEvent.change(within(eras).getByLabelText('Era 1 starts in year'), { target: { value: '-500' } });
    fireEvent.change(within(eras).getByLabelText('How era 1 counts its years'), { target: { value: 'backward' } });
    fireEvent.click(within(eras).getByRole('button', { name: '+ Add an era' }));
    fireEvent.change(within(eras).getByLabelText('Name of era 2'), { target: { value: 'Age of the Crown' } });
    fireEvent.change(within(eras).getByLabelText('Abbreviation of era 2'), { target: { value: 'AC' } });
    fireEvent.change(within(eras).getByLabelText('Era 2 starts in year'), { target: { value: '1001' } });
    // with eras, the era and its abbreviation are theirs
    expect(within(editor).queryByLabelText('Year abbreviation')).not.toBeInTheDocument();

    const leap = within(editor).getByRole('group', { name: 'Leap years' });
    fireEvent.click(within(leap).getByRole('checkbox', { name: 'Some years are longer' }));
    fireEvent.change(within(leap).getByLabelText('Every'), { target: { value: '4' } });
    fireEvent.change(within(leap).getByLabelText('add to'), { target: { value: '3' } });

    const today = within(editor).getByRole('group', { name: 'Today in the world' });
    fireEvent.change(within(today).getByLabelText('Month'), { target: { value: '2' } });
    fireEvent.change(within(today).getByLabelText('Day'), { target: { value: '29' } });
    expect(within(editor).getByText('29 Tháng Chạp 203 AC')).toBeInTheDocument();

    save();
    await waitFor(() => expect(update).toHaveBeenCalledTimes(1));
    const [, body, version] = update.mock.calls[0];
    expect(version).toBe(5);
    expect(body.metadata.calendar).toEqual({
      current_date: { year: 1203, month: 2, day: 29 },
      current_era: 'Third Age',
      year_name: 'TA',
      months: [{ name: 'Thaw', days: 30 }, { name: 'Tháng Chạp', days: 29 }, { name: 'Bloom', days: 28 }],
      weekdays: ['Moonday', 'Fireday'],
      eras: [
        { name: 'Before the Crown', abbreviation: 'BC', start_year: -500, direction: 'backward' },
        { name: 'Age of the Crown', abbreviation: 'AC', start_year: 1001, direction: 'forward' },
      ],
      leap: { every: 4, month: 3, days: 1 },
    });
  });

  it('says what is missing before sending anything', () => {
    const { update, editor } = open();
    fireEvent.change(within(editor).getByLabelText('Name of month 2'), { target: { value: ' ' } });
    fireEvent.change(within(editor).getByLabelText('Days in month 1'), { target: { value: '0' } });
    save();
    expect(screen.getByRole('alert')).toHaveTextContent('Month 1 (Thaw) needs 1 to 100 days.Month 2 needs a name.');
    fireEvent.click(within(editor).getByRole('button', { name: 'Remove month 2' }));
    expect(update).not.toHaveBeenCalled();
    expect(within(editor).getByRole('button', { name: 'Remove Thaw' })).toBeDisabled();
  });

  it('shows the API’s calendar errors, and the stored dates a change would break', async () => {
    vi.spyOn(worlds, 'update').mockRejectedValue(
      Object.assign(new Error('1 stored date(s) would not exist in the new calendar; change them first'), {
        isApiError: true,
        status: 400,
        details: { 'metadata.calendar': '1 stored date(s) outside the new calendar', count: 1, dates: [{ kind: 'story', id: 's1', title: 'Đêm trăng', date: { year: 1203, month: 2, day: 30 }, problem: 'Bloom 1203 has 28 days' }] },
      }),
    );
    renderAt(<WorldEditForm world={world} onSaved={() => {}} onCancel={() => {}} />);
    save();
    expect(await screen.findByText('“Đêm trăng” is dated outside the new calendar (Bloom 1203 has 28 days).')).toBeInTheDocument();
    expect(screen.getByText('Calendar: 1 stored date(s) outside the new calendar')).toBeInTheDocument();
  });

  it('names the months and eras of the API’s field errors', () => {
    expect(calendarErrors({ 'metadata.calendar.months.2.days': 'must be at most 100', 'metadata.calendar.eras': 'eras must be listed by start_year', name: 'x' })).toEqual([
      'Month 3 (days): must be at most 100',
      'Eras: eras must be listed by start_year',
    ]);
  });
});
