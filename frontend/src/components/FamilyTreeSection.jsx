import { useQuery } from '@tanstack/react-query';
import { queries } from '../services/queries.js';
import FamilyTree from './FamilyTree.jsx';

/** The family tree of a character, from its "parent of" and "spouse of" relations; nothing while it has no family. */
export default function FamilyTreeSection({ entry, worldId }) {
  const { data, error } = useQuery(queries.familyTree(worldId, entry.id));
  if (error && error.status !== 404) return <p className="muted small">The family tree could not be loaded: {error.message}</p>;
  if (!data || !data.people || data.people.length < 2) return null;
  return (
    <section className="entry-section" aria-labelledby="entry-family-h">
      <h2 id="entry-family-h">Family tree</h2>
      <FamilyTree tree={data} worldId={worldId} />
    </section>
  );
}
