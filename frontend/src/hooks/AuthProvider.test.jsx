import { fireEvent, render, screen } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { auth } from '../services/api.js';
import { queryKeys } from '../services/queries.js';
import { createTestQueryClient } from '../test/utils.jsx';
import AuthProvider from './AuthProvider.jsx';
import { useAuth } from './useAuth.js';

afterEach(() => vi.restoreAllMocks());

function Probe() {
  const { user, login, logout } = useAuth();
  return (
    <>
      <p>{user ? user.username : 'nobody'}</p>
      <button type="button" onClick={() => login('ayla', 'secret123')}>Log in</button>
      <button type="button" onClick={logout}>Log out</button>
    </>
  );
}

function renderProvider() {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(queryKeys.worlds.detail('w1'), { world_id: 'w1', name: 'Private isle' });
  render(
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <Probe />
      </AuthProvider>
    </QueryClientProvider>,
  );
  return queryClient;
}

describe('AuthProvider', () => {
  it('drops the cached answers of the previous user on login and logout', async () => {
    vi.spyOn(auth, 'login').mockResolvedValue({ success: true, token: 't1', user: { user_id: 'u1', username: 'ayla' } });
    const queryClient = renderProvider();
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByText('ayla')).toBeInTheDocument();
    expect(queryClient.getQueryData(queryKeys.worlds.detail('w1'))).toBeUndefined();

    queryClient.setQueryData(queryKeys.worlds.detail('w1'), { world_id: 'w1', name: 'Private isle' });
    fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    expect(screen.getByText('nobody')).toBeInTheDocument();
    expect(queryClient.getQueryData(queryKeys.worlds.detail('w1'))).toBeUndefined();
  });
});
