import { Link } from 'react-router-dom';
import Badge from './Badge.jsx';
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
              <span>{(s.entities || []).length} characters</span>
              <span>{(s.locations || []).length} places</span>
              {typeof s.time_index === 'number' && <span>time {s.time_index}</span>}
              <Badge tone={s.visibility}>{s.visibility}</Badge>
            </div>
          </Link>
        </li>
      ))}
    </ul>
  );
}
