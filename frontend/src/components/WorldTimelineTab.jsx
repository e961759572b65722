import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { worlds } from '../services/api.js';
import { queries, queryKeys } from '../services/queries.js';
import { useTask } from '../hooks/useTask.js';
import { plural } from '../utils/options.js';
import { extractionSummary } from '../utils/reextract.js';
import { calendarOf } from '../utils/calendar.js';
import Loading from './Loading.jsx';
import ErrorMessage from './ErrorMessage.jsx';
import EmptyState from './EmptyState.jsx';
import TaskProgress from './TaskProgress.jsx';
import Timeline from './Timeline.jsx';
import Icon from './Icon.jsx';
import TimelineFilters from './TimelineFilters.jsx';
import { TIMELINE_FILTERS } from '../utils/timeline.js';

export default function WorldTimelineTab({ world, editable }) {
  const id = world.world_id;
  const queryClient = useQueryClient();
  // the filters live in the address: a link can open the timeline of one character, place or story
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(TIMELINE_FILTERS.map((k) => [k, params.get(k) || '']));
  const filtered = TIMELINE_FILTERS.some((k) => filters[k]);
  const { data, error, isPending, refetch } = useQuery(filtered ? queries.filteredEvents(id, filters) : queries.events(id));
  const setFilters = (patch) => {
    const next = new URLSearchParams(params);
    Object.entries(patch).forEach(([key, value]) => (value ? next.set(key, value) : next.delete(key)));
    setParams(next, { replace: true });
  };
  // events live only on the timeline: an extraction or an edit changes nothing else on screen
  const eventsChanged = () => queryClient.invalidateQueries({ queryKey: queryKeys.worlds.events(id) });
  const task = useTask({ timeoutMs: 600000 });
  const [force, setForce] = useState(false);
  const [summary, setSummary] = useState('');
  const [confirming, setConfirming] = useState(false);
  const count = data && data.timeline && Array.isArray(data.timeline.years)
    ? data.timeline.years.reduce((n, y) => n + ((y.events && y.events.length) || 0), 0)
    : 0;

  const extract = async () => {
    setConfirming(false);
    try {
      setSummary('');
      const result = await task.run(() => worlds.extractEvents(id, force));
      setSummary(extractionSummary(result));
      await eventsChanged();
    } catch {
      /* shown in TaskProgress */
    }
  };

  return (
    <section aria-label="Timeline">
      {editable && (
        <div className="toolbar">
          <button
            type="button"
            className="btn btn-primary"
            onClick={force ? () => setConfirming(true) : extract}
            disabled={task.running || confirming}
          >
            <Icon name="sparkle" /> {force ? 'Re-analyse everything…' : 'Extract events from stories'}
          </button>
          <label className="check">
            <input
              type="checkbox"
              checked={force}
              onChange={(e) => {
                setForce(e.target.checked);
                setConfirming(false);
              }}
            />{' '}
            Re-analyse everything
          </label>
        </div>
      )}
      {editable && confirming && <ReextractConfirm worldId={id} onConfirm={extract} onCancel={() => setConfirming(false)} />}
      <TaskProgress task={task} label="Extracting events" />
      {summary && (
        <p className="alert alert-success" role="status">
          {summary}
        </p>
      )}
      <TimelineFilters worldId={id} value={filters} onChange={setFilters} />
      {isPending && <Loading label="Loading timeline…" />}
      <ErrorMessage error={error} onRetry={() => refetch()} />
      {data && count === 0 && filtered && <EmptyState title="No event matches.">Choose someone else, another place or another story.</EmptyState>}
      {data && count === 0 && !filtered && (
        <EmptyState title="The timeline is empty.">
          {editable ? 'Extract events from your stories to build it.' : 'The owner has not built a timeline yet.'}
        </EmptyState>
      )}
      {data && count > 0 && <Timeline data={data} editable={editable} onChanged={eventsChanged} calendar={calendarOf(world)} />}
    </section>
  );
}

/** Says what a forced re-extraction keeps and replaces (as the server counts it), and asks before it runs. */
function ReextractConfirm({ worldId, onConfirm, onCancel }) {
  const { data: plan, error, isPending } = useQuery(queries.eventsPlan(worldId));
  if (isPending) return <Loading label="Counting what re-analysing keeps…" />;
  if (error) return <ErrorMessage error={error} />;
  const { kept, replaced, connections } = plan;
  return (
    <div className="alert alert-info reextract-confirm" role="alertdialog" aria-labelledby="reextract-title" aria-describedby="reextract-text">
      <p id="reextract-title">
        <strong>Re-analyse every story’s events?</strong>
      </p>
      <div id="reextract-text">
        <p>Every story is read again.</p>
        <ul>
          <li>
            {kept > 0
              ? `Kept: ${plural(kept, 'event')} you made, edited or connected${connections > 0 ? `, and the ${plural(connections, 'connection')} you drew` : ''}.`
              : 'Kept: nothing to keep — no event was made, edited or connected by you.'}
          </li>
          <li>{replaced > 0 ? `Replaced: the ${plural(replaced, 'event')} the AI made.` : 'Replaced: none — there are no AI-made events yet.'}</li>
        </ul>
      </div>
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={onConfirm} autoFocus>
          Yes, re-analyse everything
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
