import { useState } from 'react';
import Field from './Field.jsx';
import ErrorMessage from './ErrorMessage.jsx';

/** Create/edit form for a character (entity) or a location. */
export default function EntityForm({ kind, initial, onSubmit, onCancel, submitLabel }) {
  const isChar = kind === 'character';
  const [name, setName] = useState(initial?.name || '');
  const [description, setDescription] = useState(initial?.description || '');
  const [entityType, setEntityType] = useState(initial?.entity_type || 'character');
  const [role, setRole] = useState(initial?.role || '');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e) => {
    e.preventDefault();
    if (!name.trim()) {
      setError({ message: 'Please give it a name.', details: { name: 'Required' } });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = { name: name.trim(), description: description.trim() };
      if (isChar) {
        body.entity_type = entityType.trim() || 'character';
        if (role.trim() || initial) body.role = role.trim();
      }
      await onSubmit(body);
      if (!initial) {
        setName('');
        setDescription('');
        setRole('');
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const details = (error && error.details) || {};
  const noun = isChar ? 'character' : 'location';
  return (
    <form className="card form entity-form" onSubmit={submit} aria-label={initial ? `Edit ${noun}` : `New ${noun}`}>
      <div className="form-row">
        <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} error={details.name} required maxLength={200} />
        {isChar && (
          <Field label="Kind" value={entityType} onChange={(e) => setEntityType(e.target.value)} error={details.entity_type} list="entity-kinds" />
        )}
        {isChar && (
          <Field label="Role" value={role} onChange={(e) => setRole(e.target.value)} error={details.role} placeholder="e.g. mentor, rival" />
        )}
      </div>
      <Field
        label="Description"
        as="textarea"
        rows={3}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={details.description}
      />
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
    </form>
  );
}
