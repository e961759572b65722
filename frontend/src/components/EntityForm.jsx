import { useVersionedForm } from '../hooks/useVersionedForm.js';
import Field from './Field.jsx';
import MentionTextarea from './MentionTextarea.jsx';
import ErrorMessage from './ErrorMessage.jsx';
import DraftOffer from './DraftOffer.jsx';
import ConflictDialog from './ConflictDialog.jsx';

const entityValues = (kind, doc) =>
  kind === 'character'
    ? { name: (doc && doc.name) || '', entity_type: (doc && doc.entity_type) || 'character', role: (doc && doc.role) || '', description: (doc && doc.description) || '' }
    : { name: (doc && doc.name) || '', description: (doc && doc.description) || '' };

const FIELDS = {
  character: [
    { key: 'name', label: 'Name' },
    { key: 'entity_type', label: 'Kind' },
    { key: 'role', label: 'Role' },
    { key: 'description', label: 'Description', long: true },
  ],
  location: [
    { key: 'name', label: 'Name' },
    { key: 'description', label: 'Description', long: true },
  ],
};

/**
 * Create/edit form for a character (entity) or a location of the world `worldId`. Typing is kept
 * as a local draft; `onSubmit(body, {version})` saves an edit over the version it opened with
 * (If-Match), and a 412 opens "Changed elsewhere" ("Reload theirs" tells `onReloaded(current)`).
 */
export default function EntityForm({ kind, worldId, initial, onSubmit, onCancel, onReloaded, submitLabel }) {
  const isChar = kind === 'character';
  const idKey = isChar ? 'entity_id' : 'location_id';
  const { base, form, setForm, set, draft, error, setError, busy, conflict, setConflict, submitBody, overwrite, reload } =
    useVersionedForm({
      draftForm: `${kind}@${worldId || 'world'}`,
      docId: initial ? initial[idKey] || initial.id : undefined,
      doc: initial || null,
      toValues: (doc) => entityValues(kind, doc),
      onSubmit,
      onReloaded,
    });

  const submit = async (e) => {
    e.preventDefault();
    if (!form.name.trim()) {
      setError({ message: 'Please give it a name.', details: { name: 'Required' } });
      return;
    }
    const body = { name: form.name.trim(), description: form.description.trim() };
    if (isChar) {
      body.entity_type = form.entity_type.trim() || 'character';
      if (form.role.trim() || initial) body.role = form.role.trim();
    }
    if ((await submitBody(body)) && !initial) setForm(base.values);
  };

  const details = (error && error.details) || {};
  const noun = isChar ? 'character' : 'location';
  return (
    <form className="card form entity-form" onSubmit={submit} aria-label={initial ? `Edit ${noun}` : `New ${noun}`}>
      <DraftOffer draft={draft} current={form} previewFields={['name', 'description']} />
      <div className="form-row">
        <Field label="Name" value={form.name} onChange={set('name')} error={details.name} required maxLength={200} />
        {isChar && <Field label="Kind" value={form.entity_type} onChange={set('entity_type')} error={details.entity_type} list="entity-kinds" />}
        {isChar && <Field label="Role" value={form.role} onChange={set('role')} error={details.role} placeholder="e.g. mentor, rival" />}
      </div>
      <MentionTextarea label="Description" rows={3} worldId={worldId} value={form.description} onChange={set('description')} error={details.description} />
      <datalist id="entity-kinds">
        <option value="character" />
        <option value="creature" />
        <option value="faction" />
        <option value="artifact" />
      </datalist>
      {error && !Object.keys(details).length && <ErrorMessage error={error} />}
      {error && Object.keys(details).length > 0 && <p className="field-error">{error.message}</p>}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Saving…' : submitLabel || (initial ? 'Save' : `Add ${noun}`)}
        </button>
        {onCancel && (
          <button type="button" className="btn btn-ghost" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {conflict && (
        <ConflictDialog
          noun={noun}
          fields={FIELDS[kind]}
          mine={form}
          theirs={entityValues(kind, conflict.current)}
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
