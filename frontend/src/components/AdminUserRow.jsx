import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { admin } from '../services/api.js';
import { queryKeys } from '../services/queries.js';

export default function AdminUserRow({ user, roles, isSelf, canChangeRole }) {
  const [reason, setReason] = useState('');
  // the role just picked shows until the refreshed list confirms it, or the change fails
  const [picked, setPicked] = useState(null);
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: ({ role, banned }) => (role ? admin.setRole(user.user_id, role) : admin.ban(user.user_id, banned, banned ? reason : '')),
    // the user list and the admin counts (banned users) both change
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.admin.all() }),
    onSettled: () => setPicked(null),
  });
  const busy = change.isPending;
  const error = change.error;
  const role = picked || user.role;
  const banned = !!(user.banned || (user.metadata && user.metadata.banned));

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
            setPicked(e.target.value);
            change.mutate({ role: e.target.value });
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
              onClick={() => change.mutate({ banned: !banned })}
            >
              {banned ? 'Unban' : 'Ban'}
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}
