import { useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../hooks/useAuth.js';
import Field from '../components/Field.jsx';
import ErrorMessage from '../components/ErrorMessage.jsx';
import { useTitle } from '../hooks/useTitle.js';
import { safeNext } from '../utils/nextPath.js';

export default function Login() {
  const { login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const state = location.state || {};
  // back to the page the writer was on (same site only), else the worlds
  const next = safeNext(state.from) || safeNext(params.get('next')) || '/worlds';
  // after a session ended: who was signed in, so only the password is left to type
  const known = typeof state.username === 'string' ? state.username : '';
  const [username, setUsername] = useState(known);
  const [password, setPassword] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  useTitle('Log in');

  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
      navigate(next, { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page auth-page">
      <form className="card form auth-card" onSubmit={submit} aria-label="Log in">
        <h1>Welcome back</h1>
        {state.expired ? (
          <p className="alert alert-info" role="status">
            Your session ended — sign in again.
          </p>
        ) : (
          <p className="muted">Log in to keep building your worlds.</p>
        )}
        <Field label="Username or email" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" required autoFocus={!known} />
        <Field label="Password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required autoFocus={!!known} />
        <ErrorMessage error={error} />
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
        <p className="muted small">
          New here? <Link to="/register">Create an account</Link>
        </p>
      </form>
    </div>
  );
}
