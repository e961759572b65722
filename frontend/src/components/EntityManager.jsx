import { useState } from 'react';
import { worlds } from '../services/api.js';
import { useAsync } from '../hooks/useAsync.js';
import EntityForm from './EntityForm.jsx';
import ConfirmButton from './ConfirmButton.jsx';
import Loading from './Loading.jsx';
import ErrorMessage from './ErrorMessage.jsx';
import EmptyState from './EmptyState.jsx';

const API = {
  character: {
    idKey: 'entity_id',
    list: (w) => worlds.characters(w, { per_page: 200 }),
    create: (...args) => worlds.createEntity(...args),
    update: (...args) => worlds.updateEntity(...args),
    remove: (...args) => worlds.deleteEntity(...args),
    plural: 'characters',
  },
  location: {
    idKey: 'location_id',
    list: (w) => worlds.locations(w, { per_page: 200 }),
    create: (...args) => worlds.createLocation(...args),
    update: (...args) => worlds.updateLocation(...args),
    remove: (...args) => worlds.deleteLocation(...args),
    plural: 'locations',
  },
};

/** List + create/edit/delete of a world's characters or locations. */
export default function EntityManager({ worldId, kind, editable, onChange }) {
  const api = API[kind];
  const { data, error, loading, reload } = useAsync(() => api.list(worldId), [worldId, kind]);
  const [editing, setEditing] = useState(null);
  const [actionError, setActionError] = useState(null);
  const items = (data && data.items) || [];

  const changed = async () => {
    await reload();
    if (onChange) onChange();
  };

  return (
    <section className="entity-manager" aria-label={api.plural}>
      {editable && <EntityForm kind={kind} onSubmit={async (body) => { await api.create(worldId, body); await changed(); }} />}
      <ErrorMessage error={actionError} />
      {loading && !data && <Loading label={`Loading ${api.plural}…`} />}
      {error && <ErrorMessage error={error} onRetry={reload} />}
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
                  initial={item}
                  onCancel={() => setEditing(null)}
                  onSubmit={async (body) => {
                    await api.update(worldId, id, body);
                    setEditing(null);
                    await changed();
                  }}
                />
              </li>
            );
          }
          return (
            <li key={id} className="card entity-item" data-testid={`${kind}-item`}>
              <div className="entity-head">
                <h3>{item.name}</h3>
                <span className="badges">
                  {item.entity_type && item.entity_type !== 'character' && <span className="badge">{item.entity_type}</span>}
                  {item.role && <span className="badge badge-role">{item.role}</span>}
                </span>
              </div>
              {item.description ? <p>{item.description}</p> : <p className="muted">No description.</p>}
              {editable && (
                <div className="actions">
                  <button type="button" className="btn btn-small" onClick={() => setEditing(id)} aria-label={`Edit ${item.name}`}>
                    Edit
                  </button>
                  <ConfirmButton
                    label={`Delete ${item.name}`}
                    onConfirm={async () => {
                      setActionError(null);
                      try {
                        await api.remove(worldId, id);
                        await changed();
                      } catch (err) {
                        setActionError(err);
                      }
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
