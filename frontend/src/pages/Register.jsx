import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../hooks/useAuth.js';
import Field from '../components/Field.jsx';
import ErrorMessage from '../components/ErrorMessage.jsx';
import { useTitle } from '../hooks/useTitle.js';
import { validateRegistration } from '../utils/registration.js';

export default function Register() {
  const { register } = useAuth();
  const navigate = useNavigate();
  const [form, setForm] = useState({ username: '', email: '', password: '', confirm: '' });
  const [errors, setErrors] = useState({});
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = (key) => (e) => setForm((f) => ({ ...f, [key]: e.target.value }));
  useTitle('Sign up');

  const submit = async (e) => {
    e.preventDefault();
    const local = validateRegistration({ ...form, username: form.username.trim(), email: form.email.trim() });
    setErrors(local);
    setError(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await register({ username: form.username.trim(), email: form.email.trim(), password: form.password });
      navigate('/worlds', { replace: true });
    } catch (err) {
      setError(err);
      if (err.details) setErrors(err.details);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page auth-page">
      <form className="card form auth-card" onSubmit={submit} aria-label="Create account" noValidate>
        <h1>Create your account</h1>
        <p className="muted">Start building worlds in a minute.</p>
        <Field label="Username" value={form.username} onChange={set('username')} error={errors.username} autoComplete="username" required autoFocus />
        <Field label="Email" type="email" value={form.email} onChange={set('email')} error={errors.email} autoComplete="email" required />
        <Field label="Password" type="password" value={form.password} onChange={set('password')} error={errors.password} autoComplete="new-password" required hint="At least 8 characters" />
        <Field label="Confirm password" type="password" value={form.confirm} onChange={set('confirm')} error={errors.confirm} autoComplete="new-password" required />
        <ErrorMessage error={error} />
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Creating account…' : 'Sign up'}
        </button>
        <p className="muted small">
          Already have an account? <Link to="/login">Log in</Link>
        </p>
      </form>
    </div>
  );
}
