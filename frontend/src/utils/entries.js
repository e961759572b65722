// The codex in the client: kinds of entries, where each page is, and how values read.
import { calendarOf, formatWorldDate } from './calendar.js';
// The vocabularies mirror api/core/vocabulary.py (ENTRY_KINDS, LOCATION_TYPES, FIELD_TYPES).

export const ENTRY_KINDS = [
  { value: 'character', label: 'Character', plural: 'Characters' },
  { value: 'creature', label: 'Creature', plural: 'Creatures' },
  { value: 'faction', label: 'Faction', plural: 'Factions' },
  { value: 'item', label: 'Item', plural: 'Items' },
  { value: 'lore', label: 'Lore', plural: 'Lore' },
  { value: 'location', label: 'Location', plural: 'Locations' },
];

/** Suggestions only: a location's type stays free text. */
export const LOCATION_TYPES = ['place', 'continent', 'region', 'country', 'city', 'town', 'village', 'district', 'street', 'building', 'room', 'landmark', 'natural'];

export const FIELD_TYPES = [
  { value: 'text', label: 'Text' },
  { value: 'number', label: 'Number' },
  { value: 'date', label: 'Date (world calendar)' },
  { value: 'entry', label: 'Link to an entry' },
  { value: 'list', label: 'List' },
];

export const SORTS = [
  { value: 'name', label: 'Name A–Z' },
  { value: '-name', label: 'Name Z–A' },
  { value: '-updated', label: 'Recently changed' },
  { value: 'updated', label: 'Oldest change' },
  { value: 'kind', label: 'Kind' },
];

/** The label of a kind; an old stored kind ("artifact") reads as itself. */
export function kindLabel(kind) {
  const found = ENTRY_KINDS.find((k) => k.value === kind);
  return found ? found.label : String(kind || 'entry');
}

/** The kind of an entry: `kind` of an EntryOut, else from the document it is. */
export function kindOf(entry) {
  if (!entry) return 'character';
  if (entry.kind) return entry.kind;
  if (entry.location_id) return 'location';
  return entry.entity_type || 'character';
}

export const idOf = (entry) => (entry ? entry.id || entry.entity_id || entry.location_id : undefined);

export const entryPath = (worldId, entryId) => `/worlds/${worldId}/entries/${entryId}`;

/** The world's codex, filtered (`{kind, tag, q}`). */
export function codexPath(worldId, filters = {}) {
  const params = new URLSearchParams({ tab: 'codex' });
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  return `/worlds/${worldId}?${params}`;
}

/** A template key from its label: lower case ASCII words joined by "_" ("Ngày sinh" -> "ngay_sinh"). */
export function slugify(label) {
  return String(label || '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
}

/** "a, b,  c" or one per line -> ['a', 'b', 'c'] (blank and repeated items dropped). */
export function splitList(text) {
  const seen = new Set();
  return String(text || '')
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s && !seen.has(s) && seen.add(s));
}

/** A custom field's value as text, for reading (`names` maps entry ids to names). */
export function formatFieldValue(value, type, { world, names = {} } = {}) {
  if (value === null || value === undefined || value === '') return '';
  if (type === 'date' && typeof value === 'object') return formatWorldDate(value, calendarOf(world));
  if (type === 'entry') return names[value] || String(value);
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') return formatWorldDate(value, calendarOf(world)) || JSON.stringify(value);
  return String(value);
}

/** "12.3 KB" */
export function formatBytes(bytes) {
  const n = Number(bytes) || 0;
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** A description as one plain line for a card: [[Name|shown]] reads as its shown text, Markdown marks dropped. */
export function plainSummary(text, max = 180) {
  const flat = String(text || '')
    .replace(/\[\[([^\]|]+)\|([^\]]+)\]\]/g, '$2')
    .replace(/\[\[([^\]]+)\]\]/g, '$1')
    .replace(/[#*_`>]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
