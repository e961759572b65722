// Deterministic "force-lite" layout. Connected nodes: start on a circle grouped by kind, then
// a fixed number of spring/repulsion steps, then scaled to fit. Nodes with no connection are
// lined up in a strip at the bottom. Same input → same picture, no randomness.

const GRAVITY = 0.4;
const KIND_ORDER = { story: 0, character: 1, creature: 2, faction: 3, item: 4, lore: 5, location: 6 };

/** A node's kind: an entry kind of the codex, or story; an old "entity" (or any other) reads as a character. */
export function kindOf(node) {
  const k = String(node.kind || node.type || 'entity').toLowerCase();
  if (k.startsWith('stor')) return 'story';
  if (k.startsWith('loc')) return 'location';
  return k in KIND_ORDER ? k : 'character';
}

function byKindThenName(a, b) {
  const ka = KIND_ORDER[kindOf(a)] ?? 3;
  const kb = KIND_ORDER[kindOf(b)] ?? 3;
  if (ka !== kb) return ka - kb;
  return String(a.name || a.id).localeCompare(String(b.name || b.id)) || String(a.id).localeCompare(String(b.id));
}

export function layoutGraph(nodes = [], edges = [], { width = 800, height = 560, iterations = 200, margin = 60 } = {}) {
  const sorted = [...nodes].sort(byKindThenName);
  const ids = new Set(sorted.map((n) => n.id));
  // one spring per connected pair, however many edges join them
  const pairs = new Map();
  for (const e of edges) {
    if (!ids.has(e.source) || !ids.has(e.target) || e.source === e.target) continue;
    const key = e.source < e.target ? `${e.source}|${e.target}` : `${e.target}|${e.source}`;
    pairs.set(key, [e.source, e.target]);
  }
  const degree = {};
  for (const [s, t] of pairs.values()) {
    degree[s] = (degree[s] || 0) + 1;
    degree[t] = (degree[t] || 0) + 1;
  }
  const connected = sorted.filter((n) => degree[n.id]);
  const loose = sorted.filter((n) => !degree[n.id]);

  const positions = {};
  const perRow = Math.max(1, Math.floor((width - 2 * margin) / 140) + 1);
  const stripRows = loose.length ? Math.ceil(loose.length / perRow) : 0;
  const stripHeight = stripRows ? stripRows * 56 + (connected.length ? 30 : 0) : 0;
  // `height` is the area of the connected drawing; the strip of loose nodes goes below it
  const graphHeight = connected.length ? height : 0;
  const totalHeight = connected.length ? height + stripHeight : Math.max(height, stripHeight + 40);

  if (connected.length === 1) positions[connected[0].id] = { x: width / 2, y: graphHeight / 2 };
  else if (connected.length > 1) placeConnected(connected, [...pairs.values()], degree, width, graphHeight, iterations, margin, positions);

  if (loose.length) {
    const top = connected.length ? graphHeight + 34 : (totalHeight - stripRows * 56) / 2 + 28;
    loose.forEach((node, i) => {
      const row = Math.floor(i / perRow);
      const inRow = Math.min(perRow, loose.length - row * perRow);
      const col = i % perRow;
      const span = width - 2 * margin;
      const x = inRow === 1 ? width / 2 : margin + (span * col) / (inRow - 1);
      positions[node.id] = { x: round(x), y: round(top + row * 56) };
    });
  }
  return { positions, width, height: totalHeight, looseTop: loose.length && connected.length ? graphHeight : null };
}

