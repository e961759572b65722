import { useState } from 'react';
import { events } from '../services/api.js';
import { dateBody, dateValues } from '../utils/calendar.js';
import { plainMentions } from '../utils/mentions.js';
import Field from './Field.jsx';
import DateInput from './DateInput.jsx';
import ErrorMessage from './ErrorMessage.jsx';
import ConfirmButton from './ConfirmButton.jsx';

const RELATIONS = ['causes', 'leads to', 'precedes', 'parallels', 'related'];

/** Owner tools on a timeline event: edit, connect to another event, delete. */
export default function EventEditor({ event, others, onChanged, calendar = {} }) {
  const [mode, setMode] = useState(null); // 'edit' | 'connect'
  const [title, setTitle] = useState(event.title || '');
  const [description, setDescription] = useState(event.description || '');
  const [date, setDate] = useState(() => dateValues(event.date));
  const [target, setTarget] = useState('');
  const [relation, setRelation] = useState('causes');
  const [label, setLabel] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const name = plainMentions(event.title || '') || 'event';

  const run = async (fn) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      setMode(null);
      await onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const details = (error && error.details) || {};

  return (
    <div className="event-editor">
      {mode === null && (
        <div className="actions">
          <button type="button" className="btn btn-small" onClick={() => setMode('edit')} aria-label={`Edit event ${name}`}>
            Edit
          </button>
          {others.length > 0 && (
            <button type="button" className="btn btn-small" onClick={() => setMode('connect')} aria-label={`Connect event ${name}`}>
              Connect
            </button>
          )}
          <ConfirmButton label={`Delete event ${name}`} onConfirm={() => run(() => events.remove(event.event_id))}>
            Delete
          </ConfirmButton>
        </div>
      )}
      {mode === 'edit' && (
        <form
          className="form compact-form"
          aria-label={`Edit event ${name}`}
          onSubmit={(e) => {
            e.preventDefault();
            const when = dateBody(date);
            // the date goes only when it was changed: an event dated by its story's time keeps following it
            const moved = when && JSON.stringify(when) !== JSON.stringify(dateBody(dateValues(event.date)));
            run(() => events.update(event.event_id, { title: title.trim(), description, ...(moved ? { date: when } : {}) }));
          }}
        >
          <Field label="Title" value={title} onChange={(e) => setTitle(e.target.value)} error={details.title} required />
          <Field label="Description" as="textarea" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} error={details.description} />
          <DateInput label="When" calendar={calendar} value={date} onChange={setDate} error={details.date} hint="Month and day are optional." />
          <div className="actions">
            <button type="submit" className="btn btn-small btn-primary" disabled={busy}>
              Save event
            </button>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => setMode(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {mode === 'connect' && (
        <form
          className="form compact-form"
          aria-label={`Connect event ${name}`}
          onSubmit={(e) => {
            e.preventDefault();
            if (!target) {
              setError('Choose the event to connect to.');
              return;
            }
            run(() => events.connect(event.event_id, { target_event_id: target, relation_type: relation, relation_label: label.trim() || relation }));
          }}
        >
          <Field label="Connect to" as="select" value={target} onChange={(e) => setTarget(e.target.value)} error={details.target_event_id}>
            <option value="">Choose an event…</option>
            {others.map((o) => (
              <option key={o.event_id} value={o.event_id}>
                {plainMentions(o.title)}
              </option>
            ))}
          </Field>
          <div className="form-row">
            <Field label="Relation" value={relation} onChange={(e) => setRelation(e.target.value)} list="event-relations" error={details.relation_type} />
            <Field label="Label (optional)" value={label} onChange={(e) => setLabel(e.target.value)} error={details.relation_label} />
          </div>
          <datalist id="event-relations">
            {RELATIONS.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
          <div className="actions">
            <button type="submit" className="btn btn-small btn-primary" disabled={busy}>
              Connect
            </button>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => setMode(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <ErrorMessage error={error} />
    </div>
  );
}
