// Deterministic "force-lite" layout: start on a circle grouped by kind, then a fixed
// number of spring/repulsion steps. Same input → same picture, no randomness.

const KIND_ORDER = { story: 0, character: 1, entity: 1, location: 2 };

export function kindOf(node) {
  const k = String(node.kind || node.type || 'entity').toLowerCase();
  if (k.startsWith('stor')) return 'story';
  if (k.startsWith('loc')) return 'location';
  return 'character';
}

export function layoutGraph(nodes = [], edges = [], { width = 800, height = 560, iterations = 150, margin = 60 } = {}) {
  const sorted = [...nodes].sort((a, b) => {
    const ka = KIND_ORDER[kindOf(a)] ?? 3;
    const kb = KIND_ORDER[kindOf(b)] ?? 3;
    if (ka !== kb) return ka - kb;
    return String(a.name || a.id).localeCompare(String(b.name || b.id)) || String(a.id).localeCompare(String(b.id));
  });
  const n = sorted.length;
  if (n === 0) return { positions: {}, width, height };
  const cx = width / 2;
  const cy = height / 2;
  if (n === 1) return { positions: { [sorted[0].id]: { x: cx, y: cy } }, width, height };

  const radius = Math.max(40, Math.min(width, height) / 2 - margin);
  const pos = sorted.map((node, i) => {
    const angle = (2 * Math.PI * i) / n - Math.PI / 2;
    return { id: node.id, x: cx + radius * Math.cos(angle), y: cy + radius * Math.sin(angle) };
  });
  const index = Object.fromEntries(pos.map((p, i) => [p.id, i]));
  const links = edges
    .map((e) => [index[e.source], index[e.target]])
    .filter(([s, t]) => s !== undefined && t !== undefined && s !== t);

  const area = (width - 2 * margin) * (height - 2 * margin);
  const k = Math.sqrt(area / n) * 0.75;
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
        const f = (k * k) / d;
        disp[i].x += (dx / d) * f;
        disp[i].y += (dy / d) * f;
        disp[j].x -= (dx / d) * f;
        disp[j].y -= (dy / d) * f;
      }
    }
    for (const [s, t] of links) {
      const dx = pos[s].x - pos[t].x;
      const dy = pos[s].y - pos[t].y;
      const d = Math.max(0.01, Math.hypot(dx, dy));
      const f = (d * d) / k;
      disp[s].x -= (dx / d) * f;
      disp[s].y -= (dy / d) * f;
      disp[t].x += (dx / d) * f;
      disp[t].y += (dy / d) * f;
    }
    for (let i = 0; i < n; i++) {
      // gravity keeps unconnected nodes from drifting away
      disp[i].x += (cx - pos[i].x) * 0.02 * n;
      disp[i].y += (cy - pos[i].y) * 0.02 * n;
      const d = Math.max(0.01, Math.hypot(disp[i].x, disp[i].y));
      const step = Math.min(d, temp);
      pos[i].x += (disp[i].x / d) * step;
      pos[i].y += (disp[i].y / d) * step;
    }
    temp = Math.max(1, temp - cool);
  }
  fitToBox(pos, width, height, margin);
  const positions = {};
  for (const p of pos) positions[p.id] = { x: round(p.x), y: round(p.y) };
  return { positions, width, height };
}

/** Scale and centre the drawing uniformly so that it fills the canvas inside the margins. */
function fitToBox(pos, width, height, margin) {
  const xs = pos.map((p) => p.x);
  const ys = pos.map((p) => p.y);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  const bw = Math.max(1, maxX - minX);
  const bh = Math.max(1, maxY - minY);
  const scale = Math.min((width - 2 * margin) / bw, (height - 2 * margin) / bh);
  const ox = (width - bw * scale) / 2;
  const oy = (height - bh * scale) / 2;
  for (const p of pos) {
    p.x = ox + (p.x - minX) * scale;
    p.y = oy + (p.y - minY) * scale;
  }
}

function round(v) {
  return Math.round(v * 10) / 10;
}
