import { useQuery } from '@tanstack/react-query';
import { queries } from '../services/queries.js';
import Loading from './Loading.jsx';
import ErrorMessage from './ErrorMessage.jsx';
import EmptyState from './EmptyState.jsx';
import RelationshipGraph from './RelationshipGraph.jsx';

export default function WorldGraphTab({ world }) {
  const { data, error, isPending, isFetching, refetch } = useQuery(queries.relationships(world.world_id));
  const nodes = (data && data.nodes) || [];
  return (
    <section aria-label="Relationship graph">
      <div className="toolbar">
        <p className="muted small grow">How characters, places and stories are connected. Hover or focus a node to highlight its links.</p>
        <button type="button" className="btn btn-small" onClick={() => refetch()} disabled={isFetching}>
          Refresh
        </button>
      </div>
      {isPending && <Loading label="Loading graph…" />}
      <ErrorMessage error={error} onRetry={() => refetch()} />
      {data && nodes.length === 0 && <EmptyState title="Nothing to draw yet.">Add characters, places and stories, then link them.</EmptyState>}
      {data && nodes.length > 0 && <RelationshipGraph graph={data} />}
    </section>
  );
}
