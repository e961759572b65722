import { Link } from 'react-router-dom';
import Badge from './Badge.jsx';
import TagLinks from './TagLinks.jsx';
import { plural } from '../utils/options.js';
import { plainMentions } from '../utils/mentions.js';
import Icon from './Icon.jsx';

const storiesWithTag = (tag) => `/stories?tag=${encodeURIComponent(tag)}`;

/**
 * Story cards: the title links to the story (the whole card is its target), each tag to the list
 * of stories with it (`tagPath(tag)`, by default every story with the tag).
 */
export default function StoryList({ items, showWorld = false, worldNames = {}, tagPath = storiesWithTag }) {
  return (
    <ul className="story-list">
      {items.map((s) => {
        const when = s.metadata && s.metadata.world_time && s.metadata.world_time.label;
        return (
          <li key={s.story_id}>
            <article className="card story-card">
              <div className="story-card-head">
                <h3>
                  <Link to={`/stories/${s.story_id}`} className="story-card-link">
                    {s.title}
                  </Link>
                </h3>
                {s.genre && <Badge tone="genre">{s.genre}</Badge>}
              </div>
              <p className="clamp-2">{s.description ? plainMentions(s.description) : <span className="muted">No description.</span>}</p>
              <div className="muted small story-card-foot">
                {showWorld && worldNames[s.world_id] && <span className="with-icon"><Icon name="globe" size={14} /> {worldNames[s.world_id]}</span>}
                <span>{plural((s.entities || []).length, 'character')}</span>
                <span>{plural((s.locations || []).length, 'place')}</span>
                {when ? <span>{when}</span> : typeof s.time_index === 'number' && <span>time {s.time_index}</span>}
                <Badge tone={s.visibility}>{s.visibility}</Badge>
              </div>
              <TagLinks tags={s.tags} to={tagPath} label={`Tags of ${s.title}`} />
            </article>
          </li>
        );
      })}
    </ul>
  );
}
