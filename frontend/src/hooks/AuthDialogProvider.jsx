import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { AUTH_EXPIRED_EVENT, setReauthHandler } from '../services/api.js';
import SignInDialog from '../components/SignInDialog.jsx';
import { useAuth } from './useAuth.js';
import { AuthDialogContext } from './authDialogContext.js';

/**
 * When the session ends: during a save (or while a form is unsaved) the API client asks here and
 * the sign-in dialog opens over the page; the failed requests go again once signed in. Any other
 * 401 (AUTH_EXPIRED_EVENT) leads to the login page, which says why and comes back here after.
 */
export default function AuthDialogProvider({ children }) {
  const { user, resume } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [asking, setAsking] = useState(null); // {resolve, reject} while the dialog is open
  const askingRef = useRef(null);
  const here = location.pathname + location.search + location.hash;
  const hereRef = useRef(here);
  const userRef = useRef(user);
  useEffect(() => {
    hereRef.current = here;
    userRef.current = user;
  }, [here, user]);

  const signInAgain = useCallback(() => {
    if (askingRef.current) return askingRef.current.promise;
    let settle;
    const promise = new Promise((resolve, reject) => {
      settle = { resolve, reject };
    });
    askingRef.current = { promise, ...settle };
    setAsking(askingRef.current);
    return promise;
  }, []);

  useEffect(() => {
    const unregister = setReauthHandler(signInAgain);
    return () => {
      unregister();
      if (askingRef.current) askingRef.current.reject(new Error('Not signed in'));
      askingRef.current = null;
    };
  }, [signInAgain]);

  useEffect(() => {
    const onExpired = () => {
      const from = hereRef.current;
      if (/^\/(login|register)\b/.test(from)) return;
      const username = userRef.current ? userRef.current.username : undefined;
      navigate(`/login?next=${encodeURIComponent(from)}`, { state: { from, expired: true, username } });
    };
    window.addEventListener(AUTH_EXPIRED_EVENT, onExpired);
    return () => window.removeEventListener(AUTH_EXPIRED_EVENT, onExpired);
  }, [navigate]);

  const finish = (ok, value) => {
    const current = askingRef.current;
    askingRef.current = null;
    setAsking(null);
    if (current) (ok ? current.resolve : current.reject)(value);
  };

  const value = useMemo(() => ({ signInAgain }), [signInAgain]);
  return (
    <AuthDialogContext.Provider value={value}>
      {children}
      {asking && (
        <SignInDialog
          username={user && user.username}
          onSignIn={async (username, password) => {
            const signedIn = await resume(username, password);
            finish(true, signedIn);
          }}
          onCancel={() => finish(false, new Error('Not signed in'))}
        />
      )}
    </AuthDialogContext.Provider>
  );
}
