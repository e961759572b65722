import { Link } from 'react-router-dom';
import { useTitle } from '../hooks/useTitle.js';

export default function NotFound({ what = 'page' }) {
  useTitle('Not found');
  return (
    <div className="page not-found">
      <p className="big-404" aria-hidden="true">404</p>
      <h1>This {what} does not exist</h1>
      <p className="muted">
        {what === 'page'
          ? 'Check the address, or head back to your worlds.'
          : 'It may have been deleted, or it is private and not shared with you.'}
      </p>
      <p>
        <Link to="/worlds" className="btn btn-primary">
          Back to worlds
        </Link>
      </p>
    </div>
  );
}
