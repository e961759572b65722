import { useMemo, useState } from 'react';
import { kindOf, layoutGraph } from '../utils/graphLayout.js';
import { useElementWidth } from '../hooks/useElementWidth.js';
import { useZoomPan } from '../hooks/useZoomPan.js';
import GraphEdges from './GraphEdges.jsx';

const KIND_COLORS = {
  story: '#e08a2c',
  character: '#6d5bd0',
  creature: '#b5651d',
  faction: '#2a6fb8',
  item: '#8a6d0b',
  lore: '#a23d8a',
  location: '#2f9e74',
};
const LABELS = { story: 'Story', character: 'Character', creature: 'Creature', faction: 'Faction', item: 'Item', lore: 'Lore', location: 'Location' };

function short(text, max = 18) {
  const s = String(text || '');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * Draws {nodes, edges} as an SVG graph (GET /worlds/{id}/graph, or the older /relationships).
 * Typed edges carry a label (shown for the node in focus), a direction (an arrow unless mutual) and
 * an attitude (colour). Pan by dragging, zoom with the wheel, a pinch, the buttons or the keys
 * (arrows, + / −, 0); labels keep their size at any zoom. `onOpen(node)` opens a node's page.
 */
export default function RelationshipGraph({ graph, onOpen }) {
  const [boxRef, boxWidth] = useElementWidth(800);
  const width = Math.max(300, Math.min(1100, boxWidth));
  const narrow = width < 600;
  const drawHeight = narrow ? Math.round(width * 1.1) : Math.round(Math.max(440, width * 0.55));
  const maxExtra = narrow ? 5 : 10;
  const nodes = useMemo(() => (graph && Array.isArray(graph.nodes) ? graph.nodes : []), [graph]);
  const edges = useMemo(() => {
    const ids = new Set(nodes.map((n) => n.id));
    const list = graph && Array.isArray(graph.edges) ? graph.edges : [];
    return list.filter((e) => ids.has(e.source) && ids.has(e.target));
  }, [graph, nodes]);
  const [active, setActive] = useState(null);
  const { view, attach, handlers, zoomIn, zoomOut, reset, wasDrag } = useZoomPan();
  const { positions, looseTop, height } = useMemo(
    () => layoutGraph(nodes, edges, { width, height: drawHeight, margin: narrow ? 40 : 60 }),
    [nodes, edges, width, drawHeight, narrow],
  );
  const byId = useMemo(() => Object.fromEntries(nodes.map((n) => [n.id, n])), [nodes]);
  const degree = useMemo(() => {
    const d = {};
    for (const e of edges) {
      d[e.source] = (d[e.source] || 0) + 1;
      d[e.target] = (d[e.target] || 0) + 1;
    }
    return d;
  }, [edges]);
  const neighbours = useMemo(() => {
    if (!active) return null;
    const s = new Set([active]);
    for (const e of edges) {
      if (e.source === active) s.add(e.target);
      if (e.target === active) s.add(e.source);
    }
    return s;
  }, [active, edges]);

  if (nodes.length === 0) return <div ref={boxRef} />;
  const { k, x: tx, y: ty } = view;
  const screen = Object.fromEntries(Object.entries(positions).map(([id, p]) => [id, { x: p.x * k + tx, y: p.y * k + ty }]));
  const radius = (id) => 9 + Math.min(maxExtra, (degree[id] || 0) * 1.5);
  const kinds = [...new Set(nodes.map(kindOf))].sort((a, b) => Object.keys(KIND_COLORS).indexOf(a) - Object.keys(KIND_COLORS).indexOf(b));
  const open = (node) => {
    if (onOpen && !wasDrag()) onOpen(node);
  };

  return (
    <figure className="graph">
      <div className="graph-legend" aria-hidden="true">
        {kinds.map((kd) => (
          <span key={kd} className="legend-item">
            <span className="legend-dot" style={{ background: KIND_COLORS[kd] }} /> {LABELS[kd]}
          </span>
        ))}
      </div>
      <div ref={boxRef} className="graph-box">
        <div className="graph-zoom" role="group" aria-label="Zoom">
          <span className="muted small grow" aria-hidden="true">
            Drag to move; wheel, pinch or + / − to zoom.
          </span>
          <button type="button" className="btn btn-small" onClick={zoomIn} aria-label="Zoom in">
            +
          </button>
          <button type="button" className="btn btn-small" onClick={zoomOut} aria-label="Zoom out">
            −
          </button>
          <button type="button" className="btn btn-small" onClick={reset} disabled={k === 1 && tx === 0 && ty === 0}>
            Reset
          </button>
        </div>
        <svg
          ref={attach}
          viewBox={`0 0 ${width} ${height}`}
          className="graph-svg"
          role="group"
          tabIndex={0}
          aria-label={`Relationship graph with ${nodes.length} nodes and ${edges.length} connections. Drag or use the arrow keys to move, + and − to zoom.`}
          {...handlers}
        >
          {looseTop ? (
            <g className="graph-loose" aria-hidden="true">
              <line x1={20} x2={width - 20} y1={looseTop * k + ty} y2={looseTop * k + ty} className="loose-divider" />
              <text x={24} y={looseTop * k + ty + 18} className="loose-label">
                Not connected yet
              </text>
            </g>
          ) : null}
          <GraphEdges edges={edges} screen={screen} radius={radius} byId={byId} neighbours={neighbours} active={active} />
          <g className="graph-nodes">
            {nodes.map((node) => {
              const p = screen[node.id];
              if (!p) return null;
              const kind = kindOf(node);
              const r = radius(node.id);
              const dim = neighbours && !neighbours.has(node.id);
              return (
                <g
                  key={node.id}
                  className={`node node-${kind}`}
                  transform={`translate(${p.x},${p.y})`}
                  opacity={dim ? 0.25 : 1}
                  tabIndex={0}
                  role="button"
                  aria-label={`${LABELS[kind]}: ${node.name}, ${degree[node.id] || 0} connections`}
                  aria-pressed={active === node.id}
                  onMouseEnter={() => setActive(node.id)}
                  onMouseLeave={() => setActive(null)}
                  onFocus={() => setActive(node.id)}
                  onBlur={() => setActive(null)}
                  onClick={() => open(node)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      e.stopPropagation();
                      if (onOpen) onOpen(node);
                    }
                  }}
                  data-node-id={node.id}
                >
                  {kind === 'story' ? (
                    <rect x={-r} y={-r} width={2 * r} height={2 * r} rx={4} fill={KIND_COLORS[kind]} />
                  ) : (
                    <circle r={r} fill={KIND_COLORS[kind]} />
                  )}
                  <title>{node.name}</title>
                </g>
              );
            })}
          </g>
          <g className="graph-labels" aria-hidden="true">
            {nodes.map((node) => {
              const p = screen[node.id];
              if (!p) return null;
              const r = radius(node.id);
              const dim = neighbours && !neighbours.has(node.id);
              const edge = p.x < 60 ? 'start' : p.x > width - 60 ? 'end' : 'middle';
              return (
                <text
                  key={node.id}
                  x={edge === 'start' ? p.x - r : edge === 'end' ? p.x + r : p.x}
                  y={p.y + r + 14}
                  textAnchor={edge}
                  className={`node-label ${active === node.id ? 'is-active' : ''}`}
                  opacity={dim ? 0.25 : 1}
                >
                  {active === node.id ? node.name : short(node.name, k > 1.5 ? 28 : narrow ? 15 : 18)}
                </text>
              );
            })}
          </g>
        </svg>
      </div>
      <figcaption>
        <details>
          <summary>Connections as a list ({edges.length})</summary>
          <ul className="edge-list">
            {edges.map((e, i) => (
              <li key={e.id || i}>
                {byId[e.source]?.name || e.source} — {e.label ? `${e.label} — ` : ''}
                {byId[e.target]?.name || e.target}
                {e.kind ? (
                  <span className="muted">
                    {' '}
                    ({e.kind}
                    {e.weight > 1 ? `, ×${e.weight}` : ''})
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </details>
      </figcaption>
    </figure>
  );
}
