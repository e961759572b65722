import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { AuthContext } from '../hooks/authContext.js';

export const owner = { user_id: 'u-owner', username: 'ayla', role: 'user' };
export const friend = { user_id: 'u-friend', username: 'borin', role: 'user' };

/** Render `ui` at `path` (matching `route`) with a fake logged-in user. */
export function renderAt(ui, { user = owner, path = '/', route = '*' } = {}) {
  return render(
    <AuthContext.Provider value={{ user, ready: true, login: async () => user, register: async () => user, logout: () => {} }}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path={route} element={ui} />
          <Route path="*" element={<p>elsewhere</p>} />
        </Routes>
      </MemoryRouter>
    </AuthContext.Provider>,
  );
}

export const list = (items) => ({ items, total: items.length });
