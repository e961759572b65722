// Which forms hold typed input that is not saved yet. The API client asks for a sign-in in place
// (instead of leaving for the login page) when the session ends while any form is unsaved.
const unsaved = new Set();

/** Mark the form `id` as holding unsaved input (or not). */
export function markUnsaved(id, dirty) {
  if (dirty) unsaved.add(id);
  else unsaved.delete(id);
}

export function hasUnsavedInput() {
  return unsaved.size > 0;
}
