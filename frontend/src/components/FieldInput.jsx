import Field from './Field.jsx';
import DateInput from './DateInput.jsx';
import { calendarOf } from '../utils/calendar.js';
import EntryPicker from './EntryPicker.jsx';

function Choices({ label, choices, value, onChange, error }) {
  const chosen = String(value || '')
    .split('\n')
    .filter(Boolean);
  const toggle = (c) => onChange((chosen.includes(c) ? chosen.filter((x) => x !== c) : [...chosen, c]).join('\n'));
  return (
    <fieldset className="fieldset">
      <legend>{label}</legend>
      <div className="check-grid">
        {choices.map((c) => (
          <label key={c} className="check">
            <input type="checkbox" checked={chosen.includes(c)} onChange={() => toggle(c)} /> {c}
          </label>
        ))}
      </div>
      {error && <small className="field-error">{error}</small>}
    </fieldset>
  );
}

/**
 * The input of one custom field, by its template's type: text (a select when the template lists
 * choices), number, a date in the world's calendar, a link to an entry (a picker, of the kind the
 * template asks when one), or a list (one item per line, or the template's choices to tick).
 * `value` is the form's input (utils/fieldValues.js) and `onChange(next)` gets the next one.
 */
export default function FieldInput({ template, value, onChange, world, worldId, entryId, error }) {
  const { label, field_type: type } = template;
  const options = template.options || {};
  const choices = options.choices || [];
  if (type === 'date') return <DateInput label={label} value={value} onChange={onChange} calendar={calendarOf(world)} error={error} />;
  if (type === 'entry') {
    const kinds = options.kinds || [];
    return (
      <EntryPicker worldId={worldId} label={label} value={value} kind={kinds.length === 1 ? kinds[0] : undefined} onChange={(id) => onChange(id)} exclude={entryId ? [entryId] : []} error={error} />
    );
  }
  if (type === 'list' && choices.length) return <Choices label={label} choices={choices} value={value} onChange={onChange} error={error} />;
  if (type === 'list')
    return <Field label={label} as="textarea" rows={3} value={value} onChange={(e) => onChange(e.target.value)} hint="One item per line." error={error} />;
  if (type === 'number') return <Field label={label} type="text" inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} error={error} />;
  if (choices.length)
    return (
      <Field label={label} as="select" value={value} onChange={(e) => onChange(e.target.value)} error={error}>
        <option value="">—</option>
        {choices.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </Field>
    );
  return <Field label={label} value={value} onChange={(e) => onChange(e.target.value)} error={error} maxLength={20000} />;
}
