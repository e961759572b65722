import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queries } from '../services/queries.js';
import { useAuth } from '../hooks/useAuth.js';
import { GENRES } from '../utils/options.js';
import Loading from '../components/Loading.jsx';
import ErrorMessage from '../components/ErrorMessage.jsx';
import EmptyState from '../components/EmptyState.jsx';
import Pagination from '../components/Pagination.jsx';
import StoryList from '../components/StoryList.jsx';
import { useTitle } from '../hooks/useTitle.js';

const PER_PAGE = 20;

export default function Stories() {
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') || '';
  const genre = params.get('genre') || '';
  const worldId = params.get('world_id') || '';
  const page = Number(params.get('page')) || 1;
  const [search, setSearch] = useState(q);
  useTitle('Stories');
  useEffect(() => setSearch(q), [q]);

  // the previous page stays on screen while the next one loads
  const { data, error, isPending, refetch } = useQuery({
    ...queries.stories({ q, genre, world_id: worldId, page, per_page: PER_PAGE }),
    placeholderData: keepPreviousData,
  });
  const worldList = useQuery(queries.worlds({ per_page: 200 }));
  const worldNames = Object.fromEntries(((worldList.data && worldList.data.items) || []).map((w) => [w.world_id, w.name]));

  const update = (patch) => {
    const next = new URLSearchParams(params);
    Object.entries(patch).forEach(([k, v]) => (v ? next.set(k, v) : next.delete(k)));
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };
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
      <form
        className="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          update({ q: search.trim() });
        }}
      >
        <label className="sr-only" htmlFor="story-search">
          Search stories
        </label>
        <input id="story-search" type="search" placeholder="Search stories…" value={search} onChange={(e) => setSearch(e.target.value)} />
        <label className="sr-only" htmlFor="story-genre">
          Genre
        </label>
        <select id="story-genre" value={genre} onChange={(e) => update({ genre: e.target.value })}>
          <option value="">All genres</option>
          {GENRES.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
        <label className="sr-only" htmlFor="story-world">
          World
        </label>
        <select id="story-world" value={worldId} onChange={(e) => update({ world_id: e.target.value })}>
          <option value="">All worlds</option>
          {Object.entries(worldNames).map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
        <button type="submit" className="btn">
          Search
        </button>
      </form>
      {isPending && <Loading label="Loading stories…" />}
      <ErrorMessage error={error} onRetry={() => refetch()} />
      {data && items.length === 0 && (
        <EmptyState title={q || genre || worldId ? 'No stories match.' : 'No stories yet.'}>
          {user ? 'Stories live inside worlds: open a world and write one.' : null}
        </EmptyState>
      )}
      <StoryList items={items} showWorld worldNames={worldNames} />
      {data && <Pagination page={page} perPage={PER_PAGE} total={data.total} onPage={(p) => update({ page: String(p) })} />}
    </div>
  );
}
