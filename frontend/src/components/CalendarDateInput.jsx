import { useId } from 'react';
import { daysIn, monthsOf } from '../utils/entries.js';

const EMPTY = { year: '', month: '', day: '' };

/**
 * A date in the world's calendar: a year, then optionally a month (the calendar's names) and a day
 * (as many as that month has). `value` and `onChange(next)` hold {year, month, day} as strings.
 */
export default function CalendarDateInput({ label, value, onChange, world, error, hint }) {
  const id = useId();
  const date = value && typeof value === 'object' ? { ...EMPTY, ...value } : EMPTY;
  const months = monthsOf(world);
  const month = months[Number(date.month) - 1];
  const days = daysIn(world, date.year, date.month);
  const yearName = (world && world.metadata && world.metadata.calendar && world.metadata.calendar.year_name) || '';
  const change = (key) => (e) => {
    const next = { ...date, [key]: e.target.value };
    if (next.day && Number(next.day) > daysIn(world, next.year, next.month)) next.day = '';
    onChange(next);
  };
  return (
    <fieldset className="fieldset date-input" aria-describedby={error ? `${id}-err` : undefined}>
      <legend>{label}</legend>
      <div className="date-parts">
        <label className="date-part">
          <span className="small">Year{yearName ? ` (${yearName})` : ''}</span>
          <input type="number" inputMode="numeric" step="1" value={date.year} onChange={change('year')} aria-invalid={error ? 'true' : undefined} />
        </label>
        <label className="date-part">
          <span className="small">Month</span>
          <select value={date.month} onChange={change('month')}>
            <option value="">—</option>
            {months.map((m, i) => (
              <option key={`${m.name}-${i}`} value={String(i + 1)}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label className="date-part">
          <span className="small">Day</span>
          <select value={date.day} onChange={change('day')} disabled={!month}>
            <option value="">—</option>
            {Array.from({ length: days }, (_, i) => (
              <option key={i} value={String(i + 1)}>
                {i + 1}
              </option>
            ))}
          </select>
        </label>
      </div>
      {hint && <small className="hint">{hint}</small>}
      {error && (
        <small id={`${id}-err`} className="field-error">
          {error}
        </small>
      )}
    </fieldset>
  );
}
