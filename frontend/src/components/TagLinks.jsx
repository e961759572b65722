import { Link } from 'react-router-dom';

/** Tags as chips, each a link to the list filtered by it (`to(tag)` makes the address). */
export default function TagLinks({ tags, to, label = 'Tags' }) {
  if (!tags || !tags.length) return null;
  return (
    <ul className="chips tag-chips" aria-label={label}>
      {tags.map((tag) => (
        <li key={tag}>
          <Link to={to(tag)} className="chip chip-tag" aria-label={`Tag: ${tag}`}>
            #{tag}
          </Link>
        </li>
      ))}
    </ul>
  );
}
