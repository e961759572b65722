import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { worlds } from '../services/api.js';
import { queries, queryKeys, worldChanged } from '../services/queries.js';
import { canEdit, canWrite, useAuth, worldRole } from '../hooks/useAuth.js';
import { useWorldLive } from '../hooks/useWorldLive.js';
import { LANGUAGES, formatDate, labelOf } from '../utils/options.js';
import { calendarOf, formatWorldDate } from '../utils/calendar.js';
import Loading from '../components/Loading.jsx';
import MarkdownView from '../components/MarkdownView.jsx';
import ErrorMessage from '../components/ErrorMessage.jsx';
import Badge from '../components/Badge.jsx';
import ConfirmButton from '../components/ConfirmButton.jsx';
import EntityManager from '../components/EntityManager.jsx';
import ShareForm from '../components/ShareForm.jsx';
import WorldEditForm from '../components/WorldEditForm.jsx';
import WorldGraphTab from '../components/WorldGraphTab.jsx';
import WorldStoriesTab from '../components/WorldStoriesTab.jsx';
import WorldBooksTab from '../components/books/WorldBooksTab.jsx';
import WorldTimelineTab from '../components/WorldTimelineTab.jsx';
import WorldCodexTab from '../components/WorldCodexTab.jsx';
import WorldSettingsTab from '../components/WorldSettingsTab.jsx';
import WorldMembersTab from '../components/people/WorldMembersTab.jsx';
import WorldActivityTab from '../components/people/WorldActivityTab.jsx';
import EntryImage from '../components/EntryImage.jsx';
import NotFound from './NotFound.jsx';
import { useTitle } from '../hooks/useTitle.js';
import { useUndoDelete } from '../hooks/useUndoDelete.js';
import { useActiveTabInView } from '../hooks/useActiveTabInView.js';

const TABS = [
  { key: 'stories', label: 'Stories' },
  { key: 'books', label: 'Books' },
  { key: 'codex', label: 'Codex' },
  { key: 'characters', label: 'Characters' },
  { key: 'locations', label: 'Locations' },
  { key: 'timeline', label: 'Timeline' },
  { key: 'graph', label: 'Graph' },
  { key: 'activity', label: 'Activity', membersOnly: true },
  { key: 'members', label: 'Members', membersOnly: true },
  { key: 'share', label: 'Sharing', ownerOnly: true },
  { key: 'settings', label: 'Settings', ownerOnly: true },
];

