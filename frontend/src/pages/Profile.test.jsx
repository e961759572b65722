import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getToken, setReauthHandler, setToken } from '../services/api.js';
import Profile from './Profile.jsx';
import { owner, renderAt } from '../test/utils.jsx';
import { reply, serve } from '../test/http.js';

const me = { ...owner, email: 'ayla@example.com', display_name: '', bio: '', avatar_url: null };
const minh = { user_id: 'u-minh', username: 'minh', display_name: 'Minh', avatar_url: null };
const linh = { user_id: 'u-linh', username: 'linh', display_name: 'Linh', avatar_url: null };
const plan = {
  success: true,
  worlds: [
    { world_id: 'w1', name: 'Eldoria', co_authors: [minh, linh] },
    { world_id: 'w2', name: 'Sketches', co_authors: [] },
  ],
};

let unregister = () => {};
afterEach(() => {
  unregister();
  unregister = () => {};
});

describe('Profile', () => {
  it('saves the display name and bio', async () => {
    const sent = serve({ 'PATCH /auth/me': (req) => ({ success: true, user: { ...me, ...req.body } }) });
    renderAt(<Profile />, { user: me });
    const form = screen.getByRole('form', { name: 'Profile' });
    fireEvent.change(within(form).getByLabelText('Display name'), { target: { value: ' Ayla Storm ' } });
    fireEvent.change(within(form).getByLabelText('Bio'), { target: { value: 'Maps and myths.' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save profile' }));
    expect(await within(form).findByText('Profile saved.')).toBeInTheDocument();
    expect(sent[0]).toMatchObject({ method: 'PATCH', url: '/auth/me', body: { display_name: 'Ayla Storm', bio: 'Maps and myths.' } });
  });

  it('changes the email with the password and shows a wrong password (not a session that ended)', async () => {
    setToken('session-token');
    const signIn = vi.fn(() => Promise.resolve());
    unregister = setReauthHandler(signIn);
    const sent = serve({
      'POST /auth/change-email': (req) =>
        req.body.password === 'right-password'
          ? { success: true, user: { ...me, email: req.body.new_email } }
          : reply(401, { success: false, error: 'Wrong password', code: 'wrong_password', details: { password: 'incorrect' } }),
    });
    renderAt(<Profile />, { user: me });
    const form = screen.getByRole('form', { name: 'Change email' });
    expect(within(form).getByText('Now: ayla@example.com')).toBeInTheDocument();
    fireEvent.change(within(form).getByLabelText('New email'), { target: { value: 'ayla@new.example' } });
    fireEvent.change(within(form).getByLabelText('Password'), { target: { value: 'nope' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Change email' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Your current password is not right.');
    expect(within(form).getByText(/incorrect/i)).toBeInTheDocument();
    expect(signIn).not.toHaveBeenCalled();
    expect(getToken()).toBe('session-token');
    fireEvent.change(within(form).getByLabelText('Password'), { target: { value: 'right-password' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Change email' }));
    expect(await within(form).findByText('Email changed.')).toBeInTheDocument();
    expect(sent[1].body).toEqual({ password: 'right-password', new_email: 'ayla@new.example' });
  });

  it('deletes the account only once every owned world has a fate, sending each choice', async () => {
    const sent = serve({ 'GET /auth/me/deletion-plan': plan, 'DELETE /auth/me': { success: true } });
    renderAt(<Profile />, { user: me, path: '/profile', route: '/profile' });
    fireEvent.click(screen.getByRole('button', { name: 'Delete my account…' }));
    const form = await screen.findByRole('form', { name: 'Delete account' });
    const worlds = await within(form).findAllByTestId('deletion-world');
    expect(worlds).toHaveLength(2);
    expect(worlds[1]).toHaveTextContent('No co-author to give it to');
    const submit = within(form).getByRole('button', { name: 'Delete my account' });
    fireEvent.change(within(form).getByLabelText('Your password'), { target: { value: 'pw-123456' } });
    expect(submit).toBeDisabled();
    fireEvent.click(within(worlds[0]).getByLabelText('Give it to'));
    fireEvent.change(within(worlds[0]).getByRole('combobox', { name: 'New owner of Eldoria' }), { target: { value: 'u-linh' } });
    expect(submit).toBeDisabled();
    fireEvent.click(within(worlds[1]).getByLabelText('Delete this world'));
    expect(submit).toBeEnabled();
    fireEvent.click(submit);
    await waitFor(() => expect(sent.some((r) => r.method === 'DELETE')).toBe(true));
    expect(sent.find((r) => r.method === 'DELETE').body).toEqual({
      password: 'pw-123456',
      worlds: [
        { world_id: 'w1', action: 'transfer', to_user_id: 'u-linh' },
        { world_id: 'w2', action: 'delete' },
      ],
    });
    expect(await screen.findByText('elsewhere')).toBeInTheDocument();
  });

  it('shows a refusal of the deletion and reloads the plan when a world is unresolved', async () => {
    let reads = 0;
    serve({
      'GET /auth/me/deletion-plan': () => {
        reads += 1;
        return { success: true, worlds: [{ world_id: 'w1', name: 'Eldoria', co_authors: [] }] };
      },
      'DELETE /auth/me': reply(400, { success: false, error: 'Decide about every world you own first.', code: 'worlds_unresolved', details: { world_ids: ['w3'] } }),
    });
    renderAt(<Profile />, { user: me });
    fireEvent.click(screen.getByRole('button', { name: 'Delete my account…' }));
    const form = await screen.findByRole('form', { name: 'Delete account' });
    fireEvent.click(await within(form).findByLabelText('Delete this world'));
    fireEvent.change(within(form).getByLabelText('Your password'), { target: { value: 'pw-123456' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Delete my account' }));
    expect(
      await within(form).findByText('Choose for each of your worlds whether it is deleted or handed to a co-author first.'),
    ).toBeInTheDocument();
    await waitFor(() => expect(reads).toBe(2));
  });
});
