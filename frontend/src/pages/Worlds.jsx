import { Link, useNavigate } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queries } from '../services/queries.js';
import { useAuth } from '../hooks/useAuth.js';
import { WORLD_TYPES, formatDate, worldCounts } from '../utils/options.js';
import Loading from '../components/Loading.jsx';
import ErrorMessage from '../components/ErrorMessage.jsx';
import EmptyState from '../components/EmptyState.jsx';
import Pagination from '../components/Pagination.jsx';
import Badge from '../components/Badge.jsx';
import WorldCreateForm from '../components/WorldCreateForm.jsx';
import FilterBar from '../components/FilterBar.jsx';
import { useListParams } from '../hooks/useListParams.js';
import { useTitle } from '../hooks/useTitle.js';
import { plainMentions } from '../utils/mentions.js';

const PER_PAGE = 12;

export default function Worlds() {
  const { user } = useAuth();
  const navigate = useNavigate();
  const [params, update] = useListParams();
  const q = params.get('q') || '';
  const type = params.get('world_type') || '';
  const mine = params.get('mine') === '1';
  const page = Number(params.get('page')) || 1;
  const creating = params.get('new') === '1' && !!user;
  useTitle('Worlds');

  // the previous page stays on screen (aria-busy) while the next one loads
  const { data, error, isPending, isFetching, refetch } = useQuery({
    ...queries.worlds({ q, world_type: type, mine: mine ? 1 : undefined, page, per_page: PER_PAGE }),
    placeholderData: keepPreviousData,
  });


  const items = (data && data.items) || [];

  return (
    <div className="page">
      <div className="page-head">
        <h1>Worlds</h1>
        {user && !creating && (
          <button type="button" className="btn btn-primary" onClick={() => update({ new: '1' })}>
            + New world
          </button>
        )}
      </div>

      {creating && (
        <WorldCreateForm onCreated={(w) => navigate(`/worlds/${w.world_id}`)} onCancel={() => update({ new: '' })} />
      )}

      <FilterBar
        label="Search worlds"
        placeholder="Search worlds…"
        query={q}
        onSearch={(text) => update({ q: text })}
        selects={[{ label: 'World type', all: 'All types', value: type, options: WORLD_TYPES, onChange: (v) => update({ world_type: v }) }]}
      >
        {user && (
          <label className="check">
            <input type="checkbox" checked={mine} onChange={(e) => update({ mine: e.target.checked ? '1' : '' })} /> Only mine
          </label>
        )}
      </FilterBar>

      {isPending && <Loading label="Loading worlds…" />}
      <ErrorMessage error={error} onRetry={() => refetch()} />
      {data && items.length === 0 && (
        <EmptyState title={q || type || mine ? 'No worlds match your search.' : 'No worlds yet.'}>
          {user ? 'Create your first world to get started.' : 'Log in to create a world.'}
        </EmptyState>
      )}
      <ul className="card-grid" aria-busy={isFetching}>
        {items.map((w) => (
          <li key={w.world_id}>
            <Link to={`/worlds/${w.world_id}`} className="card world-card">
              <div className="world-card-head">
                <h2>{w.name}</h2>
                <Badge tone={w.world_type}>{w.world_type}</Badge>
              </div>
              <p className="clamp-3">{w.description ? plainMentions(w.description) : <span className="muted">No description yet.</span>}</p>
              <div className="world-card-foot muted small">
                {worldCounts(w).map((count) => (
                  <span key={count}>{count}</span>
                ))}
                {worldCounts(w).length === 0 && <span>Nothing written yet</span>}
                <Badge tone={w.visibility}>{w.visibility}</Badge>
                {user && w.owner_id !== user.user_id && (w.shared_with || []).includes(user.user_id) && <Badge tone="shared">shared with you</Badge>}
              </div>
              {w.updated_at && <span className="muted small">Updated {formatDate(w.updated_at)}</span>}
            </Link>
          </li>
        ))}
      </ul>
      {data && <Pagination page={page} perPage={PER_PAGE} total={data.total} onPage={(p) => update({ page: String(p) })} />}
    </div>
  );
}
