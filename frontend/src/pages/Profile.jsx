import { Link } from 'react-router-dom';
import { useAuth } from '../hooks/useAuth.js';
import { useTitle } from '../hooks/useTitle.js';
import ChangePasswordForm from '../components/ChangePasswordForm.jsx';
import ProfileForm from '../components/people/ProfileForm.jsx';
import AvatarForm from '../components/people/AvatarForm.jsx';
import ChangeEmailForm from '../components/people/ChangeEmailForm.jsx';
import DeleteAccount from '../components/people/DeleteAccount.jsx';
import '../styles/people.css';

/** My profile (name, bio, picture) and account settings (email, password, deleting the account). */
export default function Profile() {
  const { user } = useAuth();
  useTitle('Your profile');
  return (
    <div className="page profile-page">
      <div className="page-head">
        <div>
          <h1>Your profile</h1>
          <p className="muted">
            Others see your profile at <Link to={`/u/${encodeURIComponent(user.username)}`}>/u/{user.username}</Link>.
          </p>
        </div>
      </div>
      <div className="grid-2">
        <ProfileForm />
        <AvatarForm />
      </div>
      <section className="card account-settings" aria-labelledby="account-heading">
        <h2 id="account-heading">Account</h2>
        <ChangeEmailForm />
        <h3>Password</h3>
        <ChangePasswordForm />
      </section>
      <section className="card danger-zone" aria-labelledby="danger-heading">
        <h2 id="danger-heading">Delete account</h2>
        <DeleteAccount />
      </section>
    </div>
  );
}
