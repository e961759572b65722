import { useId } from 'react';
import { daysInMonth, formatWorldDate, dateBody, monthsOf } from '../utils/calendar.js';
import { FieldNotes } from './Field.jsx';

const EMPTY = { year: '', month: '', day: '' };

/**
 * An in-world date on `calendar`: a year, then optionally a month (the calendar's names) and a day
 * (as many as that month has in that year). `value` and `onChange(next)` hold {year, month, day}
 * strings (utils/calendar.js dateValues/dateBody); a day that no longer exists is cleared.
 */
export default function DateInput({ label, value, onChange, calendar = {}, error, hint }) {
  const id = useId();
  const date = { ...EMPTY, ...(value || {}) };
  const months = monthsOf(calendar);
  const days = daysInMonth(date.year, date.month, calendar);
  const change = (key) => (e) => {
    const next = { ...date, [key]: e.target.value };
    if (!next.month) next.day = '';
    if (next.day && Number(next.day) > daysInMonth(next.year, next.month, calendar)) next.day = '';
    onChange(next);
  };
  const shown = formatWorldDate(dateBody(date), calendar);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-err` : null, shown ? `${id}-shown` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className="fieldset date-input" aria-describedby={describedBy}>
      <legend>{label}</legend>
      <div className="date-parts">
        <div className="date-part date-year">
          <label htmlFor={`${id}-y`}>Year</label>
          <input id={`${id}-y`} type="number" inputMode="numeric" step="1" value={date.year} onChange={change('year')} aria-invalid={error ? 'true' : undefined} />
        </div>
        <div className="date-part">
          <label htmlFor={`${id}-m`}>Month</label>
          <select id={`${id}-m`} value={date.month} onChange={change('month')} disabled={date.year === ''}>
            <option value="">—</option>
            {months.map((m, i) => (
              <option key={`${i}-${m.name}`} value={String(i + 1)}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <div className="date-part date-day">
          <label htmlFor={`${id}-d`}>Day</label>
          <select id={`${id}-d`} value={date.day} onChange={change('day')} disabled={!date.month}>
            <option value="">—</option>
            {Array.from({ length: days }, (_, i) => (
              <option key={i} value={String(i + 1)}>
                {i + 1}
              </option>
            ))}
          </select>
        </div>
      </div>
      {shown && (
        <p id={`${id}-shown`} className="date-shown small muted">
          {shown}
        </p>
      )}
      <FieldNotes id={id} hint={hint} error={error} />
    </fieldset>
  );
}
