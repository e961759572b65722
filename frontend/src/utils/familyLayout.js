// A family tree drawn as generations: parents one row above their children, spouses side by side.
// Input: GET /worlds/{wid}/entries/{id}/family-tree = {root, people: [{id, name}], parents:
// [[parent, child]], spouses: [[a, b]]}. Deterministic: the same tree gives the same picture.

export const NODE_W = 136;
export const NODE_H = 40;
const GAP_X = 24;
const ROW_H = 96;

/**
 * Each person's generation (the root's is 0; parents -1, children +1, spouses alike), made to start
 * at 0: as the API counts them (`people[].generation`), else walked from the root.
 */
export function generations(tree) {
  const ids = (tree.people || []).map((p) => p.id);
  const links = new Map(ids.map((id) => [id, []]));
  const add = (a, b, step) => {
    if (links.has(a) && links.has(b)) {
      links.get(a).push([b, step]);
      links.get(b).push([a, -step]);
    }
  };
  for (const [parent, child] of tree.parents || []) add(parent, child, 1);
  for (const [a, b] of tree.spouses || []) add(a, b, 0);
  const gen = {};
  const order = [];
  for (const p of tree.people || []) if (Number.isInteger(p.generation)) gen[p.id] = p.generation;
  const given = Object.keys(gen).length === ids.length;
  const starts = [tree.root, ...ids].filter((id) => links.has(id));
  const walked = new Set();
  for (const start of starts) {
    if (walked.has(start)) continue;
    walked.add(start);
    if (!given) gen[start] = gen[start] ?? 0;
    const queue = [start];
    while (queue.length) {
      const id = queue.shift();
      order.push(id);
      for (const [next, step] of links.get(id)) {
        if (!walked.has(next)) {
          walked.add(next);
          if (!given) gen[next] = gen[id] + step;
          queue.push(next);
        }
      }
    }
  }
  const min = ids.length ? Math.min(...Object.values(gen)) : 0;
  for (const id of Object.keys(gen)) gen[id] -= min;
  return { gen, order };
}

/**
 * Positions of each person ({x, y} of the box's centre), the lines to draw (`spouses`: [a, b];
 * `children`: {from: [parent ids], to: child}) and the drawing's size.
 */
export function layoutFamily(tree) {
  const { gen, order } = generations(tree);
  const rank = Object.fromEntries(order.map((id, i) => [id, i]));
  const rows = [];
  for (const id of order) (rows[gen[id]] = rows[gen[id]] || []).push(id);
  const parentsOf = {};
  for (const [p, c] of tree.parents || []) if (gen[p] !== undefined && gen[c] !== undefined) (parentsOf[c] = parentsOf[c] || []).push(p);
  const spouseOf = {};
  for (const [a, b] of tree.spouses || []) {
    if (gen[a] === undefined || gen[b] === undefined) continue;
    (spouseOf[a] = spouseOf[a] || []).push(b);
    (spouseOf[b] = spouseOf[b] || []).push(a);
  }

  const slot = {};
  rows.forEach((row = [], g) => {
    // sort by where the parents stand (barycentre), then keep each spouse beside their partner
    const key = (id) => {
      const ps = (parentsOf[id] || []).filter((p) => slot[p] !== undefined);
      return ps.length ? ps.reduce((s, p) => s + slot[p], 0) / ps.length : null;
    };
    const sorted = [...row].sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      if (ka !== null && kb !== null && ka !== kb) return ka - kb;
      return rank[a] - rank[b];
    });
    const placed = [];
    const seen = new Set();
    for (const id of sorted) {
      if (seen.has(id)) continue;
      seen.add(id);
      const partners = (spouseOf[id] || []).filter((s) => !seen.has(s) && gen[s] === g);
      partners.forEach((s) => seen.add(s));
      // a partner goes on the side away from the siblings still to come, so no line crosses them
      const mine = parentsOf[id] || [];
      const siblingsAfter = sorted.some((o) => !seen.has(o) && (parentsOf[o] || []).some((p) => mine.includes(p)));
      placed.push(...(siblingsAfter ? [...partners, id] : [id, ...partners]));
    }
    rows[g] = placed;
    placed.forEach((id, i) => {
      slot[id] = i - (placed.length - 1) / 2;
    });
  });

  const widest = Math.max(1, ...rows.map((r) => (r ? r.length : 0)));
  const width = widest * (NODE_W + GAP_X) + GAP_X;
  const positions = {};
  rows.forEach((row = [], g) => {
    for (const id of row) positions[id] = { x: Math.round(width / 2 + slot[id] * (NODE_W + GAP_X)), y: Math.round(g * ROW_H + NODE_H / 2 + 12) };
  });
  const spouses = (tree.spouses || []).filter(([a, b]) => positions[a] && positions[b]);
  const children = Object.entries(parentsOf).map(([to, from]) => ({ to, from }));
  return { positions, spouses, children, width, height: rows.length * ROW_H - (ROW_H - NODE_H) + 24, generations: rows.length };
}
