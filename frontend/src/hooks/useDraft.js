import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { clearDraft, createDraftWriter, draftKey, isDraftNewer, readDraft, sameValues, writeDraft } from '../services/drafts.js';
import { markUnsaved } from '../services/unsaved.js';
import { useAuth } from './useAuth.js';

/**
 * The local draft of one form (see services/drafts.js). `values` are the form's values now,
 * `initialValues` what it opened with (the saved document's, or a new form's defaults); `doc` the
 * saved document (its `updated_at` and `version`), `version` the one the form writes over.
 *
 * A draft left from earlier that differs from `initialValues` is offered (`offer`: its values,
 * `savedAt`, `newer`: written after the document's last save); while it is offered nothing
 * overwrites it. `restore()` hands its values to `onRestore(values, draft)`, `discard()` drops it.
 * Call `saved()` after a successful save; `keep(values, meta)` stores values now and offers them
 * (what "Reload theirs" does with the writer's own version).
 */
export function useDraft({ form, docId, doc, values, initialValues, version, onRestore }) {
  const { user } = useAuth();
  const key = draftKey(user && user.user_id, form, docId);
  const [offer, setOffer] = useState(() => {
    const draft = readDraft(key);
    return draft && !sameValues(draft.values, initialValues) ? { ...draft, newer: isDraftNewer(draft, doc) } : null;
  });
  const writer = useMemo(() => createDraftWriter(key), [key]);
  const dirty = !sameValues(values, initialValues);
  // the values as text: the effect runs when they change, not on every render's new object
  const json = JSON.stringify(values);
  const savedJson = useRef(null); // the values just saved: nothing to keep until they change

  useEffect(() => {
    if (offer) return; // hold: the writer has not chosen what to do with the offered draft yet
    if (json === savedJson.current) return;
    savedJson.current = null;
    if (dirty) writer.schedule(JSON.parse(json), { baseVersion: version });
    else {
      writer.cancel();
      clearDraft(key); // back to what is saved: nothing to keep
    }
  }, [key, writer, json, dirty, offer, version]);

  // a closed tab or a form left without saving: write what is pending at once
  useEffect(() => {
    const flush = () => writer.flush();
    const onHidden = () => document.visibilityState === 'hidden' && writer.flush();
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHidden);
      writer.flush();
    };
  }, [writer]);

  // while unsaved, an ended session asks to sign in where the writer is (services/api.js)
  const id = useId();
  useEffect(() => {
    markUnsaved(id, dirty);
    return () => markUnsaved(id, false);
  }, [id, dirty]);

  return {
    key,
    dirty,
    offer,
    restore() {
      if (!offer) return;
      setOffer(null);
      onRestore(offer.values, offer);
    },
    discard() {
      clearDraft(key);
      setOffer(null);
    },
    saved() {
      savedJson.current = json;
      writer.cancel();
      clearDraft(key);
      setOffer(null);
    },
    keep(keptValues, meta) {
      writer.cancel();
      setOffer({ ...writeDraft(key, keptValues, meta), newer: true });
    },
  };
}
