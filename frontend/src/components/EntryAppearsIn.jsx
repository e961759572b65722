import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { queries } from '../services/queries.js';
import { entryPath } from '../utils/entries.js';
import { calendarOf, formatWorldDate } from '../utils/calendar.js';
import Icon from './Icon.jsx';

const sourcePath = (worldId, m) => (m.source_kind === 'story' ? `/stories/${m.source_id}` : entryPath(worldId, m.source_id));

/**
 * "Appears in": the stories and events that link the entry (from its page's answer) and where its
 * name is mentioned with [[…]] (GET …/mentions). Only what the reader may see is listed.
 */
export default function EntryAppearsIn({ page, world }) {
  const worldId = world.world_id;
  const entryId = page.entry.id;
  const mentions = useQuery(queries.mentions(worldId, entryId));
  const stories = page.stories || [];
  const events = page.events || [];
  const mentioned = ((mentions.data && mentions.data.items) || []).filter((m) => m && m.source_id !== entryId);
  const more = mentions.data ? mentions.data.total - mentions.data.items.length : 0;
  const empty = !stories.length && !events.length && !mentioned.length;
  return (
    <section className="entry-section" aria-labelledby="entry-appears-h">
      <h2 id="entry-appears-h">Appears in</h2>
      {empty && !mentions.isPending && <p className="muted">No story, event or mention links here yet.</p>}
      {stories.length > 0 && (
        <>
          <h3 className="subhead">Stories</h3>
          <ul className="chips" aria-label="Stories">
            {stories.map((s) => (
              <li key={s.story_id}>
                <Link to={`/stories/${s.story_id}`} className="chip chip-story">
                  <Icon name="book" size={13} /> {s.title || 'Untitled story'}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {events.length > 0 && (
        <>
          <h3 className="subhead">Events</h3>
          <ul className="appears-events" aria-label="Events">
            {events.map((ev) => (
              <li key={ev.event_id}>
                {ev.date && <span className="event-date">{formatWorldDate(ev.date, calendarOf(world))}</span>}{' '}
                {ev.story_id ? <Link to={`/stories/${ev.story_id}`}>{ev.title || 'An event'}</Link> : ev.title || 'An event'}
              </li>
            ))}
          </ul>
        </>
      )}
      {mentioned.length > 0 && (
        <>
          <h3 className="subhead">Mentioned in</h3>
          <ul className="mention-list" aria-label="Mentions">
            {mentioned.map((m, i) => (
              <li key={`${m.source_id}-${i}`}>
                <Link to={sourcePath(worldId, m)}>{m.title || 'Untitled'}</Link>
                {m.count > 1 && <span className="muted small"> · {m.count} times</span>}
                {m.snippet && <p className="mention-snippet">{m.snippet}</p>}
              </li>
            ))}
          </ul>
          {more > 0 && <p className="muted small">And {more} more.</p>}
        </>
      )}
      {mentions.isError && mentions.error.status !== 404 && <p className="muted small">Mentions could not be loaded: {mentions.error.message}</p>}
    </section>
  );
}
