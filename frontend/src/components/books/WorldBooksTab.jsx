import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { books } from '../../services/api.js';
import { queries, queryKeys } from '../../services/queries.js';
import { canWrite, useAuth } from '../../hooks/useAuth.js';
import { wordsLabel } from '../../utils/wordCount.js';
import { plural } from '../../utils/options.js';
import Field from '../Field.jsx';
import Loading from '../Loading.jsx';
import ErrorMessage from '../ErrorMessage.jsx';
import EmptyState from '../EmptyState.jsx';
import Icon from '../Icon.jsx';

/** The world's books (chapters and words of each, linked to the book and its reader), and a new book for writers. */
export default function WorldBooksTab({ world }) {
  const { user } = useAuth();
  const id = world.world_id;
  const queryClient = useQueryClient();
  const writable = canWrite(user, world);
  const { data, error, isPending, refetch } = useQuery(queries.worldBooks(id));
  const [title, setTitle] = useState('');
  const create = useMutation({
    mutationFn: () => books.create(id, { title: title.trim() }),
    onSuccess: (book) => {
      setTitle('');
      queryClient.setQueryData(queryKeys.books.detail(book.book_id), book);
      return queryClient.invalidateQueries({ queryKey: queryKeys.worlds.books(id) });
    },
  });
  const items = (data && data.items) || [];

  return (
    <section aria-label="Books">
      {writable && (
        <form
          className="card form book-new"
          aria-label="New book"
          onSubmit={(e) => {
            e.preventDefault();
            if (title.trim()) create.mutate();
          }}
        >
          <div className="form-row book-new-row">
            <Field label="New book" value={title} onChange={(e) => setTitle(e.target.value)} placeholder="e.g. The Saltmarsh Cycle" maxLength={200} error={create.error && create.error.details && create.error.details.title} />
            <button type="submit" className="btn btn-primary" disabled={!title.trim() || create.isPending}>
              {create.isPending ? 'Creating…' : 'Create book'}
            </button>
          </div>
          <ErrorMessage error={create.error} />
        </form>
      )}
      {isPending && <Loading label="Loading books…" />}
      {error && <ErrorMessage error={error} onRetry={() => refetch()} />}
      {!isPending && !error && items.length === 0 && (
        <EmptyState title="No books yet.">{writable ? 'A book gathers stories as chapters, in the order you choose.' : 'Nothing to read here yet.'}</EmptyState>
      )}
      {items.length > 0 && (
        <ul className="book-list">
          {items.map((b) => (
            <li key={b.book_id} className="card book-card">
              <h3>
                <Icon name="book" /> <Link to={`/books/${b.book_id}`}>{b.title}</Link>
              </h3>
              {b.description && <p className="muted">{b.description}</p>}
              <p className="small muted">
                {plural(b.chapter_count ?? (b.chapter_ids || []).length, 'chapter')}
                {typeof b.word_count === 'number' && ` · ${wordsLabel(b.word_count)}`}
              </p>
              {(b.chapter_count ?? (b.chapter_ids || []).length) > 0 && (
                <Link to={`/books/${b.book_id}/read`} className="btn btn-small">
                  Read
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
