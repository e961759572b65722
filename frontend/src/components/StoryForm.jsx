import { useState } from 'react';
import { gpt } from '../services/api.js';
import { useTask } from '../hooks/useTask.js';
import { useVersionedForm } from '../hooks/useVersionedForm.js';
import { GENRES, VISIBILITIES, VISIBILITY_HINT, labelOf } from '../utils/options.js';
import { dateBody, dateValues, formatWorldDate } from '../utils/calendar.js';
import { joinTags, splitTags } from '../utils/tags.js';
import Field from './Field.jsx';
import MentionTextarea from './MentionTextarea.jsx';
import DateInput from './DateInput.jsx';
import ErrorMessage from './ErrorMessage.jsx';
import TaskProgress from './TaskProgress.jsx';
import Icon from './Icon.jsx';
import DraftOffer from './DraftOffer.jsx';
import ConflictDialog from './ConflictDialog.jsx';
import MarkdownEditor from './editor/MarkdownEditor.jsx';
import AutosaveStatus from './editor/AutosaveStatus.jsx';
import { useAutosave } from './editor/useAutosave.js';

const storyValues = (doc = {}) => ({
  title: doc.title || '',
  genre: doc.genre || 'adventure',
  visibility: doc.visibility || 'private',
  time_index: doc.time_index ?? 50,
  date: dateValues(doc.date),
  tags: joinTags(doc.tags),
  description: doc.description || '',
  content: doc.content || '',
});

/** The request body of the form's values. */
function bodyOf(form) {
  const { date, time_index: index, tags, ...rest } = form;
  const when = dateBody(date);
  // a date places the story in time (the API derives time_index); without one, the slider does
  return { ...rest, title: form.title.trim(), tags: splitTags(tags), ...(when ? { date: when } : { time_index: Number(index) }) };
}

const fieldsOf = (calendar) => [
  { key: 'title', label: 'Title' },
  { key: 'genre', label: 'Genre' },
  { key: 'visibility', label: 'Visibility', show: (v) => labelOf(VISIBILITIES, v) },
  { key: 'time_index', label: 'Place in time' },
  { key: 'date', label: 'In-world date', show: (v) => formatWorldDate(dateBody(v), calendar) },
  { key: 'tags', label: 'Tags' },
  { key: 'description', label: 'Description', long: true },
  { key: 'content', label: 'Story text', long: true },
];

/**
 * Fields of a story, with "write description with AI". `aiContext()` returns
 * {world_description, characters} for the AI prompt. `children` render above the fields.
 * `worldId` gives the text `@` completion of codex names; `calendar` (the world's) the months of
 * the in-world date (without a year, the story is placed by "place in time" instead).
 *
 * What is typed is kept as a local draft (per story, or "new"; `extraValues` are kept with it and
 * handed back to `onRestoreExtra`). `onSubmit(body, {version})` saves over the version the form
 * opened with (If-Match); a 412 opens "Changed elsewhere", whose "Reload theirs" shows the current
 * story (and tells `onReloaded(current)`).
 *
 * An existing story given `onAutosave(body, {version}) -> saved story` is saved as it is typed
 * (useAutosave), the form staying open; a conflict opens the same dialog and nothing is overwritten.
 */
export default function StoryForm({
  initial = {},
  onSubmit,
  onAutosave,
  onCancel,
  onReloaded,
  submitLabel = 'Save story',
  aiContext,
  children,
  label = 'Story',
  extraValues,
  onRestoreExtra,
  worldId,
  calendar,
}) {
  const { base, form, setForm, set, draft, error, setError, busy, conflict, setConflict, submitBody, saveInBackground, overwrite, reload } =
    useVersionedForm({
      draftForm: 'story',
      docId: initial.story_id,
      doc: initial.story_id ? initial : null,
      from: initial,
      toValues: storyValues,
      onSubmit,
      onAutosave,
      onReloaded,
      extraValues,
      onRestoreExtra,
    });
  // "Keep editing" after an autosave's conflict: no more autosaves (each would meet the same
  // conflict) until the writer saves by hand, which shows the versions again
  const [held, setHeld] = useState(false);
  const autosave = useAutosave({
    enabled: !!(onAutosave && initial.story_id) && !busy && !conflict && !held && !draft.offer && !!form.title.trim(),
    dirty: draft.dirty,
    values: form,
    save: (values) => saveInBackground(bodyOf(values), values),
  });
  const ai = useTask();
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
    await autosave.settled(); // a save on its way first: this one writes over the version it made
    if (await submitBody(bodyOf(form))) setHeld(false);
  };

  return (
    <form className="card form" onSubmit={submit} aria-label={label}>
      <DraftOffer draft={draft} current={form} previewFields={['content', 'description', 'title']} />
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
        <Field label="Tags" value={form.tags} onChange={set('tags')} error={details.tags} hint="Separated by commas." placeholder="e.g. war, chapter 1" />
      </div>
      <DateInput
        label="In-world date"
        calendar={calendar}
        value={form.date}
        onChange={(date) => setForm((f) => ({ ...f, date }))}
        error={details.date || details['date.year'] || details['date.month'] || details['date.day']}
        hint="Month and day are optional."
      />
      {dateBody(form.date) === null && (
        <Field
          label={`No date yet: place in time (0 = earliest, 100 = latest): ${form.time_index}`}
          type="range"
          min={0}
          max={100}
          value={form.time_index}
          onChange={set('time_index')}
          error={details.time_index}
        />
      )}
      <MentionTextarea label="Description" rows={3} worldId={worldId} hint={null} value={form.description} onChange={set('description')} error={details.description} placeholder="A short summary" />
      <div className="actions">
        <button type="button" className="btn" onClick={writeWithAI} disabled={ai.running || busy}>
          <Icon name="sparkle" /> Write description with AI
        </button>
      </div>
      <TaskProgress task={ai} label="Writing description" />
      <MarkdownEditor
        label="Story text"
        worldId={worldId}
        value={form.content}
        onChange={(content) => setForm((f) => ({ ...f, content }))}
        error={details.content}
        placeholder="The story itself. Leave empty to use the description."
        ai={worldId ? { worldId, storyId: initial.story_id, onTitle: (title) => setForm((f) => ({ ...f, title })) } : null}
        status={onAutosave && initial.story_id ? <AutosaveStatus status={conflict || held ? 'conflict' : autosave.status} error={autosave.error} /> : null}
      />
      {error && <ErrorMessage error={error} />}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy || ai.running}>
          {busy ? 'Saving…' : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="btn btn-ghost" onClick={onCancel}>
            {onAutosave && initial.story_id ? 'Close' : 'Cancel'}
          </button>
        )}
      </div>
      {conflict && (
        <ConflictDialog
          noun="story"
          fields={fieldsOf(calendar)}
          mine={form}
          theirs={storyValues(conflict.current)}
          base={base.values}
          theirsSavedAt={conflict.current.updated_at}
          busy={busy}
          error={conflict.error}
          onOverwrite={() => {
            setHeld(false);
            return overwrite();
          }}
          onReload={() => {
            setHeld(false);
            reload();
          }}
          onClose={() => {
            if (conflict.background) setHeld(true);
            setConflict(null);
          }}
        />
      )}
    </form>
  );
}
