import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import Invitations from './Invitations.jsx';
import InvitationsLink from '../components/people/InvitationsLink.jsx';
import { friend, renderAt } from '../test/utils.jsx';
import { reply, serve } from '../test/http.js';

const inviter = { user_id: 'u-owner', username: 'ayla', display_name: 'Ayla Storm', avatar_url: null };
const invitation = (id, world, role = 'co_author') => ({
  invitation_id: id,
  world_id: `w-${id}`,
  world_name: world,
  inviter,
  invitee_display: 'borin',
  role,
  status: 'pending',
  created_at: '2030-01-01T00:00:00Z',
  expires_at: '2030-01-15T00:00:00Z',
});

describe('Invitations', () => {
  it('lists my invitations; accepting one links to the world and takes it off the list', async () => {
    let open = [invitation('i1', 'Eldoria'), invitation('i2', 'Quần đảo Đèn Biển', 'reader')];
    const sent = serve({
      'GET /invitations': () => ({ success: true, invitations: open }),
      'POST /invitations/i1/accept': () => {
        open = open.filter((i) => i.invitation_id !== 'i1');
        return { success: true, world_id: 'w-i1', role: 'co_author' };
      },
    });
    renderAt(<Invitations />, { user: friend });
    const cards = await screen.findAllByTestId('invitation');
    expect(cards).toHaveLength(2);
    expect(cards[0]).toHaveTextContent('Ayla Storm invites you to Eldoria as co-author.');
    expect(cards[1]).toHaveTextContent('as reader');
    fireEvent.click(within(cards[0]).getByRole('button', { name: 'Accept the invitation to Eldoria' }));
    expect(await screen.findByRole('link', { name: 'Open Eldoria' })).toHaveAttribute('href', '/worlds/w-i1');
    await waitFor(() => expect(screen.getAllByTestId('invitation')).toHaveLength(1));
    expect(sent.find((r) => r.method === 'POST').url).toBe('/invitations/i1/accept');
  });

  it('declines, and says when an invitation can no longer be answered', async () => {
    const sent = serve({
      'GET /invitations': { success: true, invitations: [invitation('i1', 'Eldoria'), invitation('i2', 'Avalon')] },
      'POST /invitations/i1/decline': { success: true, invitation: { ...invitation('i1', 'Eldoria'), status: 'declined' } },
      'POST /invitations/i2/accept': reply(409, { success: false, error: 'This invitation has expired.', code: 'invitation_expired' }),
    });
    renderAt(<Invitations />, { user: friend });
    const cards = await screen.findAllByTestId('invitation');
    fireEvent.click(within(cards[0]).getByRole('button', { name: 'Decline the invitation to Eldoria' }));
    expect(await screen.findByText('You declined the invitation to Eldoria.')).toBeInTheDocument();
    fireEvent.click(within(cards[1]).getByRole('button', { name: 'Accept the invitation to Avalon' }));
    expect(await within(cards[1]).findByRole('alert')).toHaveTextContent('This invitation has expired.');
    expect(sent.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual(['/invitations/i1/decline', '/invitations/i2/accept']);
  });

  it('says when there are none', async () => {
    serve({ 'GET /invitations': { success: true, invitations: [] } });
    renderAt(<Invitations />, { user: friend });
    expect(await screen.findByText('No invitations right now.')).toBeInTheDocument();
  });
});

describe('InvitationsLink', () => {
  it('shows how many invitations wait, and no badge when none', async () => {
    serve({ 'GET /invitations': { success: true, invitations: [invitation('i1', 'Eldoria'), invitation('i2', 'Avalon')] } });
    const first = renderAt(<InvitationsLink />, { user: friend });
    expect(await screen.findByTestId('invitations-badge')).toHaveTextContent('2 waiting');
    expect(screen.getByRole('link', { name: 'Invitations 2 waiting' })).toHaveAttribute('href', '/invitations');
    first.unmount();
    serve({ 'GET /invitations': { success: true, invitations: [] } });
    renderAt(<InvitationsLink />, { user: friend });
    await screen.findByRole('link', { name: 'Invitations' });
    await new Promise((r) => setTimeout(r, 30));
    expect(screen.queryByTestId('invitations-badge')).not.toBeInTheDocument();
  });
});
