import { useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { stories } from '../services/api.js';
import { queries, queryKeys, storyChanged, worldChanged } from '../services/queries.js';
import { canEdit, canWrite, useAuth } from '../hooks/useAuth.js';
import { formatDate } from '../utils/options.js';
import { wordsLabel } from '../utils/wordCount.js';
import { calendarOf, formatWorldDate } from '../utils/calendar.js';
import MarkdownView from '../components/MarkdownView.jsx';
import TagLinks from '../components/TagLinks.jsx';
import Loading from '../components/Loading.jsx';
import ErrorMessage from '../components/ErrorMessage.jsx';
import Badge from '../components/Badge.jsx';
import ConfirmButton from '../components/ConfirmButton.jsx';
import StoryForm from '../components/StoryForm.jsx';
import StoryAIPanel from '../components/StoryAIPanel.jsx';
import StoryReview from '../components/StoryReview.jsx';
import ConsistencyPanel from '../components/consistency/ConsistencyPanel.jsx';
import { findEditor } from '../components/consistency/editorSpan.js';
import NotFound from './NotFound.jsx';
import Icon from '../components/Icon.jsx';
import { useTitle } from '../hooks/useTitle.js';
import { useUndoDelete } from '../hooks/useUndoDelete.js';

function idOf(x, key) {
  return typeof x === 'string' ? x : x && (x[key] || x.id);
}

export default function StoryDetail() {
  const { storyId } = useParams();
  const { user } = useAuth();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const pageRoot = useRef(null); // holds the story editor while editing: the consistency panel selects and fixes in it
  const queryClient = useQueryClient();
  const undoDelete = useUndoDelete();
  const { data: story, error, isPending, refetch } = useQuery(queries.story(storyId));
  useTitle(story ? story.title : 'Story');
  // The world's name and the names of what the story links to; the page works without them.
  const worldId = story && story.world_id;
  const world = useQuery({ ...queries.world(worldId), enabled: !!worldId }).data;
  const chars = useQuery({ ...queries.characters(worldId), enabled: !!worldId }).data;
  const locs = useQuery({ ...queries.locations(worldId), enabled: !!worldId }).data;
  const siblings = useQuery({ ...queries.worldStories(worldId), enabled: !!worldId }).data;
  const bookData = useQuery({ ...queries.book(story && story.book_id), enabled: !!(story && story.book_id) }).data;
  const chapterNo = bookData ? bookData.chapter_ids.indexOf(story.story_id) + 1 : 0;
  const book = chapterNo > 0 ? bookData : null;
  const update = useMutation({
    mutationFn: ({ body, version }) => stories.update(storyId, body, version),
    onSuccess: (saved) => storyChanged(queryClient, saved),
  });
  const removal = useMutation({
    mutationFn: () => stories.remove(storyId),
    onSuccess: (answer) => {
      navigate(`/worlds/${worldId}`, { replace: true });
      undoDelete(story.title, answer);
      queryClient.removeQueries({ queryKey: queryKeys.stories.detail(storyId) });
      return worldChanged(queryClient, worldId);
    },
  });

  if (isPending) return <Loading label="Loading story…" />;
  if (error && error.status === 404) return <NotFound what="story" />;
  if (error && !story)
    return (
      <div className="page">
        <ErrorMessage error={error} onRetry={() => refetch()} />
      </div>
    );

  const editable = canEdit(user, story) || canWrite(user, world); // its writer, or a co-author of its world
  const charName = Object.fromEntries(((chars && chars.items) || []).map((c) => [c.entity_id, c.name]));
  const locName = Object.fromEntries(((locs && locs.items) || []).map((l) => [l.location_id, l.name]));
  const storyTitle = Object.fromEntries(((siblings && siblings.items) || []).map((s) => [s.story_id, s.title]));
  const linkedChars = (story.entities || []).map((e) => ({ id: idOf(e, 'entity_id'), name: (e && e.name) || charName[idOf(e, 'entity_id')] }));
  const linkedLocs = (story.locations || []).map((l) => ({ id: idOf(l, 'location_id'), name: (l && l.name) || locName[idOf(l, 'location_id')] }));
  const linkedStories = (story.linked_stories || []).map((s) => ({ id: idOf(s, 'story_id'), title: (s && s.title) || storyTitle[idOf(s, 'story_id')] }));
  const wt = (story.metadata && story.metadata.world_time) || {};
  // the in-world date as the calendar writes it (the API's label, else written here), else the old year line
  const when = wt.label || formatWorldDate(story.date, calendarOf(world)) || wt.description || '';

  return (
    <div className="page" ref={pageRoot}>
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/worlds">Worlds</Link> <span aria-hidden="true">/</span>{' '}
        <Link to={`/worlds/${story.world_id}`}>{(world && world.name) || 'World'}</Link> <span aria-hidden="true">/</span>{' '}
        <span>{story.title}</span>
      </nav>
      {editing ? (
        <StoryForm
          key={storyId}
          initial={story}
          label="Edit story"
          worldId={story.world_id}
          calendar={calendarOf(world)}
          onCancel={() => {
            setEditing(false);
            storyChanged(queryClient, queryClient.getQueryData(queryKeys.stories.detail(storyId)) || story);
          }}
          aiContext={() => ({ world_description: (world && world.description) || '', characters: linkedChars.map((c) => c.name).filter(Boolean) })}
          onSubmit={async (body, { version }) => {
            await update.mutateAsync({ body, version });
            setEditing(false);
          }}
          onAutosave={async (body, { version }) => {
            const saved = await stories.update(storyId, body, version);
            queryClient.setQueryData(queryKeys.stories.detail(storyId), saved);
            return saved;
          }}
          onReloaded={(current) => queryClient.setQueryData(queryKeys.stories.detail(storyId), current)}
        />
      ) : (
        <>
          <div className="page-head">
            <div>
              <h1>{story.title}</h1>
              <div className="badges">
                {story.genre && <Badge tone="genre">{story.genre}</Badge>}
                <Badge tone={story.visibility}>{story.visibility}</Badge>
                {when ? (
                  <span className="muted small story-when">{when}</span>
                ) : (
                  <span className="muted small">Time {story.time_index ?? '–'} / 100</span>
                )}
              </div>
            </div>
            {editable && (
              <div className="actions">
                <button type="button" className="btn" onClick={() => setEditing(true)}>
                  Edit story
                </button>
                <ConfirmButton onConfirm={() => removal.mutateAsync()} label="Delete story">
                  Delete
                </ConfirmButton>
              </div>
            )}
          </div>
          <ErrorMessage error={removal.error} />
          {(book || typeof story.word_count === 'number') && (
            <p className="muted small story-book">
              {book && (
                <>
                  <Icon name="book" /> Chapter {chapterNo} of <Link to={`/books/${book.book_id}`}>{book.title}</Link> ·{' '}
                  <Link to={`/books/${book.book_id}/read/${story.story_id}`}>Read in the book</Link>
                  {typeof story.word_count === 'number' && ' · '}
                </>
              )}
              {typeof story.word_count === 'number' && wordsLabel(story.word_count)}
            </p>
          )}
          <TagLinks tags={story.tags} to={(tag) => `/worlds/${story.world_id}?tab=stories&tag=${encodeURIComponent(tag)}`} />
          {story.description && <MarkdownView text={story.description} worldId={story.world_id} className="lead" />}
          <article className="card story-content">
            {story.content ? <MarkdownView text={story.content} worldId={story.world_id} /> : <p className="muted">No story text yet.</p>}
          </article>
        </>
      )}

      <div className="grid-2">
        <section className="card" aria-labelledby="linked-heading">
          <h2 id="linked-heading">Characters and places</h2>
          {linkedChars.length === 0 && linkedLocs.length === 0 && <p className="muted">Nothing linked yet. {editable ? 'Use “Analyse” to find the names in this story.' : ''}</p>}
          {linkedChars.length > 0 && (
            <ul className="chips" aria-label="Characters">
              {linkedChars.map((c) => (
                <li key={c.id}>
                  <Link to={`/worlds/${story.world_id}/entries/${c.id}`} className="chip chip-character">
                    {c.name || 'Unknown character'}
                  </Link>
                </li>
              ))}
            </ul>
          )}
          {linkedLocs.length > 0 && (
            <ul className="chips" aria-label="Locations">
              {linkedLocs.map((l) => (
                <li key={l.id}>
                  <Link to={`/worlds/${story.world_id}/entries/${l.id}`} className="chip chip-location">
                    <Icon name="pin" size={13} /> {l.name || 'Unknown place'}
                  </Link>
                </li>
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
        {editable && <StoryAIPanel story={story} />}
      </div>
      {editable && <ConsistencyPanel story={story} getEditor={() => findEditor(pageRoot.current)} openEditor={() => setEditing(true)} />}
      {editable && <StoryReview story={story} />}
    </div>
  );
}
