import { useMemo, useState } from 'react';
import { kindOf, layoutGraph } from '../utils/graphLayout.js';
import { useElementWidth } from '../hooks/useElementWidth.js';

const COLORS = { story: '#e08a2c', character: '#6d5bd0', location: '#2f9e74' };
const LABELS = { story: 'Story', character: 'Character', location: 'Location' };

function short(text, max = 18) {
  const s = String(text || '');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Draws {nodes, edges} from GET /worlds/{id}/relationships as an SVG graph. */
export default function RelationshipGraph({ graph }) {
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
  const maxWeight = Math.max(1, ...edges.map((e) => Number(e.weight) || 1));

  return (
    <figure className="graph">
      <div className="graph-legend" aria-hidden="true">
        {Object.keys(COLORS).map((k) => (
          <span key={k} className="legend-item">
            <span className="legend-dot" style={{ background: COLORS[k] }} /> {LABELS[k]}
          </span>
        ))}
      </div>
      <div ref={boxRef} className="graph-box">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="graph-svg"
        role="group"
        aria-label={`Relationship graph with ${nodes.length} nodes and ${edges.length} connections`}
      >
        {looseTop ? (
          <g className="graph-loose" aria-hidden="true">
            <line x1={20} x2={width - 20} y1={looseTop} y2={looseTop} className="loose-divider" />
            <text x={24} y={looseTop + 18} className="loose-label">
              Not connected yet
            </text>
          </g>
        ) : null}
        <g className="graph-edges">
          {edges.map((e, i) => {
            const a = positions[e.source];
            const b = positions[e.target];
            if (!a || !b) return null;
            const dim = neighbours && !(neighbours.has(e.source) && neighbours.has(e.target));
            return (
              <line
                key={`${e.source}-${e.target}-${i}`}
                x1={a.x}
                y1={a.y}
                x2={b.x}
                y2={b.y}
                className={`edge edge-${e.kind || 'link'}`}
                strokeWidth={1 + (2.5 * (Number(e.weight) || 1)) / maxWeight}
                opacity={dim ? 0.12 : 0.7}
              >
                <title>{`${byId[e.source]?.name || e.source} — ${byId[e.target]?.name || e.target}${e.kind ? ` (${e.kind})` : ''}`}</title>
              </line>
            );
          })}
        </g>
        <g className="graph-nodes">
          {nodes.map((node) => {
            const p = positions[node.id];
            if (!p) return null;
            const kind = kindOf(node);
            const r = 9 + Math.min(maxExtra, (degree[node.id] || 0) * 1.5);
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
                data-node-id={node.id}
              >
                {kind === 'story' ? (
                  <rect x={-r} y={-r} width={2 * r} height={2 * r} rx={4} fill={COLORS[kind]} />
                ) : (
                  <circle r={r} fill={COLORS[kind]} />
                )}
                <title>{node.name}</title>
              </g>
            );
          })}
        </g>
        <g className="graph-labels" aria-hidden="true">
          {nodes.map((node) => {
            const p = positions[node.id];
            if (!p) return null;
            const r = 9 + Math.min(maxExtra, (degree[node.id] || 0) * 1.5);
            const dim = neighbours && !neighbours.has(node.id);
            return (
              <text
                key={node.id}
                x={p.x < 60 ? p.x - r : p.x > width - 60 ? p.x + r : p.x}
                y={p.y + r + 14}
                textAnchor={p.x < 60 ? 'start' : p.x > width - 60 ? 'end' : 'middle'}
                className="node-label"
                opacity={dim ? 0.25 : 1}
              >
                {short(node.name)}
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
              <li key={i}>
                {byId[e.source]?.name || e.source} — {byId[e.target]?.name || e.target}
                {e.kind ? <span className="muted"> ({e.kind}{e.weight > 1 ? `, ×${e.weight}` : ''})</span> : null}
              </li>
            ))}
          </ul>
        </details>
      </figcaption>
    </figure>
  );
}
