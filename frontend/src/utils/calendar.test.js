import { describe, expect, it } from 'vitest';
import { dateBody, dateValues, daysInMonth, eraOf, formatWorldDate, formatYear, monthsOf } from './calendar.js';

const cal = {
  months: [{ name: 'Thaw', days: 30 }, { name: 'Bloom', days: 28 }, { name: 'Tết', days: 29 }],
  leap: { every: 4, month: 2, days: 1 },
  eras: [
    { name: 'Before the Crown', abbreviation: 'BC', start_year: -1000, direction: 'backward' },
    { name: 'Age of the Crown', abbreviation: 'AC', start_year: 1, direction: 'forward' },
    { name: 'Third Age', abbreviation: '', start_year: 1001, direction: 'forward' },
  ],
  year_name: 'TA',
};

describe('calendar', () => {
  it('has Gregorian months unless the world defines its own', () => {
    expect(monthsOf({})).toHaveLength(12);
    expect(monthsOf(cal).map((m) => m.name)).toEqual(['Thaw', 'Bloom', 'Tết']);
  });

  it('counts the leap days of the leap month in leap years only', () => {
    expect(daysInMonth(1203, 2, cal)).toBe(28);
    expect(daysInMonth(1204, 2, cal)).toBe(29);
    expect(daysInMonth(1204, 1, cal)).toBe(30);
    expect(daysInMonth(1204, 4, cal)).toBe(0);
  });

  it('counts years in eras: forward from 1, backward down to 1 before the next era', () => {
    expect(eraOf(1, cal)).toEqual({ name: 'Age of the Crown', abbreviation: 'AC', year: 1 });
    expect(eraOf(0, cal)).toEqual({ name: 'Before the Crown', abbreviation: 'BC', year: 1 });
    expect(eraOf(-5000, cal)).toEqual({ name: 'Before the Crown', abbreviation: 'BC', year: 5001 });
    expect(eraOf(1204, cal)).toEqual({ name: 'Third Age', abbreviation: '', year: 204 });
    expect(eraOf(5, { eras: [{ name: 'New', start_year: 10, direction: 'forward' }] })).toBeNull();
  });

  it('writes dates as the calendar does', () => {
    expect(formatWorldDate({ year: 1204, month: 3, day: 12 }, cal)).toBe('12 Tết 204 Third Age');
    expect(formatWorldDate({ year: 0, month: 1 }, cal)).toBe('Thaw 1 BC');
    expect(formatWorldDate({ year: 1203 }, { year_name: 'TA' })).toBe('1203 TA');
    expect(formatWorldDate(null, cal)).toBe('');
    expect(formatYear(7, {})).toBe('7');
  });

  it('turns form values into API dates and back', () => {
    expect(dateBody({ year: '1204', month: '2', day: '29' })).toEqual({ year: 1204, month: 2, day: 29 });
    expect(dateBody({ year: '-3', month: '', day: '4' })).toEqual({ year: -3 });
    expect(dateBody({ year: '', month: '2', day: '' })).toBeNull();
    expect(dateValues({ year: 1204, month: 2 })).toEqual({ year: '1204', month: '2', day: '' });
    expect(dateValues(null)).toEqual({ year: '', month: '', day: '' });
  });
});
