const attitudeClass = (a) => (Number(a) < 0 ? 'edge-neg' : Number(a) > 0 ? 'edge-pos' : '');
const LABELS_SHOWN = 10; // a small graph shows every edge's label; a bigger one those of the node in focus

/**
 * The edges of RelationshipGraph in screen coordinates (`screen`: id -> {x, y}): a line each, thicker
 * for a heavier co-occurrence, coloured by attitude, with an arrow to the target unless mutual, and
 * the relation's label at its middle.
 */
export default function GraphEdges({ edges, screen, radius, byId, neighbours, active }) {
  const maxWeight = Math.max(1, ...edges.map((e) => Number(e.weight) || 1));
  const showAll = edges.length <= LABELS_SHOWN;
  return (
    <>
      <defs>
        <marker id="graph-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="edge-arrow" />
        </marker>
      </defs>
      <g className="graph-edges">
        {edges.map((e, i) => {
          const a = screen[e.source];
          const b = screen[e.target];
          if (!a || !b) return null;
          const dim = neighbours && !(neighbours.has(e.source) && neighbours.has(e.target));
          const directed = e.label !== undefined && e.mutual === false;
          // stop short of the target's circle so the arrow shows
          const d = Math.hypot(b.x - a.x, b.y - a.y) || 1;
          const cut = directed ? radius(e.target) + 3 : 0;
          const x2 = b.x - ((b.x - a.x) * cut) / d;
          const y2 = b.y - ((b.y - a.y) * cut) / d;
          const title = `${byId[e.source]?.name || e.source} — ${e.label || e.kind || 'linked to'} — ${byId[e.target]?.name || e.target}`;
          return (
            <line
              key={e.id || `${e.source}-${e.target}-${i}`}
              x1={a.x}
              y1={a.y}
              x2={x2}
              y2={y2}
              className={`edge edge-${e.type || e.kind || 'link'} ${attitudeClass(e.attitude)}`}
              strokeWidth={maxWeight > 1 ? 1 + (2.5 * (Number(e.weight) || 1)) / maxWeight : 2}
              opacity={dim ? 0.12 : 0.75}
              markerEnd={directed ? 'url(#graph-arrow)' : undefined}
            >
              <title>{title}</title>
            </line>
          );
        })}
      </g>
      <g className="edge-labels" aria-hidden="true">
        {edges.map((e, i) => {
          if (!e.label) return null;
          const focused = active && (e.source === active || e.target === active);
          const a = screen[e.source];
          const b = screen[e.target];
          if (!a || !b) return null;
          // a short edge has no room for its label beside the nodes' own: it shows in focus only
          if (!focused && (!showAll || Math.hypot(b.x - a.x, b.y - a.y) < 110)) return null;
          return (
            <text key={e.id || i} x={(a.x + b.x) / 2} y={(a.y + b.y) / 2 - 4} textAnchor="middle" className="edge-label">
              {e.label}
            </text>
          );
        })}
      </g>
    </>
  );
}
