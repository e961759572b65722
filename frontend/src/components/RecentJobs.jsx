import { useQuery } from '@tanstack/react-query';
import { queries } from '../services/queries.js';
import Loading from './Loading.jsx';
import ErrorMessage from './ErrorMessage.jsx';
import { formatDate } from '../utils/options.js';

const TONE = { completed: 'ok', error: 'danger', cancelled: 'default', pending: 'draft', processing: 'shared' };

/** The caller's latest AI jobs (GET /gpt/tasks). */
export default function RecentJobs() {
  const { data, error, isPending, refetch } = useQuery(queries.tasks({ per_page: 5 }));
  const items = (data && data.items) || [];
  return (
    <section className="card">
      <h2>Recent AI jobs</h2>
      {isPending && <Loading label="Loading jobs…" />}
      <ErrorMessage error={error} onRetry={() => refetch()} />
      {data && items.length === 0 && <p className="muted">No AI jobs yet. Try “Write description with AI” when you create a world.</p>}
      {items.length > 0 && (
        <ul className="jobs">
          {items.map((t) => (
            <li key={t.task_id}>
              <span>{String(t.type || 'job').replace(/_/g, ' ')}</span>
              <span className={`badge badge-${TONE[t.status] || 'default'}`}>{t.status}</span>
              <span className="muted small">{formatDate(t.created_at)}</span>
              {t.status === 'error' && typeof t.result === 'string' && <span className="field-error small">{t.result}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
