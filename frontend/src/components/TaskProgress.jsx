/** Progress of an AI job (state from useTask): a bar, the message, cancel and errors. */
const LABELS = {
  starting: 'Starting…',
  pending: 'Waiting in the queue…',
  processing: 'Working…',
  completed: 'Done',
  cancelled: 'Cancelled',
  error: 'Failed',
  timeout: 'Timed out',
};

export default function TaskProgress({ task, label = 'AI job', onCancel }) {
  if (!task || task.status === 'idle') return null;
  const { status, progress, error, provider } = task;
  const total = progress && progress.total > 0 ? progress.total : null;
  const done = progress && typeof progress.done === 'number' ? progress.done : 0;
  let pct = total ? Math.round((Math.min(done, total) / total) * 100) : null;
  if (status === 'completed') pct = 100;
  const message = (progress && progress.message) || LABELS[status] || status;
  return (
    <div className={`task task-${status}`} aria-live="polite">
      <div className="task-head">
        <strong>{label}</strong>
        <span className="task-status">{LABELS[status] || status}</span>
      </div>
      <div
        className={`progress ${pct === null && task.running ? 'progress-indeterminate' : ''}`}
        role="progressbar"
        aria-label={`${label} progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct ?? undefined}
      >
        <div className="progress-bar" style={{ width: `${pct ?? (task.running ? 35 : 0)}%` }} />
      </div>
      <div className="task-foot">
        <span className="task-message">
          {message}
          {total ? ` (${done}/${total})` : ''}
        </span>
        {provider && status === 'completed' && <span className="muted small"> · via {provider}</span>}
        {task.running && (onCancel || task.cancel) && (
          <button type="button" className="btn btn-small btn-ghost" onClick={onCancel || task.cancel}>
            Cancel
          </button>
        )}
      </div>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
