import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { gpt, worlds } from '../services/api.js';
import { worldChanged } from '../services/queries.js';
import { useTask } from '../hooks/useTask.js';
import { useDraft } from '../hooks/useDraft.js';
import WorldFields from './WorldFields.jsx';
import DraftOffer from './DraftOffer.jsx';
import ErrorMessage from './ErrorMessage.jsx';
import TaskProgress from './TaskProgress.jsx';
import Icon from './Icon.jsx';

const NEW_WORLD = { name: '', world_type: 'fantasy', visibility: 'private', language: '', description: '' };
const pick = (v) => ({
  name: v.name || '',
  world_type: v.world_type || 'fantasy',
  visibility: v.visibility || 'private',
  language: v.language || '',
  description: v.description || '',
});

/** Create a world, optionally with an AI-written description and AI analysis. Typing is kept as a local draft. */
export default function WorldCreateForm({ onCreated, onCancel }) {
  const [form, setForm] = useState(NEW_WORLD);
  const draft = useDraft({ form: 'world', values: form, initialValues: NEW_WORLD, onRestore: (values) => setForm(pick(values)) });
  const [starterCast, setStarterCast] = useState(false); // optional, off unless asked for
  const [analyze, setAnalyze] = useState(false);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const descTask = useTask();
  const analyzeTask = useTask();
  const queryClient = useQueryClient();

  const set = (key) => (e) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const details = (error && error.details) || {};

  const writeDescription = async () => {
    if (!form.name.trim()) {
      setError({ message: 'Give the world a name first, so the AI knows what to write about.', details: { name: 'Required' } });
      return;
    }
    setError(null);
    try {
      const result = await descTask.run(() =>
        gpt.generateDescription({
          type: 'world',
          world_name: form.name.trim(),
          world_type: form.world_type,
          ...(form.language ? { language: form.language } : {}),
        }),
      );
      const text = (result && (result.description || result.world_description)) || '';
      if (text) setForm((f) => ({ ...f, description: text }));
    } catch {
      /* shown by TaskProgress */
    }
  };

  const submit = async (e) => {
    e.preventDefault();
    if (!form.name.trim()) {
      setError({ message: 'Please name your world.', details: { name: 'Required' } });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { language, ...fields } = form;
      // no language: the API detects it from the name and description
      const body = { ...fields, name: form.name.trim(), starter_cast: starterCast, ...(language ? { language } : {}) };
      if (analyze && form.description.trim()) {
        try {
          const result = await analyzeTask.run(() =>
            gpt.analyze({ world_description: form.description, world_type: form.world_type }),
          );
          if (result) body.gpt_entities = { entities: result.entities || [], locations: result.locations || [] };
        } catch (err) {
          if (err.cancelled) return;
          throw err;
        }
      }
      const world = await worlds.create(body);
      draft.saved();
      onCreated(world);
      worldChanged(queryClient, world.world_id); // the lists and counts that now include it
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form" onSubmit={submit} aria-label="New world">
      <h2>New world</h2>
      <DraftOffer draft={draft} current={form} previewFields={['name', 'description']} />
      <WorldFields form={form} set={set} details={details} isNew />
      <div className="actions">
        <button type="button" className="btn" onClick={writeDescription} disabled={descTask.running || busy}>
          <Icon name="sparkle" /> Write description with AI
        </button>
      </div>
      <TaskProgress task={descTask} label="Writing description" />
      <div className="checks">
        <label className="check">
          <input type="checkbox" checked={starterCast} onChange={(e) => setStarterCast(e.target.checked)} />
          Start with a few characters and places (starter cast)
        </label>
        <label className="check">
          <input type="checkbox" checked={analyze} onChange={(e) => setAnalyze(e.target.checked)} />
          Find characters and places in the description with AI
        </label>
      </div>
      <TaskProgress task={analyzeTask} label="Analysing description" />
      {error && <ErrorMessage error={error} />}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy || descTask.running}>
          {busy ? 'Creating…' : 'Create world'}
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
