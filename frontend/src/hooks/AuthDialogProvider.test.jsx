import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClientProvider, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { beforeEach, describe, expect, it } from 'vitest';
import { client, getToken, setToken, SIGNED_OUT_MESSAGE, stories, worlds } from '../services/api.js';
import { markUnsaved } from '../services/unsaved.js';
import { createTestQueryClient } from '../test/utils.jsx';
import Login from '../pages/Login.jsx';
import AuthProvider from './AuthProvider.jsx';
import AuthDialogProvider from './AuthDialogProvider.jsx';

const ayla = { user_id: 'u1', username: 'ayla', role: 'user' };
let calls;

function respond(config, status, data) {
  const response = { data, status, statusText: String(status), headers: {}, config, request: {} };
  if (status < 400) return Promise.resolve(response);
  return Promise.reject(Object.assign(new Error(`status ${status}`), { isAxiosError: true, config, response }));
}

// The API: the token "old" has expired, "new" works; signing in as ayla with "pw" hands out "new".
beforeEach(() => {
  calls = [];
  client.defaults.adapter = (config) => {
    const token = String(config.headers.Authorization || '').replace('Bearer ', '');
    calls.push({ method: config.method, url: config.url, token, data: config.data && JSON.parse(config.data) });
    if (config.url === '/auth/login') {
      const body = JSON.parse(config.data);
      return body.password === 'pw' ? respond(config, 200, { token: 'new', user: ayla }) : respond(config, 401, { message: 'Invalid username or password' });
    }
    if (token !== 'new' && !(config.url === '/auth/me' && token === 'old')) {
      // (a little later than /auth/me, which tells who was signed in)
      return new Promise((r) => setTimeout(r, 20)).then(() => respond(config, 401, { error: 'Token expired', code: 'unauthorized' }));
    }
    if (config.url === '/auth/me') return respond(config, 200, { user: ayla });
    if (config.url.startsWith('/stories/')) return respond(config, 200, { story_id: 's1', ...JSON.parse(config.data || '{}') });
    return respond(config, 200, { world_id: 'w1', name: 'Eldoria' });
  };
  setToken('old');
});

function Writer() {
  const [text, setText] = useState('');
  const save = useMutation({ mutationFn: (content) => stories.update('s1', { content }) });
  return (
    <form
      aria-label="Story"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(text);
      }}
    >
      <label>
        Story text <textarea value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <button type="submit">Save</button>
      {save.isSuccess && <p>Saved: {save.data.content}</p>}
      {save.error && <p role="alert">{save.error.message}</p>}
    </form>
  );
}

function Reader() {
  const { data } = useQuery({ queryKey: ['w1'], queryFn: () => worlds.get('w1') });
  return <p>World: {data ? data.name : '…'}</p>;
}

function Where() {
  const location = useLocation();
  return <p data-testid="where">{location.pathname + location.search}</p>;
}

function renderApp(path = '/write') {
  const queryClient = createTestQueryClient();
  render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[path]}>
        <AuthProvider>
          <AuthDialogProvider>
            <Routes>
              <Route path="/write" element={<Writer />} />
              <Route path="/read" element={<Reader />} />
              <Route path="/login" element={<Login />} />
            </Routes>
            <Where />
          </AuthDialogProvider>
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return queryClient;
}

async function typeAndSave(text) {
  fireEvent.change(await screen.findByLabelText('Story text'), { target: { value: text } });
  await waitFor(() => expect(calls.some((c) => c.url === '/auth/me')).toBe(true));
  fireEvent.click(screen.getByRole('button', { name: 'Save' }));
  return screen.findByRole('dialog', { name: 'Sign in again' });
}

