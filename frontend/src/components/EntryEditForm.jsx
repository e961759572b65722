import { useVersionedForm } from '../hooks/useVersionedForm.js';
import { ENTRY_KINDS, LOCATION_TYPES, kindLabel, splitList } from '../utils/entries.js';
import { fieldInputs, fieldsToSave } from '../utils/fieldValues.js';
import Field from './Field.jsx';
import MentionTextarea from './MentionTextarea.jsx';
import ErrorMessage from './ErrorMessage.jsx';
import DraftOffer from './DraftOffer.jsx';
import ConflictDialog from './ConflictDialog.jsx';
import EntryPicker from './EntryPicker.jsx';
import FieldInput from './FieldInput.jsx';
import DescribeEntry from './editor/DescribeEntry.jsx';

const ENTITY_KINDS = ENTRY_KINDS.filter((k) => k.value !== 'location');

const valuesOf = (doc, templates) => ({
  name: (doc && doc.name) || '',
  description: (doc && doc.description) || '',
  aliases: ((doc && doc.aliases) || []).join(', '),
  tags: ((doc && doc.tags) || []).join(', '),
  entity_type: (doc && (doc.entity_type || doc.kind)) || 'character',
  role: (doc && doc.role) || '',
  location_type: (doc && doc.location_type) || '',
  parent_id: (doc && doc.parent_id) || '',
  fields: fieldInputs(doc && doc.fields, templates),
});

// the conflict dialog compares flat text: one value per field, custom fields included
const flat = (values) => {
  const out = { ...values };
  delete out.fields;
  for (const [key, v] of Object.entries(values.fields || {})) out[`field:${key}`] = typeof v === 'object' ? [v.year, v.month, v.day].filter(Boolean).join('-') : v;
  return out;
};

/**
 * Edit an entry in place: name, kind (or a location's type and parent), role, aliases, tags,
 * description and the custom fields of its kind (typed inputs). Saved over the version it opened
 * with (If-Match); a 412 opens "Changed elsewhere". Typing is kept as a local draft.
 */
export default function EntryEditForm({ entry, world, templates, onSubmit, onCancel, onReloaded }) {
  const isLocation = entry.kind === 'location';
  const worldId = world.world_id;
  const { base, form, setForm, set, draft, error, setError, busy, conflict, setConflict, submitBody, overwrite, reload } = useVersionedForm({
    draftForm: `entry@${worldId}`,
    docId: entry.id,
    doc: entry,
    toValues: (doc) => valuesOf(doc, templates),
    onSubmit,
    onReloaded,
  });
  const setField = (key) => (value) => setForm((f) => ({ ...f, fields: { ...f.fields, [key]: value } }));

  const submit = async (e) => {
    e.preventDefault();
    if (!form.name.trim()) return setError({ message: 'Please give it a name.', details: { name: 'Required' } });
    const { fields, errors } = fieldsToSave(form.fields, templates, base.doc.fields);
    if (Object.keys(errors).length) return setError({ message: 'Some fields need a look.', details: errors });
    const body = { name: form.name.trim(), description: form.description.trim(), aliases: splitList(form.aliases), tags: splitList(form.tags) };
    if (isLocation) {
      body.location_type = form.location_type.trim() || 'place';
      if (form.parent_id !== ((base.doc && base.doc.parent_id) || '')) body.parent_id = form.parent_id;
    } else {
      body.entity_type = form.entity_type;
      body.role = form.role.trim();
    }
    if (Object.keys(fields).length) body.fields = fields;
    await submitBody(body);
  };

  const details = (error && error.details) || {};
  const kinds = ENTITY_KINDS.some((k) => k.value === form.entity_type) ? ENTITY_KINDS : [...ENTITY_KINDS, { value: form.entity_type, label: kindLabel(form.entity_type) }];
  const conflictFields = [
    { key: 'name', label: 'Name' },
    isLocation ? { key: 'location_type', label: 'Type' } : { key: 'entity_type', label: 'Kind' },
    { key: 'aliases', label: 'Aliases' },
    { key: 'tags', label: 'Tags' },
    { key: 'description', label: 'Description', long: true },
    ...templates.map((t) => ({ key: `field:${t.key}`, label: t.label })),
  ];
  return (
    <form className="card form entry-form" onSubmit={submit} aria-label={`Edit ${entry.name}`}>
      <DraftOffer draft={draft} current={form} previewFields={['name', 'description']} />
      <div className="form-row">
        <Field label="Name" value={form.name} onChange={set('name')} error={details.name} required maxLength={200} />
        {isLocation ? (
          <Field label="Type" value={form.location_type} onChange={set('location_type')} error={details.location_type} list="location-types" placeholder="city, region, building…" />
        ) : (
          <Field label="Kind" as="select" value={form.entity_type} onChange={set('entity_type')} options={kinds} error={details.entity_type} />
        )}
        {!isLocation && <Field label="Role" value={form.role} onChange={set('role')} error={details.role} placeholder="e.g. mentor, rival" maxLength={100} />}
      </div>
      {isLocation && (
        <EntryPicker
          worldId={worldId}
          label="Inside (parent location)"
          kind="location"
          value={form.parent_id}
          exclude={[entry.id]}
          onChange={(id) => setForm((f) => ({ ...f, parent_id: id }))}
          error={details.parent_id}
        />
      )}
      <div className="form-row">
        <Field label="Aliases" value={form.aliases} onChange={set('aliases')} error={details.aliases} hint="Other names, separated by commas." />
        <Field label="Tags" value={form.tags} onChange={set('tags')} error={details.tags} hint="Separated by commas." />
      </div>
      <MentionTextarea label="Description" rows={6} worldId={worldId} value={form.description} onChange={set('description')} error={details.description} />
      <DescribeEntry worldId={worldId} entryId={entry.id} disabled={busy} onAccept={(text) => setForm((f) => ({ ...f, description: text }))} />
      {templates.length > 0 && (
        <fieldset className="fieldset">
          <legend>Details</legend>
          {templates.map((t) => (
            <FieldInput key={t.key} template={t} value={form.fields[t.key]} onChange={setField(t.key)} world={world} worldId={worldId} entryId={entry.id} error={details[t.key] || (details.fields && details.fields[t.key])} />
          ))}
        </fieldset>
      )}
      <datalist id="location-types">
        {LOCATION_TYPES.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      {error && <ErrorMessage error={error} />}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {conflict && (
        <ConflictDialog
          noun={isLocation ? 'location' : kindLabel(entry.kind).toLowerCase()}
          fields={conflictFields}
          mine={flat(form)}
          theirs={flat(valuesOf(conflict.current, templates))}
          base={flat(base.values)}
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
