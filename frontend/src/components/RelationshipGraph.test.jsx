import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import RelationshipGraph from './RelationshipGraph.jsx';
import { layoutGraph } from '../utils/graphLayout.js';

const graph = {
  nodes: [
    { id: 'c1', kind: 'character', name: 'Ayla' },
    { id: 'c2', kind: 'character', name: 'Borin' },
    { id: 'l1', kind: 'location', name: 'Silver Harbor' },
    { id: 's1', kind: 'story', name: 'The Gate' },
    { id: 'x9', kind: 'character', name: 'Loner' },
  ],
  edges: [
    { source: 'c1', target: 's1', kind: 'appears_in', weight: 1, story_ids: ['s1'] },
    { source: 'c2', target: 's1', kind: 'appears_in', weight: 1, story_ids: ['s1'] },
    { source: 'l1', target: 's1', kind: 'set_in', weight: 1, story_ids: ['s1'] },
    { source: 'c1', target: 'c2', kind: 'knows', weight: 3, story_ids: ['s1'] },
    { source: 'c1', target: 'ghost', kind: 'knows', weight: 1 },
  ],
};

describe('layoutGraph', () => {
  it('is deterministic and keeps every node inside the canvas', () => {
    const a = layoutGraph(graph.nodes, graph.edges, { width: 600, height: 400 });
    const b = layoutGraph([...graph.nodes].reverse(), graph.edges, { width: 600, height: 400 });
    expect(a.positions).toEqual(b.positions);
    expect(a.height).toBe(400 + 86); // one strip row (56 + 30) for the unconnected node
    for (const p of Object.values(a.positions)) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(600);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(a.height);
    }
  });

  it('spreads nodes apart', () => {
    const { positions } = layoutGraph(graph.nodes, graph.edges);
    const pts = Object.values(positions);
    for (let i = 0; i < pts.length; i++)
      for (let j = i + 1; j < pts.length; j++) expect(Math.hypot(pts[i].x - pts[j].x, pts[i].y - pts[j].y)).toBeGreaterThan(20);
  });

  it('handles empty and single-node graphs', () => {
    expect(layoutGraph([], []).positions).toEqual({});
    expect(layoutGraph([{ id: 'a', name: 'A' }], [], { width: 100, height: 100 }).positions.a).toEqual({ x: 50, y: 50 });
  });
});

describe('RelationshipGraph', () => {
  it('draws a node per entity and a line per known edge', () => {
    const { container } = render(<RelationshipGraph graph={graph} />);
    expect(screen.getByRole('group', { name: /5 nodes and 4 connections/ })).toBeInTheDocument();
    expect(container.querySelectorAll('g.node')).toHaveLength(5);
    expect(container.querySelectorAll('line.edge')).toHaveLength(4); // the edge to an unknown node is skipped
    expect(screen.getByRole('button', { name: 'Character: Ayla, 2 connections' })).toBeInTheDocument();
    expect(container.querySelectorAll('.node-story rect')).toHaveLength(1);
  });

  it('highlights the neighbours of a focused node', () => {
    const { container } = render(<RelationshipGraph graph={graph} />);
    fireEvent.focus(screen.getByRole('button', { name: /Location: Silver Harbor/ }));
    const loner = container.querySelector('[data-node-id="x9"]');
    const story = container.querySelector('[data-node-id="s1"]');
    expect(loner.getAttribute('opacity')).toBe('0.25');
    expect(story.getAttribute('opacity')).toBe('1');
  });
});

describe('RelationshipGraph with typed relations', () => {
  const typed = {
    nodes: [
      { id: 'a', kind: 'character', name: 'Ayla', image_id: '' },
      { id: 'm', kind: 'character', name: 'Mira Thornwood', image_id: '' },
      { id: 'f', kind: 'faction', name: 'Hội Đèn', image_id: '' },
    ],
    edges: [
      { id: 'r1', source: 'a', target: 'm', type: 'parent_of', label: 'parent of', inverse_label: 'child of', mutual: false, attitude: 2, weight: 1 },
      { id: 'r2', source: 'm', target: 'f', type: 'enemy_of', label: 'enemy of', inverse_label: 'enemy of', mutual: true, attitude: -3, weight: 1 },
    ],
  };

  it('labels each relation, points an arrow to the target unless mutual, colours by attitude', () => {
    const { container } = render(<RelationshipGraph graph={typed} onOpen={() => {}} />);
    const lines = container.querySelectorAll('line.edge');
    expect(lines[0].getAttribute('marker-end')).toBe('url(#graph-arrow)');
    expect(lines[1].getAttribute('marker-end')).toBeNull();
    expect(lines[0]).toHaveClass('edge-pos');
    expect(lines[1]).toHaveClass('edge-neg');
    expect([...container.querySelectorAll('.edge-label')].map((t) => t.textContent)).toEqual(['parent of', 'enemy of']);
    expect(screen.getByRole('button', { name: 'Faction: Hội Đèn, 1 connections' })).toBeInTheDocument();
  });

  it('opens a node with a click or Enter', () => {
    const onOpen = vi.fn();
    render(<RelationshipGraph graph={typed} onOpen={onOpen} />);
    fireEvent.click(screen.getByRole('button', { name: /Character: Mira Thornwood/ }));
    expect(onOpen).toHaveBeenCalledWith(typed.nodes[1]);
    fireEvent.keyDown(screen.getByRole('button', { name: /Faction: Hội Đèn/ }), { key: 'Enter' });
    expect(onOpen).toHaveBeenLastCalledWith(typed.nodes[2]);
  });

  it('zooms with the buttons and the keys and pans with the arrows, labels keeping their size', () => {
    const { container } = render(<RelationshipGraph graph={typed} />);
    const node = () => container.querySelector('[data-node-id="m"]').getAttribute('transform');
    const before = node();
    fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(node()).not.toBe(before);
    expect(container.querySelector('.graph-labels').getAttribute('transform')).toBeNull(); // labels are placed, never scaled
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(node()).toBe(before);
    const svg = screen.getByRole('group', { name: /Relationship graph with 3 nodes and 2 connections/ });
    fireEvent.keyDown(svg, { key: 'ArrowLeft' });
    const [x1] = node().match(/[-\d.]+/g).map(Number);
    const [x0] = before.match(/[-\d.]+/g).map(Number);
    expect(x1).toBeCloseTo(x0 + 40);
    fireEvent.keyDown(svg, { key: '0' });
    expect(node()).toBe(before);
  });
});
