import { Link, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { queries } from '../services/queries.js';
import { useTitle } from '../hooks/useTitle.js';
import { displayName } from '../utils/people.js';
import Loading from '../components/Loading.jsx';
import ErrorMessage from '../components/ErrorMessage.jsx';
import Badge from '../components/Badge.jsx';
import Avatar from '../components/people/Avatar.jsx';
import NotFound from './NotFound.jsx';
import '../styles/people.css';

/** Someone's public profile: picture, name, bio and public worlds (never their email). */
export default function PublicProfile() {
  const { username } = useParams();
  const { data, error, isPending, refetch } = useQuery(queries.profile(username));
  const profile = data && data.profile;
  useTitle(profile ? displayName(profile) : username);
  if (isPending) return <Loading label="Loading profile…" />;
  if (error && error.status === 404) return <NotFound what="person" />;
  if (error && !profile)
    return (
      <div className="page">
        <ErrorMessage error={error} onRetry={() => refetch()} />
      </div>
    );
  const worlds = profile.worlds || [];
  return (
    <div className="page public-profile">
      <header className="profile-head">
        <Avatar person={profile} size="large" />
        <div>
          <h1>{displayName(profile)}</h1>
          <p className="muted">@{profile.username}</p>
        </div>
      </header>
      {profile.bio ? <p className="profile-bio">{profile.bio}</p> : <p className="muted">No bio yet.</p>}
      <h2>Public worlds</h2>
      {worlds.length === 0 ? (
        <p className="muted">No public worlds yet.</p>
      ) : (
        <ul className="profile-worlds">
          {worlds.map((w) => (
            <li key={w.world_id} className="card">
              <Link to={`/worlds/${encodeURIComponent(w.world_id)}`}>{w.name}</Link>
              {w.world_type && <Badge tone={w.world_type}>{w.world_type}</Badge>}
              {w.description && <p className="muted small">{w.description}</p>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
