import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { worlds } from '../services/api.js';
import { queries, worldChanged } from '../services/queries.js';
import { ENTRY_KINDS, SORTS, entryPath, kindLabel } from '../utils/entries.js';
import { plural } from '../utils/options.js';
import FilterBar from './FilterBar.jsx';
import Loading from './Loading.jsx';
import ErrorMessage from './ErrorMessage.jsx';
import EmptyState from './EmptyState.jsx';
import Pagination from './Pagination.jsx';
import EntryCreateForm from './EntryCreateForm.jsx';
import LocationTree from './LocationTree.jsx';
import { CodexCards, CodexTable } from './CodexList.jsx';
import '../styles/codex.css';

const VIEWS = [
  { value: 'cards', label: 'Cards' },
  { value: 'table', label: 'Table' },
  { value: 'tree', label: 'Places as a tree' },
];
const PER_PAGE = { cards: 20, table: 40 }; // a page stays short on a phone too

/**
 * The world's codex: every entry of every kind, filtered by kind, tag and name (the URL holds the
 * filters, so a tag chip links here), sorted, as cards or a compact table, a page at a time; the
 * locations as a tree; and, for editors, a form for a new entry of any kind.
 */
export default function WorldCodexTab({ world, editable }) {
  const worldId = world.world_id;
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [added, setAdded] = useState(null);
  const kind = params.get('kind') || '';
  const tag = params.get('tag') || '';
  const q = params.get('q') || '';
  const sort = params.get('sort') || 'name';
  const view = VIEWS.some((v) => v.value === params.get('view')) ? params.get('view') : 'cards';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const perPage = PER_PAGE[view] || 24;
  const filters = { kind, tag, q, sort, page, per_page: perPage };
  const { data, error, isPending, isFetching, refetch } = useQuery({ ...queries.entries(worldId, filters), enabled: view !== 'tree', placeholderData: (prev) => prev });

  const change = (next) => {
    const p = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value) p.set(key, value);
      else p.delete(key);
    }
    if (!('page' in next)) p.delete('page');
    setParams(p, { replace: true });
  };

  // the lists refresh in the background: the form is free for the next entry at once
  const create = async (entryKind, body) => {
    const answer = entryKind === 'location' ? await worlds.createLocation(worldId, body) : await worlds.createEntity(worldId, body);
    const saved = (answer && (answer.entity || answer.location)) || answer || {};
    worldChanged(queryClient, worldId);
    return { id: saved.entity_id || saved.location_id || saved.id, name: body.name, kind: entryKind };
  };

  const items = (data && data.items) || [];
  const filtered = kind || tag || q;
  return (
    <section aria-label="Codex" className="codex">
      <div className="toolbar codex-toolbar">
        <div className="segmented" role="group" aria-label="View">
          {VIEWS.map((v) => (
            <button key={v.value} type="button" className={`btn btn-small ${view === v.value ? 'is-on' : ''}`} aria-pressed={view === v.value} onClick={() => change({ view: v.value === 'cards' ? '' : v.value })}>
              {v.label}
            </button>
          ))}
        </div>
        <span className="grow" />
        {editable && !creating && (
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            New entry
          </button>
        )}
      </div>
      {creating && <EntryCreateForm world={world} initialKind={kind} onSubmit={create} onCreated={setAdded} onCancel={() => setCreating(false)} />}
      {added && added.id && (
        <p className="alert alert-success" role="status">
          Added {kindLabel(added.kind).toLowerCase()} “{added.name}”. <Link to={entryPath(worldId, added.id)}>Open its page</Link>
        </p>
      )}
      {view === 'tree' ? (
        <LocationTree worldId={worldId} />
      ) : (
        <>
          <FilterBar
            label="Search the codex by name or alias"
            placeholder="Search names and aliases…"
            query={q}
            onSearch={(text) => change({ q: text })}
            selects={[{ label: 'Kind', value: kind, all: 'All kinds', options: ENTRY_KINDS.map((k) => ({ value: k.value, label: k.plural })), onChange: (v) => change({ kind: v }) }]}
          >
            <label className="sr-only" htmlFor="codex-sort">
              Sort
            </label>
            <select id="codex-sort" value={sort} onChange={(e) => change({ sort: e.target.value === 'name' ? '' : e.target.value })}>
              {SORTS.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </FilterBar>
          <div className="codex-status">
            {tag && (
              <span className="chip chip-tag">
                #{tag}
                <button type="button" className="chip-remove" aria-label={`Remove the filter: tag ${tag}`} onClick={() => change({ tag: '' })}>
                  ×
                </button>
              </span>
            )}
            {data && (
              <span className="muted small" aria-live="polite">
                {plural(data.total, 'entry', 'entries')}
                {filtered ? ' match' : ''}
                {isFetching ? ' · updating…' : ''}
              </span>
            )}
          </div>
          {isPending && <Loading label="Loading the codex…" />}
          <ErrorMessage error={error} onRetry={() => refetch()} />
          {data && items.length === 0 && (
            <EmptyState title={filtered ? 'No entry matches.' : 'The codex is empty.'}>
              {filtered ? 'Try another name, kind or tag.' : editable ? 'Add characters, places, factions, items and lore with “New entry”.' : null}
            </EmptyState>
          )}
          {items.length > 0 && (view === 'table' ? <CodexTable worldId={worldId} items={items} /> : <CodexCards worldId={worldId} items={items} />)}
          {data && <Pagination page={page} perPage={perPage} total={data.total} onPage={(p) => change({ page: p > 1 ? String(p) : '' })} />}
        </>
      )}
    </section>
  );
}
