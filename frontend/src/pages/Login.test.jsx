import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { AuthContext } from '../hooks/authContext.js';
import Login from './Login.jsx';
import Register from './Register.jsx';
import { validateRegistration } from '../utils/registration.js';

function renderWithAuth(ui, auth) {
  return render(
    <AuthContext.Provider value={{ user: null, ready: true, logout: () => {}, ...auth }}>
      <MemoryRouter initialEntries={['/login']}>
        <Routes>
          <Route path="/login" element={ui} />
          <Route path="/register" element={ui} />
          <Route path="/worlds" element={<p>Worlds page</p>} />
        </Routes>
      </MemoryRouter>
    </AuthContext.Provider>,
  );
}

describe('Login', () => {
  it('has labelled fields and logs in', async () => {
    const login = vi.fn().mockResolvedValue({ user_id: 'u1' });
    renderWithAuth(<Login />, { login });
    fireEvent.change(screen.getByLabelText('Username or email'), { target: { value: ' ayla ' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'secret123' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(screen.getByText('Worlds page')).toBeInTheDocument());
    expect(login).toHaveBeenCalledWith('ayla', 'secret123');
  });

  it('shows the API error message', async () => {
    const login = vi.fn().mockRejectedValue(Object.assign(new Error('Invalid username or password'), { isApiError: true, status: 401 }));
    renderWithAuth(<Login />, { login });
    fireEvent.change(screen.getByLabelText('Username or email'), { target: { value: 'ayla' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'nope' } });
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Invalid username or password');
  });
});

describe('Register', () => {
  it('validates before calling the API', () => {
    expect(validateRegistration({ username: 'ab', email: 'x', password: 'short', confirm: 'other' })).toEqual({
      username: expect.any(String),
      email: expect.any(String),
      password: expect.any(String),
      confirm: expect.any(String),
    });
    expect(validateRegistration({ username: 'ayla_1', email: 'a@b.io', password: 'longenough', confirm: 'longenough' })).toEqual({});
  });

  it('shows field errors from the server details', async () => {
    const register = vi.fn().mockRejectedValue(
      Object.assign(new Error('Username already taken'), { isApiError: true, status: 409, details: { username: 'Already taken' } }),
    );
    renderWithAuth(<Register />, { register });
    fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'ayla' } });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ayla@example.com' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'longenough' } });
    fireEvent.change(screen.getByLabelText('Confirm password'), { target: { value: 'longenough' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign up' }));
    expect(await screen.findByText('Already taken')).toBeInTheDocument();
    expect(screen.getByLabelText('Username')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent('Username already taken');
  });
});
