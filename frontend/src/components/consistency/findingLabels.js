// What the findings panel calls things, and where it links to.

/** The groups of open findings, worst first (the API's FINDING_SEVERITIES). */
export const SEVERITY_GROUPS = [
  ['error', 'Contradictions'],
  ['warning', 'Likely problems'],
  ['info', 'Worth a look'],
];

/** What each kind of finding is called (the API's FINDING_KINDS). */
export const KIND_LABELS = {
  field: 'Field',
  relation: 'Relation',
  date: 'Date',
  death: 'After a death',
  name_variant: 'Name variant',
  unknown_name: 'Unknown name',
};

/** What a cited thing is, in a sentence. */
export const CITE_WORDS = { entry: 'entry', event: 'event', story: 'chapter' };

/** Where a cited entry, event or story is read: the entry page, the timeline at the event, the story. */
export function citePath(worldId, cite) {
  if (!cite || !cite.id) return null;
  if (cite.kind === 'event') return `/worlds/${worldId}?tab=timeline#event-${encodeURIComponent(cite.id)}`;
  if (cite.kind === 'story') return `/stories/${encodeURIComponent(cite.id)}`;
  return `/worlds/${worldId}/entries/${encodeURIComponent(cite.id)}`;
}
