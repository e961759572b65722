import { useInfiniteQuery } from '@tanstack/react-query';
import { queries } from '../../services/queries.js';
import Loading from '../Loading.jsx';
import ErrorMessage from '../ErrorMessage.jsx';
import EmptyState from '../EmptyState.jsx';
import ActivityItem from './ActivityItem.jsx';
import '../../styles/people.css';

/** What the world's members did, newest first, older pages on demand (live updates refresh it). */
export default function WorldActivityTab({ world }) {
  const { data, error, isPending, refetch, hasNextPage, fetchNextPage, isFetchingNextPage } = useInfiniteQuery(queries.worldActivity(world.world_id));
  if (isPending) return <Loading label="Loading activity…" />;
  if (error && !data) return <ErrorMessage error={error} onRetry={() => refetch()} />;
  const items = data.pages.flatMap((p) => p.activity || []);
  if (!items.length) return <EmptyState title="Nothing has happened here yet." />;
  return (
    <section aria-label="Activity" className="activity">
      <ul className="activity-list">
        {items.map((item) => (
          <ActivityItem key={item.activity_id} item={item} />
        ))}
      </ul>
      <ErrorMessage error={error} />
      {hasNextPage && (
        <button type="button" className="btn btn-small" onClick={() => fetchNextPage()} disabled={isFetchingNextPage}>
          {isFetchingNextPage ? 'Loading…' : 'Show older'}
        </button>
      )}
    </section>
  );
}
