import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { queries } from '../services/queries.js';
import { entryPath } from '../utils/entries.js';
import Loading from './Loading.jsx';
import ErrorMessage from './ErrorMessage.jsx';
import EmptyState from './EmptyState.jsx';

function Node({ node, worldId, depth }) {
  const label = (
    <>
      <Link to={entryPath(worldId, node.id)}>{node.name}</Link>
      {node.location_type && node.location_type !== 'place' && <span className="muted small"> · {node.location_type}</span>}
    </>
  );
  const kids = node.children || [];
  if (!kids.length) return <li className="tree-leaf">{label}</li>;
  return (
    <li>
      <details open={depth < 2}>
        <summary>
          {label} <span className="muted small">({kids.length})</span>
        </summary>
        <ul className="location-tree">
          {kids.map((c) => (
            <Node key={c.id} node={c} worldId={worldId} depth={depth + 1} />
          ))}
        </ul>
      </details>
    </li>
  );
}

/** The world's locations as a tree: each place under the place it is in, the first two levels open. */
export default function LocationTree({ worldId }) {
  const { data, error, isPending, refetch } = useQuery(queries.locationTree(worldId));
  if (isPending) return <Loading label="Loading places…" />;
  if (error) return <ErrorMessage error={error} onRetry={() => refetch()} />;
  if (!data.length) return <EmptyState title="No locations yet." />;
  return (
    <ul className="location-tree location-tree-root" aria-label="Locations by place">
      {data.map((n) => (
        <Node key={n.id} node={n} worldId={worldId} depth={0} />
      ))}
    </ul>
  );
}
