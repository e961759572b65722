import { useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { worlds } from '../services/api.js';
import { queries, queryKeys } from '../services/queries.js';
import ErrorMessage from './ErrorMessage.jsx';
import Loading from './Loading.jsx';

/** The names the owner told the review to ignore in a world, each with "Stop ignoring". Loaded when opened. */
export default function IgnoredNames({ worldId }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const queryClient = useQueryClient();
  const { data, error, isPending } = useQuery({ ...queries.ignoredNames(worldId), enabled: open });
  const unignore = useMutation({
    mutationFn: (key) => worlds.unignoreName(worldId, key),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.worlds.ignoredNames(worldId) }),
  });
  const items = Array.isArray(data) ? data : [];

  return (
    <div className="ignored-names" lang="en">
      <button type="button" className="btn btn-small btn-ghost" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)}>
        {open ? 'Hide ignored names' : 'Ignored names in this world'}
      </button>
      {open && (
        <div id={listId}>
          {isPending && <Loading label="Loading ignored names…" />}
          <ErrorMessage error={error || unignore.error} />
          {data && items.length === 0 && <p className="muted small">No ignored names. “Ignore” on a found name adds it here.</p>}
          {items.length > 0 && (
            <ul className="chips" aria-label="Ignored names">
              {items.map((item) => (
                <li key={item.key} className="chip">
                  <span>{item.name}</span>
                  <button
                    type="button"
                    className="chip-remove"
                    aria-label={`Stop ignoring ${item.name}`}
                    title="Stop ignoring"
                    disabled={unignore.isPending}
                    onClick={() => unignore.mutate(item.key)}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
