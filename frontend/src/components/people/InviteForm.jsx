import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { members } from '../../services/api.js';
import { queries, queryKeys } from '../../services/queries.js';
import { useDebouncedValue } from '../../hooks/useDebouncedValue.js';
import { ROLE_HINTS, ROLE_LABELS, displayName } from '../../utils/people.js';
import Field from '../Field.jsx';
import ErrorMessage from '../ErrorMessage.jsx';
import Avatar from './Avatar.jsx';

// a lookup per pause in typing (the API limits them per minute)
const LOOKUP_MS = 500;

/** Who a typed username names (exact match), once typing pauses: the person's card, or "nobody". */
function WhoIsIt({ name }) {
  const settled = useDebouncedValue(name, LOOKUP_MS);
  const username = settled.trim();
  const asked = username.length >= 3 && !username.includes('@') && username === name.trim();
  const { data, error } = useQuery({ ...queries.userLookup(username), enabled: asked, retry: false });
  if (!asked) return null;
  if (data && data.user)
    return (
      <p className="invitee-card small" aria-live="polite">
        <Avatar person={data.user} size="small" /> {displayName(data.user)} <span className="muted">@{data.user.username}</span>
      </p>
    );
  if (error && error.status === 404)
    return (
      <p className="invitee-card small muted" aria-live="polite">
        Nobody has that username.
      </p>
    );
  return null;
}

const ROLES = ['co_author', 'reader'].map((value) => ({ value, label: ROLE_LABELS[value] }));

/** The owner invites someone by username or email, as co-author or reader. */
export default function InviteForm({ world }) {
  const [invitee, setInvitee] = useState('');
  const [role, setRole] = useState('co_author');
  const [problem, setProblem] = useState('');
  const queryClient = useQueryClient();
  const invite = useMutation({
    mutationFn: (body) => members.invite(world.world_id, body),
    onSuccess: () => {
      setInvitee('');
      return queryClient.invalidateQueries({ queryKey: queryKeys.worlds.invitations(world.world_id) });
    },
  });
  const sent = invite.isSuccess && invite.data && invite.data.invitation;
  const error = problem || invite.error;

  const submit = (e) => {
    e.preventDefault();
    const who = invitee.trim();
    setProblem(who ? '' : 'Enter a username or an email address.');
    if (who) invite.mutate({ invitee: who, role });
  };

  return (
    <form className="card form invite-form" onSubmit={submit} aria-label="Invite someone" noValidate>
      <h3>Invite someone</h3>
      <div className="invite-fields">
        <Field
          label="Username or email"
          value={invitee}
          autoComplete="off"
          onChange={(e) => setInvitee(e.target.value)}
          hint="An invitation by email reaches whoever signs in with that address."
          error={error && error.details && error.details.invitee}
        />
        <Field label="Role" as="select" value={role} onChange={(e) => setRole(e.target.value)} options={ROLES} hint={ROLE_HINTS[role]} />
      </div>
      <WhoIsIt name={invitee} />
      <ErrorMessage error={error} />
      {sent && (
        <p className="alert alert-success" role="status">
          Invitation sent to {sent.invitee_display} as {(ROLE_LABELS[sent.role] || sent.role).toLowerCase()}.
        </p>
      )}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={invite.isPending}>
          {invite.isPending ? 'Inviting…' : 'Invite'}
        </button>
      </div>
    </form>
  );
}
