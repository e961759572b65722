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
 * text: [{text, marked}]. Nothing but <mark> is read as markup; anything else stays text; mention
 * brackets are dropped.
 */
export function snippetParts(snippet) {
  // the marks as two private-use characters no snippet holds, so a mention's brackets can go across them
  const OPEN = '\uE000';
  const CLOSE = '\uE001';
  let text = String(snippet || '')
    .replace(/[\uE000\uE001]/g, '')
    .split(/(<\/?mark>)/i)
    .map((piece) => (/^<mark>$/i.test(piece) ? OPEN : /^<\/mark>$/i.test(piece) ? CLOSE : unescapeHtml(piece)))
    .join('');
  // [[Name]] reads "Name", [[Name|shown]] reads "shown", as in the story itself
  text = text.replace(/\[\[([^[\]\n]*?)\]\]/g, (_, inner) => {
    const bar = inner.indexOf('|');
    return bar === -1 ? inner : inner.slice(0, bar).replace(/[^\uE000\uE001]/g, '') + inner.slice(bar + 1);
  });
  const parts = [];
  let marked = false;
  for (const piece of text.split(/([\uE000\uE001])/)) {
    if (piece === OPEN) marked = true;
    else if (piece === CLOSE) marked = false;
    else if (piece) parts.push({ text: piece, marked });
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
