// Words and helpers of the review of found names (GET /stories/{id}/review): what each proposal
// says, what a decision will do and what it did, and where the name sits in its quote.

export const KINDS = [
  { value: 'character', label: 'Character' },
  { value: 'creature', label: 'Creature' },
  { value: 'faction', label: 'Faction' },
  { value: 'place', label: 'Place' },
];

const KIND_WORD = { character: 'character', creature: 'creature', faction: 'faction', place: 'place' };
export const kindWord = (kind) => KIND_WORD[kind] || kind || 'entry';

/** "New character", "Matches existing place Emberfall", "Alias of Daven Voss?" */
export function proposalSummary(p, kind = p.kind) {
  const target = p.target || {};
  if (p.action === 'link') return `Matches existing ${kindWord(target.kind || p.kind)} ${target.name}`;
  if (p.action === 'alias') return `Alias of ${target.name}?`;
  return `New ${kindWord(kind)}`;
}

/** What a staged choice will do, in a sentence. */
export function choiceSummary(p, choice, targetName) {
  if (choice.action === 'ignore') return `Will ignore “${p.name}” in this world`;
  if (choice.action === 'merge') return `Will merge “${p.name}” into ${targetName || 'the chosen entry'}`;
  if (p.action === 'link') return `Will link to ${p.target.name}`;
  if (p.action === 'alias') return `Will add “${p.name}” as an alias of ${p.target.name}`;
  const name = choice.name || p.name;
  return `Will create ${kindWord(choice.kind || p.kind)} “${name}”`;
}

/** What a decided proposal did (its `outcome`), in a sentence. */
export function outcomeSummary(p) {
  if (p.status === 'ignored') return `Ignored: “${p.name}” will not be proposed again in this world`;
  const out = p.outcome;
  if (!out) return 'Kept';
  if (out.created) return `Created ${kindWord(out.kind)} ${out.name}`;
  if (p.action === 'alias') return `Added as an alias of ${out.name}`;
  if (p.action === 'create' || (p.target && p.target.id !== out.id)) return `Merged into ${kindWord(out.kind)} ${out.name}`;
  return `Linked to ${kindWord(out.kind)} ${out.name}`;
}

/** "high" (confident), "medium" or "low", for the confidence indicator. */
export function confidenceLevel(p) {
  if (p.confident) return 'high';
  return (p.confidence ?? 0) >= 0.5 ? 'medium' : 'low';
}

export const CONFIDENCE_WORD = { high: 'Sure', medium: 'Likely', low: 'Unsure' };

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// a name is found only as a whole word: no letter or digit (any script) just before or after
const EDGE_BEFORE = '(?<![\\p{L}\\p{M}\\p{N}])';
const EDGE_AFTER = '(?![\\p{L}\\p{M}\\p{N}])';

/**
 * The quote cut into parts `[{text, mark}]`, `mark` where one of `names` (the name and its other
 * spellings) stands as a whole word. Compared in NFC, case-insensitively, tone marks kept: in
 * "Bà Trần Thị Mai" the name "Trần Thị Mai" is marked, "Trấn" is not "Trần".
 */
export function quoteParts(quote, names) {
  const text = (quote || '').normalize('NFC');
  const wanted = [...new Set((names || []).filter(Boolean).map((n) => n.normalize('NFC').trim()).filter(Boolean))].sort(
    (a, b) => b.length - a.length,
  );
  if (!text || wanted.length === 0) return text ? [{ text, mark: false }] : [];
  const re = new RegExp(`${EDGE_BEFORE}(?:${wanted.map(escape).join('|')})${EDGE_AFTER}`, 'giu');
  const parts = [];
  let at = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > at) parts.push({ text: text.slice(at, m.index), mark: false });
    parts.push({ text: m[0], mark: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), mark: false });
  return parts;
}

/** The entries a name can be merged into: the world's characters (any kind) and places. */
export function mergeTargets(characters, locations) {
  const people = (characters || []).map((c) => ({ id: c.entity_id || c.id, name: c.name, kind: c.entity_type || 'character' }));
  const places = (locations || []).map((l) => ({ id: l.location_id || l.id, name: l.name, kind: 'place' }));
  const byName = (a, b) => a.name.localeCompare(b.name);
  return { people: people.sort(byName), places: places.sort(byName) };
}

/** The decision a staged choice sends: `{proposal_id, action, name?, kind?, target_id?}`. */
export function decisionOf(p, choice) {
  const d = { proposal_id: p.proposal_id, action: choice.action };
  if (choice.action === 'merge') d.target_id = choice.target_id;
  if (choice.action === 'accept' && p.action === 'create') {
    if (choice.name && choice.name !== p.name) d.name = choice.name;
    if (choice.kind && choice.kind !== p.kind) d.kind = choice.kind;
  }
  return d;
}

/** "Created Mara and Tobias · linked Emberfall · 1 alias added · ignored Tell" from `applied`. */
export function appliedSummary(applied) {
  if (!applied) return '';
  const names = (list) => (list || []).map((x) => (typeof x === 'string' ? x : x.name)).join(', ');
  const parts = [];
  if ((applied.created || []).length) parts.push(`created ${names(applied.created)}`);
  // what it created it also linked: say it once
  const made = new Set((applied.created || []).map((x) => x.id));
  const linked = (applied.linked || []).filter((x) => typeof x === 'string' || !made.has(x.id));
  if (linked.length) parts.push(`linked ${names(linked)}`);
  if ((applied.aliased || []).length)
    parts.push(`added the alias${applied.aliased.length > 1 ? 'es' : ''} ${applied.aliased.map((a) => `“${a.alias}” to ${a.name}`).join(', ')}`);
  if ((applied.ignored || []).length) parts.push(`ignored ${names(applied.ignored)}`);
  if (parts.length === 0) return 'Nothing changed.';
  const text = parts.join(' · ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
