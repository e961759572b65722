import { Link } from 'react-router-dom';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queries } from '../services/queries.js';
import { SEARCH_TYPES, TYPE_LABELS, hitPath } from '../utils/search.js';
import { plural } from '../utils/options.js';
import FilterBar from '../components/FilterBar.jsx';
import Loading from '../components/Loading.jsx';
import ErrorMessage from '../components/ErrorMessage.jsx';
import EmptyState from '../components/EmptyState.jsx';
import Pagination from '../components/Pagination.jsx';
import Snippet from '../components/Snippet.jsx';
import { useListParams } from '../hooks/useListParams.js';
import { useTitle } from '../hooks/useTitle.js';

const PER_PAGE = 20;

/** One search over the stories, entries, events and worlds the reader may see (GET /search), ranked. */
export default function Search() {
  const [params, update] = useListParams();
  const q = (params.get('q') || '').trim();
  const type = SEARCH_TYPES.some((t) => t.value === params.get('type')) ? params.get('type') : '';
  const page = Number(params.get('page')) || 1;
  useTitle(q ? `“${q}”` : 'Search');
  const { data, error, isPending, isFetching, refetch } = useQuery({
    ...queries.search({ q, types: type || undefined, page, per_page: PER_PAGE }),
    enabled: q !== '',
    placeholderData: keepPreviousData,
  });

  const items = (data && data.items) || [];

  return (
    <div className="page search-page">
      <h1>Search</h1>
      <FilterBar label="Search everything" placeholder="Names, words of a story, places…" query={q} onSearch={(text) => update({ q: text })} />
      <nav className="search-types" aria-label="Kinds of results">
        {SEARCH_TYPES.map((t) => (
          <button key={t.value} type="button" className={`chip ${type === t.value ? 'chip-active' : ''}`} aria-pressed={type === t.value} onClick={() => update({ type: t.value })}>
            {t.label}
          </button>
        ))}
      </nav>
      {!q && <EmptyState title="What are you looking for?">Type a name, a place or words from a story. Tone marks are optional: “ha noi” finds “Hà Nội”.</EmptyState>}
      {q && isPending && <Loading label="Searching…" />}
      <ErrorMessage error={error} onRetry={() => refetch()} />
      {q && data && (
        <p className="muted small" role="status" aria-busy={isFetching}>
          {plural(data.total, 'result')} for “{q}”
        </p>
      )}
      {q && data && items.length === 0 && <EmptyState title="Nothing found.">Try fewer words, or another spelling.</EmptyState>}
      <ol className="search-results">
        {items.map((hit) => (
          <li key={`${hit.type}-${hit.id}`} className="search-hit">
            <div className="search-hit-head">
              <span className={`badge badge-${hit.type === 'entry' && hit.kind ? hit.kind : hit.type}`}>
                {hit.type === 'entry' && hit.kind ? hit.kind : TYPE_LABELS[hit.type] || hit.type}
              </span>
              <Link to={hitPath(hit)} className="search-hit-title">
                {hit.title || 'Untitled'}
              </Link>
            </div>
            <Snippet html={hit.snippet} />
          </li>
        ))}
      </ol>
      {q && data && <Pagination page={page} perPage={PER_PAGE} total={data.total} onPage={(p) => update({ page: String(p) })} />}
    </div>
  );
}
