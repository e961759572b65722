import { useEffect, useState } from 'react';
import { admin } from '../services/api.js';

export default function AdminUserRow({ user, roles, isSelf, canChangeRole, onChanged }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [reason, setReason] = useState('');
  const [role, setRole] = useState(user.role);
  useEffect(() => setRole(user.role), [user.role]);
  const banned = !!(user.banned || (user.metadata && user.metadata.banned));

  const act = async (fn) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      await onChanged();
    } catch (err) {
      setError(err);
      setRole(user.role);
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr>
      <td data-label="User">
        <strong>{user.username}</strong>
        <div className="muted small">{user.email}</div>
        {error && <div className="field-error" role="alert">{error.message}</div>}
      </td>
      <td data-label="Role">
        <label className="sr-only" htmlFor={`role-${user.user_id}`}>Role of {user.username}</label>
        <select
          id={`role-${user.user_id}`}
          value={role}
          disabled={busy || isSelf || !canChangeRole}
          onChange={(e) => {
            const next = e.target.value;
            setRole(next);
            act(() => admin.setRole(user.user_id, next));
          }}
        >
          {roles.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
      </td>
      <td data-label="Status">{banned ? <span className="badge badge-danger">banned</span> : <span className="badge badge-ok">active</span>}</td>
      <td data-label="Actions">
        {isSelf && <span className="muted small">this is you</span>}
        {!isSelf && (
          <div className="actions nowrap">
            {!banned && (
              <>
                <label className="sr-only" htmlFor={`reason-${user.user_id}`}>Reason to ban {user.username}</label>
                <input id={`reason-${user.user_id}`} className="input-small" placeholder="Reason" value={reason} onChange={(e) => setReason(e.target.value)} />
              </>
            )}
            <button
              type="button"
              className={`btn btn-small ${banned ? '' : 'btn-danger'}`}
              disabled={busy}
              onClick={() => act(() => admin.ban(user.user_id, !banned, banned ? '' : reason))}
            >
              {banned ? 'Unban' : 'Ban'}
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}
