import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { queries } from '../services/queries.js';
import { TIMELINE_FILTERS } from '../utils/timeline.js';

/**
 * Narrow the timeline to the events of one character, one place or one story. `value` holds
 * {entity_id, location_id, story_id} ('' for none); `onChange(patch)` sets some of them.
 */
export default function TimelineFilters({ worldId, value, onChange }) {
  const id = useId();
  const people = useQuery(queries.characters(worldId)).data;
  const places = useQuery(queries.locations(worldId)).data;
  const stories = useQuery(queries.worldStories(worldId)).data;
  const selects = [
    { key: 'entity_id', label: 'Who', all: 'Anyone', options: ((people && people.items) || []).map((c) => ({ value: c.entity_id, label: c.name })) },
    { key: 'location_id', label: 'Where', all: 'Anywhere', options: ((places && places.items) || []).map((l) => ({ value: l.location_id, label: l.name })) },
    { key: 'story_id', label: 'Story', all: 'Every story', options: ((stories && stories.items) || []).map((s) => ({ value: s.story_id, label: s.title })) },
  ];
  const active = TIMELINE_FILTERS.some((k) => value[k]);
  return (
    <div className="timeline-filters" role="group" aria-label="Show events of">
      {selects.map((s) => (
        <div key={s.key} className="timeline-filter">
          <label htmlFor={`${id}-${s.key}`}>{s.label}</label>
          <select id={`${id}-${s.key}`} value={value[s.key] || ''} onChange={(e) => onChange({ [s.key]: e.target.value })}>
            <option value="">{s.all}</option>
            {s.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      ))}
      {active && (
        <button type="button" className="btn btn-small btn-ghost" onClick={() => onChange(Object.fromEntries(TIMELINE_FILTERS.map((k) => [k, ''])))}>
          Show every event
        </button>
      )}
    </div>
  );
}
