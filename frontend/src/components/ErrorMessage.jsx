import { errorMessage } from '../services/api.js';

/** Shows an error (an Error, ApiError or string) with an optional retry button. */
export default function ErrorMessage({ error, onRetry, title }) {
  if (!error) return null;
  const text = typeof error === 'string' ? error : error.message || errorMessage(error);
  return (
    <div className="alert alert-error" role="alert">
      {title && <strong>{title} </strong>}
      <span>{text}</span>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
