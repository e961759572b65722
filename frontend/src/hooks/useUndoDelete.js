import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { trash } from '../services/api.js';
import { restored, trashed } from '../services/queries.js';
import { useToast } from './toastContext.js';

/** Where a restored item is shown. */
export function trashItemPath({ kind, item_id: itemId, world_id: worldId }) {
  if (kind === 'world') return `/worlds/${itemId}`;
  if (kind === 'story') return `/stories/${itemId}`;
  return `/worlds/${worldId}/entries/${itemId}`; // an entry of the codex: its page
}

/**
 * After a delete (the API moved it to the trash): "Deleted “<name>”" with Undo for 10 s, which
 * restores it (POST /trash/{trash_id}/restore) and refreshes what shows it.
 */
export function useUndoDelete() {
  const toast = useToast();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(
    (name, answer) => {
      trashed(queryClient);
      const trashId = answer && answer.trash_id;
      const id = toast.show({
        message: `Deleted “${name}”`,
        action: trashId && {
          label: 'Undo',
          busyLabel: 'Restoring…',
          run: async () => {
            try {
              const back = await trash.restore(trashId);
              restored(queryClient, back);
              toast.update(id, {
                message: `Restored “${name}”`,
                tone: 'success',
                duration: 6000,
                action: { label: 'Open', closes: true, run: () => navigate(trashItemPath(back)) },
              });
            } catch (err) {
              toast.update(id, { message: `Could not restore “${name}”: ${err.message}`, tone: 'error', action: null, duration: 15000 });
            }
          },
        },
      });
    },
    [toast, queryClient, navigate],
  );
}
