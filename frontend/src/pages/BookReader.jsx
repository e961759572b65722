import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { queries } from '../services/queries.js';
import { useAuth } from '../hooks/useAuth.js';
import { useTitle } from '../hooks/useTitle.js';
import { wordsLabel } from '../utils/wordCount.js';
import MarkdownView from '../components/MarkdownView.jsx';
import Loading from '../components/Loading.jsx';
import ErrorMessage from '../components/ErrorMessage.jsx';
import EmptyState from '../components/EmptyState.jsx';
import { FONT_SIZES, WIDTHS, useReaderSettings } from '../components/books/readerSettings.js';
import { useReadingPosition } from '../components/books/useReadingPosition.js';
import NotFound from './NotFound.jsx';

function ReaderSettings({ settings }) {
  return (
    <div className="reader-settings" role="group" aria-label="Reading settings">
      <button type="button" className="btn btn-small" onClick={() => settings.update({ size: settings.size - 1 })} disabled={settings.size === 0} aria-label="Smaller text">
        A−
      </button>
      <span className="small muted" aria-live="polite">
        {settings.fontSize}px
      </span>
      <button type="button" className="btn btn-small" onClick={() => settings.update({ size: settings.size + 1 })} disabled={settings.size === FONT_SIZES.length - 1} aria-label="Larger text">
        A+
      </button>
      <label className="reader-width">
        <span className="small">Width</span>
        <select value={settings.width} onChange={(e) => settings.update({ width: e.target.value })}>
          {WIDTHS.map((w) => (
            <option key={w.value} value={w.value}>
              {w.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/** Opening the book without a chapter: where this reader stopped (or the first chapter). */
function ResumeReading({ book, signedIn }) {
  const position = useQuery({ ...queries.bookPosition(book.book_id), enabled: signedIn });
  if (signedIn && position.isPending) return <Loading label="Finding your place…" />;
  const pos = position.data;
  const known = pos && pos.story_id && book.chapter_ids.includes(pos.story_id);
  const storyId = known ? pos.story_id : book.chapter_ids[0];
  return <Navigate to={`/books/${book.book_id}/read/${storyId}`} replace state={known ? { progress: pos.progress } : null} />;
}

/**
 * The reader: one chapter at a time with a table of contents, previous and next chapter, font size
 * and line width (remembered on this device); the place reached is remembered per reader.
 */
export default function BookReader() {
  const { bookId, storyId } = useParams();
  const { user } = useAuth();
  const settings = useReaderSettings();
  const articleRef = useRef(null);
  const { data: book, error, isPending, refetch } = useQuery(queries.book(bookId));
  const story = useQuery({ ...queries.story(storyId), enabled: !!storyId });
  const chapters = (book && book.chapters) || [];
  const index = chapters.findIndex((c) => c.story_id === storyId);
  const inBook = index >= 0;
  useTitle(story.data ? `${story.data.title} · ${book ? book.title : ''}` : book ? book.title : 'Reader');
  useReadingPosition({ bookId, storyId, articleRef, enabled: !!user && inBook && !!story.data });
  const [tocOpen, setTocOpen] = useState(false);
  const navigate = useNavigate();
  const prevId = inBook && index > 0 ? chapters[index - 1].story_id : null;
  const nextId = inBook && index < chapters.length - 1 ? chapters[index + 1].story_id : null;

  // ← and → turn the chapter (not while typing in a field, nor with a modifier held)
  useEffect(() => {
    const onKey = (e) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.defaultPrevented) return;
      if (e.target.closest && e.target.closest('input, textarea, select, [contenteditable="true"]')) return;
      const to = e.key === 'ArrowLeft' ? prevId : e.key === 'ArrowRight' ? nextId : null;
      if (!to) return;
      e.preventDefault();
      navigate(`/books/${bookId}/read/${to}`);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [prevId, nextId, bookId, navigate]);

  // a chapter opens at its top, or where this reader stopped in it
  const location = useLocation();
  const restore = (location.state && location.state.progress) || 0;
  useEffect(() => {
    if (!story.data) return;
    const el = articleRef.current;
    if (restore && el) {
      const rect = el.getBoundingClientRect();
      window.scrollTo(0, window.scrollY + rect.top + restore * Math.max(0, rect.height - window.innerHeight));
    } else window.scrollTo(0, 0);
  }, [story.data, restore]);

  if (isPending) return <Loading label="Opening the book…" />;
  if (error && error.status === 404) return <NotFound what="book" />;
  if (error) return <div className="page"><ErrorMessage error={error} onRetry={() => refetch()} /></div>;
  if (chapters.length === 0)
    return (
      <div className="page narrow">
        <h1>{book.title}</h1>
        <EmptyState title="This book has no chapters to read yet." />
      </div>
    );
  if (!storyId) return <ResumeReading book={book} signedIn={!!user} />;
  if (!inBook) return <NotFound what="chapter" />;

  const prev = chapters[index - 1];
  const next = chapters[index + 1];
  const nav = (
    <nav className="reader-pager" aria-label="Chapters">
      {prev ? (
        <Link to={`/books/${bookId}/read/${prev.story_id}`} rel="prev" className="btn reader-prev">
          ← <span className="reader-pager-text">Previous: {prev.title}</span>
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link to={`/books/${bookId}/read/${next.story_id}`} rel="next" className="btn btn-primary reader-next">
          <span className="reader-pager-text">Next: {next.title}</span> →
        </Link>
      ) : (
        <Link to={`/books/${bookId}`} className="btn reader-next">
          The end · back to the book
        </Link>
      )}
    </nav>
  );

  return (
    <div className="page reader" style={{ '--reader-size': `${settings.fontSize}px`, '--reader-measure': settings.measure }}>
      <header className="reader-head">
        <Link to={`/books/${bookId}`} className="reader-book">
          {book.title}
        </Link>
        <ReaderSettings settings={settings} />
      </header>
      <details className="reader-toc" open={tocOpen} onToggle={(e) => setTocOpen(e.currentTarget.open)}>
        <summary>
          Contents · chapter {index + 1} of {chapters.length}
        </summary>
        <ol aria-label="Contents">
          {chapters.map((c, i) => (
            <li key={c.story_id}>
              <Link to={`/books/${bookId}/read/${c.story_id}`} aria-current={i === index ? 'page' : undefined} onClick={() => setTocOpen(false)}>
                {c.title || 'Untitled chapter'}
              </Link>{' '}
              <span className="small muted">{wordsLabel(c.word_count || 0)}</span>
            </li>
          ))}
        </ol>
      </details>
      <article ref={articleRef} className="reader-text" aria-labelledby="chapter-title">
        <p className="reader-chapter-no small muted">Chapter {index + 1}</p>
        <h1 id="chapter-title">{chapters[index].title}</h1>
        {story.isPending && <Loading label="Loading the chapter…" />}
        {story.error && <ErrorMessage error={story.error} onRetry={() => story.refetch()} />}
        {story.data && (story.data.content ? <MarkdownView text={story.data.content} worldId={book.world_id} /> : <p className="muted">This chapter has no text yet.</p>)}
      </article>
      {nav}
    </div>
  );
}

