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
  for (const ev of events) {
    for (const c of ev.connections || []) if (c && c.origin === 'person') mark(ev.event_id, c.to_event_id);
  }
  for (const c of timeline.connections || []) if (c && c.origin === 'person') mark(c.from_event_id, c.to_event_id);
  const keeps = (ev) => ev.origin === 'person' || ev.edited === true || joined.has(ev.event_id);
  const kept = events.filter(keeps).length;
  return { kept, replaced: events.length - kept, personConnections: drawn.size };
}
