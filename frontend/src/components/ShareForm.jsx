import { useState } from 'react';
import { worlds } from '../services/api.js';
import Field from './Field.jsx';
import ErrorMessage from './ErrorMessage.jsx';
import EmptyState from './EmptyState.jsx';

/** Share a world read-only with other users by their user IDs. */
export default function ShareForm({ world, onChange }) {
  const [ids, setIds] = useState('');
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const shared = world.shared_with || [];

  const run = async (fn, okText) => {
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      const res = await fn();
      setNotice(okText);
      await onChange(res);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e) => {
    e.preventDefault();
    const list = ids
      .split(/[\s,;]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (!list.length) {
      setError('Enter at least one user ID.');
      return;
    }
    run(() => worlds.share(world.world_id, list), `Shared with ${list.length} user${list.length > 1 ? 's' : ''}.`).then(() => setIds(''));
  };

  return (
    <section className="share">
      <form className="card form" onSubmit={submit} aria-label="Share world">
        <h3>Share this world</h3>
        <p className="muted small">People you share with can read the world, its stories, characters and timeline, but cannot change anything.</p>
        <Field
          label="User IDs"
          value={ids}
          onChange={(e) => setIds(e.target.value)}
          hint="Separate several IDs with commas. Each person finds their ID on their dashboard."
          error={error && error.details && error.details.user_ids}
        />
        <ErrorMessage error={error} />
        {notice && (
          <p className="alert alert-success" role="status">
            {notice}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            Share
          </button>
        </div>
      </form>
      <h3>Shared with</h3>
      {shared.length === 0 ? (
        <EmptyState title="Not shared with anyone." />
      ) : (
        <ul className="shared-list">
          {shared.map((id) => (
            <li key={id} className="card shared-item">
              <code>{id}</code>
              <button
                type="button"
                className="btn btn-small btn-ghost"
                disabled={busy}
                onClick={() => run(() => worlds.unshare(world.world_id, [id]), 'Access removed.')}
                aria-label={`Stop sharing with ${id}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
