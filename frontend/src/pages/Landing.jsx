import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { queries } from '../services/queries.js';
import { plural, worldCounts } from '../utils/options.js';
import { plainMentions } from '../utils/mentions.js';
import Badge from '../components/Badge.jsx';
import Loading from '../components/Loading.jsx';
import { useTitle } from '../hooks/useTitle.js';

const FEATURES = [
  ['A codex for your world', 'Characters, places, factions, items and lore, each with its own page, fields, pictures and family tree.'],
  ['Stories that know your world', 'Write chapters in Markdown; [[Name]] links a character or place, and every entry lists where it appears.'],
  ['Timelines and maps of relations', 'Dated events in your own calendar, and a graph of who is related to whom.'],
  ['An AI helper, if you want one', 'It can suggest descriptions, find the names in a chapter and draft a timeline. You decide what stays.'],
  ['Write together', 'Invite co-authors and readers; keep a world private, share it, or publish it for everyone.'],
];

const PUBLIC_SHOWN = 6;

/** The front page for visitors who are not logged in: what Worldsmith does, and worlds to read. */
export default function Landing() {
  useTitle('Build worlds, tell stories');
  const { data, isPending } = useQuery(queries.worlds({ per_page: PUBLIC_SHOWN }));
  const shown = (data && data.items) || [];

  return (
    <div className="page landing">
      <section className="landing-hero">
        <h1>Build worlds. Tell their stories.</h1>
        <p className="lead">
          Worldsmith keeps everything about your fictional world in one place — its people, places, history and the
          stories set in it — so you can write without losing track.
        </p>
        <div className="actions">
          <Link to="/register" className="btn btn-primary">
            Start writing, free
          </Link>
          <Link to="/login" className="btn">
            Log in
          </Link>
        </div>
      </section>

      <ul className="landing-features">
        {FEATURES.map(([title, text]) => (
          <li key={title} className="card">
            <h2>{title}</h2>
            <p>{text}</p>
          </li>
        ))}
      </ul>

      <section aria-labelledby="public-worlds">
        <div className="page-head">
          <h2 id="public-worlds">Worlds to explore</h2>
          {data && data.total > shown.length && (
            <Link to="/worlds">See all {plural(data.total, 'public world')}</Link>
          )}
        </div>
        {isPending && <Loading label="Loading worlds…" />}
        {data && shown.length === 0 && (
          <p className="muted">No one has published a world yet. Yours could be the first.</p>
        )}
        <ul className="card-grid">
          {shown.map((w) => (
            <li key={w.world_id}>
              <Link to={`/worlds/${w.world_id}`} className="card world-card">
                <div className="world-card-head">
                  <h3>{w.name}</h3>
                  <Badge tone={w.world_type}>{w.world_type}</Badge>
                </div>
                {w.description && <p className="clamp-3">{plainMentions(w.description)}</p>}
                {worldCounts(w).length > 0 && <p className="muted small">{worldCounts(w).join(' · ')}</p>}
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
