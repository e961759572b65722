// Version conflicts (a 412 answer to a write with a stale If-Match) and what differs between two texts.

/** Was the 412 a stale If-Match, with the document as it stands now? */
export function isVersionConflict(err) {
  return !!(err && err.status === 412 && err.current && typeof err.current === 'object');
}

/**
 * Where two texts differ: the common start and end, and the middle of each, widened to whole words
 * (so a highlight never cuts a word, nor a letter from its tone mark).
 */
export function splitDiff(a, b) {
  if (a === b) return { prefix: a, mine: '', theirs: '', suffix: '' };
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  while (start > 0 && !/\s/.test(a[start - 1])) start--;
  while (end > 0 && !/\s/.test(a[a.length - end])) end--;
  return { prefix: a.slice(0, start), mine: a.slice(start, a.length - end), theirs: b.slice(start, b.length - end), suffix: a.slice(a.length - end) };
}

/**
 * A short line of what a draft holds: the first of `fields` whose text differs from the form's
 * `current` values, from a little before where it differs, cut at a word.
 */
export function draftPreview(values, current = {}, fields = []) {
  const filled = fields.filter((f) => typeof values[f] === 'string' && values[f].trim());
  const field = filled.find((f) => values[f] !== (current[f] ?? '')) || filled[0];
  if (!field) return '';
  const text = values[field];
  let start = 0;
  if (typeof current[field] === 'string' && current[field]) {
    start = splitDiff(text, current[field]).prefix.length;
    const back = text.lastIndexOf(' ', Math.max(0, start - 24));
    start = start > 24 ? back + 1 : 0;
  }
  const flat = text.slice(start).trim().replace(/\s+/g, ' ');
  const lead = start > 0 ? '…' : '';
  if (flat.length <= 90) return lead + flat;
  const cut = flat.slice(0, 90);
  return `${lead}${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60))}…`;
}
