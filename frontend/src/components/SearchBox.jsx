import { useEffect, useId, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import Icon from './Icon.jsx';

/** The search box of the navigation bar: it opens the results page, /search?q=… (kept in the box there). */
export default function SearchBox() {
  const id = useId();
  const box = useRef(null);
  const navigate = useNavigate();
  const location = useLocation();
  const onResults = location.pathname === '/search';
  const shown = onResults ? new URLSearchParams(location.search).get('q') || '' : '';
  // the box shows the search of the results page, and empties elsewhere
  useEffect(() => {
    if (box.current && document.activeElement !== box.current) box.current.value = shown;
  }, [shown]);

  const submit = (e) => {
    e.preventDefault();
    const q = box.current.value.trim();
    if (!q) return box.current.focus();
    const params = new URLSearchParams(onResults ? location.search : '');
    params.set('q', q);
    params.delete('page');
    navigate(`/search?${params}`);
  };

  return (
    <form className="topbar-search" role="search" aria-label="Everything" onSubmit={submit}>
      <label htmlFor={id} className="sr-only">
        Search everything
      </label>
      <input ref={box} id={id} type="search" name="q" placeholder="Search…" defaultValue={shown} enterKeyHint="search" autoComplete="off" />
      <button type="submit" className="topbar-search-go">
        <Icon name="search" size={17} />
        {/* not "Search": the lists' own search buttons keep that name to themselves */}
        <span className="sr-only">Find</span>
      </button>
    </form>
  );
}
