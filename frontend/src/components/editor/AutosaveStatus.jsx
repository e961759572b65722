import { errorMessage } from '../../services/api.js';

const TEXT = {
  pending: 'Unsaved changes',
  saving: 'Saving…',
  saved: 'Saved',
  offline: 'Offline, kept locally',
  conflict: 'Changed elsewhere: not saved. Save to compare the versions.',
};

/** The line under the editor that says where the text is: "Saving…", "Saved", "Offline, kept locally". */
export default function AutosaveStatus({ status, error }) {
  const text = status === 'error' ? `Not saved: ${errorMessage(error)}` : TEXT[status];
  return (
    <span className={`autosave-status autosave-${status}`} role="status" aria-live="polite">
      {text || ''}
    </span>
  );
}
