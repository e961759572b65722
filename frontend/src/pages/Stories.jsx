import { Link } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queries } from '../services/queries.js';
import { useAuth } from '../hooks/useAuth.js';
import { GENRES } from '../utils/options.js';
import Loading from '../components/Loading.jsx';
import ErrorMessage from '../components/ErrorMessage.jsx';
import EmptyState from '../components/EmptyState.jsx';
import Pagination from '../components/Pagination.jsx';
import StoryList from '../components/StoryList.jsx';
import FilterBar from '../components/FilterBar.jsx';
import TagFilter from '../components/TagFilter.jsx';
import { useListParams } from '../hooks/useListParams.js';
import { useTitle } from '../hooks/useTitle.js';

const PER_PAGE = 20;

export default function Stories() {
  const { user } = useAuth();
  const [params, update] = useListParams();
  const q = params.get('q') || '';
  const genre = params.get('genre') || '';
  const worldId = params.get('world_id') || '';
  const tag = params.get('tag') || '';
  const page = Number(params.get('page')) || 1;
  useTitle('Stories');

  // the previous page stays on screen while the next one loads
  const { data, error, isPending, refetch } = useQuery({
    ...queries.stories({ q, genre, world_id: worldId, tag, page, per_page: PER_PAGE }),
    placeholderData: keepPreviousData,
  });
  const worldList = useQuery(queries.worlds({ per_page: 200 }));
  const worldItems = (worldList.data && worldList.data.items) || [];
  const worldNames = Object.fromEntries(worldItems.map((w) => [w.world_id, w.name]));

  const items = (data && data.items) || [];

  return (
    <div className="page">
      <div className="page-head">
        <h1>Stories</h1>
        {user && (
          <Link to={`/stories/new${worldId ? `?world_id=${worldId}` : ''}`} className="btn btn-primary">
            + New story
          </Link>
        )}
      </div>
      <FilterBar
        label="Search stories"
        placeholder="Search stories…"
        query={q}
        onSearch={(text) => update({ q: text })}
        selects={[
          { label: 'Genre', all: 'All genres', value: genre, options: GENRES.map((g) => ({ value: g, label: g })), onChange: (v) => update({ genre: v }) },
          {
            label: 'World',
            all: 'All worlds',
            value: worldId,
            options: worldItems.map((w) => ({ value: w.world_id, label: w.name })),
            onChange: (v) => update({ world_id: v }),
          },
        ]}
      />
      {tag && <TagFilter tag={tag} onClear={() => update({ tag: '' })} />}
      {isPending && <Loading label="Loading stories…" />}
      <ErrorMessage error={error} onRetry={() => refetch()} />
      {data && items.length === 0 && (
        <EmptyState title={q || genre || worldId || tag ? 'No stories match.' : 'No stories yet.'}>
          {user ? 'Stories live inside worlds: open a world and write one.' : null}
        </EmptyState>
      )}
      <StoryList items={items} showWorld worldNames={worldNames} />
      {data && <Pagination page={page} perPage={PER_PAGE} total={data.total} onPage={(p) => update({ page: String(p) })} />}
    </div>
  );
}
