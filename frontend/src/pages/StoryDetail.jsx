import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { stories, worlds } from '../services/api.js';
import { useAsync } from '../hooks/useAsync.js';
import { canEdit, useAuth } from '../hooks/useAuth.js';
import { formatDate } from '../utils/options.js';
import Loading from '../components/Loading.jsx';
import ErrorMessage from '../components/ErrorMessage.jsx';
import Badge from '../components/Badge.jsx';
import ConfirmButton from '../components/ConfirmButton.jsx';
import StoryForm from '../components/StoryForm.jsx';
import StoryAIPanel from '../components/StoryAIPanel.jsx';
import NotFound from './NotFound.jsx';
import Icon from '../components/Icon.jsx';
import { useTitle } from '../hooks/useTitle.js';

function idOf(x, key) {
  return typeof x === 'string' ? x : x && (x[key] || x.id);
}

export default function StoryDetail() {
  const { storyId } = useParams();
  const { user } = useAuth();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [deleteError, setDeleteError] = useState(null);
  const { data: story, error, loading, reload, setData } = useAsync(() => stories.get(storyId), [storyId, user && user.user_id]);
  useTitle(story ? story.title : 'Story');
  const worldId = story && story.world_id;
  const context = useAsync(async () => {
    if (!worldId) return null;
    const [world, chars, locs, siblings] = await Promise.all([
      worlds.get(worldId).catch(() => null),
      worlds.characters(worldId, { per_page: 200 }).catch(() => ({ items: [] })),
      worlds.locations(worldId, { per_page: 200 }).catch(() => ({ items: [] })),
      worlds.stories(worldId, { per_page: 200 }).catch(() => ({ items: [] })),
    ]);
    return { world, chars: chars.items, locs: locs.items, siblings: siblings.items };
  }, [worldId, story && story.updated_at, story && (story.entities || []).length, story && (story.locations || []).length]);

  if (loading && !story) return <Loading label="Loading story…" />;
  if (error && error.status === 404) return <NotFound what="story" />;
  if (error && !story)
    return (
      <div className="page">
        <ErrorMessage error={error} onRetry={reload} />
      </div>
    );
  if (!story) return null;

  const editable = canEdit(user, story);
  const ctx = context.data || {};
  const charName = Object.fromEntries((ctx.chars || []).map((c) => [c.entity_id, c.name]));
  const locName = Object.fromEntries((ctx.locs || []).map((l) => [l.location_id, l.name]));
  const storyTitle = Object.fromEntries((ctx.siblings || []).map((s) => [s.story_id, s.title]));
  const linkedChars = (story.entities || []).map((e) => ({ id: idOf(e, 'entity_id'), name: (e && e.name) || charName[idOf(e, 'entity_id')] }));
  const linkedLocs = (story.locations || []).map((l) => ({ id: idOf(l, 'location_id'), name: (l && l.name) || locName[idOf(l, 'location_id')] }));
  const linkedStories = (story.linked_stories || []).map((s) => ({ id: idOf(s, 'story_id'), title: (s && s.title) || storyTitle[idOf(s, 'story_id')] }));
  const wt = story.metadata && story.metadata.world_time;

  const remove = async () => {
    setDeleteError(null);
    try {
      await stories.remove(story.story_id);
      navigate(`/worlds/${story.world_id}`, { replace: true });
    } catch (err) {
      setDeleteError(err);
    }
  };

  return (
    <div className="page">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/worlds">Worlds</Link> <span aria-hidden="true">/</span>{' '}
        <Link to={`/worlds/${story.world_id}`}>{(ctx.world && ctx.world.name) || 'World'}</Link> <span aria-hidden="true">/</span>{' '}
        <span>{story.title}</span>
      </nav>
      {editing ? (
        <StoryForm
          initial={story}
          label="Edit story"
          onCancel={() => setEditing(false)}
          aiContext={() => ({ world_description: (ctx.world && ctx.world.description) || '', characters: linkedChars.map((c) => c.name).filter(Boolean) })}
          onSubmit={async (body) => {
            const saved = await stories.update(story.story_id, body);
            setEditing(false);
            if (saved && saved.story_id) setData(saved);
            else reload();
          }}
        />
      ) : (
        <>
          <div className="page-head">
            <div>
              <h1>{story.title}</h1>
              <div className="badges">
                {story.genre && <Badge tone="genre">{story.genre}</Badge>}
                <Badge tone={story.visibility}>{story.visibility}</Badge>
                <span className="muted small">Time {story.time_index ?? '–'} / 100</span>
                {wt && (wt.year !== undefined || wt.description) && (
                  <span className="muted small">
                    · {wt.description || `Year ${wt.year} ${wt.year_name || ''} ${wt.era ? `(${wt.era})` : ''}`}
                  </span>
                )}
              </div>
            </div>
            {editable && (
              <div className="actions">
                <button type="button" className="btn" onClick={() => setEditing(true)}>
                  Edit story
                </button>
                <ConfirmButton onConfirm={remove} label="Delete story">
                  Delete
                </ConfirmButton>
              </div>
            )}
          </div>
          <ErrorMessage error={deleteError} />
          {story.description && <p className="lead">{story.description}</p>}
          <article className="card story-content">
            {story.content ? story.content.split(/\n{2,}/).map((para, i) => <p key={i}>{para}</p>) : <p className="muted">No story text yet.</p>}
          </article>
        </>
      )}

      <div className="grid-2">
        <section className="card" aria-labelledby="linked-heading">
          <h2 id="linked-heading">Characters and places</h2>
          {linkedChars.length === 0 && linkedLocs.length === 0 && <p className="muted">Nothing linked yet. {editable ? 'Use “Analyse and link”.' : ''}</p>}
          {linkedChars.length > 0 && (
            <ul className="chips" aria-label="Characters">
              {linkedChars.map((c) => (
                <li key={c.id} className="chip chip-character">{c.name || 'Unknown character'}</li>
              ))}
            </ul>
          )}
          {linkedLocs.length > 0 && (
            <ul className="chips" aria-label="Locations">
              {linkedLocs.map((l) => (
                <li key={l.id} className="chip chip-location"><Icon name="pin" size={13} /> {l.name || 'Unknown place'}</li>
              ))}
            </ul>
          )}
          {linkedStories.length > 0 && (
            <>
              <h3>Linked stories</h3>
              <ul className="plain-list">
                {linkedStories.map((s) => (
                  <li key={s.id}>
                    <Link to={`/stories/${s.id}`}>{s.title || 'A story'}</Link>
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className="muted small">Updated {formatDate(story.updated_at)}</p>
        </section>
        {editable && <StoryAIPanel story={story} onStory={(s) => setData(s)} />}
      </div>
    </div>
  );
}
