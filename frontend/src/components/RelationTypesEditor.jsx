import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { relations } from '../services/api.js';
import { queries, worldChanged } from '../services/queries.js';
import { slugify } from '../utils/entries.js';

// a type's key: a slug starting with a letter
const keyOf = (label) => {
  const slug = slugify(label);
  return /^[a-z]/.test(slug) ? slug : `type_${slug}`.replace(/_+$/, '');
};
import ErrorMessage from './ErrorMessage.jsx';
import Loading from './Loading.jsx';

function Editor({ worldId, saved }) {
  const queryClient = useQueryClient();
  const [rows, setRows] = useState(saved);
  const save = useMutation({ mutationFn: (types) => relations.setTypes(worldId, types), onSuccess: () => worldChanged(queryClient, worldId) });
  const setRow = (i, patch) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const changed = JSON.stringify(rows) !== JSON.stringify(saved);
  const submit = (e) => {
    e.preventDefault();
    const types = rows
      .filter((r) => r.label.trim())
      .map((r) => ({ key: r.key || keyOf(r.label), label: r.label.trim(), inverse_label: (r.mutual ? r.label : r.inverse_label || r.label).trim(), mutual: !!r.mutual }));
    save.mutate(types);
  };
  return (
    <form onSubmit={submit} aria-label="Relation types">
      <div className="table-wrap">
        <table className="table compact relation-types">
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Read from the other side</th>
              <th scope="col">Both ways</th>
              <th scope="col">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.key || `new-${i}`}>
                <td>
                  <input aria-label={`Label ${i + 1}`} value={r.label} maxLength={100} onChange={(e) => setRow(i, { label: e.target.value })} />
                </td>
                <td>
                  <input aria-label={`Inverse label ${i + 1}`} value={r.mutual ? r.label : r.inverse_label} disabled={r.mutual} maxLength={100} onChange={(e) => setRow(i, { inverse_label: e.target.value })} />
                </td>
                <td>
                  <input type="checkbox" aria-label={`${r.label || 'This type'} goes both ways`} checked={!!r.mutual} onChange={(e) => setRow(i, { mutual: e.target.checked })} />
                </td>
                <td>
                  <button type="button" className="btn btn-small btn-ghost" aria-label={`Remove ${r.label || 'this type'}`} onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ErrorMessage error={save.error} />
      {save.isSuccess && !changed && (
        <p className="muted small" role="status">
          Saved.
        </p>
      )}
      <div className="actions">
        <button type="button" className="btn btn-small" onClick={() => setRows((rs) => [...rs, { key: '', label: '', inverse_label: '', mutual: false }])}>
          Add a type
        </button>
        <button type="submit" className="btn btn-primary" disabled={!changed || save.isPending}>
          {save.isPending ? 'Saving…' : 'Save relation types'}
        </button>
        {changed && (
          <button type="button" className="btn btn-ghost" onClick={() => setRows(saved)}>
            Undo changes
          </button>
        )}
      </div>
    </form>
  );
}

/** The world's vocabulary of relation types (owners only): labels both ways, mutual or not; a type in use cannot be removed. */
export default function RelationTypesEditor({ world }) {
  const { data, error, isPending, refetch } = useQuery(queries.relationTypes(world.world_id));
  return (
    <section className="card" aria-labelledby="reltypes-h">
      <h2 id="reltypes-h">Relation types</h2>
      <p className="muted small">What relations between entries can be: “parent of” reads “child of” from the other side; a mutual one reads the same both ways.</p>
      {isPending && <Loading label="Loading relation types…" />}
      <ErrorMessage error={error} onRetry={() => refetch()} />
      {data && <Editor key={JSON.stringify(data)} worldId={world.world_id} saved={data} />}
    </section>
  );
}
