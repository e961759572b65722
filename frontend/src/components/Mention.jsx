import { useContext, useState } from 'react';
import { createPortal } from 'react-dom';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { queries } from '../services/queries.js';
import { canWrite, useAuth } from '../hooks/useAuth.js';
import { MentionContext } from '../hooks/mentionContext.js';
import CreateEntryDialog from './CreateEntryDialog.jsx';

/**
 * One `[[name|shown]]` in rendered text: a link to the entry it resolves to; while resolving (or
 * without a world) the shown text; unresolved, marked as such, and for whoever may edit the world a
 * button that creates the entry.
 */
export default function Mention({ name, shown, children }) {
  const { worldId, resolved } = useContext(MentionContext);
  if (!worldId || resolved === undefined) return <span className="mention mention-pending">{children}</span>;
  const target = resolved[name];
  if (!target)
    return (
      <UnresolvedMention worldId={worldId} name={name} shown={shown}>
        {children}
      </UnresolvedMention>
    );
  return (
    <Link to={`/worlds/${worldId}/entries/${target.id}`} className={`mention mention-${target.kind}`} title={target.name !== name ? target.name : undefined}>
      {children}
    </Link>
  );
}

function UnresolvedMention({ worldId, name, shown, children }) {
  const { user } = useAuth();
  const world = useQuery({ ...queries.world(worldId), enabled: !!user }).data;
  const [creating, setCreating] = useState(false);
  if (!canWrite(user, world))
    return (
      <span className="mention mention-unresolved" title={`“${name}” is not in the codex`}>
        {children}
        <span className="sr-only"> (not in the codex)</span>
      </span>
    );
  return (
    <>
      <button
        type="button"
        className="mention mention-unresolved mention-create"
        aria-haspopup="dialog"
        aria-label={`${shown || name}: not in the codex yet, create entry`}
        title={`“${name}” is not in the codex yet: create it`}
        onClick={() => setCreating(true)}
      >
        {children}
        <span className="mention-plus" aria-hidden="true">+</span>
      </button>
      {/* In a portal: the mention sits inside a paragraph, which may not hold a dialog's headings and forms. */}
      {creating &&
        createPortal(<CreateEntryDialog worldId={worldId} name={name} onClose={() => setCreating(false)} />, document.body)}
    </>
  );
}
