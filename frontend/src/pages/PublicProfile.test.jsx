import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import PublicProfile from './PublicProfile.jsx';
import { renderAt } from '../test/utils.jsx';
import { reply, serve } from '../test/http.js';

describe('PublicProfile', () => {
  it('shows the name, bio and public worlds, never asking for anything private', async () => {
    const sent = serve({
      'GET /users/by-name/Nguy%E1%BB%85n_Linh': {
        success: true,
        profile: {
          user_id: 'u-linh',
          username: 'Nguyễn_Linh',
          display_name: 'Linh',
          bio: 'Viết truyện về biển.\nVà hải đăng.',
          avatar_url: null,
          worlds: [{ world_id: 'w9', name: 'Quần đảo Đèn Biển', world_type: 'fantasy', description: 'Đảo xa' }],
        },
      },
    });
    renderAt(<PublicProfile />, { path: '/u/Nguyễn_Linh', route: '/u/:username' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Linh' })).toBeInTheDocument();
    expect(screen.getByText('@Nguyễn_Linh')).toBeInTheDocument();
    expect(screen.getByText(/Viết truyện về biển/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Quần đảo Đèn Biển' })).toHaveAttribute('href', '/worlds/w9');
    expect(sent.map((r) => r.url)).toEqual(['/users/by-name/Nguy%E1%BB%85n_Linh']);
  });

  it('is a not-found page for an unknown name', async () => {
    serve({ 'GET /users/by-name/nobody': reply(404, { success: false, error: 'User not found', code: 'user_not_found' }) });
    renderAt(<PublicProfile />, { path: '/u/nobody', route: '/u/:username' });
    expect(await screen.findByRole('heading', { name: 'This person does not exist' })).toBeInTheDocument();
  });
});
