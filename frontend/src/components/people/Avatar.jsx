import { useQuery } from '@tanstack/react-query';
import { queries } from '../../services/queries.js';
import { useAuth } from '../../hooks/useAuth.js';
import { initials } from '../../utils/people.js';

/**
 * A person's picture (read with the session's token: avatars are for signed-in users), or their
 * initials. Decorative: the name is always written beside it.
 */
export default function Avatar({ person, size = 'medium' }) {
  const { user } = useAuth();
  const url = person && person.avatar_url;
  const { data } = useQuery({ ...queries.avatar(person && person.user_id, url), enabled: Boolean(user && url && person.user_id) });
  if (data) return <img className={`avatar avatar-${size}`} src={data} alt="" />;
  return (
    <span className={`avatar avatar-${size} avatar-initials`} aria-hidden="true">
      {initials(person)}
    </span>
  );
}
