import { act, render, screen } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { auth } from '../services/api.js';
import { queryKeys } from '../services/queries.js';
import { createTestQueryClient } from '../test/utils.jsx';
import AuthProvider from './AuthProvider.jsx';
import { useAuth } from './useAuth.js';

afterEach(() => vi.restoreAllMocks());

let session;
function Probe() {
  session = useAuth();
  return <p>{session.user ? session.user.username : 'nobody'}</p>;
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
    await act(() => session.login('ayla', 'secret123'));
    expect(screen.getByText('ayla')).toBeInTheDocument();
    expect(queryClient.getQueryData(queryKeys.worlds.detail('w1'))).toBeUndefined();

    queryClient.setQueryData(queryKeys.worlds.detail('w1'), { world_id: 'w1', name: 'Private isle' });
    act(() => session.logout());
    expect(screen.getByText('nobody')).toBeInTheDocument();
    expect(queryClient.getQueryData(queryKeys.worlds.detail('w1'))).toBeUndefined();
  });
});
