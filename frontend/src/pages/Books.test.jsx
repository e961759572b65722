import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { client } from '../services/api.js';
import BookReader from './BookReader.jsx';
import BookPage from './BookPage.jsx';
import { owner, renderAt } from '../test/utils.jsx';

const chapters = [
  { story_id: 's1', title: 'Một', word_count: 1200, scene_count: 1, visibility: 'private' },
  { story_id: 's2', title: 'Hai', word_count: 800, scene_count: 2, visibility: 'private' },
  { story_id: 's3', title: 'Ba', word_count: 5, scene_count: 1, visibility: 'public' },
];
const book = { book_id: 'b1', world_id: 'w1', owner_id: owner.user_id, title: 'Biên niên sử', description: '', chapter_ids: chapters.map((c) => c.story_id), chapters, word_count: 2005, version: 4 };
const world = { world_id: 'w1', name: 'Eldoria', owner_id: owner.user_id, my_role: 'owner' };

// jsdom does not scroll
beforeEach(() => {
  vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
});

/** Answers the app's requests from `routes` ("METHOD /path" -> data) and records them. */
function serve(routes) {
  const sent = [];
  client.defaults.adapter = async (config) => {
    const key = `${config.method.toUpperCase()} ${config.url}`;
    sent.push({ key, data: config.data && JSON.parse(config.data), headers: config.headers });
    const found = routes[key];
    if (found === undefined) return Promise.reject(Object.assign(new Error('Not found'), { isAxiosError: true, config, response: { status: 404, data: { error: 'Not found' }, headers: {} } }));
    const data = typeof found === 'function' ? found(config) : found;
    return { data, status: 200, statusText: 'OK', headers: {}, config };
  };
  return sent;
}

describe('BookReader', () => {
  it('opens where the reader stopped, with contents, previous and next, and remembers the place', async () => {
    const sent = serve({
      'GET /books/b1': book,
      'GET /books/b1/position': { story_id: 's2', progress: 0.4, updated_at: null },
      'GET /stories/s2': { story_id: 's2', world_id: 'w1', title: 'Hai', content: '## Bão\n\nMira **thắp** đèn.', version: 1 },
      'PUT /books/b1/position': (config) => ({ ...JSON.parse(config.data), updated_at: 'now' }),
      'GET /stories/s3': { story_id: 's3', world_id: 'w1', title: 'Ba', content: 'Hết.', version: 1 },
    });
    renderAt(<BookReader />, { path: '/books/b1/read', route: '/books/:bookId/read/:storyId?' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Hai' })).toBeInTheDocument();
    expect(screen.getByText('Chapter 2')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Bão' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Previous: Một/ })).toHaveAttribute('href', '/books/b1/read/s1');
    expect(screen.getByRole('link', { name: /Next: Ba/ })).toHaveAttribute('href', '/books/b1/read/s3');
    expect(screen.getByRole('link', { name: 'Hai' })).toHaveAttribute('aria-current', 'page');
    await waitFor(() => expect(sent.some((r) => r.key === 'PUT /books/b1/position')).toBe(true), { timeout: 4000 });
    expect(sent.find((r) => r.key === 'PUT /books/b1/position').data).toMatchObject({ story_id: 's2' });
    // → turns to the next chapter
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Ba' })).toBeInTheDocument();
  });

  it('remembers font size and width on this device', async () => {
    serve({
      'GET /books/b1': book,
      'GET /stories/s3': { story_id: 's3', world_id: 'w1', title: 'Ba', content: 'Hết.', version: 1 },
      'PUT /books/b1/position': {},
    });
    const { unmount } = renderAt(<BookReader />, { path: '/books/b1/read/s3', route: '/books/:bookId/read/:storyId?' });
    await screen.findByText('Hết.');
    expect(screen.getByRole('link', { name: /The end/ })).toHaveAttribute('href', '/books/b1');
    fireEvent.click(screen.getByRole('button', { name: 'Larger text' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Width' }), { target: { value: 'wide' } });
    expect(screen.getByText('19px')).toBeInTheDocument();
    unmount();
    renderAt(<BookReader />, { path: '/books/b1/read/s3', route: '/books/:bookId/read/:storyId?' });
    await screen.findByText('Hết.');
    expect(screen.getByText('19px')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Width' })).toHaveValue('wide');
  });
});

describe('BookPage', () => {
  it('lists the chapters with their words and the book total; a writer removes one', async () => {
    const sent = serve({
      'GET /books/b1': book,
      'GET /worlds/w1': world,
      'GET /worlds/w1/stories': [],
      'DELETE /books/b1/chapters/s3': { ...book, chapter_ids: ['s1', 's2'], chapters: chapters.slice(0, 2), word_count: 2000, version: 5 },
    });
    renderAt(<BookPage />, { path: '/books/b1', route: '/books/:bookId' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Biên niên sử' })).toBeInTheDocument();
    expect(screen.getByText('3 chapters · 2,005 words')).toBeInTheDocument();
    const list = screen.getByRole('list', { name: 'Chapters' });
    expect(list).toHaveTextContent(/1\.\s*Một\s*private\s*1,200 words/);
    expect(list).toHaveTextContent(/2\.\s*Hai\s*private\s*800 words · 2 scenes/);
    expect(screen.getByRole('button', { name: 'Move chapter 1: Một' })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Take “Ba” out of the book' }));
    await screen.findByText('2 chapters · 2,000 words');
    expect(sent.some((r) => r.key === 'DELETE /books/b1/chapters/s3')).toBe(true);
  });

  it('shows no moving handles nor removing to a reader', async () => {
    serve({ 'GET /books/b1': { ...book, owner_id: 'someone' }, 'GET /worlds/w1': { ...world, owner_id: 'someone', my_role: 'reader' } });
    renderAt(<BookPage />, { path: '/books/b1', route: '/books/:bookId' });
    await screen.findByRole('list', { name: 'Chapters' });
    await waitFor(() => expect(screen.queryByRole('button', { name: /Move chapter/ })).not.toBeInTheDocument());
    expect(screen.queryByRole('button', { name: /out of the book/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Add a chapter' })).not.toBeInTheDocument();
  });
});
