import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { members } from '../../services/api.js';
import { queries, queryKeys } from '../../services/queries.js';
import { formatDate } from '../../utils/options.js';
import { ROLE_LABELS } from '../../utils/people.js';
import ErrorMessage from '../ErrorMessage.jsx';
import ConfirmButton from '../ConfirmButton.jsx';

/** The owner's pending invitations of the world, each revocable. */
export default function PendingInvitations({ world }) {
  const worldId = world.world_id;
  const queryClient = useQueryClient();
  const { data, error, refetch } = useQuery(queries.worldInvitations(worldId));
  const revoke = useMutation({
    mutationFn: (id) => members.revoke(worldId, id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.worlds.invitations(worldId) }),
  });
  const pending = ((data && data.invitations) || []).filter((i) => !i.status || i.status === 'pending');
  return (
    <section aria-labelledby="pending-heading">
      <h3 id="pending-heading">Pending invitations</h3>
      <ErrorMessage error={error} onRetry={() => refetch()} />
      <ErrorMessage error={revoke.error} />
      {data && pending.length === 0 && <p className="muted">No pending invitations.</p>}
      <ul className="member-list">
        {pending.map((inv) => (
          <li key={inv.invitation_id} className="card member-row" data-testid="pending-invitation">
            <div className="member-name">
              <strong>{inv.invitee_display}</strong>
              <span className="muted small">
                {' '}
                · {ROLE_LABELS[inv.role] || inv.role}
                {inv.expires_at && ` · expires ${formatDate(inv.expires_at)}`}
              </span>
            </div>
            <div className="member-actions">
              <ConfirmButton label={`Revoke the invitation of ${inv.invitee_display}`} confirmLabel="Revoke" onConfirm={() => revoke.mutateAsync(inv.invitation_id)}>
                Revoke
              </ConfirmButton>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
