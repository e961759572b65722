import { Suspense, useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../hooks/useAuth.js';
import Loading from './Loading.jsx';
import SearchBox from './SearchBox.jsx';
import Toasts from './Toasts.jsx';
import ThemeToggle from './ThemeToggle.jsx';
import InvitationsLink from './people/InvitationsLink.jsx';

export default function Layout() {
  const { user, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  // the phone menu belongs to the history entry it was opened on: any navigation closes it
  const [openOn, setOpenOn] = useState(null);
  const open = openOn === location.key;

  const firstRender = useRef(true);
  useEffect(() => {
    // after client-side navigation, start at the top and let screen readers land in the content
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    window.scrollTo?.(0, 0);
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [location.pathname]);

  const onLogout = () => {
    logout();
    navigate('/login');
  };

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">◉</span> Worldsmith
        </Link>
        <SearchBox />
        <button
          type="button"
          className="nav-toggle"
          aria-expanded={open}
          aria-controls="main-nav"
          onClick={() => setOpenOn(open ? null : location.key)}
        >
          <span className="sr-only">Menu</span>
          <span aria-hidden="true">☰</span>
        </button>
        <nav id="main-nav" className={`nav ${open ? 'nav-open' : ''}`} aria-label="Main">
          <NavLink to="/" end>
            {user ? 'Dashboard' : 'Home'}
          </NavLink>
          <NavLink to="/worlds">Worlds</NavLink>
          <NavLink to="/stories">Stories</NavLink>
          {user && (user.role === 'admin' || user.role === 'moderator') && <NavLink to="/admin">Admin</NavLink>}
          <span className="nav-spacer" />
          <ThemeToggle />
          {user ? (
            <>
              <InvitationsLink />
              <NavLink to="/trash" className="nav-trash">
                Trash
              </NavLink>
              <NavLink to="/profile" className="nav-user" title={`Your profile · role: ${user.role}`}>
                {user.display_name || user.username}
              </NavLink>
              <button type="button" className="btn btn-small btn-ghost nav-logout" onClick={onLogout}>
                Log out
              </button>
            </>
          ) : (
            <>
              <NavLink to="/login">Log in</NavLink>
              <NavLink to="/register" className="btn btn-small btn-primary">
                Sign up
              </NavLink>
            </>
          )}
        </nav>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <Toasts />
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="footer">Worldsmith · build worlds, tell stories</footer>
    </div>
  );
}
