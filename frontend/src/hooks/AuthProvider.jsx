import { useCallback, useEffect, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { auth, getToken, setToken, AUTH_EXPIRED_EVENT } from '../services/api.js';
import { AuthContext } from './authContext.js';

export default function AuthProvider({ children }) {
  const [user, setUser] = useState(null);
  const [ready, setReady] = useState(!getToken());
  const queryClient = useQueryClient();

  // Answers depend on who asks: on log in, log out or an expired token, drop every cached answer
  // and refetch what is on screen. (Not after /auth/me: earlier queries already sent that token.)
  const switchUser = useCallback(
    (next) => {
      setUser(next);
      queryClient.resetQueries();
    },
    [queryClient],
  );

  useEffect(() => {
    if (!getToken()) return undefined;
    let alive = true;
    auth
      .me()
      .then((res) => alive && setUser(res.user || null))
      .catch(() => {
        if (alive) {
          setToken(null);
          setUser(null);
        }
      })
      .finally(() => alive && setReady(true));
    return () => {
      alive = false;
    };
  }, []);

  useEffect(() => {
    const onExpired = () => switchUser(null);
    window.addEventListener(AUTH_EXPIRED_EVENT, onExpired);
    return () => window.removeEventListener(AUTH_EXPIRED_EVENT, onExpired);
  }, [switchUser]);

  const login = useCallback(async (username, password) => {
    const res = await auth.login({ username, password });
    setToken(res.token);
    switchUser(res.user);
    return res.user;
  }, [switchUser]);

  const register = useCallback(async (body) => {
    const res = await auth.register(body);
    setToken(res.token);
    switchUser(res.user);
    return res.user;
  }, [switchUser]);

  // Signing in again after the session ended, from the dialog that keeps the page as it is: the same
  // account keeps every cached answer (resetting would unmount the forms being written); another
  // account gets a fresh cache.
  const resume = useCallback(
    async (username, password) => {
      const res = await auth.login({ username, password });
      setToken(res.token);
      if (user && res.user && res.user.user_id === user.user_id) setUser(res.user);
      else switchUser(res.user);
      return res.user;
    },
    [user, switchUser],
  );

  const logout = useCallback(() => {
    setToken(null);
    switchUser(null);
  }, [switchUser]);

  // the account page changed the signed-in user (name, avatar, email): same person, same cache
  const updateUser = useCallback((next) => setUser((now) => (now && next && now.user_id === next.user_id ? next : now)), []);

  const value = useMemo(() => ({ user, ready, login, register, resume, logout, updateUser }), [user, ready, login, register, resume, logout, updateUser]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
