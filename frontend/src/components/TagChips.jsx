import { Link } from 'react-router-dom';
import { codexPath } from '../utils/entries.js';

/** An entry's tags, each a chip linking to the world's codex filtered by it. */
export default function TagChips({ worldId, tags, label = 'Tags' }) {
  if (!tags || !tags.length) return null;
  return (
    <ul className="chips tag-chips" aria-label={label}>
      {tags.map((tag) => (
        <li key={tag}>
          <Link to={codexPath(worldId, { tag })} className="chip chip-tag" aria-label={`Tag: ${tag}`}>
            #{tag}
          </Link>
        </li>
      ))}
    </ul>
  );
}
