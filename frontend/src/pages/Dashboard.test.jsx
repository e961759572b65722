import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as api from '../services/api.js';
import { client } from '../services/api.js';
import Dashboard from './Dashboard.jsx';
import { owner, renderAt } from '../test/utils.jsx';

afterEach(() => vi.restoreAllMocks());

const stats = {
  total_worlds: 3,
  total_stories: 7,
  total_entities: 12,
  total_locations: 4,
  has_gpt: false,
  gpt_provider: 'offline',
  storage_type: 'tinydb',
  breakdown: { worlds: { private: 2, shared: 0, public: 1 }, stories: { private: 5, shared: 1, public: 1 } },
  user_quota: { worlds: { current: 1, limit: 5 }, stories: { current: 1, limit: 50 } },
};

describe('Dashboard', () => {
  it('shows counts, quotas and the offline AI mode', async () => {
    vi.spyOn(client, 'request').mockResolvedValue({ data: stats, headers: {} });
    renderAt(<Dashboard />, { user: owner });
    expect(await screen.findByText('12')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Public worlds quota' })).toHaveAttribute('aria-valuenow', '1');
    expect(screen.getByText('1 / 5')).toBeInTheDocument();
    expect(screen.getByText(/Offline mode/)).toBeInTheDocument();
    expect(screen.getByText(owner.user_id)).toBeInTheDocument();
    expect(client.request).toHaveBeenCalledWith(expect.objectContaining({ method: 'GET', url: '/stats' }));
  });

  it('shows an error with a retry button', async () => {
    vi.spyOn(client, 'request')
      .mockRejectedValueOnce(new api.ApiError({ message: 'Network Error', isAxiosError: true }))
      .mockResolvedValue({ data: stats, headers: {} });
    renderAt(<Dashboard />, { user: owner });
    expect(await screen.findByRole('alert')).toHaveTextContent(/Cannot reach the server/);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('12')).toBeInTheDocument();
  });

  it('makes every counter a link to what it counts, and names no storage or provider', async () => {
    vi.spyOn(client, 'request').mockResolvedValue({ data: stats, headers: {} });
    renderAt(<Dashboard />, { user: owner });
    expect(await screen.findByRole('link', { name: /^7\s*Stories$/ })).toHaveAttribute('href', '/stories');
    expect(screen.getByRole('link', { name: /^3\s*Worlds$/ })).toHaveAttribute('href', '/worlds');
    expect(screen.getByRole('link', { name: /^12\s*Characters$/ })).toHaveAttribute('href', '/worlds');
    expect(screen.getByRole('link', { name: /^4\s*Locations$/ })).toHaveAttribute('href', '/worlds');
    expect(document.body.textContent).not.toMatch(/tinydb|Storage|provider/i);
  });
});

describe('Landing (logged out)', () => {
  it('says what Worldsmith does and shows public worlds without zero counts', async () => {
    const publicWorld = { ...stats, world_id: 'w9', name: 'Ashfall', description: 'Ash over [[Mara]]', world_type: 'fantasy', visibility: 'public', stories: ['s1', 's2'], entities: [], locations: [] };
    vi.spyOn(client, 'request').mockResolvedValue({ data: [publicWorld], headers: { 'x-total-count': '1' } });
    renderAt(<Dashboard />, { user: null });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(/Build worlds/);
    expect(screen.getByRole('link', { name: /Start writing/ })).toHaveAttribute('href', '/register');
    const card = await screen.findByRole('link', { name: /Ashfall/ });
    expect(card).toHaveAttribute('href', '/worlds/w9');
    expect(card).toHaveTextContent('2 stories');
    expect(card).toHaveTextContent('Ash over Mara');
    expect(card.textContent).not.toMatch(/\b0\b/);
    expect(document.body.textContent).not.toMatch(/tinydb|Storage/i);
    expect(client.request).toHaveBeenCalledWith(expect.objectContaining({ method: 'GET', url: '/worlds' }));
    expect(client.request).not.toHaveBeenCalledWith(expect.objectContaining({ url: '/stats' }));
  });
});

describe('ChangePasswordForm', () => {
  it('changes the password and shows the API message', async () => {
    vi.spyOn(client, 'request').mockResolvedValue({ data: stats, headers: {} });
    const post = vi.spyOn(api.auth, 'changePassword').mockResolvedValue({ success: true, message: 'Password changed', token: 'fresh-token' });
    renderAt(<Dashboard />, { user: owner });
    fireEvent.click(await screen.findByRole('button', { name: 'Change password' }));
    fireEvent.change(screen.getByLabelText('Current password'), { target: { value: 'old-password' } });
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'new-password-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save password' }));
    expect(await screen.findByText('Password changed')).toBeInTheDocument();
    expect(post).toHaveBeenCalledWith({ old_password: 'old-password', new_password: 'new-password-1' });
    expect(api.getToken()).toBe('fresh-token');
  });
});
