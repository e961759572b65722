import { NavLink } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { queries } from '../../services/queries.js';

// the badge is a background read: once a minute, and when the window comes back into focus
const CHECK_MS = 60000;

/** The nav link to my invitations, with how many wait for an answer. */
export default function InvitationsLink() {
  const { data } = useQuery({ ...queries.myInvitations(), refetchInterval: CHECK_MS });
  const count = ((data && data.invitations) || []).length;
  return (
    <NavLink to="/invitations" className="nav-invitations">
      Invitations
      {count > 0 && (
        <span className="nav-badge" data-testid="invitations-badge">
          {count}
          <span className="sr-only"> waiting</span>
        </span>
      )}
    </NavLink>
  );
}
