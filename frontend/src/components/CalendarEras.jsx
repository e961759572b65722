const DIRECTIONS = [
  { value: 'forward', label: 'Counts up from its start (like AD)' },
  { value: 'backward', label: 'Counts down to the next era (like BC)' },
];

/**
 * The eras of a calendar: a name, an abbreviation, the year (absolute) it starts, and which way
 * its years count. `eras` are [{name, abbreviation, start_year, direction}] strings, by start year.
 */
export default function CalendarEras({ eras, onChange }) {
  const set = (i, patch) => onChange(eras.map((e, j) => (j === i ? { ...e, ...patch } : e)));
  const add = () => {
    const last = eras[eras.length - 1];
    const start = last && Number.isFinite(Number(last.start_year)) && last.start_year !== '' ? String(Number(last.start_year) + 1000) : '1';
    onChange([...eras, { name: '', abbreviation: '', start_year: start, direction: 'forward' }]);
  };
  return (
    <fieldset className="fieldset calendar-part">
      <legend>Eras</legend>
      <p className="small muted">
        {eras.length
          ? 'Listed by the year they start, each after the one before. Years are stored as numbers; eras change how they read (“204 TA”).'
          : 'No eras: years read with the year abbreviation above. Add eras to count years from an event (“the Crowning”).'}
      </p>
      <ol className="calendar-rows">
        {eras.map((e, i) => (
          <li key={i} className="calendar-row era-row">
            <input aria-label={`Name of era ${i + 1}`} value={e.name} onChange={(ev) => set(i, { name: ev.target.value })} placeholder="Name" maxLength={100} />
            <input aria-label={`Abbreviation of era ${i + 1}`} className="calendar-abbr" value={e.abbreviation} onChange={(ev) => set(i, { abbreviation: ev.target.value })} placeholder="Abbr." maxLength={100} />
            <label className="calendar-inline">
              <span>starts in</span>
              <input aria-label={`Era ${i + 1} starts in year`} className="calendar-year" type="number" inputMode="numeric" value={e.start_year} onChange={(ev) => set(i, { start_year: ev.target.value })} />
            </label>
            <select aria-label={`How era ${i + 1} counts its years`} value={e.direction} onChange={(ev) => set(i, { direction: ev.target.value })}>
              {DIRECTIONS.map((d) => (
                <option key={d.value} value={d.value}>
                  {d.label}
                </option>
              ))}
            </select>
            <button type="button" className="btn btn-small btn-ghost btn-danger" onClick={() => onChange(eras.filter((_, j) => j !== i))} aria-label={`Remove era ${e.name || i + 1}`}>
              ×
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="btn btn-small" onClick={add} disabled={eras.length >= 20}>
        + Add an era
      </button>
    </fieldset>
  );
}
