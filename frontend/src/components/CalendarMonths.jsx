import { plural } from '../utils/options.js';

/** The months of a calendar as rows (a name, its days), reordered, added and removed. `months` are [{name, days}] strings. */
export default function CalendarMonths({ months, onChange }) {
  const set = (i, patch) => onChange(months.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  const move = (i, by) => {
    const next = [...months];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    onChange(next);
  };
  const total = months.reduce((n, m) => n + (Number(m.days) || 0), 0);
  return (
    <fieldset className="fieldset calendar-part">
      <legend>Months</legend>
      <p className="small muted">
        {plural(months.length, 'month')}, {plural(total, 'day')} in a common year.
      </p>
      <ol className="calendar-rows">
        {months.map((m, i) => {
          const called = m.name.trim() || `month ${i + 1}`;
          return (
          <li key={i} className="calendar-row month-row">
            <span className="calendar-row-n" aria-hidden="true">
              {i + 1}
            </span>
            <input aria-label={`Name of month ${i + 1}`} value={m.name} onChange={(e) => set(i, { name: e.target.value })} maxLength={100} />
            <input aria-label={`Days in month ${i + 1}`} className="calendar-days" type="number" inputMode="numeric" value={m.days} onChange={(e) => set(i, { days: e.target.value })} />
            <span className="calendar-row-tools">
              <button type="button" className="btn btn-small btn-ghost" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Move ${called} earlier`}>
                ↑
              </button>
              <button type="button" className="btn btn-small btn-ghost" onClick={() => move(i, 1)} disabled={i === months.length - 1} aria-label={`Move ${called} later`}>
                ↓
              </button>
              <button type="button" className="btn btn-small btn-ghost btn-danger" onClick={() => onChange(months.filter((_, j) => j !== i))} disabled={months.length === 1} aria-label={`Remove ${called}`}>
                ×
              </button>
            </span>
          </li>
          );
        })}
      </ol>
      <button type="button" className="btn btn-small" onClick={() => onChange([...months, { name: '', days: '30' }])} disabled={months.length >= 24}>
        + Add a month
      </button>
    </fieldset>
  );
}
