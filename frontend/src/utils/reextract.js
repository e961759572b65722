import { plural } from './options.js';

// What a forced re-extraction of a world's events ("Re-analyse everything") will do, read from the
// world's timeline (GET /worlds/{id}/events): events a person made or edited, and events joined by a
// connection a person drew, are kept; every other (machine-made, untouched) event is replaced.

/** `{kept, replaced, personConnections}`: counts over the timeline's events. */
export function reextractPlan(data) {
  const timeline = (data && data.timeline) || {};
  const events = (Array.isArray(timeline.years) ? timeline.years : []).flatMap((y) => (y && Array.isArray(y.events) ? y.events : []));
  const joined = new Set();
  const drawn = new Set();
  const mark = (from, to) => {
    drawn.add(`${from}>${to}`);
    joined.add(from);
    joined.add(to);
  };
  // a connection stored before connections had an origin was drawn by a person (as the API counts it)
  const byPerson = (c) => c && (c.origin || 'person') === 'person';
  for (const ev of events) {
    for (const c of ev.connections || []) if (byPerson(c)) mark(ev.event_id, c.to_event_id);
  }
  for (const c of timeline.connections || []) if (byPerson(c)) mark(c.from_event_id, c.to_event_id);
  const keeps = (ev) => ev.origin === 'person' || ev.edited === true || joined.has(ev.event_id);
  const kept = events.filter(keeps).length;
  return { kept, replaced: events.length - kept, personConnections: drawn.size };
}

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
