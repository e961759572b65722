import { Link } from 'react-router-dom';
import { entryPath } from '../utils/entries.js';

/** Where a location sits: its parents as a breadcrumb (root first). */
export function LocationBreadcrumb({ worldId, breadcrumb }) {
  if (!breadcrumb || !breadcrumb.length) return null;
  return (
    <nav className="location-path small" aria-label="Inside">
      <span className="muted">In </span>
      {breadcrumb.map((b, i) => (
        <span key={b.id}>
          {i > 0 && <span aria-hidden="true"> › </span>}
          <Link to={entryPath(worldId, b.id)}>{b.name}</Link>
        </span>
      ))}
    </nav>
  );
}

/** The places directly inside a location. */
export function LocationChildren({ worldId, items }) {
  if (!items || !items.length) return null;
  return (
    <section className="entry-section" aria-labelledby="entry-children-h">
      <h2 id="entry-children-h">Places inside</h2>
      <ul className="chips" aria-label="Places inside">
        {items.map((c) => (
          <li key={c.id}>
            <Link to={entryPath(worldId, c.id)} className="chip chip-location">
              {c.name}
              {c.location_type && <span className="muted small"> · {c.location_type}</span>}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
