import { useEffect, useState } from 'react';

/**
 * A button that asks "Sure?" inline before running a destructive action. `onConfirm` shows its own
 * errors (a mutation's `error`); its rejection only ends the busy state.
 */
export default function ConfirmButton({ children, confirmLabel = 'Yes, delete', onConfirm, disabled, className = 'btn btn-small btn-danger', label }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!asking) return undefined;
    const t = setTimeout(() => setAsking(false), 6000);
    return () => clearTimeout(t);
  }, [asking]);

  if (!asking) {
    return (
      <button type="button" className={className} disabled={disabled} aria-label={label} onClick={() => setAsking(true)}>
        {children}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label="Confirm">
      <button
        type="button"
        className="btn btn-small btn-danger"
        disabled={busy}
        autoFocus
        onClick={async () => {
          setBusy(true);
          try {
            await onConfirm();
          } catch {
            /* shown by the caller */
          } finally {
            setBusy(false);
            setAsking(false);
          }
        }}
      >
        {busy ? 'Working…' : confirmLabel}
      </button>
      <button type="button" className="btn btn-small btn-ghost" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
