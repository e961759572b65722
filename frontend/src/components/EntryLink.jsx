import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { queries } from '../services/queries.js';
import { entryPath } from '../utils/entries.js';

/** A link to an entry's page, named by `name` or else read from the API (a deleted one says so). */
export default function EntryLink({ worldId, id, name, className }) {
  const { data, isError } = useQuery({ ...queries.entry(worldId, id), enabled: !name && !!id });
  const shown = name || (data && data.entry && data.entry.name);
  if (!shown && isError) return <span className="muted">(a deleted entry)</span>;
  return (
    <Link to={entryPath(worldId, id)} className={className}>
      {shown || '…'}
    </Link>
  );
}
