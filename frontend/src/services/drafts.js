// Local drafts: what a writer typed into a form and has not saved, kept in localStorage so that a
// crash, a closed tab or an ended session loses nothing. One draft per user, form and document
// ("new" for a form that creates one). Written at most every DRAFT_DELAY_MS while typing (and at
// once when the page is hidden or the form closes), cleared on a successful save or an explicit
// discard, dropped after DRAFT_MAX_AGE_MS.
const PREFIX = 'worldsmith_draft:';
export const DRAFT_DELAY_MS = 500;
export const DRAFT_MAX_WAIT_MS = 2000;
export const DRAFT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/** The storage key of a draft: per user, form ("story", "world", "character@<world>"…) and document. */
export function draftKey(userId, form, docId) {
  return `${PREFIX}${userId || 'anonymous'}:${form}:${docId || 'new'}`;
}

function remove(key) {
  try {
    localStorage.removeItem(key);
  } catch {
    /* storage unavailable */
  }
}

/** The draft under `key` ({values, savedAt, baseVersion}), or null (none, unreadable or expired: removed). */
export function readDraft(key, now = Date.now()) {
  let raw = null;
  try {
    raw = localStorage.getItem(key);
  } catch {
    return null;
  }
  if (!raw) return null;
  let draft = null;
  try {
    draft = JSON.parse(raw);
  } catch {
    /* unreadable: dropped below */
  }
  if (!draft || typeof draft !== 'object' || !draft.values || typeof draft.values !== 'object' || !Number.isFinite(draft.savedAt) || now - draft.savedAt > DRAFT_MAX_AGE_MS) {
    remove(key);
    return null;
  }
  return draft;
}

/** Store `values` as the draft under `key` now; `baseVersion` is the document version they were typed over. */
export function writeDraft(key, values, { baseVersion = null } = {}, now = Date.now()) {
  const draft = { values, savedAt: now, baseVersion: baseVersion ?? null };
  const text = JSON.stringify(draft);
  try {
    localStorage.setItem(key, text);
  } catch {
    // full: make room by dropping expired drafts, then try once more
    pruneDrafts(now);
    try {
      localStorage.setItem(key, text);
    } catch {
      /* still no room: the form keeps the text on screen */
    }
  }
  return draft;
}

export function clearDraft(key) {
  remove(key);
}

/** Remove every expired or unreadable draft; how many. */
export function pruneDrafts(now = Date.now()) {
  let keys = [];
  try {
    keys = Object.keys(localStorage).filter((k) => k.startsWith(PREFIX));
  } catch {
    return 0;
  }
  return keys.filter((k) => readDraft(k, now) === null).length;
}

const norm = (v) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/**
 * Do `values` hold what `base` holds, field by field of `base` ("50" and 50 are the same)? A field
 * the values do not hold at all (a draft from before the form had it) was not typed in: the same.
 */
export function sameValues(values, base) {
  const typed = values || {};
  return Object.keys(base || {}).every((k) => !(k in typed) || norm(typed[k]) === norm(base[k]));
}

/**
 * Was the draft written after the document was last saved? By the clock (updated_at), and by the
 * version it was typed over. A draft older than the document is still the writer's unsaved text.
 */
export function isDraftNewer(draft, doc) {
  if (!doc) return true;
  const updated = Date.parse(doc.updated_at);
  const byTime = !Number.isFinite(updated) || draft.savedAt > updated;
  const byVersion = draft.baseVersion === null || draft.baseVersion === undefined || doc.version === undefined || Number(draft.baseVersion) >= Number(doc.version);
  return byTime && byVersion;
}

/**
 * A debounced writer for one key: `schedule(values, meta)` writes DRAFT_DELAY_MS after the last
 * call (and at least every DRAFT_MAX_WAIT_MS while calls keep coming); `flush()` writes what is
 * pending now; `cancel()` forgets it.
 */
export function createDraftWriter(key, delay = DRAFT_DELAY_MS, maxWait = DRAFT_MAX_WAIT_MS) {
  let timer = null;
  let pending = null;
  let since = 0;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending) writeDraft(key, pending.values, pending.meta);
    pending = null;
  };
  return {
    schedule(values, meta) {
      if (!pending) since = Date.now();
      pending = { values, meta };
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, Math.max(0, Math.min(delay, since + maxWait - Date.now())));
    },
    flush,
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
