import { useRef, useState } from 'react';
import { useDraft } from './useDraft.js';
import { isVersionConflict } from '../utils/conflict.js';

/**
 * The state of an edit form that never loses what is typed: its values (`toValues(from)`, by
 * default `from` is `doc`, the saved document it opened with, or null for a new one), a local draft (`draftForm`, `docId`; `extraValues` are kept with the
 * draft and handed back to `onRestoreExtra`), and saves made over the version it opened with.
 *
 * `submitBody(body)` saves through `onSubmit(body, {version})`; a 412 opens a conflict
 * (`conflict.current` is theirs): `overwrite()` saves the same body over their version,
 * `reload()` shows theirs (keeping mine as a draft) and tells `onReloaded(current)`.
 *
 * `saveInBackground(body, values)` (autosave) saves through `onAutosave(body, {version})`, which
 * resolves to the saved document: the form stays open and moves on to that version; it resolves to
 * 'saved', 'conflict' (the same dialog opens; it never overwrites by itself), 'offline' or the Error.
 */
export function useVersionedForm({ draftForm, docId, doc, from = doc, toValues, onSubmit, onAutosave, onReloaded, extraValues, onRestoreExtra }) {
  const [base, setBase] = useState(() => ({ doc, values: toValues(from) }));
  const [form, setForm] = useState(base.values);
  const [version, setVersionState] = useState(doc ? doc.version : undefined);
  // the version to write over, as of now (a save that waited for an autosave reads the one it made)
  const versionRef = useRef(version);
  const setVersion = (v) => {
    versionRef.current = v;
    setVersionState(v);
  };
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState(null); // {current, body, error}
  const kept = () => (extraValues ? { ...form, ...extraValues } : form);
  const draft = useDraft({
    form: draftForm,
    docId,
    doc: base.doc,
    values: kept(),
    initialValues: base.values,
    version,
    onRestore: (values, stored) => {
      // a field the draft does not hold (the form gained it since) keeps what the document holds
      const restored = toValues(values);
      setForm(Object.fromEntries(Object.keys(restored).map((k) => [k, k in values ? restored[k] : base.values[k]])));
      if (stored.baseVersion !== null && stored.baseVersion !== undefined) setVersion(stored.baseVersion);
      if (onRestoreExtra) onRestoreExtra(values);
    },
  });
  const set = (key) => (e) => setForm((f) => ({ ...f, [key]: e.target.value }));

  const save = async (body, over) => {
    await onSubmit(body, { version: over });
    draft.saved();
  };

  /** What a background save over `over` ends with; `values` are the form's values it sent. */
  const saveQuietly = async (body, values, over) => {
    const saved = await onAutosave(body, { version: over });
    if (saved && saved.version !== undefined) setVersion(saved.version);
    // what was sent is now the saved state: typing that came meanwhile stays unsaved (and drafted)
    setBase({ doc: saved || base.doc, values });
  };

  const saveInBackground = async (body, values) => {
    try {
      await saveQuietly(body, values, versionRef.current);
      return 'saved';
    } catch (err) {
      if (isVersionConflict(err)) {
        setConflict({ current: err.current, body, values, background: true });
        return 'conflict';
      }
      return err && err.status === 0 ? 'offline' : err;
    }
  };

  /** Saves `body`; true if it was saved (a conflict or an error shows in the form instead). */
  const submitBody = async (body) => {
    setBusy(true);
    setError(null);
    try {
      await save(body, versionRef.current);
      return true;
    } catch (err) {
      if (isVersionConflict(err)) setConflict({ current: err.current, body });
      else setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const overwrite = async () => {
    setBusy(true);
    try {
      // an autosave's conflict: save mine (the form as it is now) and keep writing
      if (conflict.background) await saveQuietly(conflict.body, conflict.values, conflict.current.version);
      else await save(conflict.body, conflict.current.version);
      setConflict(null);
    } catch (err) {
      // changed once more meanwhile: compare with that version
      setConflict(isVersionConflict(err) ? { current: err.current, body: conflict.body } : { ...conflict, error: err });
    } finally {
      setBusy(false);
    }
  };

  const reload = () => {
    const { current } = conflict;
    draft.keep(kept(), { baseVersion: current.version }); // never silently lost
    const values = toValues(current);
    setBase({ doc: current, values });
    setForm(values);
    setVersion(current.version);
    setConflict(null);
    setError(null);
    if (onReloaded) onReloaded(current);
  };

  return { base, form, setForm, set, draft, error, setError, busy, conflict, setConflict, submitBody, saveInBackground, overwrite, reload };
}
