import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { worlds } from '../services/api.js';
import { queryKeys, worldChanged } from '../services/queries.js';
import Field from './Field.jsx';
import WorldFields from './WorldFields.jsx';
import ErrorMessage from './ErrorMessage.jsx';

export default function WorldEditForm({ world, onSaved, onCancel }) {
  const cal = (world.metadata && world.metadata.calendar) || {};
  const [form, setForm] = useState({
    name: world.name || '',
    description: world.description || '',
    world_type: world.world_type || 'fantasy',
    visibility: world.visibility || 'private',
    current_year: cal.current_year ?? '',
    current_era: cal.current_era || '',
    year_name: cal.year_name || '',
  });
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (body) => worlds.update(world.world_id, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.worlds.detail(world.world_id), saved);
      onSaved();
      return worldChanged(queryClient, world.world_id);
    },
  });
  const set = (key) => (e) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const error = save.error;
  const details = (error && error.details) || {};

  const submit = (e) => {
    e.preventDefault();
    const calendar = { ...cal, current_era: form.current_era, year_name: form.year_name };
    if (form.current_year !== '') calendar.current_year = Number(form.current_year);
    save.mutate({
      name: form.name.trim(),
      description: form.description,
      world_type: form.world_type,
      visibility: form.visibility,
      metadata: { calendar },
    });
  };

  return (
    <form className="card form" onSubmit={submit} aria-label="Edit world">
      <WorldFields form={form} set={set} details={details} />
      <fieldset className="fieldset">
        <legend>Calendar</legend>
        <div className="form-row three">
          <Field label="Current year" type="number" value={form.current_year} onChange={set('current_year')} error={details['metadata.calendar.current_year']} />
          <Field label="Era" value={form.current_era} onChange={set('current_era')} placeholder="e.g. Third Age" />
          <Field label="Year name" value={form.year_name} onChange={set('year_name')} placeholder="e.g. AE" />
        </div>
      </fieldset>
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save world'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
