import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { relations as api } from '../services/api.js';
import { queries, worldChanged } from '../services/queries.js';
import { useUndoDelete } from '../hooks/useUndoDelete.js';
import { attitudeLabel, relationFrom, typeIndex } from '../utils/relations.js';
import { calendarOf, formatWorldDate } from '../utils/calendar.js';
import ConfirmButton from './ConfirmButton.jsx';
import EntryLink from './EntryLink.jsx';
import ErrorMessage from './ErrorMessage.jsx';
import Loading from './Loading.jsx';
import RelationForm from './RelationForm.jsx';

function Dates({ relation, world }) {
  const from = formatWorldDate(relation.start_date, calendarOf(world));
  const to = formatWorldDate(relation.end_date, calendarOf(world));
  if (!from && !to) return null;
  return <span className="muted small"> · {from && to ? `${from} – ${to}` : from ? `since ${from}` : `until ${to}`}</span>;
}

/** The typed relations of an entry: each with its label, the other end (linked), attitude and note; editors add, edit and delete. */
export default function EntryRelations({ entry, world, editable }) {
  const worldId = world.world_id;
  const queryClient = useQueryClient();
  const undoDelete = useUndoDelete();
  const [editing, setEditing] = useState(null); // a relation id, or 'new'
  const types = useQuery(queries.relationTypes(worldId));
  const list = useQuery(queries.relations(worldId, { entry_id: entry.id }));
  const onSuccess = () => worldChanged(queryClient, worldId);
  const create = useMutation({ mutationFn: (body) => api.create(worldId, body), onSuccess });
  const update = useMutation({ mutationFn: ({ id, body, version }) => api.update(worldId, id, body, version), onSuccess });
  const remove = useMutation({ mutationFn: (id) => api.remove(worldId, id), onSuccess });
  const typeList = types.data || [];
  const byKey = typeIndex(typeList);
  const items = (list.data && list.data.items) || [];
  const formProps = { entry, world, types: typeList, typesByKey: byKey, onReloaded: onSuccess };

  return (
    <section className="entry-section" aria-labelledby="entry-relations-h">
      <div className="section-head">
        <h2 id="entry-relations-h">Relations</h2>
        {editable && editing !== 'new' && typeList.length > 0 && (
          <button type="button" className="btn btn-small" onClick={() => setEditing('new')}>
            Add relation
          </button>
        )}
      </div>
      {editing === 'new' && (
        <RelationForm
          {...formProps}
          onCancel={() => setEditing(null)}
          onSubmit={async (body) => {
            await create.mutateAsync(body);
            setEditing(null);
          }}
        />
      )}
      {(list.isPending || types.isPending) && <Loading label="Loading relations…" />}
      <ErrorMessage error={list.error || types.error} onRetry={() => (list.error ? list.refetch() : types.refetch())} />
      <ErrorMessage error={remove.error} />
      {list.data && items.length === 0 && <p className="muted">No relations yet.</p>}
      <ul className="relation-list">
        {items.map((r) => {
          const seen = relationFrom(r, entry.id, byKey);
          if (editing === r.relation_id)
            return (
              <li key={r.relation_id}>
                <RelationForm
                  {...formProps}
                  relation={r}
                  onCancel={() => setEditing(null)}
                  onSubmit={async (body, { version }) => {
                    await update.mutateAsync({ id: r.relation_id, body, version });
                    setEditing(null);
                  }}
                />
              </li>
            );
          return (
            <li key={r.relation_id} className="relation-item" data-testid="relation">
              <div className="relation-main">
                <span className="relation-label">{seen.label}</span> <EntryLink worldId={worldId} id={seen.otherId} name={seen.otherName} className="relation-other" />
                <span className={`attitude attitude-${Math.sign(Number(r.attitude) || 0)}`} title="Attitude, from −3 to +3">
                  {attitudeLabel(r.attitude)}
                </span>
                <Dates relation={r} world={world} />
                {r.note && <p className="relation-note">{r.note}</p>}
              </div>
              {editable && (
                <div className="actions nowrap">
                  <button type="button" className="btn btn-small" onClick={() => setEditing(r.relation_id)} aria-label={`Edit relation: ${seen.label}`}>
                    Edit
                  </button>
                  <ConfirmButton
                    label={`Delete relation: ${seen.label}`}
                    onConfirm={async () => {
                      const answer = await remove.mutateAsync(r.relation_id);
                      undoDelete(`${entry.name} — ${seen.label}`, answer);
                    }}
                  >
                    Delete
                  </ConfirmButton>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
