import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { worlds } from '../services/api.js';
import { queries, queryKeys } from '../services/queries.js';
import { useTask } from '../hooks/useTask.js';
import Loading from './Loading.jsx';
import ErrorMessage from './ErrorMessage.jsx';
import EmptyState from './EmptyState.jsx';
import TaskProgress from './TaskProgress.jsx';
import Timeline from './Timeline.jsx';
import Icon from './Icon.jsx';

export default function WorldTimelineTab({ world, editable }) {
  const id = world.world_id;
  const queryClient = useQueryClient();
  const { data, error, isPending, refetch } = useQuery(queries.events(id));
  // events live only on the timeline: an extraction or an edit changes nothing else on screen
  const eventsChanged = () => queryClient.invalidateQueries({ queryKey: queryKeys.worlds.events(id) });
  const task = useTask({ timeoutMs: 600000 });
  const [force, setForce] = useState(false);
  const [summary, setSummary] = useState('');
  const count = data && data.timeline && Array.isArray(data.timeline.years)
    ? data.timeline.years.reduce((n, y) => n + ((y.events && y.events.length) || 0), 0)
    : 0;

  const extract = async () => {
    try {
      setSummary('');
      const result = await task.run(() => worlds.extractEvents(id, force));
      if (result && result.message) setSummary(result.message);
      await eventsChanged();
    } catch {
      /* shown in TaskProgress */
    }
  };

  return (
    <section aria-label="Timeline">
      {editable && (
        <div className="toolbar">
          <button type="button" className="btn btn-primary" onClick={extract} disabled={task.running}>
            <Icon name="sparkle" /> Extract events from stories
          </button>
          <label className="check">
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Re-analyse everything
          </label>
        </div>
      )}
      <TaskProgress task={task} label="Extracting events" />
      {summary && (
        <p className="alert alert-success" role="status">
          {summary}
        </p>
      )}
      {isPending && <Loading label="Loading timeline…" />}
      <ErrorMessage error={error} onRetry={() => refetch()} />
      {data && count === 0 && (
        <EmptyState title="The timeline is empty.">
          {editable ? 'Extract events from your stories to build it.' : 'The owner has not built a timeline yet.'}
        </EmptyState>
      )}
      {data && count > 0 && <Timeline data={data} editable={editable} onChanged={eventsChanged} />}
    </section>
  );
}
