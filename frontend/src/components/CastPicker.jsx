import { useId, useState } from 'react';
import { fold } from '../utils/fold.js';
import { plural } from '../utils/options.js';

const FILTER_FROM = 6; // fewer fit on a screen without one

/**
 * The characters of a story to be: a checkbox each, and a filter box over their names and aliases
 * that ignores case and tone marks ("tran" finds "Trần"). Chosen ones stay chosen while hidden.
 */
export default function CastPicker({ characters, selected, onToggle }) {
  const id = useId();
  const [filter, setFilter] = useState('');
  const wanted = fold(filter);
  const shown = wanted
    ? characters.filter((c) => [c.name, ...(c.aliases || [])].some((n) => fold(n).includes(wanted)))
    : characters;
  const hiddenChosen = selected.filter((sid) => !shown.some((c) => c.entity_id === sid)).length;
  return (
    <fieldset className="fieldset cast-picker">
      <legend>Characters in this story</legend>
      {characters.length > FILTER_FROM && (
        <div className="cast-filter">
          <label htmlFor={`${id}-f`} className="sr-only">
            Filter characters
          </label>
          <input id={`${id}-f`} type="search" placeholder="Filter characters…" value={filter} onChange={(e) => setFilter(e.target.value)} aria-describedby={`${id}-n`} />
          <span id={`${id}-n`} className="small muted" role="status">
            {wanted ? `${shown.length} of ${characters.length} shown` : plural(characters.length, 'character')}
            {selected.length > 0 && ` · ${selected.length} chosen${hiddenChosen ? ` (${hiddenChosen} hidden)` : ''}`}
          </span>
        </div>
      )}
      <div className="check-grid">
        {shown.map((c) => (
          <label key={c.entity_id} className="check">
            <input type="checkbox" checked={selected.includes(c.entity_id)} onChange={() => onToggle(c.entity_id)} /> {c.name}
          </label>
        ))}
      </div>
      {shown.length === 0 && <p className="muted small">No character matches “{filter}”.</p>}
    </fieldset>
  );
}
