import { Navigate, useLocation } from 'react-router-dom';
import { useAuth } from '../hooks/useAuth.js';
import Loading from './Loading.jsx';

export default function RequireAuth({ children, roles }) {
  const { user, ready } = useAuth();
  const location = useLocation();
  if (!ready) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (roles && !roles.includes(user.role)) {
    return (
      <div className="page">
        <h1>Not allowed</h1>
        <p>This page is for {roles.join(' or ')} accounts.</p>
      </div>
    );
  }
  return children;
}
