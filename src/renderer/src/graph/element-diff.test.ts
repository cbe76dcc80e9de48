import { describe, expect, it } from 'vitest';
import { diffElements, type Snapshot } from './element-diff';
import type { ViewEdge, ViewElements, ViewNode } from './graph-model';

const file = (id: string): ViewNode => ({ id, kind: 'file', label: id, count: 1 });
const edge = (source: string, target: string): ViewEdge => ({
  id: `${source}→${target}`,
  source,
  target,
  label: 'runtime',
  count: 1,
  counts: { compile: 0, export: 0, runtime: 1 },
});

function apply(view: ViewElements, current = new Map<string, Snapshot>(), relayout = true) {
  const positions = Object.fromEntries(view.nodes.map((n, i) => [n.id, { x: i * 10, y: 0 }]));
  return diffElements(current, view, positions, relayout);
}

describe('diffElements', () => {
  it('adds nodes before edges on an empty canvas, with positions', () => {
    const plan = apply({ nodes: [file('a'), file('b')], edges: [edge('a', 'b')] });
    expect(plan.add.map((a) => a.group)).toEqual(['nodes', 'nodes', 'edges']);
    expect(plan.add[1]?.position).toEqual({ x: 10, y: 0 });
    expect(plan.remove).toEqual([]);
  });

  it('changes nothing for the same view and only moves nodes on a relayout', () => {
    const view = { nodes: [file('a'), file('b')], edges: [edge('a', 'b')] };
    const first = apply(view);
    const again = apply(view, first.next, false);
    expect(again.add).toEqual([]);
    expect(again.remove).toEqual([]);
    expect(again.update).toEqual([]);
    expect(again.move).toEqual([]);
    expect(apply(view, first.next, true).move.map((m) => m.id)).toEqual(['a', 'b']);
  });

  it('removes what left, re-adds edges of removed nodes, updates changed data', () => {
    const first = apply({
      nodes: [file('a'), file('b'), file('c')],
      edges: [edge('a', 'b'), edge('c', 'b')],
    });
    const renamed = { ...file('b'), label: 'b2' };
    const plan = apply({ nodes: [file('a'), renamed], edges: [edge('a', 'b')] }, first.next, false);
    expect(plan.remove.sort()).toEqual(['c', 'c→b']);
    expect(plan.update.map((u) => u.id)).toEqual(['b']);
    expect(plan.add).toEqual([]);
    expect([...plan.next.keys()].sort()).toEqual(['a', 'a→b', 'b']);
  });
});
