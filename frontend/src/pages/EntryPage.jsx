import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { worlds } from '../services/api.js';
import { queries, queryKeys, worldChanged } from '../services/queries.js';
import { canWrite, useAuth, worldRole } from '../hooks/useAuth.js';
import { useWorldLive } from '../hooks/useWorldLive.js';
import { useTitle } from '../hooks/useTitle.js';
import { useUndoDelete } from '../hooks/useUndoDelete.js';
import { codexPath } from '../utils/entries.js';
import { sortTemplates } from '../utils/fieldValues.js';
import Loading from '../components/Loading.jsx';
import ErrorMessage from '../components/ErrorMessage.jsx';
import MarkdownView from '../components/MarkdownView.jsx';
import EntryHeader from '../components/EntryHeader.jsx';
import EntryEditForm from '../components/EntryEditForm.jsx';
import EntryFields from '../components/EntryFields.jsx';
import EntryRelations from '../components/EntryRelations.jsx';
import EntryAppearsIn from '../components/EntryAppearsIn.jsx';
import FamilyTreeSection from '../components/FamilyTreeSection.jsx';
import { LocationChildren } from '../components/LocationPlace.jsx';
import NotFound from './NotFound.jsx';
import '../styles/codex.css';

const FAMILY_KINDS = ['character', 'creature'];

/** The page of one entry of the codex (any kind), read by anyone who may see the world, edited in place by its editors. */
function EntryBody({ world, page }) {
  const { entry } = page;
  const worldId = world.world_id;
  const { user } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const undoDelete = useUndoDelete();
  const [editing, setEditing] = useState(false);
  const editable = canWrite(user, world);
  const isLocation = entry.kind === 'location';
  const templatesQuery = useQuery(queries.fieldTemplates(worldId, entry.kind));
  const templates = sortTemplates(templatesQuery.data);
  const save = (body, version) =>
    isLocation ? worlds.updateLocation(worldId, entry.id, body, version) : worlds.updateEntity(worldId, entry.id, body, version);
  const update = useMutation({ mutationFn: ({ body, version }) => save(body, version), onSuccess: () => worldChanged(queryClient, worldId) });
  const removal = useMutation({
    mutationFn: () => (isLocation ? worlds.deleteLocation(worldId, entry.id) : worlds.deleteEntity(worldId, entry.id)),
    onSuccess: (answer) => {
      navigate(codexPath(worldId), { replace: true });
      undoDelete(entry.name, answer);
      queryClient.removeQueries({ queryKey: queryKeys.worlds.entry(worldId, entry.id) });
      return worldChanged(queryClient, worldId);
    },
  });

  return (
    <>
      <EntryHeader
        page={page}
        worldId={worldId}
        editable={editable && !editing}
        onEdit={() => setEditing(true)}
        onDelete={() => removal.mutateAsync()}
        onSetImage={(imageId) => update.mutateAsync({ body: { image_id: imageId } })}
      />
      <ErrorMessage error={removal.error} />
      {editing ? (
        templatesQuery.isPending ? (
          <Loading label="Loading the form…" />
        ) : (
          <EntryEditForm
            entry={entry}
            world={world}
            templates={templates}
            onCancel={() => setEditing(false)}
            onSubmit={async (body, { version }) => {
              await update.mutateAsync({ body, version });
              setEditing(false);
            }}
            onReloaded={() => worldChanged(queryClient, worldId)}
          />
        )
      ) : (
        <>
          <section className="entry-section entry-description" aria-label="Description">
            {entry.description ? <MarkdownView text={entry.description} worldId={worldId} /> : <p className="muted">No description yet.</p>}
          </section>
          <EntryFields fields={entry.fields} templates={templates} world={world} worldId={worldId} />
        </>
      )}
      {isLocation && <LocationChildren worldId={worldId} items={page.children} />}
      <EntryRelations entry={entry} world={world} editable={editable} />
      {FAMILY_KINDS.includes(entry.kind) && <FamilyTreeSection entry={entry} worldId={worldId} />}
      <EntryAppearsIn page={page} world={world} />
    </>
  );
}

export default function EntryPage() {
  const { worldId, entryId } = useParams();
  const world = useQuery(queries.world(worldId));
  const page = useQuery(queries.entry(worldId, entryId));
  const entry = page.data && page.data.entry;
  const { user } = useAuth();
  useTitle(entry ? entry.name : 'Entry');
  // what co-authors change shows here without a reload
  useWorldLive(worldId, { enabled: Boolean(worldRole(user, world.data)) });

  if (world.isPending || page.isPending) return <Loading label="Loading entry…" />;
  const error = world.error || page.error;
  if (error && error.status === 404) return <NotFound what="entry" />;
  if (error && !(world.data && page.data))
    return (
      <div className="page">
        <ErrorMessage error={error} onRetry={() => (world.error ? world.refetch() : page.refetch())} />
      </div>
    );
  return (
    <div className="page entry-page">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/worlds">Worlds</Link> <span aria-hidden="true">/</span> <Link to={`/worlds/${worldId}`}>{world.data.name}</Link>{' '}
        <span aria-hidden="true">/</span> <Link to={codexPath(worldId)}>Codex</Link> <span aria-hidden="true">/</span> <span>{entry.name}</span>
      </nav>
      <EntryBody key={entryId} world={world.data} page={page.data} />
    </div>
  );
}
