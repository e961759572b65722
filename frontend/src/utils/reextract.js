import { plural } from './options.js';

/**
 * What an extraction did, from its result (`{stories: [{event_count, kept, replaced, added}], total_events}`):
 * "5 events in 1 story: 1 kept, 4 replaced, 4 added." An answer without stories gives its message.
 */
export function extractionSummary(result) {
  if (!result) return '';
  const list = result.stories;
  if (!Array.isArray(list)) return result.message || '';
  const sum = (key) => list.reduce((n, s) => n + (Number(s[key]) || 0), 0);
  const total = result.total_events ?? sum('event_count');
  const kept = sum('kept');
  const replaced = sum('replaced');
  const added = sum('added');
  const head = `${plural(total, 'event')} in ${plural(list.length, 'story', 'stories')}`;
  return kept || replaced || added ? `${head}: ${kept} kept, ${replaced} replaced, ${added} added.` : `${head}.`;
}
