// World calendars in the client, as api/core/calendar.py reads them: months (Gregorian when the
// world defines none), a leap rule, eras that change how a year is written. Dates are
// {year, month?, day?}, 1-based. Forms hold their parts as strings: dateValues() / dateBody().

const GREGORIAN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'].map(
  (name, i) => ({ name, days: [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][i] }),
);

/** The calendar of a world (its metadata.calendar, or {}). */
export const calendarOf = (world) => (world && world.metadata && world.metadata.calendar) || {};

/** The calendar's months ([{name, days}]): the Gregorian ones when it defines none. */
export function monthsOf(calendar) {
  return calendar && Array.isArray(calendar.months) && calendar.months.length ? calendar.months : GREGORIAN;
}

export function isLeap(year, calendar) {
  const leap = calendar && calendar.leap;
  const every = leap ? Number(leap.every) : 0;
  return every > 0 && Number.isInteger(Number(year)) && Number(year) % every === 0;
}

/** Days of `month` (1-based) in `year`, leap days included; 0 for no such month. */
export function daysInMonth(year, month, calendar) {
  const m = monthsOf(calendar)[Number(month) - 1];
  if (!m) return 0;
  const leap = calendar && calendar.leap;
  const extra = leap && Number(leap.month) === Number(month) && isLeap(year, calendar) ? Number(leap.days) || 1 : 0;
  return (Number(m.days) || 0) + extra;
}

/**
 * The era `year` falls in, `{name, abbreviation, year}` with the year counted in it: a forward era
 * counts its start year as 1 and up, a backward one counts down to 1 in the year before the next
 * era (1 BC before 1 AD), and a first backward era holds every earlier year. Null before every era.
 */
export function eraOf(year, calendar) {
  const eras = (calendar && calendar.eras) || [];
  let found = -1;
  while (found + 1 < eras.length && Number(eras[found + 1].start_year) <= year) found += 1;
  if (found === -1) {
    if (!eras.length || eras[0].direction !== 'backward') return null;
    found = 0;
  }
  const era = eras[found];
  const next = eras[found + 1];
  const counted = era.direction === 'backward' && next ? Number(next.start_year) - year : year - Number(era.start_year) + 1;
  return { name: era.name, abbreviation: era.abbreviation || '', year: counted };
}

/** "1024 TA": the year counted in its era with the era's abbreviation (or name); without eras, with `year_name`. */
export function formatYear(year, calendar = {}) {
  if (!(calendar.eras || []).length) return `${year} ${calendar.year_name || ''}`.trim();
  const era = eraOf(Number(year), calendar);
  return era ? `${era.year} ${era.abbreviation || era.name}`.trim() : String(year);
}

/** "3 Frostfall 1024 TA", "Frostfall 1024 TA" or "1024 TA"; '' for no date. */
export function formatWorldDate(date, calendar = {}) {
  if (!date || date.year === undefined || date.year === null || date.year === '') return '';
  const year = formatYear(Number(date.year), calendar);
  const month = date.month ? monthsOf(calendar)[Number(date.month) - 1] : null;
  if (!month) return year;
  return date.day ? `${date.day} ${month.name} ${year}` : `${month.name} ${year}`;
}

/** A date as form values: {year, month, day} strings ('' for a part not given). */
export function dateValues(date) {
  const part = (v) => (v === undefined || v === null ? '' : String(v));
  return date ? { year: part(date.year), month: part(date.month), day: part(date.day) } : { year: '', month: '', day: '' };
}

/** Form values as the API's date: {year, month?, day?} in numbers, or null when no year is given. */
export function dateBody(values) {
  if (!values || String(values.year).trim() === '' || !Number.isFinite(Number(values.year))) return null;
  const date = { year: Math.trunc(Number(values.year)) };
  if (values.month) {
    date.month = Number(values.month);
    if (values.day) date.day = Number(values.day);
  }
  return date;
}