export default function WorldDetail() {
  const { worldId } = useParams();
  const { user } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const queryClient = useQueryClient();
  const undoDelete = useUndoDelete();
  const { data: world, error, isPending, refetch } = useQuery(queries.world(worldId));
  const role = worldRole(user, world);
  useWorldLive(worldId, { enabled: Boolean(role) });
  const removal = useMutation({
    mutationFn: () => worlds.remove(worldId),
    onSuccess: (answer) => {
      navigate('/worlds', { replace: true });
      undoDelete(world.name, answer);
      queryClient.removeQueries({ queryKey: queryKeys.worlds.detail(worldId) });
      return worldChanged(queryClient, worldId);
    },
  });
  // the world's image is one field: set without If-Match, so it never overwrites what others typed
  const setImage = useMutation({
    mutationFn: (imageId) => worlds.update(worldId, { image_id: imageId }),
    onSuccess: () => worldChanged(queryClient, worldId),
  });
  useTitle(world ? world.name : 'World');
  const tabStrip = useActiveTabInView(params.get('tab'), Boolean(world));

  if (isPending) return <Loading label="Loading world…" />;
  if (error && error.status === 404) return <NotFound what="world" />;
  if (error && !world)
    return (
      <div className="page">
        <ErrorMessage error={error} onRetry={() => refetch()} />
      </div>
    );

  const manage = canEdit(user, world);
  // content (stories, entries, timeline) is written by owners and co-authors; the world itself only by its owner
  const editable = canWrite(user, world);
  const sharedWithMe = user && !editable && role === 'reader';
  const tabs = TABS.filter((t) => (!t.ownerOnly || manage) && (!t.membersOnly || role || user?.role === 'admin'));
  const tab = tabs.some((t) => t.key === params.get('tab')) ? params.get('tab') : 'stories';
  const cal = calendarOf(world);
  const today = formatWorldDate(cal.current_date || (cal.current_year !== undefined && cal.current_year !== null ? { year: cal.current_year } : null), cal);

  const selectTab = (key) => {
    const next = new URLSearchParams(params);
    next.set('tab', key);
    setParams(next, { replace: true });
  };

  return (
    <div className="page">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/worlds">Worlds</Link> <span aria-hidden="true">/</span> <span>{world.name}</span>
      </nav>
      {editing ? (
        <WorldEditForm
          world={world}
          onCancel={() => setEditing(false)}
          onSaved={() => setEditing(false)}
        />
      ) : (
        <header className={`world-header ${world.image_id ? 'has-image' : ''}`}>
          {world.image_id && <EntryImage worldId={worldId} imageId={world.image_id} name={world.name} editable={manage} onSet={(imageId) => setImage.mutateAsync(imageId)} />}
          <div className="page-head">
            <div>
              <h1>{world.name}</h1>
              <div className="badges">
                <Badge tone={world.world_type}>{world.world_type}</Badge>
                <Badge tone={world.visibility}>{world.visibility}</Badge>
                {world.language && (
                  <span className="badge badge-language" lang={world.language} title="The world's language">
                    <span className="sr-only" lang="en">
                      Language:{' '}
                    </span>
                    {labelOf(LANGUAGES, world.language)}
                  </span>
                )}
                {sharedWithMe && <Badge tone="shared">read-only · shared with you</Badge>}
                {role === 'co_author' && <Badge tone="shared">co-author</Badge>}
                {today && (
                  <span className="muted small">
                    Now: {today}
                    {cal.current_era && !(cal.eras || []).length ? ` · ${cal.current_era}` : ''}
                  </span>
                )}
              </div>
            </div>
            {manage && (
              <div className="actions">
                <button type="button" className="btn" onClick={() => setEditing(true)}>
                  Edit world
                </button>
                <ConfirmButton onConfirm={() => removal.mutateAsync()} label="Delete world" confirmLabel="Delete world and everything in it">
                  Delete
                </ConfirmButton>
              </div>
            )}
          </div>
          <ErrorMessage error={removal.error} />
          {world.description ? <MarkdownView text={world.description} worldId={world.world_id} className="world-description" /> : <p className="muted">No description yet.</p>}
          {world.updated_at && <p className="muted small">Last updated {formatDate(world.updated_at)}</p>}
          {!world.image_id && <EntryImage worldId={worldId} imageId="" name={world.name} editable={manage} onSet={(imageId) => setImage.mutateAsync(imageId)} />}
        </header>
      )}

      <div className="tabs" role="tablist" aria-label="World sections" ref={tabStrip}>
        {tabs.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            id={`tab-${t.key}`}
            aria-selected={tab === t.key}
            aria-controls={`panel-${t.key}`}
            className={`tab ${tab === t.key ? 'tab-active' : ''}`}
            tabIndex={tab === t.key ? 0 : -1}
            onClick={() => selectTab(t.key)}
            onKeyDown={(e) => {
              const i = tabs.findIndex((x) => x.key === t.key);
              const to = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
              if (to === undefined) return;
              e.preventDefault();
              const next = tabs[(to + tabs.length) % tabs.length];
              selectTab(next.key);
              document.getElementById(`tab-${next.key}`)?.focus();
            }}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'stories' && <WorldStoriesTab world={world} editable={editable} />}
        {tab === 'books' && <WorldBooksTab world={world} />}
        {tab === 'codex' && <WorldCodexTab world={world} editable={editable} />}
        {tab === 'characters' && <EntityManager worldId={world.world_id} kind="character" editable={editable} />}
        {tab === 'locations' && <EntityManager worldId={world.world_id} kind="location" editable={editable} />}
        {tab === 'timeline' && <WorldTimelineTab world={world} editable={editable} />}
        {tab === 'graph' && <WorldGraphTab world={world} />}
        {tab === 'activity' && <WorldActivityTab world={world} />}
        {tab === 'members' && <WorldMembersTab world={world} />}
        {tab === 'share' && manage && <ShareForm world={world} />}
        {tab === 'settings' && manage && <WorldSettingsTab world={world} />}
      </div>
    </div>
  );
}
