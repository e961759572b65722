import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { members } from '../../services/api.js';
import { queries, queryKeys, worldChanged } from '../../services/queries.js';
import { canEdit, useAuth } from '../../hooks/useAuth.js';
import { ROLE_LABELS, displayName } from '../../utils/people.js';
import Loading from '../Loading.jsx';
import ErrorMessage from '../ErrorMessage.jsx';
import ConfirmButton from '../ConfirmButton.jsx';
import Avatar from './Avatar.jsx';
import InviteForm from './InviteForm.jsx';
import PendingInvitations from './PendingInvitations.jsx';
import '../../styles/people.css';

/** One member: picture, name (to their profile), role; the owner changes the role or removes them, a member may leave. */
function MemberRow({ world, member, manage, me }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const worldId = world.world_id;
  const name = displayName(member);
  const isOwner = member.role === 'owner';
  const self = me && member.user_id === me.user_id;
  const setRole = useMutation({
    mutationFn: (role) => members.setRole(worldId, member.user_id, role),
    onSuccess: () => worldChanged(queryClient, worldId),
  });
  const remove = useMutation({
    mutationFn: () => members.remove(worldId, member.user_id),
    onSuccess: () => {
      if (self) {
        navigate('/worlds', { replace: true });
        queryClient.removeQueries({ queryKey: queryKeys.worlds.detail(worldId) });
      }
      return worldChanged(queryClient, worldId);
    },
  });
  return (
    <li className="card member-row" data-testid="member-row">
      <Avatar person={member} />
      <div className="member-name">
        <Link to={`/u/${encodeURIComponent(member.username)}`}>{name}</Link>
        {name !== member.username && <span className="muted small"> @{member.username}</span>}
        {self && <span className="muted small"> (you)</span>}
      </div>
      <div className="member-actions">
        {manage && !isOwner ? (
          <select
            aria-label={`Role of ${name}`}
            value={member.role}
            disabled={setRole.isPending}
            onChange={(e) => setRole.mutate(e.target.value)}
          >
            <option value="co_author">{ROLE_LABELS.co_author}</option>
            <option value="reader">{ROLE_LABELS.reader}</option>
          </select>
        ) : (
          <span className={`badge badge-role badge-${member.role}`}>{ROLE_LABELS[member.role] || member.role}</span>
        )}
        {manage && !isOwner && !self && (
          <ConfirmButton label={`Remove ${name}`} confirmLabel={`Remove ${name}`} onConfirm={() => remove.mutateAsync()}>
            Remove
          </ConfirmButton>
        )}
        {self && !isOwner && (
          <ConfirmButton label="Leave this world" confirmLabel="Leave the world" onConfirm={() => remove.mutateAsync()}>
            Leave
          </ConfirmButton>
        )}
      </div>
      <ErrorMessage error={setRole.error || remove.error} />
    </li>
  );
}

/** The world's people: members (owner first), and for the owner invitations and their management. */
export default function WorldMembersTab({ world }) {
  const { user } = useAuth();
  const manage = canEdit(user, world);
  const { data, error, isPending, refetch } = useQuery(queries.members(world.world_id));
  const list = (data && data.members) || [];
  return (
    <div className="members-tab">
      {manage && <InviteForm world={world} />}
      <section aria-labelledby="members-heading">
        <h3 id="members-heading">Members</h3>
        {isPending && <Loading label="Loading members…" />}
        <ErrorMessage error={error} onRetry={() => refetch()} />
        <ul className="member-list">
          {list.map((m) => (
            <MemberRow key={m.user_id} world={world} member={m} manage={manage} me={user} />
          ))}
        </ul>
      </section>
      {manage && <PendingInvitations world={world} />}
    </div>
  );
}
