import { useState } from 'react';
import Modal from './Modal.jsx';
import Field from './Field.jsx';
import ErrorMessage from './ErrorMessage.jsx';

/**
 * "Sign in again", over the page whose request failed: the page and its forms stay as they are.
 * `username` is the account that was signed in (fixed, so the work is saved under it); `onSignIn`
 * resolves once signed in, `onCancel` keeps the page without signing in.
 */
export default function SignInDialog({ username, onSignIn, onCancel }) {
  const [name, setName] = useState(username || '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSignIn(name.trim(), password);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <Modal
      title="Sign in again"
      description="Your session ended. Sign in to carry on: the page stays as it is and nothing you typed is lost."
      onClose={busy ? undefined : onCancel}
      className="signin-dialog"
    >
      <form onSubmit={submit} aria-label="Sign in again" className="form">
        <Field
          label={username ? 'Account' : 'Username or email'}
          value={name}
          onChange={(e) => setName(e.target.value)}
          readOnly={!!username}
          autoComplete="username"
          required
          hint={username ? 'Sign in with the same account to save your work.' : undefined}
        />
        <Field
          label="Password"
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          required
          data-autofocus=""
        />
        <ErrorMessage error={error} />
        <div className="actions modal-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in and continue'}
          </button>
          <button type="button" className="btn btn-ghost" onClick={onCancel} disabled={busy}>
            Not now
          </button>
        </div>
      </form>
    </Modal>
  );
}
