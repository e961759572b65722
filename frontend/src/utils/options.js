export const WORLD_TYPES = [
  { value: 'fantasy', label: 'Fantasy' },
  { value: 'sci-fi', label: 'Science fiction' },
  { value: 'modern', label: 'Modern' },
  { value: 'historical', label: 'Historical' },
];

export const VISIBILITIES = [
  { value: 'private', label: 'Private' },
  { value: 'public', label: 'Public' },
  { value: 'draft', label: 'Draft' },
];

/** A world's language: the AI's descriptions, starter cast and prompts follow it. */
export const LANGUAGES = [
  { value: 'en', label: 'English' },
  { value: 'vi', label: 'Tiếng Việt' },
];
export const DETECT_LANGUAGE = { value: '', label: 'Detect from text' };

export const GENRES = ['adventure', 'mystery', 'conflict', 'discovery', 'romance', 'tragedy', 'comedy', 'horror'];

export function formatDate(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function plural(n, word, pluralWord) {
  return `${n} ${n === 1 ? word : pluralWord || `${word}s`}`;
}

/** What a world holds, its counts that are not zero: ["3 stories", "12 characters"]. */
export function worldCounts(world) {
  return [
    [(world.stories || []).length, 'story', 'stories'],
    [(world.entities || []).length, 'character'],
    [(world.locations || []).length, 'place'],
  ]
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => plural(n, one, many));
}

export const VISIBILITY_HINT = 'Private: only you and people you share with. Public: everyone can read. Draft: work in progress.';

/** A moment, for "… from <when>": "10:36 PM today", else the date and the time. */
export function formatWhen(ms, now = Date.now()) {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  const time = d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (d.toDateString() === new Date(now).toDateString()) return `${time} today`;
  return `${d.toLocaleDateString(undefined, { year: d.getFullYear() === new Date(now).getFullYear() ? undefined : 'numeric', month: 'short', day: 'numeric' })}, ${time}`;
}

/** The label of `value` among `options` ([{value, label}]), else the value itself. */
export function labelOf(options, value) {
  const found = options.find((o) => o.value === value);
  return found ? found.label : value === null || value === undefined ? '' : String(value);
}
