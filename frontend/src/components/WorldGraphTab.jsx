import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { queries } from '../services/queries.js';
import { ENTRY_KINDS, entryPath } from '../utils/entries.js';
import Loading from './Loading.jsx';
import ErrorMessage from './ErrorMessage.jsx';
import EmptyState from './EmptyState.jsx';
import RelationshipGraph from './RelationshipGraph.jsx';

const MODES = [
  { value: 'relations', label: 'Relations' },
  { value: 'cooccurrence', label: 'Appear together' },
];

/**
 * The world's graph: typed relations by default, or who appears together in stories; filtered by
 * kind of entry and by relation type. A node opens its page.
 */
export default function WorldGraphTab({ world }) {
  const worldId = world.world_id;
  const navigate = useNavigate();
  const [mode, setMode] = useState('relations');
  const [kinds, setKinds] = useState([]);
  const [type, setType] = useState('');
  const [everyone, setEveryone] = useState(false);
  const params = { mode, kinds: kinds.join(','), types: mode === 'relations' ? type : '', all_entries: everyone ? 'true' : '' };
  const { data, error, isPending, isFetching, refetch } = useQuery({ ...queries.graph(worldId, params), placeholderData: (prev) => prev });
  const types = useQuery(queries.relationTypes(worldId)).data || [];
  const nodes = (data && data.nodes) || [];
  const toggleKind = (k) => setKinds((ks) => (ks.includes(k) ? ks.filter((x) => x !== k) : [...ks, k]));
  const open = (node) => navigate(node.kind === 'story' ? `/stories/${node.id}` : entryPath(worldId, node.id));

  return (
    <section aria-label="Relationship graph" className="graph-tab">
      <div className="toolbar graph-toolbar">
        <div className="segmented" role="group" aria-label="Show">
          {MODES.map((m) => (
            <button key={m.value} type="button" className={`btn btn-small ${mode === m.value ? 'is-on' : ''}`} aria-pressed={mode === m.value} onClick={() => setMode(m.value)}>
              {m.label}
            </button>
          ))}
        </div>
        {mode === 'relations' && (
          <>
            <label className="sr-only" htmlFor="graph-type">
              Relation type
            </label>
            <select id="graph-type" className="input-small graph-type" value={type} onChange={(e) => setType(e.target.value)}>
              <option value="">All relation types</option>
              {types.map((t) => (
                <option key={t.key} value={t.key}>
                  {t.label}
                </option>
              ))}
            </select>
          </>
        )}
        <span className="grow" />
        <button type="button" className="btn btn-small" onClick={() => refetch()} disabled={isFetching}>
          Refresh
        </button>
      </div>
      <fieldset className="graph-kinds">
        <legend className="sr-only">Kinds of entry shown (none ticked: all)</legend>
        {ENTRY_KINDS.map((k) => (
          <label key={k.value} className={`chip chip-check ${kinds.includes(k.value) ? 'is-on' : ''}`}>
            <input type="checkbox" checked={kinds.includes(k.value)} onChange={() => toggleKind(k.value)} /> {k.plural}
          </label>
        ))}
        <label className={`chip chip-check ${everyone ? 'is-on' : ''}`}>
          <input type="checkbox" checked={everyone} onChange={(e) => setEveryone(e.target.checked)} /> Unconnected too
        </label>
      </fieldset>
      <p className="muted small graph-help">
        {mode === 'relations' ? 'Arrows point from the one who is “parent of”, “member of”…; red is hostile, green friendly. ' : 'Entries that share stories or visit places. '}
        Select a node to open its page.
      </p>
      {isPending && <Loading label="Loading graph…" />}
      <ErrorMessage error={error} onRetry={() => refetch()} />
      {data && nodes.length === 0 && (
        <EmptyState title="Nothing to draw yet.">
          {mode === 'relations' ? 'Add relations on the pages of your entries (a character’s family, allies, enemies…).' : 'Link characters and places to stories.'}
        </EmptyState>
      )}
      {data && nodes.length > 0 && <RelationshipGraph graph={data} onOpen={open} />}
    </section>
  );
}
