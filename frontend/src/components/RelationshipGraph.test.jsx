import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
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
