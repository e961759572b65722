import { useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { queries } from '../services/queries.js';
import { useVersionedForm } from '../hooks/useVersionedForm.js';
import { ENTRY_KINDS, LOCATION_TYPES, kindLabel, splitList } from '../utils/entries.js';
import { fieldsToSave, sortTemplates } from '../utils/fieldValues.js';
import Field from './Field.jsx';
import MentionTextarea from './MentionTextarea.jsx';
import ErrorMessage from './ErrorMessage.jsx';
import DraftOffer from './DraftOffer.jsx';
import EntryPicker from './EntryPicker.jsx';
import FieldInput from './FieldInput.jsx';

const EMPTY = { kind: 'character', name: '', description: '', role: '', location_type: '', parent_id: '', tags: '', fields: {} };

/**
 * A new entry of any kind: name, description, tags, and by kind a role, or a location's type and
 * parent; the custom fields of that kind (typed inputs). `onSubmit(kind, body)` creates it and
 * answers what `onCreated` is told once the form is empty again.
 */
export default function EntryCreateForm({ world, initialKind, onSubmit, onCreated, onCancel }) {
  const worldId = world.world_id;
  const created = useRef(null); // what the last create answered
  const { base, form, setForm, set, draft, error, setError, busy, submitBody } = useVersionedForm({
    draftForm: `entry@${worldId}`,
    doc: null,
    from: { ...EMPTY, kind: initialKind || 'character' },
    toValues: (v) => ({ ...EMPTY, ...(v || {}), fields: (v && v.fields) || {} }),
    onSubmit: async (body) => {
      created.current = await onSubmit(body.kind, body.body);
    },
  });
  const isLocation = form.kind === 'location';
  const templates = sortTemplates(useQuery(queries.fieldTemplates(worldId, form.kind)).data);
  const setField = (key) => (value) => setForm((f) => ({ ...f, fields: { ...f.fields, [key]: value } }));

  const submit = async (e) => {
    e.preventDefault();
    if (!form.name.trim()) return setError({ message: 'Please give it a name.', details: { name: 'Required' } });
    const { fields, errors } = fieldsToSave(form.fields, templates);
    if (Object.keys(errors).length) return setError({ message: 'Some fields need a look.', details: errors });
    const body = { name: form.name.trim(), description: form.description.trim(), tags: splitList(form.tags) };
    if (Object.keys(fields).length) body.fields = fields;
    if (isLocation) {
      body.location_type = form.location_type.trim() || 'place';
      if (form.parent_id) body.parent_id = form.parent_id;
    } else {
      body.entity_type = form.kind;
      if (form.role.trim()) body.role = form.role.trim();
    }
    if (await submitBody({ kind: form.kind, body })) {
      setForm({ ...base.values, kind: form.kind }); // emptied first, then "Added …" says it is done
      if (onCreated) onCreated(created.current);
    }
  };

  const details = (error && error.details) || {};
  return (
    <form className="card form entry-create" onSubmit={submit} aria-label="New entry">
      <h2>New entry</h2>
      <DraftOffer draft={draft} current={form} previewFields={['name', 'description']} />
      <div className="form-row">
        <Field label="Kind" as="select" value={form.kind} onChange={set('kind')} options={ENTRY_KINDS} />
        <Field label="Name" value={form.name} onChange={set('name')} error={details.name} required maxLength={200} />
      </div>
      {isLocation ? (
        <div className="form-row">
          <Field label="Type" value={form.location_type} onChange={set('location_type')} list="new-location-types" placeholder="city, region, building…" error={details.location_type} />
          <EntryPicker worldId={worldId} label="Inside (parent location)" kind="location" value={form.parent_id} onChange={(id) => setForm((f) => ({ ...f, parent_id: id }))} error={details.parent_id} />
          <datalist id="new-location-types">
            {LOCATION_TYPES.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </div>
      ) : (
        <Field label="Role" value={form.role} onChange={set('role')} placeholder="e.g. mentor, rival" maxLength={100} error={details.role} />
      )}
      <MentionTextarea label="Description" rows={3} worldId={worldId} value={form.description} onChange={set('description')} error={details.description} />
      <Field label="Tags" value={form.tags} onChange={set('tags')} hint="Separated by commas." error={details.tags} />
      {templates.length > 0 && (
        <fieldset className="fieldset">
          <legend>Details of a {kindLabel(form.kind).toLowerCase()}</legend>
          {templates.map((t) => (
            <FieldInput key={t.key} template={t} value={form.fields[t.key] ?? ''} onChange={setField(t.key)} world={world} worldId={worldId} error={details[t.key]} />
          ))}
        </fieldset>
      )}
      {error && <ErrorMessage error={error} />}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Adding…' : `Add ${kindLabel(form.kind).toLowerCase()}`}
        </button>
        {onCancel && (
          <button type="button" className="btn btn-ghost" onClick={onCancel}>
            Close
          </button>
        )}
      </div>
    </form>
  );
}
