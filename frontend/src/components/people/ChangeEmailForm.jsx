import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { auth } from '../../services/api.js';
import { useAuth } from '../../hooks/useAuth.js';
import Field from '../Field.jsx';
import ErrorMessage from '../ErrorMessage.jsx';

/** Change my email address (my password confirms it). */
export default function ChangeEmailForm() {
  const { user, updateUser } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const change = useMutation({
    mutationFn: (body) => auth.changeEmail(body),
    onSuccess: (answer) => {
      if (answer && answer.user && updateUser) updateUser(answer.user);
      setEmail('');
      setPassword('');
    },
  });
  const details = (change.error && change.error.details) || {};
  return (
    <form
      className="form compact-form"
      aria-label="Change email"
      onSubmit={(e) => {
        e.preventDefault();
        change.mutate({ password, new_email: email.trim() });
      }}
    >
      <h3>Email</h3>
      {user.email && <p className="muted small">Now: {user.email}</p>}
      <Field label="New email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={details.new_email} required />
      <Field label="Password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={details.password} required />
      <ErrorMessage error={change.error} />
      {change.isSuccess && (
        <p className="alert alert-success" role="status">
          Email changed.
        </p>
      )}
      <div className="actions">
        <button type="submit" className="btn btn-small btn-primary" disabled={change.isPending}>
          Change email
        </button>
      </div>
    </form>
  );
}
