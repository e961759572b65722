import { Link } from 'react-router-dom';
import { codexPath, entryPath, kindLabel, plainSummary } from '../utils/entries.js';
import { formatDate } from '../utils/options.js';
import Badge from './Badge.jsx';
import StoredImage from './StoredImage.jsx';
import TagLinks from './TagLinks.jsx';

const typeOf = (e) => (e.kind === 'location' ? (e.location_type !== 'place' ? e.location_type : '') : e.role || '');

/** Entries as small cards: thumbnail, name (the whole card opens the page), kind, a line of description, tags. */
export function CodexCards({ worldId, items }) {
  return (
    <ul className="codex-cards" aria-label="Entries">
      {items.map((e) => (
        <li key={e.id} className={`card codex-card codex-${e.kind}`} data-testid="codex-card">
          {e.image_id && <StoredImage imageId={e.image_id} variant="thumbnail" alt="" className="codex-thumb" />}
          <div className="codex-card-body">
            <h3 className="codex-name">
              <Link to={entryPath(worldId, e.id)} className="stretched">
                {e.name}
              </Link>
            </h3>
            <div className="badges">
              <Badge tone={`kind-${e.kind}`}>{kindLabel(e.kind)}</Badge>
              {typeOf(e) && <span className="muted small">{typeOf(e)}</span>}
            </div>
            {e.description && <p className="codex-summary clamp-2">{plainSummary(e.description)}</p>}
            <TagLinks tags={(e.tags || []).slice(0, 4)} to={(tag) => codexPath(worldId, { tag })} />
          </div>
        </li>
      ))}
    </ul>
  );
}

/** Entries as a compact table (long lists): one line each, the name linking to the page. */
export function CodexTable({ worldId, items }) {
  return (
    <div className="table-wrap">
      <table className="table compact codex-table">
        <caption className="sr-only">Entries</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col" className="wide-only">
              Type or role
            </th>
            <th scope="col" className="wide-only">
              Tags
            </th>
            <th scope="col" className="wide-only">
              Changed
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id} data-testid="codex-row">
              <th scope="row" className="codex-cell-name">
                <Link to={entryPath(worldId, e.id)}>{e.name}</Link>
                {e.aliases && e.aliases.length > 0 && <span className="muted small"> ({e.aliases.slice(0, 2).join(', ')})</span>}
              </th>
              <td>
                <Badge tone={`kind-${e.kind}`}>{kindLabel(e.kind)}</Badge>
              </td>
              <td className="wide-only">{typeOf(e)}</td>
              <td className="wide-only">{(e.tags || []).join(', ')}</td>
              <td className="wide-only muted">{formatDate(e.updated_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
