import { Link } from 'react-router-dom';
import { activitySentence, appPath, timeAgo } from '../../utils/people.js';
import Avatar from './Avatar.jsx';

/** One thing a member did: who, what (a link to it while it exists), where and when. */
export default function ActivityItem({ item, showWorld = false }) {
  const to = item.action === 'deleted' ? null : appPath(item.link);
  const sentence = activitySentence(item);
  return (
    <li className="activity-item" data-testid="activity-item">
      <Avatar person={item.actor} size="small" />
      <div className="activity-text">
        {to ? <Link to={to}>{sentence}</Link> : <span>{sentence}</span>}
        <span className="muted small">
          {showWorld && item.world_name ? ` · ${item.world_name}` : ''}
          {' · '}
          <time dateTime={item.created_at} title={item.created_at}>
            {timeAgo(item.created_at)}
          </time>
        </span>
      </div>
    </li>
  );
}
