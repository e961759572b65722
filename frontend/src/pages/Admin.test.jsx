import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { admin, aiSettings } from '../services/api.js';
import Admin from './Admin.jsx';
import Layout from '../components/Layout.jsx';
import { owner, renderAt } from '../test/utils.jsx';

const boss = { user_id: 'u-admin', username: 'boss', role: 'admin' };
const users = [
  { user_id: 'u1', username: 'quill', email: 'q@example.com', role: 'user', banned: false },
  { user_id: 'u-admin', username: 'boss', email: 'b@example.com', role: 'admin', banned: false },
];

beforeEach(() => {
  vi.spyOn(admin, 'stats').mockResolvedValue({ success: true, stats: { total_users: 2, banned_users: 0, total_worlds: 3, public_worlds: 1, total_stories: 4, public_stories: 2 } });
  vi.spyOn(admin, 'roles').mockResolvedValue({ success: true, roles: ['admin', 'moderator', 'premium', 'user', 'guest'].map((role) => ({ role, label: role, quotas: { public_worlds: 5 } })) });
  vi.spyOn(admin, 'users').mockResolvedValue({ success: true, users, total: 2 });
  vi.spyOn(aiSettings, 'admin').mockResolvedValue({ provider: 'offline', model: 'gpt-4o-mini', allowed_models: [], prices: {}, currency: 'USD', capabilities: {} });
});
afterEach(() => vi.restoreAllMocks());

describe('Admin', () => {
  it('lists users and changes a role', async () => {
    const setRole = vi.spyOn(admin, 'setRole').mockResolvedValue({ success: true });
    renderAt(<Admin />, { user: boss });
    const select = await screen.findByLabelText('Role of quill');
    expect(screen.getByLabelText('Role of boss')).toBeDisabled(); // no demoting yourself
    fireEvent.change(select, { target: { value: 'premium' } });
    expect(select).toHaveValue('premium');
    await waitFor(() => expect(setRole).toHaveBeenCalledWith('u1', 'premium'));
  });

  it('bans with a reason', async () => {
    const ban = vi.spyOn(admin, 'ban').mockResolvedValue({ success: true });
    renderAt(<Admin />, { user: boss });
    const row = (await screen.findByText('quill')).closest('tr');
    fireEvent.change(within(row).getByLabelText('Reason to ban quill'), { target: { value: 'spam' } });
    fireEvent.click(within(row).getByRole('button', { name: 'Ban' }));
    await waitFor(() => expect(ban).toHaveBeenCalledWith('u1', true, 'spam'));
  });

  it('shows the API error of a refused change', async () => {
    vi.spyOn(admin, 'setRole').mockRejectedValue(Object.assign(new Error('Moderators cannot change roles'), { isApiError: true, status: 403 }));
    renderAt(<Admin />, { user: boss });
    const select = await screen.findByLabelText('Role of quill');
    fireEvent.change(select, { target: { value: 'guest' } });
    expect(await screen.findByRole('alert')).toHaveTextContent('Moderators cannot change roles');
    expect(select).toHaveValue('user');
  });
});

describe('Layout', () => {
  it('shows the admin link only to admins and toggles the phone menu', () => {
    const { unmount } = renderAt(<Layout />, { user: owner });
    expect(screen.queryByRole('link', { name: 'Admin' })).not.toBeInTheDocument();
    const toggle = screen.getByRole('button', { name: 'Menu' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    unmount();
    renderAt(<Layout />, { user: boss });
    expect(screen.getByRole('link', { name: 'Admin' })).toBeInTheDocument();
  });

  it('offers log in and sign up to visitors', () => {
    renderAt(<Layout />, { user: null });
    expect(screen.getByRole('link', { name: 'Log in' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign up' })).toBeInTheDocument();
  });
});
