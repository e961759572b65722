import { useState } from 'react';
import { gpt } from '../services/api.js';
import { useTask } from '../hooks/useTask.js';
import { GENRES, VISIBILITIES, VISIBILITY_HINT } from '../utils/options.js';
import Field from './Field.jsx';
import ErrorMessage from './ErrorMessage.jsx';
import TaskProgress from './TaskProgress.jsx';
import Icon from './Icon.jsx';

/**
 * Fields of a story, with "write description with AI". `aiContext()` returns
 * {world_description, characters} for the AI prompt. `children` render above the fields.
 */
export default function StoryForm({ initial = {}, onSubmit, onCancel, submitLabel = 'Save story', aiContext, children, label = 'Story' }) {
  const [form, setForm] = useState({
    title: initial.title || '',
    genre: initial.genre || 'adventure',
    visibility: initial.visibility || 'private',
    time_index: initial.time_index ?? 50,
    description: initial.description || '',
    content: initial.content || '',
  });
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const ai = useTask();
  const set = (key) => (e) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const details = (error && error.details) || {};

  const writeWithAI = async () => {
    if (!form.title.trim()) {
      setError({ message: 'Give the story a title first.', details: { title: 'Required for the AI' } });
      return;
    }
    setError(null);
    const ctx = aiContext ? aiContext() : {};
    try {
      const result = await ai.run(() =>
        gpt.generateDescription({
          type: 'story',
          story_title: form.title.trim(),
          story_genre: form.genre,
          world_description: ctx.world_description || '',
          characters: ctx.characters || [],
        }),
      );
      const text = result && (result.story_description || result.description);
      if (text) setForm((f) => ({ ...f, description: text }));
    } catch {
      /* shown by TaskProgress */
    }
  };

  const submit = async (e) => {
    e.preventDefault();
    if (!form.title.trim()) {
      setError({ message: 'Please give the story a title.', details: { title: 'Required' } });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit({ ...form, title: form.title.trim(), time_index: Number(form.time_index) });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form" onSubmit={submit} aria-label={label}>
      {children}
      <div className="form-row">
        <Field label="Title" value={form.title} onChange={set('title')} error={details.title} required maxLength={200} />
        <Field label="Genre" value={form.genre} onChange={set('genre')} error={details.genre} list="story-genres" />
        <datalist id="story-genres">
          {GENRES.map((g) => (
            <option key={g} value={g} />
          ))}
        </datalist>
      </div>
      <div className="form-row">
        <Field label="Visibility" hint={VISIBILITY_HINT} as="select" options={VISIBILITIES} value={form.visibility} onChange={set('visibility')} error={details.visibility} />
        <Field
          label={`Place in time (0 = earliest, 100 = latest): ${form.time_index}`}
          type="range"
          min={0}
          max={100}
          value={form.time_index}
          onChange={set('time_index')}
          error={details.time_index}
        />
      </div>
      <Field label="Description" as="textarea" rows={3} value={form.description} onChange={set('description')} error={details.description} placeholder="A short summary" />
      <div className="actions">
        <button type="button" className="btn" onClick={writeWithAI} disabled={ai.running || busy}>
          <Icon name="sparkle" /> Write description with AI
        </button>
      </div>
      <TaskProgress task={ai} label="Writing description" />
      <Field label="Story text" as="textarea" rows={10} value={form.content} onChange={set('content')} error={details.content} placeholder="The story itself. Leave empty to use the description." />
      {error && <ErrorMessage error={error} />}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy || ai.running}>
          {busy ? 'Saving…' : submitLabel}
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
