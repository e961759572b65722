import { useEffect, useState } from 'react';
import { useToast } from '../hooks/toastContext.js';

/** One notice: it goes after its `duration`, but waits while the pointer or the focus is on it. */
function Toast({ toast, onDismiss }) {
  const [held, setHeld] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (held || busy || !toast.duration) return undefined;
    const t = setTimeout(() => onDismiss(toast.id), toast.duration);
    return () => clearTimeout(t);
  }, [held, busy, toast.duration, toast.id, toast.shownAt, onDismiss]);

  const run = async () => {
    const { action } = toast;
    setBusy(true);
    try {
      await action.run();
    } finally {
      setBusy(false);
    }
    if (action.closes) onDismiss(toast.id);
  };

  return (
    <li
      className={`toast toast-${toast.tone}`}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) setHeld(false);
      }}
    >
      <p className="toast-message" title={toast.message}>
        {toast.message}
      </p>
      <div className="toast-actions">
        {toast.action && (
          <button type="button" className="btn btn-small toast-action" onClick={run} disabled={busy}>
            {busy ? toast.action.busyLabel || 'Working…' : toast.action.label}
          </button>
        )}
        <button type="button" className="btn btn-small btn-ghost toast-close" onClick={() => onDismiss(toast.id)} aria-label="Dismiss">
          <span aria-hidden="true">×</span>
        </button>
      </div>
    </li>
  );
}

/**
 * The notices, fixed at the foot of the screen, in a live region that is always there (so screen
 * readers hear each one); first in <main>, so after a delete Tab reaches "Undo" first.
 */
export default function Toasts() {
  const { toasts, dismiss } = useToast();
  return (
    <ul className="toasts" aria-live="polite" aria-label="Notifications">
      {toasts.map((t) => (
        <Toast key={t.id} toast={t} onDismiss={dismiss} />
      ))}
    </ul>
  );
}
