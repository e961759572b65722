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

export const VISIBILITY_HINT = 'Private: only you and people you share with. Public: everyone can read. Draft: work in progress.';
