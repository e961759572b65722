import { useQuery } from '@tanstack/react-query';
import { queries } from '../../services/queries.js';
import ErrorMessage from '../ErrorMessage.jsx';
import ActivityItem from './ActivityItem.jsx';
import '../../styles/people.css';

/** The dashboard's "Recent activity": the latest changes in every world I own or am a member of. */
export default function RecentActivity() {
  const { data, error, refetch } = useQuery(queries.recentActivity());
  const items = (data && data.activity) || [];
  return (
    <section className="card recent-activity" aria-labelledby="recent-activity-heading">
      <h2 id="recent-activity-heading">Recent activity</h2>
      <ErrorMessage error={error} onRetry={() => refetch()} />
      {data && !items.length && <p className="muted">Nothing yet. Changes in your worlds and the worlds you write in show here.</p>}
      <ul className="activity-list">
        {items.map((item) => (
          <ActivityItem key={item.activity_id} item={item} showWorld />
        ))}
      </ul>
    </section>
  );
}
