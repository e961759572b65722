import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { trash } from '../services/api.js';
import { queries, restored, trashed } from '../services/queries.js';
import { trashItemPath } from '../hooks/useUndoDelete.js';
import { formatDate, formatWhen, plural } from '../utils/options.js';
import { useTitle } from '../hooks/useTitle.js';
import Loading from '../components/Loading.jsx';
import ErrorMessage from '../components/ErrorMessage.jsx';
import EmptyState from '../components/EmptyState.jsx';
import Pagination from '../components/Pagination.jsx';
import Badge from '../components/Badge.jsx';
import ConfirmButton from '../components/ConfirmButton.jsx';

const PER_PAGE = 20;
const KINDS = { world: 'World', story: 'Story', character: 'Character', location: 'Location' };
// what an entry holds besides the item itself, as the counts of GET /trash name them
const HOLDS = [
  ['stories', 'story', 'stories'],
  ['entities', 'character', 'characters'],
  ['locations', 'place', 'places'],
  ['events', 'event', 'events'],
];
const OWN = { world: 'worlds', story: 'stories', character: 'entities', location: 'locations' };

function holds(entry) {
  const counts = entry.counts || {};
  const parts = HOLDS.filter(([c]) => c !== OWN[entry.kind] && counts[c]).map(([c, one, many]) => plural(counts[c], one, many));
  return parts.length ? `with ${parts.join(', ')}` : '';
}

/** What the signed-in writer deleted and may still restore (GET /api/trash), newest first. */
export default function Trash() {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page')) || 1;
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState(null); // {text, path}
  useTitle('Trash');
  const { data, error, isPending, isFetching, refetch } = useQuery({ ...queries.trash({ page, per_page: PER_PAGE }), placeholderData: keepPreviousData });
  const restore = useMutation({
    mutationFn: (entry) => trash.restore(entry.trash_id),
    onMutate: () => setNotice(null),
    onSuccess: (answer) => {
      setNotice({ text: `Restored “${answer.title}”.`, path: trashItemPath(answer) });
      return restored(queryClient, answer);
    },
  });
  const purge = useMutation({
    mutationFn: (entry) => trash.purge(entry.trash_id),
    onMutate: () => setNotice(null),
    onSuccess: (_, entry) => {
      setNotice({ text: `“${entry.title}” is deleted for good.` });
      return trashed(queryClient);
    },
  });
  const items = (data && data.items) || [];

  return (
    <div className="page narrow">
      <h1>Trash</h1>
      <p className="muted">What you delete stays here for a while, so you can bring it back with everything it held. After that it is gone for good.</p>
      {notice && (
        <p className="alert alert-success" role="status">
          <span>{notice.text}</span>
          {notice.path && <Link to={notice.path}>Open it</Link>}
        </p>
      )}
      <ErrorMessage error={restore.error || purge.error} />
      {isPending && <Loading label="Loading the trash…" />}
      <ErrorMessage error={error} onRetry={() => refetch()} />
      {data && items.length === 0 && <EmptyState title="The trash is empty.">What you delete comes here first, so you can undo it.</EmptyState>}
      <ul className="trash-list" aria-busy={isFetching}>
        {items.map((entry) => {
          const working = (restore.isPending && restore.variables === entry) || (purge.isPending && purge.variables === entry);
          const extra = holds(entry);
          return (
            <li key={entry.trash_id} className="card trash-item">
              <div className="trash-main">
                <h2 className="trash-title">
                  <Badge tone="kind">{KINDS[entry.kind] || entry.kind}</Badge> <span>{entry.title}</span>
                </h2>
                <p className="muted small">
                  Deleted {formatWhen(Date.parse(entry.deleted_at))}
                  {extra && ` ${extra}`} · kept until {formatDate(entry.expires_at)}
                </p>
              </div>
              <div className="actions nowrap">
                <button type="button" className="btn btn-small btn-primary" disabled={working} onClick={() => restore.mutate(entry)} aria-label={`Restore ${entry.title}`}>
                  {restore.isPending && restore.variables === entry ? 'Restoring…' : 'Restore'}
                </button>
                <ConfirmButton label={`Delete ${entry.title} for good`} confirmLabel="Yes, delete for good" disabled={working} onConfirm={() => purge.mutateAsync(entry)}>
                  Delete for good
                </ConfirmButton>
              </div>
            </li>
          );
        })}
      </ul>
      {data && <Pagination page={page} perPage={PER_PAGE} total={data.total} onPage={(p) => setParams({ page: String(p) })} />}
    </div>
  );
}
