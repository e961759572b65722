import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { search } from '../services/api.js';
import { createTestQueryClient, renderAt } from '../test/utils.jsx';
import { hitPath, snippetParts } from '../utils/search.js';
import Search from './Search.jsx';
import SearchBox from '../components/SearchBox.jsx';

afterEach(() => vi.restoreAllMocks());

const hits = [
  { type: 'entry', id: 'l1', world_id: 'w1', kind: 'location', title: 'Hà Nội', snippet: '<mark>Hà</mark> <mark>Nội</mark> &amp; the river &lt;b&gt;', score: 3 },
  { type: 'story', id: 's1', world_id: 'w1', title: 'Đêm <Hà Nội>', snippet: 'đến <mark>Hà Nội</mark> lúc &quot;bình minh&quot;', score: 2 },
  { type: 'event', id: 'e1', world_id: 'w1', title: 'Thành vỡ', snippet: '', score: 1 },
  { type: 'world', id: 'w1', world_id: 'w1', title: 'Đại Việt', snippet: 'kinh đô <mark>Hà Nội</mark>', score: 1 },
];

describe('search snippets', () => {
  it('read only <mark> as markup; everything else is text, entities decoded', () => {
    expect(snippetParts('<mark>Hà</mark> &amp; <img src=x onerror=alert(1)> &lt;script&gt; &#39;x&#x27;')).toEqual([
      { text: 'Hà', marked: true },
      { text: " & <img src=x onerror=alert(1)> <script> 'x'", marked: false },
    ]);
  });

  it('read mentions as the story does, across the marks', () => {
    const text = (html) => snippetParts(html).map((p) => (p.marked ? `<${p.text}>` : p.text)).join('');
    expect(text('Quân của [[<mark>Trần</mark> <mark>Hưng</mark> Đạo]] về [[Hà Nội|<mark>kinh đô</mark>]].')).toBe('Quân của <Trần> <Hưng> Đạo về <kinh đô>.');
    expect(text('[[<mark>Trần</mark> Hưng Đạo|ông]] và [[Hà')).toBe('ông và [[Hà');
  });

  it('link each kind of hit to its page', () => {
    expect(hits.map(hitPath)).toEqual(['/worlds/w1/entries/l1', '/stories/s1', '/worlds/w1?tab=timeline#event-e1', '/worlds/w1']);
  });
});

describe('Search page', () => {
  it('shows ranked hits with highlighted snippets, linked to their pages', async () => {
    const find = vi.spyOn(search, 'find').mockResolvedValue({ items: hits, total: 4 });
    const { container } = renderAt(<Search />, { path: '/search?q=ha%20noi' });
    expect(await screen.findByText('4 results for “ha noi”')).toHaveAttribute('role', 'status');
    expect(find).toHaveBeenCalledWith({ q: 'ha noi', types: undefined, page: 1, per_page: 20 });
    const items = within(container.querySelector('.search-results')).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('a').getAttribute('href'))).toEqual(hits.map(hitPath));
    expect(within(items[0]).getByText('location')).toBeInTheDocument();
    expect([...items[0].querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Hà', 'Nội']);
    expect(items[0]).toHaveTextContent('Hà Nội & the river <b>');
    expect(container.querySelector('.search-results b, .search-results img, .search-results script')).toBeNull();
    expect(within(items[1]).getByRole('link')).toHaveTextContent('Đêm <Hà Nội>');
    expect(items[1]).toHaveTextContent('đến Hà Nội lúc "bình minh"');
  });

  it('filters by kind of result, and asks nothing without words', async () => {
    const find = vi.spyOn(search, 'find').mockResolvedValue({ items: [], total: 0 });
    renderAt(<Search />, { path: '/search' });
    expect(screen.getByText('What are you looking for?')).toBeInTheDocument();
    expect(find).not.toHaveBeenCalled();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search everything' }), { target: { value: 'hang bac' } });
    fireEvent.submit(screen.getByRole('search'));
    await waitFor(() => expect(find).toHaveBeenLastCalledWith({ q: 'hang bac', types: undefined, page: 1, per_page: 20 }));
    fireEvent.click(screen.getByRole('button', { name: 'Entries' }));
    await waitFor(() => expect(find).toHaveBeenLastCalledWith({ q: 'hang bac', types: 'entry', page: 1, per_page: 20 }));
    expect(screen.getByRole('button', { name: 'Entries' })).toHaveAttribute('aria-pressed', 'true');
    expect(await screen.findByText('Nothing found.')).toBeInTheDocument();
  });
});

function Where() {
  const location = useLocation();
  return <p data-testid="where">{location.pathname + location.search}</p>;
}

describe('SearchBox (navigation bar)', () => {
  it('opens the results page for what is typed', () => {
    render(
      <QueryClientProvider client={createTestQueryClient()}>
        <MemoryRouter initialEntries={['/worlds']}>
          <SearchBox />
          <Routes>
            <Route path="*" element={<Where />} />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const box = screen.getByRole('searchbox', { name: 'Search everything' });
    fireEvent.submit(box.closest('form'));
    expect(screen.getByTestId('where')).toHaveTextContent('/worlds');
    fireEvent.change(box, { target: { value: '  Trần Hưng Đạo ' } });
    fireEvent.submit(box.closest('form'));
    expect(screen.getByTestId('where')).toHaveTextContent('/search?q=Tr%E1%BA%A7n+H%C6%B0ng+%C4%90%E1%BA%A1o');
  });
});
