import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import { NODE_H, NODE_W, layoutFamily } from '../utils/familyLayout.js';
import { entryPath } from '../utils/entries.js';

const short = (s, max = 17) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * A family tree as generations (oldest on top): a box per person linking to their page, spouses
 * joined side by side, a line from the parents down to each child. Wide trees scroll sideways.
 */
export default function FamilyTree({ tree, worldId }) {
  const { positions, spouses, children, width, height } = layoutFamily(tree);
  const names = Object.fromEntries((tree.people || []).map((p) => [p.id, p.name]));
  const half = NODE_H / 2;
  const box = useRef(null);
  const rootX = positions[tree.root] ? positions[tree.root].x : width / 2;
  // a tree wider than the screen opens with its root in view
  useEffect(() => {
    const el = box.current;
    if (el && el.scrollWidth > el.clientWidth) el.scrollLeft = Math.max(0, rootX - el.clientWidth / 2);
  }, [rootX]);
  return (
    <div ref={box} className="family-tree-box" tabIndex={0} role="region" aria-label="Family tree (scrolls sideways when wide)">
      <svg className="family-tree" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="group" aria-label={`Family tree of ${names[tree.root] || 'this entry'}`}>
        <g className="family-lines" aria-hidden="true">
          {spouses.map(([a, b]) => (
            <line key={`s-${a}-${b}`} className="family-spouse" x1={positions[a].x} y1={positions[a].y} x2={positions[b].x} y2={positions[b].y} />
          ))}
          {children.map(({ to, from }) => {
            const c = positions[to];
            const ps = from.map((p) => positions[p]).filter(Boolean);
            if (!c || !ps.length) return null;
            const x = ps.reduce((s, p) => s + p.x, 0) / ps.length;
            const top = Math.max(...ps.map((p) => p.y)) + (ps.length > 1 ? 0 : half);
            const mid = c.y - half - 14;
            return <path key={`c-${to}`} className="family-child" d={`M${x},${top} V${mid} H${c.x} V${c.y - half}`} />;
          })}
        </g>
        {Object.entries(positions).map(([id, p]) => (
          <Link key={id} to={entryPath(worldId, id)} className={`family-person ${id === tree.root ? 'is-root' : ''}`} aria-label={names[id] || id}>
            <rect x={p.x - NODE_W / 2} y={p.y - half} width={NODE_W} height={NODE_H} rx={8} />
            <text x={p.x} y={p.y + 5} textAnchor="middle">
              {short(names[id] || '?')}
            </text>
            <title>{names[id]}</title>
          </Link>
        ))}
      </svg>
    </div>
  );
}
