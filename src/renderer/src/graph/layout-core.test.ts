import { describe, expect, it } from 'vitest';
import type { DependencyGraph } from '../../../shared/agent-protocol';
import { buildGroupTree, visibleElements, type ViewNode } from './graph-model';
import { layoutView, nodeSize, sccIndex } from './layout-core';
import { placeNewNodes } from './live-placement';

describe('sccIndex', () => {
  it('puts mutually reachable nodes in one component, dependencies numbered first', () => {
    const comp = sccIndex([[1], [2], [0, 3], []]);
    expect(comp[0]).toBe(comp[1]);
    expect(comp[1]).toBe(comp[2]);
    expect(comp[3]).not.toBe(comp[0]);
    expect(comp[3]).toBeLessThan(comp[0] as number);
  });
});

describe('layoutView', () => {
  it('places dependents above their dependencies', () => {
    // Three levels of four files: each top file calls a middle one, each middle a bottom one.
    const nodes = ['top', 'mid', 'low'].flatMap((lv) =>
      [0, 1, 2, 3].map((i) => ({ id: `lib/${lv}_${i}.ex`, modules: [`${lv}${i}`] })),
    );
    const edges = [0, 1, 2, 3].flatMap((i) => [
      { from: `lib/top_${i}.ex`, to: `lib/mid_${i}.ex`, label: 'runtime' as const },
      { from: `lib/mid_${i}.ex`, to: `lib/low_${i}.ex`, label: 'runtime' as const },
    ]);
    const g = { nodes, edges };
    const tree = buildGroupTree(g, 'folder');
    const view = visibleElements(g, tree, {
      expanded: new Set(tree.groups.keys()),
      labels: new Set(['runtime']),
    });
    const pos = layoutView(view.nodes, view.edges);
    for (const i of [0, 1, 2, 3]) {
      expect(pos[`lib/top_${i}.ex`]?.y).toBeLessThan(pos[`lib/mid_${i}.ex`]?.y ?? 0);
      expect(pos[`lib/mid_${i}.ex`]?.y).toBeLessThan(pos[`lib/low_${i}.ex`]?.y ?? 0);
    }
  });

  it('gives every node a place, no two leaves overlapping, each inside its group box', () => {
    const nodes: DependencyGraph['nodes'] = [];
    for (let d = 0; d < 4; d++)
      for (let f = 0; f < 30; f++)
        nodes.push({ id: `lib/app/d${d}/file_${f}.ex`, modules: [`M${d}_${f}`] });
    const edges = nodes.slice(1).map((n, i) => ({
      from: n.id,
      to: nodes[(i * 7) % nodes.length]?.id ?? '',
      label: 'runtime' as const,
    }));
    const g = { nodes, edges: edges.filter((e) => e.from !== e.to) };
    const tree = buildGroupTree(g, 'folder');
    const view = visibleElements(g, tree, {
      expanded: new Set(tree.groups.keys()),
      labels: new Set(['runtime']),
    });
    const pos = layoutView(view.nodes, view.edges);
    const leaves = view.nodes.filter((n) => n.kind === 'file');
    for (const n of view.nodes) expect(pos[n.id]).toBeDefined();
    const rect = (n: ViewNode) => {
      const p = pos[n.id] ?? { x: 0, y: 0 };
      const s = nodeSize(n);
      return { x0: p.x - s.w / 2, x1: p.x + s.w / 2, y0: p.y - s.h / 2, y1: p.y + s.h / 2 };
    };
    for (let i = 0; i < leaves.length; i++)
      for (let j = i + 1; j < leaves.length; j++) {
        const a = rect(leaves[i] as ViewNode);
        const b = rect(leaves[j] as ViewNode);
        const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
        expect(overlap).toBe(false);
      }
    for (const leaf of leaves) {
      const box = pos[leaf.parent ?? ''];
      const p = pos[leaf.id];
      expect(box?.w).toBeGreaterThan(0);
      if (!box || !p || box.w === undefined || box.h === undefined) continue;
      expect(Math.abs(p.x - box.x)).toBeLessThan(box.w / 2);
      expect(Math.abs(p.y - box.y)).toBeLessThan(box.h / 2);
    }
  });
});

describe('placeNewNodes', () => {
  it('keeps known positions and puts a new node near what it connects to', () => {
    const nodes: ViewNode[] = [
      { id: 'a', kind: 'file', label: 'a', count: 1 },
      { id: 'b', kind: 'file', label: 'b', count: 1 },
      { id: 'c', kind: 'file', label: 'c', count: 1 },
    ];
    const known = { a: { x: 0, y: 0 }, b: { x: 1000, y: 1000 } };
    const edge = {
      id: 'c→b',
      source: 'c',
      target: 'b',
      label: 'runtime' as const,
      count: 1,
      counts: { compile: 0, export: 0, runtime: 1 },
    };
    const pos = placeNewNodes(nodes, [edge], known);
    expect(pos.a).toEqual(known.a);
    expect(pos.b).toEqual(known.b);
    const c = pos.c ?? { x: 0, y: 0 };
    expect(Math.hypot(c.x - 1000, c.y - 1000)).toBeLessThan(200);
  });

  it('grows the box of an open group to hold a new file, leaving other boxes alone', () => {
    const nodes: ViewNode[] = [
      { id: 'dir:a', kind: 'group', label: 'a', count: 2, expanded: true },
      { id: 'a/x.ex', kind: 'file', label: 'x', count: 1, parent: 'dir:a' },
      { id: 'a/new.ex', kind: 'file', label: 'new', count: 1, parent: 'dir:a' },
      { id: 'dir:b', kind: 'group', label: 'b', count: 1, expanded: true },
      { id: 'b/y.ex', kind: 'file', label: 'y', count: 1, parent: 'dir:b' },
    ];
    const known = {
      'dir:a': { x: 0, y: 0, w: 100, h: 100 },
      'a/x.ex': { x: 0, y: 0 },
      'dir:b': { x: 500, y: 0, w: 100, h: 100 },
      'b/y.ex': { x: 500, y: 0 },
    };
    const pos = placeNewNodes(nodes, [], known);
    const box = pos['dir:a'] ?? { x: 0, y: 0, w: 0, h: 0 };
    const added = pos['a/new.ex'] ?? { x: 0, y: 0 };
    expect(Math.abs(added.x - box.x)).toBeLessThan((box.w ?? 0) / 2);
    expect(Math.abs(added.y - box.y)).toBeLessThan((box.h ?? 0) / 2);
    expect(pos['dir:b']).toEqual(known['dir:b']);
  });
});
