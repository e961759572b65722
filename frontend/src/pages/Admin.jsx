import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queries } from '../services/queries.js';
import { useAuth } from '../hooks/useAuth.js';
import Loading from '../components/Loading.jsx';
import ErrorMessage from '../components/ErrorMessage.jsx';
import EmptyState from '../components/EmptyState.jsx';
import AdminUserRow from '../components/AdminUserRow.jsx';
import FilterBar from '../components/FilterBar.jsx';
import AdminAICard from '../components/ai/AdminAICard.jsx';
import { useTitle } from '../hooks/useTitle.js';

const ROLES = ['admin', 'moderator', 'premium', 'user', 'guest'];

export default function Admin() {
  const { user } = useAuth();
  useTitle('Administration');
  const [filter, setFilter] = useState({ search: '', role: '' });
  const stats = useQuery(queries.adminStats());
  const roles = useQuery(queries.adminRoles());
  const health = useQuery(queries.adminHealth());
  const server = health.data;
  const users = useQuery({
    ...queries.adminUsers({ search: filter.search || undefined, role: filter.role || undefined }),
    placeholderData: keepPreviousData, // the last result stays while a new filter loads
  });
  const s = stats.data && stats.data.stats;
  const roleList = (roles.data && roles.data.roles) || [];
  const roleNames = roleList.length ? roleList.map((r) => r.role) : ROLES;
  const userList = (users.data && users.data.users) || [];

  return (
    <div className="page">
      <h1>Administration</h1>
      <ErrorMessage error={stats.error} onRetry={() => stats.refetch()} />
      {s && (
        <div className="stats-grid">
          <div className="card stat"><span className="stat-value">{s.total_users}</span><span className="stat-label">Users</span></div>
          <div className="card stat"><span className="stat-value">{s.banned_users}</span><span className="stat-label">Banned</span></div>
          <div className="card stat"><span className="stat-value">{s.total_worlds}</span><span className="stat-label">Worlds ({s.public_worlds} public)</span></div>
          <div className="card stat"><span className="stat-value">{s.total_stories}</span><span className="stat-label">Stories ({s.public_stories} public)</span></div>
        </div>
      )}

      {server && (
        <section className="card">
          <h2>Server</h2>
          <dl className="dl">
            <dt>Storage</dt>
            <dd>
              <code>{server.storage}</code>
            </dd>
            <dt>AI provider</dt>
            <dd>
              <code>{server.gpt_provider}</code> {server.gpt_enabled ? '(connected)' : '(no AI model: templates and simple rules)'}
            </dd>
            <dt>Version</dt>
            <dd>
              <code>{server.version}</code>
            </dd>
          </dl>
        </section>
      )}

      {user.role === 'admin' && <AdminAICard />}

      <section className="card">
        <h2>Users</h2>
        <FilterBar
          label="Search users"
          placeholder="Username or email…"
          query={filter.search}
          onSearch={(text) => setFilter((f) => ({ ...f, search: text }))}
          selects={[
            {
              label: 'Role',
              all: 'All roles',
              value: filter.role,
              options: roleNames.map((r) => ({ value: r, label: r })),
              onChange: (v) => setFilter((f) => ({ ...f, role: v })),
            },
          ]}
        />
        {users.isPending && <Loading label="Loading users…" />}
        <ErrorMessage error={users.error} onRetry={() => users.refetch()} />
        {users.data && userList.length === 0 && <EmptyState title="No users match." />}
        {userList.length > 0 && (
          <div className="table-wrap">
            <table className="table table-stack">
              <thead>
                <tr>
                  <th scope="col">User</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {userList.map((u) => (
                  <AdminUserRow key={u.user_id} user={u} roles={roleNames} isSelf={u.user_id === user.user_id} canChangeRole={user.role === 'admin'} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card">
        <h2>Roles</h2>
        <ErrorMessage error={roles.error} onRetry={() => roles.refetch()} />
        {roles.isPending && <Loading />}
        <ul className="roles">
          {roleList.map((r) => (
            <li key={r.role}>
              <strong>{r.label || r.role}</strong> <span className="muted small">({r.role})</span>
              {r.description && <p className="small">{r.description}</p>}
              {r.quotas && (
                <p className="muted small">
                  Quotas: {Object.entries(r.quotas).map(([k, v]) => `${k} ${v === null || v < 0 ? '∞' : v}`).join(' · ')}
                </p>
              )}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
