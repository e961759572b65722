// Tags as a writer types them: "war, chapter 1" (the API collapses spaces and drops a tag repeated in another case).

/** "a, b,  c" -> ['a', 'b', 'c']: blank ones and repeats (in any case) dropped. */
export function splitTags(text) {
  const seen = new Set();
  return String(text || '')
    .split(',')
    .map((t) => t.trim().replace(/\s+/g, ' '))
    .filter((t) => t && !seen.has(t.toLocaleLowerCase()) && seen.add(t.toLocaleLowerCase()));
}

/** ['a', 'b'] -> "a, b" (a form's text stays as it is). */
export const joinTags = (tags) => (Array.isArray(tags) ? tags.join(', ') : typeof tags === 'string' ? tags : '');
