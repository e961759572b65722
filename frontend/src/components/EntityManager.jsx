import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { worlds } from '../services/api.js';
import { queries, worldChanged } from '../services/queries.js';
import EntityForm from './EntityForm.jsx';
import { plainMentions } from '../utils/mentions.js';
import ConfirmButton from './ConfirmButton.jsx';
import Loading from './Loading.jsx';
import ErrorMessage from './ErrorMessage.jsx';
import EmptyState from './EmptyState.jsx';
import { useUndoDelete } from '../hooks/useUndoDelete.js';
import { entryPath } from '../utils/entries.js';

const API = {
  character: {
    idKey: 'entity_id',
    query: queries.characters,
    create: (...args) => worlds.createEntity(...args),
    update: (...args) => worlds.updateEntity(...args),
    remove: (...args) => worlds.deleteEntity(...args),
    plural: 'characters',
  },
  location: {
    idKey: 'location_id',
    query: queries.locations,
    create: (...args) => worlds.createLocation(...args),
    update: (...args) => worlds.updateLocation(...args),
    remove: (...args) => worlds.deleteLocation(...args),
    plural: 'locations',
  },
};

/** List + create/edit/delete of a world's characters or locations. */
export default function EntityManager({ worldId, kind, editable }) {
  const api = API[kind];
  const queryClient = useQueryClient();
  const { data, error, isPending, refetch } = useQuery(api.query(worldId));
  const [editing, setEditing] = useState(null);
  // characters and places show in stories, the graph, the timeline and the world's counts
  const onSuccess = () => worldChanged(queryClient, worldId);
  const create = useMutation({ mutationFn: (body) => api.create(worldId, body), onSuccess });
  const update = useMutation({ mutationFn: ({ id, body, version }) => api.update(worldId, id, body, version), onSuccess });
  const undoDelete = useUndoDelete();
  const items = (data && data.items) || [];
  const remove = useMutation({
    mutationFn: (id) => api.remove(worldId, id),
    onSuccess: (answer, id) => {
      const item = items.find((x) => (x[api.idKey] || x.id) === id);
      undoDelete(item ? item.name : `this ${kind}`, answer);
      return onSuccess();
    },
  });

  return (
    <section className="entity-manager" aria-label={api.plural}>
      {editable && <EntityForm kind={kind} worldId={worldId} onSubmit={(body) => create.mutateAsync(body)} />}
      <ErrorMessage error={remove.error} />
      {isPending && <Loading label={`Loading ${api.plural}…`} />}
      {error && <ErrorMessage error={error} onRetry={() => refetch()} />}
      {data && items.length === 0 && (
        <EmptyState title={`No ${api.plural} yet.`}>
          {editable ? `Add one above, or let the AI find ${api.plural} in your stories.` : null}
        </EmptyState>
      )}
      <ul className="entity-list">
        {items.map((item) => {
          const id = item[api.idKey] || item.id;
          if (editing === id) {
            return (
              <li key={id}>
                <EntityForm
                  kind={kind}
                  worldId={worldId}
                  initial={item}
                  onCancel={() => setEditing(null)}
                  onSubmit={async (body, { version }) => {
                    await update.mutateAsync({ id, body, version });
                    setEditing(null);
                  }}
                  onReloaded={onSuccess}
                />
              </li>
            );
          }
          return (
            <li key={id} className="card entity-item" data-testid={`${kind}-item`}>
              <div className="entity-head">
                <h3>
                  <Link to={entryPath(worldId, id)}>{item.name}</Link>
                </h3>
                <span className="badges">
                  {item.entity_type && item.entity_type !== 'character' && <span className="badge">{item.entity_type}</span>}
                  {item.role && <span className="badge badge-role">{item.role}</span>}
                </span>
              </div>
              {item.description ? <p>{plainMentions(item.description)}</p> : <p className="muted">No description.</p>}
              {editable && (
                <div className="actions">
                  <button type="button" className="btn btn-small" onClick={() => setEditing(id)} aria-label={`Edit ${item.name}`}>
                    Edit
                  </button>
                  <ConfirmButton
                    label={`Delete ${item.name}`}
                    onConfirm={() => remove.mutateAsync(id)}
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
