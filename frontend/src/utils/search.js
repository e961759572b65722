// Search hits as the API sends them (GET /search): what each links to and its highlighted snippet.

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** HTML-escaped text back to text ("&lt;" -> "<"); only character references, never markup. */
export function unescapeHtml(text) {
  return String(text).replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/**
 * A snippet (HTML-escaped text with <mark>…</mark> around the words found) as parts to draw as
 * text: [{text, marked}]. Nothing but <mark> is read as markup; anything else stays text.
 */
export function snippetParts(snippet) {
  const parts = [];
  let marked = false;
  for (const piece of String(snippet || '').split(/(<\/?mark>)/i)) {
    if (/^<mark>$/i.test(piece)) marked = true;
    else if (/^<\/mark>$/i.test(piece)) marked = false;
    else if (piece) parts.push({ text: unescapeHtml(piece), marked });
  }
  return parts;
}

/** The page a hit opens: a story, an entry, the world's timeline (at the event) or a world. */
export function hitPath(hit) {
  const id = encodeURIComponent(hit.id);
  const world = encodeURIComponent(hit.world_id || '');
  if (hit.type === 'story') return `/stories/${id}`;
  if (hit.type === 'entry') return `/worlds/${world}/entries/${id}`;
  if (hit.type === 'event') return `/worlds/${world}?tab=timeline#event-${id}`;
  return `/worlds/${id}`;
}

export const SEARCH_TYPES = [
  { value: '', label: 'All' },
  { value: 'story', label: 'Stories' },
  { value: 'entry', label: 'Entries' },
  { value: 'event', label: 'Events' },
  { value: 'world', label: 'Worlds' },
];

export const TYPE_LABELS = { story: 'Story', entry: 'Entry', event: 'Event', world: 'World' };
