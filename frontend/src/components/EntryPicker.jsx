import { useEffect, useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { queries } from '../services/queries.js';
import { kindLabel } from '../utils/entries.js';

/**
 * Choose one entry of the world: its name when chosen ("Change" / "Clear"), else a search box over
 * the codex (names and aliases, accents folded by the API) with the first matches as buttons.
 * `value` is the entry id; `onChange(id, entry)`; `exclude` ids are not offered; `kind` narrows.
 */
export default function EntryPicker({ worldId, label, value, onChange, exclude = [], kind, error }) {
  const id = useId();
  const [q, setQ] = useState('');
  const [asked, setAsked] = useState(''); // what was typed, once typing pauses
  const [searching, setSearching] = useState(!value);
  useEffect(() => {
    const t = setTimeout(() => setAsked(q.trim()), 200);
    return () => clearTimeout(t);
  }, [q]);
  const chosen = useQuery({ ...queries.entry(worldId, value), enabled: !!value && !searching });
  const found = useQuery({ ...queries.entries(worldId, { q: asked, kind, per_page: 8, sort: 'name' }), enabled: searching, placeholderData: (prev) => prev });
  const matches = ((found.data && found.data.items) || []).filter((e) => !exclude.includes(e.id));
  const pick = (entry) => {
    onChange(entry.id, entry);
    setSearching(false);
    setQ('');
  };

  if (value && !searching) {
    const entry = chosen.data && chosen.data.entry;
    return (
      <div className="field entry-picker">
        <span className="label" id={`${id}-l`}>
          {label}
        </span>
        <div className="entry-picked" role="group" aria-labelledby={`${id}-l`}>
          <span className="chip">{entry ? `${entry.name} · ${kindLabel(entry.kind)}` : chosen.isError ? 'An entry that no longer exists' : 'Loading…'}</span>
          <button type="button" className="btn btn-small" onClick={() => setSearching(true)}>
            Change
          </button>
          <button type="button" className="btn btn-small btn-ghost" onClick={() => onChange('', null)}>
            Clear
          </button>
        </div>
        {error && <small className="field-error">{error}</small>}
      </div>
    );
  }
  return (
    <div className="field entry-picker">
      <label htmlFor={`${id}-q`}>{label}</label>
      <input
        id={`${id}-q`}
        type="search"
        value={q}
        placeholder="Type a name…"
        autoComplete="off"
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault(); // Enter picks the first match instead of submitting the form
            if (matches[0]) pick(matches[0]);
          }
        }}
        aria-describedby={`${id}-r`}
        aria-invalid={error ? 'true' : undefined}
      />
      <div id={`${id}-r`} className="entry-matches" aria-live="polite">
        {found.isError && <small className="field-error">{found.error.message}</small>}
        {found.data && matches.length === 0 && <small className="muted">No entry matches “{q}”.</small>}
        {matches.length > 0 && (
          <ul className="chips" aria-label={`Matches for ${label}`}>
            {matches.map((e) => (
              <li key={e.id}>
                <button type="button" className="chip chip-button" onClick={() => pick(e)}>
                  {e.name} <span className="muted small">{kindLabel(e.kind)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {value && (
        <button type="button" className="btn btn-small btn-ghost" onClick={() => setSearching(false)}>
          Keep the current one
        </button>
      )}
      {error && <small className="field-error">{error}</small>}
    </div>
  );
}
