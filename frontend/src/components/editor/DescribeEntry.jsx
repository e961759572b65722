import Icon from '../Icon.jsx';
import AIPreview from './AIPreview.jsx';
import { useWriting } from './useWriting.js';

/**
 * "Describe from fields" on an entry's edit form: the AI writes a description of entry `entryId`
 * of world `worldId` from its saved fields and relations (writing tool `describe_entry`), streamed
 * into a preview; Accept hands the text to `onAccept(text)` (the form's description, still to be
 * saved), Discard drops it.
 */
export default function DescribeEntry({ worldId, entryId, onAccept, disabled }) {
  const w = useWriting();
  const open = w.phase !== 'idle';
  return (
    <div className="ai-describe">
      {!open && (
        <button type="button" className="btn btn-small" disabled={disabled} onClick={() => w.start(worldId, { tool: 'describe_entry', entry_id: entryId })}>
          <Icon name="sparkle" /> Describe from fields
        </button>
      )}
      {open && (
        <AIPreview
          writing={w}
          title="AI: Describe from fields"
          acceptHint="Accept puts it in the description above, in place of what is there; nothing is saved until you save the entry."
          onAccept={(text) => {
            onAccept(text);
            w.discard();
          }}
          onTitle={() => {}}
          onStop={w.stop}
          onDiscard={w.discard}
        />
      )}
    </div>
  );
}
