import { Link } from 'react-router-dom';
import Badge from './Badge.jsx';
import { plural } from '../utils/options.js';
import Icon from './Icon.jsx';

export default function StoryList({ items, showWorld = false, worldNames = {} }) {
  return (
    <ul className="story-list">
      {items.map((s) => (
        <li key={s.story_id}>
          <Link to={`/stories/${s.story_id}`} className="card story-card">
            <div className="story-card-head">
              <h3>{s.title}</h3>
              {s.genre && <Badge tone="genre">{s.genre}</Badge>}
            </div>
            <p className="clamp-2">{s.description || <span className="muted">No description.</span>}</p>
            <div className="muted small story-card-foot">
              {showWorld && worldNames[s.world_id] && <span className="with-icon"><Icon name="globe" size={14} /> {worldNames[s.world_id]}</span>}
              <span>{plural((s.entities || []).length, 'character')}</span>
              <span>{plural((s.locations || []).length, 'place')}</span>
              {typeof s.time_index === 'number' && <span>time {s.time_index}</span>}
              <Badge tone={s.visibility}>{s.visibility}</Badge>
            </div>
          </Link>
        </li>
      ))}
    </ul>
  );
}
