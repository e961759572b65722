import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { invitations } from '../services/api.js';
import { queries, queryKeys } from '../services/queries.js';
import { useTitle } from '../hooks/useTitle.js';
import { formatDate } from '../utils/options.js';
import { ROLE_HINTS, ROLE_LABELS, displayName } from '../utils/people.js';
import Loading from '../components/Loading.jsx';
import ErrorMessage from '../components/ErrorMessage.jsx';
import EmptyState from '../components/EmptyState.jsx';
import Avatar from '../components/people/Avatar.jsx';
import '../styles/people.css';

/** One invitation: who invites me to which world as what; accept or decline. */
function InvitationCard({ invitation, onAnswered }) {
  const queryClient = useQueryClient();
  const answer = useMutation({
    mutationFn: (accept) => (accept ? invitations.accept : invitations.decline)(invitation.invitation_id),
    onSuccess: (result, accept) => {
      onAnswered({ invitation, accepted: accept, worldId: (result && result.world_id) || invitation.world_id });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.invitations() }),
        queryClient.invalidateQueries({ queryKey: queryKeys.worlds.lists() }),
        queryClient.invalidateQueries({ queryKey: queryKeys.worlds.detail(invitation.world_id) }),
      ]);
    },
  });
  const inviter = invitation.inviter;
  const role = ROLE_LABELS[invitation.role] || invitation.role;
  return (
    <li className="card invitation-card" data-testid="invitation">
      <Avatar person={inviter} />
      <div className="invitation-text">
        <p>
          <strong>{displayName(inviter)}</strong> invites you to <strong>{invitation.world_name}</strong> as {role.toLowerCase()}.
        </p>
        <p className="muted small">
          {ROLE_HINTS[invitation.role]}
          {invitation.expires_at && ` Expires ${formatDate(invitation.expires_at)}.`}
        </p>
        <ErrorMessage error={answer.error} />
      </div>
      <div className="actions">
        <button type="button" className="btn btn-primary" disabled={answer.isPending} onClick={() => answer.mutate(true)} aria-label={`Accept the invitation to ${invitation.world_name}`}>
          Accept
        </button>
        <button type="button" className="btn btn-ghost" disabled={answer.isPending} onClick={() => answer.mutate(false)} aria-label={`Decline the invitation to ${invitation.world_name}`}>
          Decline
        </button>
      </div>
    </li>
  );
}

/** My invitations inbox. */
export default function Invitations() {
  useTitle('Invitations');
  const { data, error, isPending, refetch } = useQuery(queries.myInvitations());
  const [answered, setAnswered] = useState(null);
  const items = (data && data.invitations) || [];
  return (
    <div className="page invitations-page">
      <h1>Invitations</h1>
      {answered && (
        <p className="alert alert-success" role="status">
          {answered.accepted ? (
            <>
              You joined {answered.invitation.world_name}. <Link to={`/worlds/${encodeURIComponent(answered.worldId)}`}>Open {answered.invitation.world_name}</Link>
            </>
          ) : (
            `You declined the invitation to ${answered.invitation.world_name}.`
          )}
        </p>
      )}
      {isPending && <Loading label="Loading invitations…" />}
      <ErrorMessage error={error} onRetry={() => refetch()} />
      {data && !items.length && <EmptyState title="No invitations right now.">When someone invites you to a world, it shows here.</EmptyState>}
      <ul className="invitation-list">
        {items.map((inv) => (
          <InvitationCard key={inv.invitation_id} invitation={inv} onAnswered={setAnswered} />
        ))}
      </ul>
    </div>
  );
}
