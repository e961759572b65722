import { useId } from 'react';
import { monthsOf } from '../utils/calendar.js';
import { calendarBody, calendarErrors } from '../utils/calendarForm.js';
import Field from './Field.jsx';
import DateInput from './DateInput.jsx';
import CalendarMonths from './CalendarMonths.jsx';
import CalendarEras from './CalendarEras.jsx';

/**
 * A world's calendar (the edit form's `value`, utils/calendarForm.js): today's date in the world,
 * its era and year abbreviation (from the eras when it has some), months with their days, weekdays,
 * eras, and an optional leap rule. `details` are the API's field errors.
 */
export default function CalendarEditor({ value, onChange, details = {} }) {
  const id = useId();
  const set = (patch) => onChange({ ...value, ...patch });
  const preview = calendarBody(value);
  const errors = calendarErrors(details);
  const leap = value.leap;
  const setLeap = (patch) => set({ leap: { ...leap, ...patch } });
  const months = monthsOf(preview);
  return (
    <fieldset className="fieldset calendar-editor">
      <legend>Calendar</legend>
      <DateInput
        label="Today in the world"
        calendar={preview}
        value={value.current_date}
        onChange={(current_date) => set({ current_date })}
        hint="Stories and events are dated on this calendar."
        error={details['metadata.calendar.current_date'] || details['metadata.calendar.current_year']}
      />
      {value.eras.length ? (
        <p className="small muted">The era and its abbreviation come from the eras below.</p>
      ) : (
        <div className="form-row">
          <Field label="Era" value={value.current_era} onChange={(e) => set({ current_era: e.target.value })} placeholder="e.g. Third Age" maxLength={100} />
          <Field label="Year abbreviation" value={value.year_name} onChange={(e) => set({ year_name: e.target.value })} placeholder="e.g. TA" maxLength={100} />
        </div>
      )}
      <CalendarMonths months={value.months} onChange={(next) => set({ months: next })} />
      <Field
        label="Weekdays"
        value={value.weekdays}
        onChange={(e) => set({ weekdays: e.target.value })}
        hint="Their names in order, separated by commas. Leave empty for none."
        placeholder="e.g. Moonday, Fireday, Waterday"
        error={details['metadata.calendar.weekdays']}
      />
      <CalendarEras eras={value.eras} onChange={(next) => set({ eras: next })} />
      <fieldset className="fieldset calendar-part">
        <legend>Leap years</legend>
        <label className="check">
          <input type="checkbox" checked={!!leap} onChange={(e) => set({ leap: e.target.checked ? { every: '4', month: String(Math.min(2, months.length)), days: '1' } : null })} /> Some years are longer
        </label>
        {leap && (
          <div className="leap-rule">
            <label htmlFor={`${id}-every`}>Every</label>
            <input id={`${id}-every`} className="calendar-days" type="number" inputMode="numeric" value={leap.every} onChange={(e) => setLeap({ every: e.target.value })} />
            <span>years,</span>
            <label htmlFor={`${id}-month`}>add to</label>
            <select id={`${id}-month`} value={leap.month} onChange={(e) => setLeap({ month: e.target.value })}>
              {months.map((m, i) => (
                <option key={i} value={String(i + 1)}>
                  {m.name || `Month ${i + 1}`}
                </option>
              ))}
            </select>
            <input aria-label="Leap days" className="calendar-days" type="number" inputMode="numeric" value={leap.days} onChange={(e) => setLeap({ days: e.target.value })} />
            <span>{Number(leap.days) === 1 ? 'day' : 'days'}.</span>
          </div>
        )}
      </fieldset>
      {errors.length > 0 && (
        <ul className="field-error calendar-errors">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
