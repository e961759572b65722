import { useEffect } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { eventDay } from '../utils/timeline.js';
import { plainMentions } from '../utils/mentions.js';
import EventEditor from './EventEditor.jsx';
import Icon from './Icon.jsx';

// an event's words come from its story: its [[mentions]] read as names here
function eventTitle(ev) {
  return plainMentions(ev.title || ev.name || ev.summary || '') || 'Untitled event';
}

/**
 * Draws the timeline from GET /worlds/{id}/events as a vertical timeline: years as the calendar
 * writes them, an event's month and day where known, its people and places linking to their pages.
 * An address ending in #event-<id> (a search hit) scrolls to that event.
 */
export default function Timeline({ data, editable = false, onChanged, calendar = {} }) {
  const { hash } = useLocation();
  const worldId = data && data.world_id;
  const years = (data && data.timeline && Array.isArray(data.timeline.years) ? data.timeline.years : []).filter(
    (y) => y && Array.isArray(y.events),
  );
  const connections = (data && data.timeline && data.timeline.connections) || [];
  const allEvents = years.flatMap((y) => y.events);
  const target = hash.startsWith('#event-') ? hash.slice(1) : '';
  useEffect(() => {
    const el = target && document.getElementById(target);
    if (el) {
      el.scrollIntoView?.({ block: 'center' });
      el.focus({ preventScroll: true });
    }
  }, [target, allEvents.length]);
  if (allEvents.length === 0) return null;
  const byId = Object.fromEntries(allEvents.map((e) => [e.event_id, e]));

  return (
    <div className="timeline">
      <ol className="timeline-years">
        {years.map((y, yi) => (
          <li key={`${y.year}-${y.era || ''}-${yi}`} className="timeline-year">
            <div className="timeline-year-label">
              <span className="year">{y.label || (y.year ?? '?')}</span>
              {y.era && <span className="era">{y.era}</span>}
            </div>
            <ol className="timeline-events">
              {y.events.map((ev, i) => (
                <li
                  key={ev.event_id || i}
                  id={`event-${ev.event_id}`}
                  tabIndex={-1}
                  className={`timeline-event ${target === `event-${ev.event_id}` ? 'is-target' : ''}`}
                  data-event-id={ev.event_id}
                >
                  <span className="timeline-dot" aria-hidden="true" />
                  <div className="timeline-card">
                    {eventDay(ev, calendar) && <p className="timeline-day">{eventDay(ev, calendar)}</p>}
                    <h4>{eventTitle(ev)}</h4>
                    {ev.description && <p>{plainMentions(ev.description)}</p>}
                    <div className="timeline-meta">
                      {ev.story_title && ev.story_id ? (
                        <Link to={`/stories/${ev.story_id}`} className="chip chip-story">
                          <Icon name="book" size={13} /> {ev.story_title}
                        </Link>
                      ) : ev.story_title ? (
                        <span className="chip chip-story"><Icon name="book" size={13} /> {ev.story_title}</span>
                      ) : null}
                      {(ev.character_details || []).map((c) =>
                        worldId && c.entity_id ? (
                          <Link key={c.entity_id} to={`/worlds/${worldId}/entries/${c.entity_id}`} className="chip chip-character">
                            {c.name}
                          </Link>
                        ) : (
                          <span key={c.entity_id || c.name} className="chip chip-character">
                            {c.name}
                          </span>
                        ),
                      )}
                      {(ev.location_details || []).map((l) =>
                        worldId && l.location_id ? (
                          <Link key={l.location_id} to={`/worlds/${worldId}/entries/${l.location_id}`} className="chip chip-location">
                            <Icon name="pin" size={13} /> {l.name}
                          </Link>
                        ) : (
                          <span key={l.location_id || l.name} className="chip chip-location">
                            <Icon name="pin" size={13} /> {l.name}
                          </span>
                        ),
                      )}
                    </div>
                    {editable && (
                      <EventEditor
                        event={ev}
                        calendar={calendar}
                        others={allEvents.filter((o) => o.event_id !== ev.event_id)}
                        onChanged={onChanged || (() => {})}
                      />
                    )}
                  </div>
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
      {connections.length > 0 && (
        <section className="timeline-connections">
          <h4>Connections between events</h4>
          <ul>
            {connections.map((c, i) => (
              <li key={i}>
                {eventTitle(byId[c.from_event_id] || {})} <span className="rel">→ {c.relation_label || c.relation_type} →</span>{' '}
                {eventTitle(byId[c.to_event_id] || {})}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
