import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { worlds } from '../services/api.js';
import { worldChanged } from '../services/queries.js';
import { useToast } from '../hooks/toastContext.js';
import Modal from './Modal.jsx';
import ErrorMessage from './ErrorMessage.jsx';

// The kinds of a codex entry (api/core/vocabulary.py ENTRY_KINDS): locations are their own collection.
const NEW_ENTRY_KINDS = [
  { value: 'character', label: 'Character' },
  { value: 'creature', label: 'Creature' },
  { value: 'faction', label: 'Faction' },
  { value: 'item', label: 'Item' },
  { value: 'lore', label: 'Lore' },
  { value: 'location', label: 'Location' },
];

const KIND_WORD = { character: 'a character', creature: 'a creature', faction: 'a faction', item: 'an item', lore: 'lore', location: 'a location' };

/** Create the entry `[[name]]` mentions, with one click on its kind; `onClose()` after it is made or on Cancel. */
export default function CreateEntryDialog({ worldId, name, onClose }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: (kind) =>
      kind === 'location' ? worlds.createLocation(worldId, { name }) : worlds.createEntity(worldId, { name, entity_type: kind }),
    onSuccess: (saved, kind) => {
      const id = saved && (saved.entity_id || saved.location_id || saved.id);
      toast.show({
        tone: 'success',
        message: `Created “${name}” as ${KIND_WORD[kind]}.`,
        action: id ? { label: 'Open', run: () => navigate(`/worlds/${worldId}/entries/${id}`) } : undefined,
      });
      onClose();
      return worldChanged(queryClient, worldId);
    },
  });

  return (
    <Modal title={`Create “${name}”`} description={`“${name}” is mentioned but is not in the codex yet. What is it?`} onClose={create.isPending ? undefined : onClose}>
      <div className="kind-choices" role="group" aria-label="Kind of entry">
        {NEW_ENTRY_KINDS.map((k, i) => (
          <button
            key={k.value}
            type="button"
            className={`btn ${i === 0 ? 'btn-primary' : ''}`}
            disabled={create.isPending}
            onClick={() => create.mutate(k.value)}
            data-autofocus={i === 0 ? true : undefined}
          >
            {create.isPending && create.variables === k.value ? 'Creating…' : k.label}
          </button>
        ))}
      </div>
      <ErrorMessage error={create.error} />
      <div className="actions modal-actions">
        <button type="button" className="btn btn-ghost" onClick={onClose} disabled={create.isPending}>
          Cancel
        </button>
      </div>
    </Modal>
  );
}
