import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { AuthContext } from '../hooks/authContext.js';

export const owner = { user_id: 'u-owner', username: 'ayla', role: 'user' };
export const friend = { user_id: 'u-friend', username: 'borin', role: 'user' };

/** A private world of `owner`, shared with `friend`. */
export const world = {
  world_id: 'w1',
  name: 'Eldoria',
  description: 'Misty isles',
  world_type: 'fantasy',
  visibility: 'private',
  owner_id: owner.user_id,
  shared_with: [friend.user_id],
  stories: [],
  entities: [],
  locations: [],
  metadata: { calendar: { current_year: 1000, year_name: 'TA', current_era: 'Third Age' } },
};

/** A fresh cache per test; no retries, so a mocked failure shows at once. */
export function createTestQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
}

/**
 * Render `ui` at `path` (matching `route`) with a fake logged-in user and a fresh query cache.
 * Returns Testing Library's result plus that `queryClient`.
 */
export function renderAt(ui, { user = owner, path = '/', route = '*', queryClient = createTestQueryClient() } = {}) {
  const result = render(
    <QueryClientProvider client={queryClient}>
      <AuthContext.Provider value={{ user, ready: true, login: async () => user, register: async () => user, logout: () => {} }}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path={route} element={ui} />
            <Route path="*" element={<p>elsewhere</p>} />
          </Routes>
        </MemoryRouter>
      </AuthContext.Provider>
    </QueryClientProvider>,
  );
  return { ...result, queryClient };
}

export const list = (items) => ({ items, total: items.length });
