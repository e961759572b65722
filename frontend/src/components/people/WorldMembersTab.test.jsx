import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import WorldMembersTab from './WorldMembersTab.jsx';
import { friend, owner, renderAt, world } from '../../test/utils.jsx';
import { reply, serve } from '../../test/http.js';

const ownerCard = { user_id: owner.user_id, username: 'ayla', display_name: 'Ayla Storm', avatar_url: null, role: 'owner' };
const friendCard = { user_id: friend.user_id, username: 'borin', display_name: '', avatar_url: null, role: 'reader' };
const minh = { user_id: 'u-minh', username: 'Nguyễn_Minh', display_name: 'Minh', avatar_url: null, role: 'co_author' };
const members = { success: true, members: [ownerCard, minh, friendCard] };
const pending = {
  success: true,
  invitations: [{ invitation_id: 'i1', world_id: 'w1', invitee_display: 'linh@example.com', role: 'reader', status: 'pending', expires_at: '2030-01-14T00:00:00Z' }],
};
const coWorld = { ...world, co_authors: [minh.user_id] };

describe('WorldMembersTab', () => {
  it('lists the members, owner first, each with a link to their profile', async () => {
    serve({ 'GET /worlds/w1/members': members, 'GET /worlds/w1/invitations': pending });
    renderAt(<WorldMembersTab world={coWorld} />);
    const rows = await screen.findAllByTestId('member-row');
    expect(rows.map((r) => within(r).getByRole('link').textContent)).toEqual(['Ayla Storm', 'Minh', 'borin']);
    expect(within(rows[1]).getByRole('link')).toHaveAttribute('href', '/u/Nguy%E1%BB%85n_Minh');
    expect(within(rows[0]).getByText('Owner')).toBeInTheDocument();
    expect(within(rows[1]).getByRole('combobox', { name: 'Role of Minh' })).toHaveValue('co_author');
    expect(await screen.findByText('linh@example.com')).toBeInTheDocument();
  });

  it('invites by username with a role and shows the pending invitation', async () => {
    let invited = false;
    const sent = serve({
      'GET /worlds/w1/members': members,
      'GET /worlds/w1/invitations': () => (invited ? { success: true, invitations: [...pending.invitations, { invitation_id: 'i2', invitee_display: 'Nguyễn_Linh', role: 'co_author', status: 'pending' }] } : pending),
      'POST /worlds/w1/invitations': (req) => {
        invited = true;
        return reply(201, { success: true, invitation: { invitation_id: 'i2', invitee_display: req.body.invitee, role: req.body.role, status: 'pending' } });
      },
    });
    renderAt(<WorldMembersTab world={coWorld} />);
    const form = await screen.findByRole('form', { name: 'Invite someone' });
    fireEvent.change(within(form).getByLabelText('Username or email'), { target: { value: ' Nguyễn_Linh ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Invite' }));
    expect(await screen.findByText('Invitation sent to Nguyễn_Linh as co-author.')).toHaveAttribute('role', 'status');
    expect(sent.find((r) => r.method === 'POST').body).toEqual({ invitee: 'Nguyễn_Linh', role: 'co_author' });
    expect(await screen.findByText('Nguyễn_Linh')).toBeInTheDocument();
    expect(within(form).getByLabelText('Username or email')).toHaveValue('');
  });

  it('says so when nobody has that username, and asks for a name when empty', async () => {
    serve({
      'GET /worlds/w1/members': members,
      'GET /worlds/w1/invitations': pending,
      'POST /worlds/w1/invitations': reply(404, { success: false, error: 'No user is called nobody_here.', code: 'user_not_found' }),
    });
    renderAt(<WorldMembersTab world={coWorld} />);
    const form = await screen.findByRole('form', { name: 'Invite someone' });
    fireEvent.click(within(form).getByRole('button', { name: 'Invite' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Enter a username or an email address.');
    fireEvent.change(within(form).getByLabelText('Username or email'), { target: { value: 'nobody_here' } });
    fireEvent.change(within(form).getByLabelText('Role'), { target: { value: 'reader' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Invite' }));
    expect(await within(form).findByText('There is no one with that username. Check the spelling.')).toBeInTheDocument();
  });

  it('changes a role, removes a member and revokes an invitation', async () => {
    const sent = serve({
      'GET /worlds/w1/members': members,
      'GET /worlds/w1/invitations': pending,
      'PATCH /worlds/w1/members/u-minh': { success: true },
      'DELETE /worlds/w1/members/u-friend': { success: true },
      'DELETE /worlds/w1/invitations/i1': { success: true },
    });
    renderAt(<WorldMembersTab world={coWorld} />);
    fireEvent.change(await screen.findByRole('combobox', { name: 'Role of Minh' }), { target: { value: 'reader' } });
    await waitFor(() => expect(sent.some((r) => r.method === 'PATCH')).toBe(true));
    expect(sent.find((r) => r.method === 'PATCH').body).toEqual({ role: 'reader' });

    fireEvent.click(screen.getByRole('button', { name: 'Remove borin' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove borin' }));
    await waitFor(() => expect(sent.some((r) => r.method === 'DELETE' && r.url === '/worlds/w1/members/u-friend')).toBe(true));

    fireEvent.click(await screen.findByRole('button', { name: 'Revoke the invitation of linh@example.com' }));
    fireEvent.click(screen.getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(sent.some((r) => r.method === 'DELETE' && r.url === '/worlds/w1/invitations/i1')).toBe(true));
  });

  it('gives a member no management, only a way to leave', async () => {
    const sent = serve({ 'GET /worlds/w1/members': members, 'DELETE /worlds/w1/members/u-friend': { success: true } });
    renderAt(<WorldMembersTab world={coWorld} />, { user: friend, path: '/worlds/w1?tab=members', route: '/worlds/:worldId' });
    await screen.findAllByTestId('member-row');
    expect(screen.queryByRole('form', { name: 'Invite someone' })).not.toBeInTheDocument();
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
    expect(screen.queryByText('Pending invitations')).not.toBeInTheDocument();
    expect(sent.some((r) => r.url.endsWith('/invitations'))).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Leave this world' }));
    fireEvent.click(screen.getByRole('button', { name: 'Leave the world' }));
    expect(await screen.findByText('elsewhere')).toBeInTheDocument();
    expect(sent.some((r) => r.method === 'DELETE' && r.url === '/worlds/w1/members/u-friend')).toBe(true);
  });

  it('shows who a typed username names before inviting, and nobody for an unknown one; an email is not looked up', async () => {
    const sent = serve({
      'GET /worlds/w1/members': members,
      'GET /worlds/w1/invitations': pending,
      'GET /users/lookup': (req) => (req.params.username === 'minh' ? { success: true, user: minh } : reply(404, { success: false, error: 'No user has that username', code: 'user_not_found' })),
    });
    renderAt(<WorldMembersTab world={coWorld} />);
    const form = await screen.findByRole('form', { name: 'Invite someone' });
    const input = within(form).getByLabelText('Username or email');
    fireEvent.change(input, { target: { value: 'minh' } });
    expect(await within(form).findByText('@Nguyễn_Minh')).toBeInTheDocument();
    fireEvent.change(input, { target: { value: 'nobody_here' } });
    expect(await within(form).findByText('Nobody has that username.')).toBeInTheDocument();
    fireEvent.change(input, { target: { value: 'linh@example.com' } });
    await new Promise((r) => setTimeout(r, 700));
    expect(within(form).queryByText('Nobody has that username.')).not.toBeInTheDocument();
    expect(sent.filter((r) => r.url === '/users/lookup').map((r) => r.params.username)).toEqual(['minh', 'nobody_here']);
  });
});
