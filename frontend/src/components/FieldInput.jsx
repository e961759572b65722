import Field from './Field.jsx';
import CalendarDateInput from './CalendarDateInput.jsx';
import EntryPicker from './EntryPicker.jsx';

/**
 * The input of one custom field, by its template's type: text, number, a date in the world's
 * calendar, a link to an entry (a picker), or a list (one item per line). `value` is the form's
 * input (utils/fieldValues.js) and `onChange(next)` gets the next one.
 */
export default function FieldInput({ template, value, onChange, world, worldId, entryId, error }) {
  const { label, field_type: type } = template;
  if (type === 'date') return <CalendarDateInput label={label} value={value} onChange={onChange} world={world} error={error} />;
  if (type === 'entry')
    return <EntryPicker worldId={worldId} label={label} value={value} onChange={(id) => onChange(id)} exclude={entryId ? [entryId] : []} error={error} />;
  if (type === 'list')
    return (
      <Field label={label} as="textarea" rows={3} value={value} onChange={(e) => onChange(e.target.value)} hint="One item per line." error={error} />
    );
  if (type === 'number')
    return <Field label={label} type="text" inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} error={error} />;
  return <Field label={label} value={value} onChange={(e) => onChange(e.target.value)} error={error} maxLength={20000} />;
}