describe('signing in again when the session ends during a save', () => {
  it('opens a labelled sign-in dialog over the page, then retries the save with the new token', async () => {
    renderApp();
    const dialog = await typeAndSave('Chương một: Mira rời ngọn hải đăng.');
    expect(dialog).toHaveAccessibleDescription(/nothing you typed is lost/);
    expect(within(dialog).getByLabelText('Account')).toHaveValue('ayla');
    expect(within(dialog).getByLabelText('Account')).toHaveAttribute('readonly');
    expect(within(dialog).getByLabelText('Password')).toHaveFocus();
    expect(screen.getByLabelText('Story text')).toHaveValue('Chương một: Mira rời ngọn hải đăng.');

    fireEvent.change(within(dialog).getByLabelText('Password'), { target: { value: 'pw' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sign in and continue' }));
    expect(await screen.findByText('Saved: Chương một: Mira rời ngọn hải đăng.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    const saves = calls.filter((c) => c.method === 'patch');
    expect(saves.map((c) => c.token)).toEqual(['old', 'new']);
    expect(saves[1].data).toEqual({ content: 'Chương một: Mira rời ngọn hải đăng.' });
    expect(getToken()).toBe('new');
    expect(screen.getByTestId('where')).toHaveTextContent('/write');
  });

  it('shows a wrong password in the dialog and lets the writer try again', async () => {
    renderApp();
    const dialog = await typeAndSave('draft');
    fireEvent.change(within(dialog).getByLabelText('Password'), { target: { value: 'nope' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sign in and continue' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Invalid username or password');
    fireEvent.change(within(dialog).getByLabelText('Password'), { target: { value: 'pw' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Sign in and continue' }));
    expect(await screen.findByText('Saved: draft')).toBeInTheDocument();
  });

  it('asks once for saves that fail together, and sends each again', async () => {
    renderApp();
    await typeAndSave('one');
    await act(async () => {
      stories.update('s2', { content: 'two' }).catch(() => {});
      await Promise.resolve();
    });
    await waitFor(() => expect(calls.filter((c) => c.method === 'patch')).toHaveLength(2));
    expect(screen.getAllByRole('dialog')).toHaveLength(1);
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'pw' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in and continue' }));
    await screen.findByText('Saved: one');
    await waitFor(() => expect(calls.filter((c) => c.method === 'patch' && c.token === 'new')).toHaveLength(2));
  });

  it('"Not now" (or Escape) closes the dialog, keeps the text and says how to go on', async () => {
    renderApp();
    let dialog = await typeAndSave('kept text');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Not now' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(SIGNED_OUT_MESSAGE);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Story text')).toHaveValue('kept text');
    expect(screen.getByTestId('where')).toHaveTextContent('/write');

    // the next save asks again; Escape declines as well
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    dialog = await screen.findByRole('dialog', { name: 'Sign in again' });
    fireEvent.keyDown(within(dialog).getByLabelText('Password'), { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByLabelText('Story text')).toHaveValue('kept text');
  });

  it('keeps Tab and Shift+Tab inside the dialog', async () => {
    renderApp();
    const dialog = await typeAndSave('x');
    const notNow = within(dialog).getByRole('button', { name: 'Not now' });
    notNow.focus();
    fireEvent.keyDown(notNow, { key: 'Tab' });
    expect(within(dialog).getByLabelText('Account')).toHaveFocus();
    fireEvent.keyDown(document.activeElement, { key: 'Tab', shiftKey: true });
    expect(notNow).toHaveFocus();
  });
});

describe('a session that ends outside a save', () => {
  it('a failed read with nothing unsaved goes to the login page, which says why and comes back', async () => {
    renderApp('/read');
    await waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent('/login?next=%2Fread'));
    expect(screen.getByRole('status')).toHaveTextContent('Your session ended — sign in again.');
    expect(getToken()).toBeNull();
    expect(screen.getByLabelText('Username or email')).toHaveValue('ayla'); // who was signed in
    expect(screen.getByLabelText('Password')).toHaveFocus();
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'pw' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByText('World: Eldoria')).toBeInTheDocument();
    expect(screen.getByTestId('where')).toHaveTextContent(/^\/read$/);
  });

  it('a failed read while a form is unsaved asks to sign in where the writer is', async () => {
    markUnsaved('test-form', true);
    try {
      renderApp('/read');
      const dialog = await screen.findByRole('dialog', { name: 'Sign in again' });
      fireEvent.change(within(dialog).getByLabelText('Password'), { target: { value: 'pw' } });
      fireEvent.click(within(dialog).getByRole('button', { name: 'Sign in and continue' }));
      expect(await screen.findByText('World: Eldoria')).toBeInTheDocument();
      expect(screen.getByTestId('where')).toHaveTextContent(/^\/read$/);
    } finally {
      markUnsaved('test-form', false);
    }
  });
});
