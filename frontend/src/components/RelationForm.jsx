import { useVersionedForm } from '../hooks/useVersionedForm.js';
import { ATTITUDES, attitudeLabel, relationChoices, relationFrom, signed } from '../utils/relations.js';
import { fromInput, toInput } from '../utils/fieldValues.js';
import Field from './Field.jsx';
import ErrorMessage from './ErrorMessage.jsx';
import DraftOffer from './DraftOffer.jsx';
import ConflictDialog from './ConflictDialog.jsx';
import EntryPicker from './EntryPicker.jsx';
import DateInput from './DateInput.jsx';
import { calendarOf } from '../utils/calendar.js';

const CONFLICT_FIELDS = [
  { key: 'choice', label: 'Relation' },
  { key: 'other_id', label: 'With' },
  { key: 'attitude', label: 'Attitude', show: (v) => attitudeLabel(v) },
  { key: 'note', label: 'Note', long: true },
];

/**
 * Add or edit a relation of the entry `entry` ({id, kind, name}): its type and direction ("parent
 * of" / "child of"), the other entry, an attitude from −3 to +3, a note and
 * optional dates in the world's calendar. An edit saves over the version it opened with.
 */
export default function RelationForm({ entry, world, types, typesByKey, relation, onSubmit, onCancel, onReloaded }) {
  const worldId = world.world_id;
  const choices = relationChoices(types);
  const valuesOf = (r) => {
    if (!r) {
      const first = choices[0];
      return { choice: first ? first.value : '', other_id: '', other_kind: '', attitude: '0', note: '', start_date: '', end_date: '' };
    }
    const seen = relationFrom(r, entry.id, typesByKey);
    const dir = seen.outgoing || (typesByKey[r.type] || {}).mutual ? 'out' : 'in';
    return { choice: `${r.type}:${dir}`, other_id: seen.otherId, other_kind: seen.otherKind || '', attitude: String(r.attitude ?? 0), note: r.note || '', start_date: toInput(r.start_date), end_date: toInput(r.end_date) };
  };
  const { base, form, setForm, set, draft, error, setError, busy, conflict, setConflict, submitBody, overwrite, reload } = useVersionedForm({
    draftForm: `relation@${worldId}:${entry.id}`,
    docId: relation ? relation.relation_id : undefined,
    doc: relation || null,
    toValues: valuesOf,
    onSubmit,
    onReloaded,
  });

  const submit = async (e) => {
    e.preventDefault();
    const choice = choices.find((c) => c.value === form.choice);
    if (!choice) return setError({ message: 'Choose what kind of relation it is.', details: { type: 'Required' } });
    if (!form.other_id) return setError({ message: 'Choose the entry on the other end.', details: { other: 'Required' } });
    const dates = {};
    try {
      for (const key of ['start_date', 'end_date']) dates[key] = fromInput(form[key], 'date') ?? null;
    } catch (err) {
      return setError({ message: `A date ${err.message}.`, details: {} });
    }
    const me = { id: entry.id, kind: entry.kind };
    const other = { id: form.other_id, kind: form.other_kind || undefined };
    // a mutual relation reads the same both ways: an edit keeps its ends where they were
    const mutual = !!(typesByKey[choice.key] || {}).mutual;
    const outgoing = relation && mutual && choice.key === relation.type ? relation.source_id === entry.id : choice.outgoing;
    const [source, target] = outgoing ? [me, other] : [other, me];
    const body = { type: choice.key, source_id: source.id, target_id: target.id, attitude: Number(form.attitude) || 0, note: form.note.trim() };
    if (source.kind) body.source_kind = source.kind;
    if (target.kind) body.target_kind = target.kind;
    for (const [key, value] of Object.entries(dates)) if (value || relation) body[key] = value;
    if ((await submitBody(body)) && !relation) setForm(base.values);
  };

  const details = (error && error.details) || {};
  const verb = (choices.find((c) => c.value === form.choice) || {}).label || 'related to';
  return (
    <form className="card form relation-form" onSubmit={submit} aria-label={relation ? 'Edit relation' : 'New relation'}>
      <DraftOffer draft={draft} current={form} previewFields={['note']} />
      <div className="form-row">
        <Field
          label={`${entry.name} is…`}
          as="select"
          value={form.choice}
          onChange={set('choice')}
          options={choices}
          error={details.type}
        />
        <EntryPicker
          worldId={worldId}
          label={`…${verb}`}
          value={form.other_id}
          exclude={[entry.id]}
          onChange={(id, picked) => setForm((f) => ({ ...f, other_id: id, other_kind: picked ? picked.kind : '' }))}
          error={details.other || details.target_id || details.source_id}
        />
      </div>
      <div className="form-row">
        <Field label="Attitude" as="select" value={form.attitude} onChange={set('attitude')} error={details.attitude}>
          {ATTITUDES.map((a) => (
            <option key={a.value} value={String(a.value)}>
              {signed(a.value)} {a.label}
            </option>
          ))}
        </Field>
        <Field label="Note" value={form.note} onChange={set('note')} error={details.note} maxLength={2000} />
      </div>
      <details className="relation-dates" open={!!(form.start_date && form.start_date.year) || !!(form.end_date && form.end_date.year)}>
        <summary>Dates (optional)</summary>
        <div className="form-row">
          <DateInput label="Since" value={form.start_date} onChange={(v) => setForm((f) => ({ ...f, start_date: v }))} calendar={calendarOf(world)} error={details.start_date} />
          <DateInput label="Until" value={form.end_date} onChange={(v) => setForm((f) => ({ ...f, end_date: v }))} calendar={calendarOf(world)} error={details.end_date} />
        </div>
      </details>
      {error && <ErrorMessage error={error} />}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy || !choices.length}>
          {busy ? 'Saving…' : relation ? 'Save relation' : 'Add relation'}
        </button>
        {onCancel && (
          <button type="button" className="btn btn-ghost" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {conflict && (
        <ConflictDialog
          noun="relation"
          fields={CONFLICT_FIELDS}
          mine={form}
          theirs={valuesOf(conflict.current)}
          base={base.values}
          theirsSavedAt={conflict.current.updated_at}
          busy={busy}
          error={conflict.error}
          onOverwrite={overwrite}
          onReload={reload}
          onClose={() => setConflict(null)}
        />
      )}
    </form>
  );
}
