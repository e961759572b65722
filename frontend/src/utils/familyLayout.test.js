import { describe, expect, it } from 'vitest';
import { generations, layoutFamily } from './familyLayout.js';

const tree = {
  root: 'mira',
  people: [
    { id: 'mira', name: 'Mira' },
    { id: 'tam', name: 'Tấm' },
    { id: 'ayla', name: 'Ayla' },
    { id: 'oren', name: 'Oren' },
    { id: 'kai', name: 'Kai' },
  ],
  parents: [
    ['ayla', 'mira'],
    ['oren', 'mira'],
    ['ayla', 'tam'],
    ['mira', 'kai'],
  ],
  spouses: [['ayla', 'oren']],
};

describe('family tree layout', () => {
  it('puts parents a generation above their children and spouses alike', () => {
    const { gen } = generations(tree);
    expect(gen).toEqual({ ayla: 0, oren: 0, mira: 1, tam: 1, kai: 2 });
  });

  it('takes the generations the API gives', () => {
    const given = { ...tree, people: tree.people.map((p) => ({ ...p, generation: { ayla: -1, oren: -1, mira: 0, tam: 0, kai: 1 }[p.id] })) };
    expect(generations(given).gen).toEqual({ ayla: 0, oren: 0, mira: 1, tam: 1, kai: 2 });
  });

  it('draws rows top down, spouses side by side, and is deterministic', () => {
    const a = layoutFamily(tree);
    const b = layoutFamily({ ...tree, people: [...tree.people].reverse() });
    expect(a.positions).toEqual(layoutFamily(tree).positions);
    expect(a.positions.ayla.y).toBeLessThan(a.positions.mira.y);
    expect(a.positions.mira.y).toBeLessThan(a.positions.kai.y);
    expect(a.positions.mira.y).toBe(a.positions.tam.y);
    expect(Math.abs(a.positions.ayla.x - a.positions.oren.x)).toBeLessThan(200); // neighbours
    expect(a.spouses).toEqual([['ayla', 'oren']]);
    expect(a.children.find((c) => c.to === 'mira').from.sort()).toEqual(['ayla', 'oren']);
    expect(Object.keys(b.positions).sort()).toEqual(Object.keys(a.positions).sort());
    for (const p of Object.values(a.positions)) {
      expect(p.x).toBeGreaterThan(0);
      expect(p.x).toBeLessThan(a.width);
      expect(p.y).toBeLessThan(a.height);
    }
  });

  it('puts a partner on the side away from the siblings', () => {
    const family = {
      root: 'may',
      people: ['may', 'song', 'ngu', 'tuyet', 'oren'].map((id) => ({ id, name: id })),
      parents: [['ngu', 'may'], ['tuyet', 'may'], ['ngu', 'song'], ['tuyet', 'song']],
      spouses: [['ngu', 'tuyet'], ['may', 'oren']],
    };
    const { positions: p } = layoutFamily(family);
    expect(Math.sign(p.oren.x - p.may.x)).toBe(-Math.sign(p.song.x - p.may.x)); // not between the sister and brother
  });

  it('draws one person alone', () => {
    const one = layoutFamily({ root: 'x', people: [{ id: 'x', name: 'X' }], parents: [], spouses: [] });
    expect(Object.keys(one.positions)).toEqual(['x']);
    expect(one.generations).toBe(1);
  });
});
