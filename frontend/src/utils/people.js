// Words for people and what they did: names, roles and activity sentences.

export const ROLE_LABELS = { owner: 'Owner', co_author: 'Co-author', reader: 'Reader' };

/** What each role may do, for the invite form and the members list. */
export const ROLE_HINTS = {
  co_author: 'Co-authors write with you: stories, entries, relations and events.',
  reader: 'Readers see everything in the world but change nothing.',
};

/** The name to show for a member card (or a user): the display name, else the username. */
export function displayName(person) {
  if (!person) return 'Someone';
  return (person.display_name || '').trim() || person.username || 'Someone';
}

/** One or two letters for an avatar without a picture. */
export function initials(person) {
  const words = displayName(person).split(/[\s._-]+/u).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((w) => Array.from(w)[0]).join('').toLocaleUpperCase() || '?';
}

const VERBS = { created: 'created', edited: 'edited', deleted: 'deleted', restored: 'restored' };
const KINDS = {
  world: 'the world',
  story: 'story',
  book: 'book',
  entry: 'entry',
  relation: 'relation',
  event: 'event',
  image: 'image',
  member: 'member',
};

/** "Minh edited Mara" (short: a toast) or "Minh edited entry “Mara”" (the feed). */
export function activitySentence(item, { short = false } = {}) {
  const who = displayName(item.actor);
  const verb = VERBS[item.action] || item.action || 'changed';
  const title = item.title || '';
  if (short) return `${who} ${verb} ${title || KINDS[item.kind] || 'something'}`.trim();
  if (item.kind === 'world') return `${who} ${verb} the world${title ? ` “${title}”` : ''}`;
  const kind = KINDS[item.kind] || item.kind || 'item';
  return `${who} ${verb} ${kind}${title ? ` “${title}”` : ''}`;
}

/** An activity link if it is an address inside the app (never another site or a script). */
export function appPath(link) {
  return typeof link === 'string' && /^\/(?![/\\])/.test(link) ? link : null;
}

/** "just now", "5 min ago", "3 h ago", else the date. */
export function timeAgo(iso, now = Date.now()) {
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return '';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}
