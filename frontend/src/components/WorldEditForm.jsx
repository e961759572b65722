import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { worlds } from '../services/api.js';
import { queryKeys, worldChanged } from '../services/queries.js';
import { useDraft } from '../hooks/useDraft.js';
import { isVersionConflict } from '../utils/conflict.js';
import { DETECT_LANGUAGE, LANGUAGES, VISIBILITIES, WORLD_TYPES, labelOf } from '../utils/options.js';
import { calendarOf, formatWorldDate } from '../utils/calendar.js';
import { calendarBody, calendarProblems, calendarValues } from '../utils/calendarForm.js';
import CalendarEditor from './CalendarEditor.jsx';
import WorldFields from './WorldFields.jsx';
import ErrorMessage from './ErrorMessage.jsx';
import DraftOffer from './DraftOffer.jsx';
import ConflictDialog from './ConflictDialog.jsx';

const worldValues = (world) => ({
  name: world.name || '',
  description: world.description || '',
  world_type: world.world_type || 'fantasy',
  visibility: world.visibility || 'private',
  language: world.language || '',
  calendar: calendarValues(calendarOf(world)),
});

const showCalendar = (values) => {
  const body = calendarBody(values);
  const today = formatWorldDate(body.current_date, body);
  return [
    today && `Today: ${today}`,
    `Months: ${body.months.map((m) => `${m.name} (${m.days})`).join(', ')}`,
    body.weekdays.length > 0 && `Weekdays: ${body.weekdays.join(', ')}`,
    body.eras.length > 0 && `Eras: ${body.eras.map((e) => `${e.name} from ${e.start_year}`).join(', ')}`,
    body.leap && `Leap: every ${body.leap.every} years`,
  ]
    .filter(Boolean)
    .join('\n');
};

const FIELDS = [
  { key: 'name', label: 'Name' },
  { key: 'world_type', label: 'Type', show: (v) => labelOf(WORLD_TYPES, v) },
  { key: 'visibility', label: 'Visibility', show: (v) => labelOf(VISIBILITIES, v) },
  { key: 'language', label: 'Language', show: (v) => labelOf([DETECT_LANGUAGE, ...LANGUAGES], v) },
  { key: 'description', label: 'Description', long: true },
  { key: 'calendar', label: 'Calendar', long: true, show: showCalendar },
];

/**
 * Edit a world and its calendar (months, weekdays, eras, leap rule, today's date). Typing is kept as a local draft; the save is made over the
 * version the form opened with (If-Match), and a 412 opens "Changed elsewhere".
 */
export default function WorldEditForm({ world, onSaved, onCancel }) {
  const [base, setBase] = useState(() => ({ doc: world, values: worldValues(world) }));
  const [form, setForm] = useState(base.values);
  const [version, setVersion] = useState(world.version);
  const [conflict, setConflict] = useState(null); // {current, body, error}
  const queryClient = useQueryClient();
  const draft = useDraft({
    form: 'world',
    docId: world.world_id,
    doc: base.doc,
    values: form,
    initialValues: base.values,
    version,
    onRestore: (values, kept) => {
      setForm(Object.fromEntries(Object.keys(base.values).map((k) => [k, values[k] ?? base.values[k]])));
      if (kept.baseVersion !== null && kept.baseVersion !== undefined) setVersion(kept.baseVersion);
    },
  });
  const save = useMutation({
    mutationFn: ({ body, version: over }) => worlds.update(world.world_id, body, over),
    onSuccess: (saved) => {
      draft.saved();
      setConflict(null);
      queryClient.setQueryData(queryKeys.worlds.detail(world.world_id), saved);
      onSaved();
      return worldChanged(queryClient, world.world_id);
    },
    onError: (err, { body }) => {
      if (isVersionConflict(err)) setConflict({ current: err.current, body });
      else setConflict((c) => (c ? { ...c, error: err } : c));
    },
  });
  const set = (key) => (e) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const [problems, setProblems] = useState([]);
  const error = save.error && !isVersionConflict(save.error) && !conflict ? save.error : null;
  const details = (error && error.details) || {};

  const submit = (e) => {
    e.preventDefault();
    const found = calendarProblems(form.calendar);
    setProblems(found);
    if (found.length) return;
    const calendar = calendarBody(form.calendar);
    const body = {
      name: form.name.trim(),
      description: form.description,
      world_type: form.world_type,
      visibility: form.visibility,
      metadata: { calendar },
    };
    if (form.language) body.language = form.language;
    save.mutate({ body, version });
  };

  const reload = () => {
    const { current } = conflict;
    draft.keep(form, { baseVersion: current.version }); // never silently lost
    const values = worldValues(current);
    setBase({ doc: current, values });
    setForm(values);
    setVersion(current.version);
    setConflict(null);
    save.reset();
    queryClient.setQueryData(queryKeys.worlds.detail(world.world_id), current);
  };

  return (
    <form className="card form" onSubmit={submit} aria-label="Edit world">
      <DraftOffer draft={draft} current={form} previewFields={['description', 'name']} />
      <WorldFields form={form} set={set} details={details} />
      <CalendarEditor value={form.calendar} onChange={(calendar) => setForm((f) => ({ ...f, calendar }))} details={details} />
      {problems.length > 0 && (
        <div className="alert alert-error" role="alert">
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save world'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {conflict && (
        <ConflictDialog
          noun="world"
          fields={FIELDS}
          mine={form}
          theirs={worldValues(conflict.current)}
          base={base.values}
          theirsSavedAt={conflict.current.updated_at}
          busy={save.isPending}
          error={conflict.error}
          onOverwrite={() => save.mutate({ body: conflict.body, version: conflict.current.version })}
          onReload={reload}
          onClose={() => setConflict(null)}
        />
      )}
    </form>
  );
}
