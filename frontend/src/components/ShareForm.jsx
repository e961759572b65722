import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { worlds } from '../services/api.js';
import { worldChanged } from '../services/queries.js';
import Field from './Field.jsx';
import ErrorMessage from './ErrorMessage.jsx';
import EmptyState from './EmptyState.jsx';

/** Share a world read-only with other users by their user IDs. */
export default function ShareForm({ world }) {
  const [ids, setIds] = useState('');
  const [problem, setProblem] = useState(null);
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: ({ share, userIds }) => (share ? worlds.share : worlds.unshare)(world.world_id, userIds),
    onSuccess: (_, { share }) => {
      if (share) setIds('');
      // shared_with is on the world, and the world lists badge worlds shared with you
      return worldChanged(queryClient, world.world_id);
    },
  });
  const shared = world.shared_with || [];
  const error = problem || change.error;
  const done = change.isSuccess && change.variables;
  const notice = done && (done.share ? `Shared with ${done.userIds.length} user${done.userIds.length > 1 ? 's' : ''}.` : 'Access removed.');

  const submit = (e) => {
    e.preventDefault();
    const userIds = ids
      .split(/[\s,;]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    setProblem(userIds.length ? null : 'Enter at least one user ID.');
    if (userIds.length) change.mutate({ share: true, userIds });
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
          <button type="submit" className="btn btn-primary" disabled={change.isPending}>
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
                disabled={change.isPending}
                onClick={() => {
                  setProblem(null);
                  change.mutate({ share: false, userIds: [id] });
                }}
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
