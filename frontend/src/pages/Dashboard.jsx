import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { queries } from '../services/queries.js';
import { useAuth } from '../hooks/useAuth.js';
import Loading from '../components/Loading.jsx';
import ErrorMessage from '../components/ErrorMessage.jsx';
import QuotaBar from '../components/QuotaBar.jsx';
import CopyButton from '../components/CopyButton.jsx';
import RecentJobs from '../components/RecentJobs.jsx';
import UsageCard from '../components/ai/UsageCard.jsx';
import RecentActivity from '../components/people/RecentActivity.jsx';
import ChangePasswordForm from '../components/ChangePasswordForm.jsx';
import { useTitle } from '../hooks/useTitle.js';
import Landing from './Landing.jsx';

/** A count that opens the list it counts. */
function StatCard({ label, value, to, hint }) {
  return (
    <Link to={to} className="card stat" title={hint}>
      <span className="stat-value">{value ?? 0}</span>
      <span className="stat-label">{label}</span>
    </Link>
  );
}

/** The front page: the landing page for visitors, the writer's overview once logged in. */
export default function Dashboard() {
  const { user } = useAuth();
  return user ? <Overview user={user} /> : <Landing />;
}

function Overview({ user }) {
  const { data, error, isPending, refetch } = useQuery(queries.stats());
  useTitle('Dashboard');

  return (
    <div className="page">
      <div className="page-head">
        <div>
          <h1>{`Hello, ${user.display_name || user.username}`}</h1>
          <p className="muted">Here is what is going on in your worlds.</p>
        </div>
        <Link to="/worlds?new=1" className="btn btn-primary">
          + New world
        </Link>
      </div>

      {isPending && <Loading label="Loading statistics…" />}
      <ErrorMessage error={error} onRetry={() => refetch()} />
      {data && (
        <>
          <div className="stats-grid">
            <StatCard label="Worlds" value={data.total_worlds} to="/worlds" />
            <StatCard label="Stories" value={data.total_stories} to="/stories" />
            <StatCard label="Characters" value={data.total_entities} to="/worlds" hint="Characters live in their worlds: open one" />
            <StatCard label="Locations" value={data.total_locations} to="/worlds" hint="Places live in their worlds: open one" />
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
              <p>{data.has_gpt ? 'Connected' : 'Offline mode'}</p>
              <p className="muted small">
                {data.has_gpt
                  ? 'Descriptions, analysis and timelines are written by the AI.'
                  : 'The AI helper is not switched on here: descriptions come from templates and names are found by simple rules. Everything still works.'}
              </p>
            </section>
            <UsageCard />
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
            <RecentActivity />
            <RecentJobs />
          </div>
        </>
      )}
    </div>
  );
}