function placeConnected(nodes, links, degree, width, height, iterations, margin, positions) {
  const n = nodes.length;
  const cx = width / 2;
  const cy = height / 2;
  const radius = Math.max(40, Math.min(width, height) / 2 - margin);
  const pos = nodes.map((node, i) => {
    const angle = (2 * Math.PI * i) / n - Math.PI / 2;
    return { id: node.id, x: cx + radius * Math.cos(angle), y: cy + radius * Math.sin(angle) };
  });
  const index = Object.fromEntries(pos.map((p, i) => [p.id, i]));
  const springs = links.map(([s, t]) => [index[s], index[t], Math.sqrt(Math.min(degree[s], degree[t]))]);
  const k = Math.sqrt(((width - 2 * margin) * (height - 2 * margin)) / n) * 0.75;
  let temp = Math.min(width, height) / 8;
  const cool = temp / (iterations + 1);

  for (let it = 0; it < iterations; it++) {
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = pos[i].x - pos[j].x;
        let dy = pos[i].y - pos[j].y;
        let d = Math.hypot(dx, dy);
        if (d < 0.01) {
          dx = 0.01 * (i - j);
          dy = 0.01;
          d = Math.hypot(dx, dy);
        }
        if (d > 3 * k) continue;
        const f = (k * k) / d;
        disp[i].x += (dx / d) * f;
        disp[i].y += (dy / d) * f;
        disp[j].x -= (dx / d) * f;
        disp[j].y -= (dy / d) * f;
      }
    }
    for (const [s, t, damp] of springs) {
      const dx = pos[s].x - pos[t].x;
      const dy = pos[s].y - pos[t].y;
      const d = Math.max(0.01, Math.hypot(dx, dy));
      const f = (d * d) / k / damp;
      disp[s].x -= (dx / d) * f;
      disp[s].y -= (dy / d) * f;
      disp[t].x += (dx / d) * f;
      disp[t].y += (dy / d) * f;
    }
    for (let i = 0; i < n; i++) {
      disp[i].x += (cx - pos[i].x) * GRAVITY;
      disp[i].y += (cy - pos[i].y) * GRAVITY;
      const d = Math.max(0.01, Math.hypot(disp[i].x, disp[i].y));
      const step = Math.min(d, temp);
      pos[i].x += (disp[i].x / d) * step;
      pos[i].y += (disp[i].y / d) * step;
    }
    temp = Math.max(1, temp - cool);
  }
  fitToBox(pos, width, height, margin);
  separate(pos, width, height, margin);
  for (const p of pos) positions[p.id] = { x: round(p.x), y: round(p.y) };
}

/**
 * Scale and centre the drawing so that it fills the canvas inside the margins: each axis on its
 * own (a long chain still uses the width), neither stretched more than twice the other.
 */
function fitToBox(pos, width, height, margin) {
  const xs = pos.map((p) => p.x);
  const ys = pos.map((p) => p.y);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const bw = Math.max(1, Math.max(...xs) - minX);
  const bh = Math.max(1, Math.max(...ys) - minY);
  let sx = Math.min((width - 2 * margin) / bw, 2.5);
  let sy = Math.min((height - 1.4 * margin) / bh, 2.5);
  sx = Math.min(sx, 2 * sy);
  sy = Math.min(sy, 2 * sx);
  const ox = (width - bw * sx) / 2;
  const oy = (height - bh * sy) / 2;
  for (const p of pos) {
    p.x = ox + (p.x - minX) * sx;
    p.y = oy + (p.y - minY) * sy;
  }
}

// Room a node needs around its centre for its circle and its label, which is wide: two nodes are
// apart when they are GAP_X apart across or GAP_Y apart down.
const GAP_X = 130;
const GAP_Y = 46;

/** Push apart nodes whose labels would overlap, staying inside the canvas. */
function separate(pos, width, height, margin) {
  const lo = { x: margin / 2, y: margin / 2 };
  const hi = { x: width - margin / 2, y: height - margin / 2 };
  for (let it = 0; it < 80; it++) {
    let moved = false;
    for (let i = 0; i < pos.length; i++) {
      for (let j = i + 1; j < pos.length; j++) {
        // distance in units of the room a label needs: under 1, they overlap
        let dx = (pos[j].x - pos[i].x) / GAP_X;
        let dy = (pos[j].y - pos[i].y) / GAP_Y;
        let d = Math.hypot(dx, dy);
        if (d >= 1) continue;
        if (d < 0.001) {
          dx = 0.7;
          dy = (j - i) % 2 ? 0.7 : -0.7;
          d = 1;
        }
        const push = (1 - d) / 2 + 0.01;
        pos[i].x -= (dx / d) * push * GAP_X;
        pos[i].y -= (dy / d) * push * GAP_Y;
        pos[j].x += (dx / d) * push * GAP_X;
        pos[j].y += (dy / d) * push * GAP_Y;
        moved = true;
      }
    }
    for (const p of pos) {
      p.x = Math.min(hi.x, Math.max(lo.x, p.x));
      p.y = Math.min(hi.y, Math.max(lo.y, p.y));
    }
    if (!moved) break;
  }
}

function round(v) {
  return Math.round(v * 10) / 10;
}
