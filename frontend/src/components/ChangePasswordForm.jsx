import { useState } from 'react';
import { auth, setToken } from '../services/api.js';
import Field from './Field.jsx';
import ErrorMessage from './ErrorMessage.jsx';

export default function ChangePasswordForm() {
  const [open, setOpen] = useState(false);
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [error, setError] = useState(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  if (!open) {
    return (
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
        Change password
      </button>
    );
  }
  const details = (error && error.details) || {};
  return (
    <form
      className="form compact-form"
      aria-label="Change password"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        setNotice('');
        if (newPassword.length < 8) {
          setError({ message: 'The new password needs at least 8 characters.', details: { new_password: 'At least 8 characters' } });
          return;
        }
        setBusy(true);
        try {
          const res = await auth.changePassword({ old_password: oldPassword, new_password: newPassword });
          // older tokens stop working after a password change; the answer carries a fresh one
          if (res && res.token) setToken(res.token);
          setNotice((res && res.message) || 'Password changed.');
          setOld('');
          setNew('');
        } catch (err) {
          setError(err);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Field label="Current password" type="password" autoComplete="current-password" value={oldPassword} onChange={(e) => setOld(e.target.value)} error={details.old_password} required />
      <Field label="New password" type="password" autoComplete="new-password" value={newPassword} onChange={(e) => setNew(e.target.value)} error={details.new_password} required />
      <ErrorMessage error={error} />
      {notice && (
        <p className="alert alert-success" role="status">
          {notice}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="btn btn-small btn-primary" disabled={busy}>
          Save password
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
    </form>
  );
}
