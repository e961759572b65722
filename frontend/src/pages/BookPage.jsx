import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { books } from '../services/api.js';
import { bookChanged, queries, queryKeys, worldChanged } from '../services/queries.js';
import { canWrite, useAuth } from '../hooks/useAuth.js';
import { useTitle } from '../hooks/useTitle.js';
import { useUndoDelete } from '../hooks/useUndoDelete.js';
import { wordsLabel } from '../utils/wordCount.js';
import { plural } from '../utils/options.js';
import Field from '../components/Field.jsx';
import Loading from '../components/Loading.jsx';
import ErrorMessage from '../components/ErrorMessage.jsx';
import EmptyState from '../components/EmptyState.jsx';
import ConfirmButton from '../components/ConfirmButton.jsx';
import ChapterList from '../components/books/ChapterList.jsx';
import NotFound from './NotFound.jsx';

/** A new chapter (a new story with this title) or a story of the world in no book yet, as the last chapter. */
function AddChapter({ book, onAdded }) {
  const [title, setTitle] = useState('');
  const [storyId, setStoryId] = useState('');
  const stories = useQuery(queries.worldStories(book.world_id)).data;
  const free = ((stories && stories.items) || []).filter((s) => !s.book_id && !book.chapter_ids.includes(s.story_id));
  const add = useMutation({
    mutationFn: (body) => books.addChapter(book.book_id, body),
    onSuccess: (answer) => {
      setTitle('');
      setStoryId('');
      onAdded(answer);
    },
  });
  return (
    <form
      className="card form"
      aria-label="Add a chapter"
      onSubmit={(e) => {
        e.preventDefault();
        if (storyId) add.mutate({ story_id: storyId });
        else if (title.trim()) add.mutate({ title: title.trim() });
      }}
    >
      <h2>Add a chapter</h2>
      <div className="form-row">
        <Field label="New chapter title" value={title} onChange={(e) => { setTitle(e.target.value); setStoryId(''); }} maxLength={200} placeholder="e.g. Chapter 3: The storm" />
        {free.length > 0 && (
          <Field label="Or a story of this world" as="select" value={storyId} onChange={(e) => { setStoryId(e.target.value); setTitle(''); }}>
            <option value="">—</option>
            {free.map((s) => (
              <option key={s.story_id} value={s.story_id}>
                {s.title}
              </option>
            ))}
          </Field>
        )}
      </div>
      <ErrorMessage error={add.error} />
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={add.isPending || (!storyId && !title.trim())}>
          {add.isPending ? 'Adding…' : 'Add chapter'}
        </button>
      </div>
    </form>
  );
}

/** A book: its chapters in order with their words (writers reorder them by dragging or from the keyboard, add and remove them), and the way into the reader. */
export default function BookPage() {
  const { bookId } = useParams();
  const { user } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const undoDelete = useUndoDelete();
  const { data: book, error, isPending, refetch } = useQuery(queries.book(bookId));
  const worldId = book && book.world_id;
  const world = useQuery({ ...queries.world(worldId), enabled: !!worldId }).data;
  useTitle(book ? book.title : 'Book');
  const detail = queryKeys.books.detail(bookId);

  const reorder = useMutation({
    mutationFn: (ids) => books.reorder(bookId, ids, book.version),
    onMutate: (ids) => {
      // shown at once; the answer (or a refetch after a refusal) settles it
      const before = queryClient.getQueryData(detail);
      const byId = Object.fromEntries(before.chapters.map((c) => [c.story_id, c]));
      queryClient.setQueryData(detail, { ...before, chapter_ids: ids, chapters: ids.map((id) => byId[id]) });
      return { before };
    },
    onSuccess: (saved) => bookChanged(queryClient, saved),
    onError: () => queryClient.invalidateQueries({ queryKey: detail }),
  });
  const removeChapter = useMutation({
    mutationFn: (chapter) => books.removeChapter(bookId, chapter.story_id),
    onSuccess: (saved) => bookChanged(queryClient, saved),
  });
  const removal = useMutation({
    mutationFn: () => books.remove(bookId, book.version),
    onSuccess: (answer) => {
      navigate(`/worlds/${worldId}?tab=books`, { replace: true });
      undoDelete(book.title, answer);
      queryClient.removeQueries({ queryKey: detail });
      return worldChanged(queryClient, worldId);
    },
  });

  if (isPending) return <Loading label="Loading book…" />;
  if (error && error.status === 404) return <NotFound what="book" />;
  if (error && !book)
    return (
      <div className="page">
        <ErrorMessage error={error} onRetry={() => refetch()} />
      </div>
    );

  const writable = canWrite(user, world) || (user && book.owner_id === user.user_id);
  const chapters = book.chapters || [];
  const busy = reorder.isPending || removeChapter.isPending;

  return (
    <div className="page narrow book-page">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/worlds">Worlds</Link> <span aria-hidden="true">/</span>{' '}
        <Link to={`/worlds/${book.world_id}?tab=books`}>{(world && world.name) || 'World'}</Link> <span aria-hidden="true">/</span> <span>{book.title}</span>
      </nav>
      <div className="page-head">
        <div>
          <h1>{book.title}</h1>
          <p className="muted book-totals">
            {plural(chapters.length, 'chapter')} · {wordsLabel(book.word_count || 0)}
          </p>
        </div>
        <div className="actions">
          {chapters.length > 0 && (
            <Link to={`/books/${bookId}/read`} className="btn btn-primary">
              Read
            </Link>
          )}
          {writable && (
            <ConfirmButton onConfirm={() => removal.mutateAsync()} label="Delete book">
              Delete
            </ConfirmButton>
          )}
        </div>
      </div>
      {book.description && <p className="lead">{book.description}</p>}
      <ErrorMessage error={reorder.error || removeChapter.error || removal.error} />
      <section className="card" aria-labelledby="chapters-heading">
        <h2 id="chapters-heading">Chapters</h2>
        {writable && chapters.length > 1 && <p className="small muted">Drag a chapter by its handle, or press Space on the handle and move it with the arrow keys.</p>}
        {chapters.length === 0 ? (
          <EmptyState title="No chapters yet.">{writable ? 'Add the first one below.' : ''}</EmptyState>
        ) : (
          <ChapterList chapters={chapters} busy={busy} onReorder={writable ? (ids) => reorder.mutate(ids) : null} onRemove={writable ? (c) => removeChapter.mutate(c) : null} />
        )}
      </section>
      {writable && (
        <AddChapter
          book={book}
          onAdded={(answer) => {
            bookChanged(queryClient, answer.book);
            worldChanged(queryClient, book.world_id);
          }}
        />
      )}
    </div>
  );
}
