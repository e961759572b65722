import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { queries } from '../services/queries.js';
import { useAuth } from '../hooks/useAuth.js';
import Loading from '../components/Loading.jsx';
import ErrorMessage from '../components/ErrorMessage.jsx';
import QuotaBar from '../components/QuotaBar.jsx';
import CopyButton from '../components/CopyButton.jsx';
import RecentJobs from '../components/RecentJobs.jsx';
import RecentActivity from '../components/people/RecentActivity.jsx';
import ChangePasswordForm from '../components/ChangePasswordForm.jsx';
import { useTitle } from '../hooks/useTitle.js';

function StatCard({ label, value, to }) {
  const body = (
    <>
      <span className="stat-value">{value ?? 0}</span>
      <span className="stat-label">{label}</span>
    </>
  );
  return to ? (
    <Link to={to} className="card stat">
      {body}
    </Link>
  ) : (
    <div className="card stat">{body}</div>
  );
}

export default function Dashboard() {
  const { user } = useAuth();
  const { data, error, isPending, refetch } = useQuery(queries.stats());
  useTitle('Dashboard');

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{user ? `Hello, ${user.display_name || user.username}` : 'Worldsmith'}</h1>
          <p className="muted">
            {user ? 'Here is what is going on in your worlds.' : 'Build story worlds with characters, places and timelines — with an AI helper.'}
          </p>
        </div>
        {user ? (
          <Link to="/worlds?new=1" className="btn btn-primary">
            + New world
          </Link>
        ) : (
          <Link to="/register" className="btn btn-primary">
            Get started
          </Link>
        )}
      </div>

      {isPending && <Loading label="Loading statistics…" />}
      <ErrorMessage error={error} onRetry={() => refetch()} />
      {data && (
        <>
          <div className="stats-grid">
            <StatCard label="Worlds" value={data.total_worlds} to="/worlds" />
            <StatCard label="Stories" value={data.total_stories} to="/stories" />
            <StatCard label="Characters" value={data.total_entities} />
            <StatCard label="Locations" value={data.total_locations} />
          </div>

          <div className="grid-2">
            {data.user_quota && (
              <section className="card">
                <h2>Your quota</h2>
                <QuotaBar label="Public worlds" quota={data.user_quota.worlds} />
                <QuotaBar label="Public stories" quota={data.user_quota.stories} />
                <p className="muted small">Private and draft worlds and stories do not count.</p>
              </section>
            )}
            {data.breakdown && (
              <section className="card">
                <h2>Breakdown</h2>
                <div className="breakdown-wrap"><table className="table compact">
                  <thead>
                    <tr>
                      <th scope="col" />
                      {Object.keys(data.breakdown.worlds || {}).map((k) => (
                        <th scope="col" key={k}>
                          {k}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {Object.entries(data.breakdown).map(([kind, counts]) => (
                      <tr key={kind}>
                        <th scope="row">{kind}</th>
                        {Object.keys(data.breakdown.worlds || counts || {}).map((k) => (
                          <td key={k}>{(counts && counts[k]) ?? 0}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table></div>
              </section>
            )}
            <section className="card">
              <h2>AI helper</h2>
              <p>
                {data.has_gpt ? 'Connected' : 'Offline mode'}
                {data.gpt_provider ? (
                  <>
                    {' '}
                    · provider <code>{data.gpt_provider}</code>
                  </>
                ) : null}
              </p>
              <p className="muted small">
                {data.has_gpt
                  ? 'Descriptions, analysis and timelines are written by the AI.'
                  : 'Without an API key the app writes procedural text and finds names heuristically — everything still works.'}
              </p>
              {data.storage_type && <p className="muted small">Storage: {data.storage_type}</p>}
            </section>
            {user && (
              <section className="card">
                <h2>Your account</h2>
                <dl className="dl">
                  <dt>Role</dt>
                  <dd>{user.role}</dd>
                  <dt>User ID</dt>
                  <dd>
                    <code className="user-id">{user.user_id}</code> <CopyButton text={user.user_id} label="Copy ID" />
                  </dd>
                </dl>
                <p className="muted small">Give your user ID to a friend so they can share a world with you.</p>
                <ChangePasswordForm />
              </section>
            )}
            {user && <RecentActivity />}
            {user && <RecentJobs />}
          </div>
        </>
      )}
    </div>
  );
}
