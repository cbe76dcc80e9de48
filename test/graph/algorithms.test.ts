/**
 * The pure graph algorithms on small graphs whose answers can be worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import type { DependencyGraph, EdgeLabel } from '../../src/shared/agent-protocol';
import {
  blastRadius,
  compareFiles,
  compileConnected,
  findPath,
  graphStats,
  indexGraph,
  neighbourhood,
  queryGraph,
  stronglyConnectedComponents,
  XrefQueryError,
} from '../../src/shared/graph';

function graphOf(edges: Array<[string, string, EdgeLabel]>, extra: string[] = []): DependencyGraph {
  const files = new Set(extra);
  for (const [from, to] of edges) files.add(from).add(to);
  return {
    nodes: [...files].map((id) => ({ id, modules: [id.toUpperCase()] })),
    edges: edges.map(([from, to, label]) => ({ from, to, label })),
  };
}

// The example of `mix help xref`: a compiles against b, which calls c at runtime.
const abc = graphOf([
  ['a', 'b', 'compile'],
  ['b', 'c', 'runtime'],
]);

describe('indexGraph', () => {
  it('keeps the strongest label per pair, drops self edges and adds unknown files', () => {
    const index = indexGraph({
      nodes: [{ id: 'a', modules: ['A'] }],
      edges: [
        { from: 'a', to: 'b', label: 'runtime' },
        { from: 'a', to: 'b', label: 'export' },
        { from: 'a', to: 'a', label: 'compile' },
      ],
    });
    expect(index.files).toEqual(['a', 'b']);
    expect(index.edges).toEqual([{ from: 'a', to: 'b', label: 'export' }]);
    expect(index.labelled.get('a')).toEqual([
      { file: 'b', label: 'export' },
      { file: 'b', label: 'runtime' },
    ]);
    expect(index.in.get('b')).toEqual([{ file: 'a', label: 'export' }]);
  });

  it('orders files by code point, as Erlang orders binaries', () => {
    expect(['lib/b.ex', 'lib/a_b.ex', 'lib/a.ex', 'lib/Z.ex'].sort(compareFiles)).toEqual([
      'lib/Z.ex',
      'lib/a.ex',
      'lib/a_b.ex',
      'lib/b.ex',
    ]);
    expect(compareFiles('\u{1F600}', '\uFFFF')).toBeGreaterThan(0);
  });
});

describe('queryGraph and the transitive compile rules', () => {
  it('compile-connected keeps compile edges onto files with dependencies', () => {
    expect(compileConnected(abc)).toEqual([{ from: 'a', to: 'b', label: 'compile' }]);
    const leaf = graphOf([['a', 'b', 'compile']]);
    expect(compileConnected(leaf)).toEqual([]);
  });

  it('a sink tree reaches through runtime edges behind a compile edge', () => {
    expect(blastRadius(abc, 'c')).toEqual(['a']);
    expect(blastRadius(abc, 'b')).toEqual(['a']);
    expect(blastRadius(abc, 'a')).toEqual([]);
    expect(blastRadius(abc, 'nope')).toEqual([]);
  });

  it('--only-direct applies the label before the tree is taken', () => {
    const direct = queryGraph(abc, { sinks: ['c'], label: 'compile', onlyDirect: true });
    expect(direct.roots).toEqual([]);
    expect(() => queryGraph(abc, { label: 'compile-connected', onlyDirect: true })).toThrow(
      XrefQueryError,
    );
  });

  it('refuses unknown sources and sinks with Mix’s message', () => {
    expect(() => queryGraph(abc, { sources: ['x', 'y'] })).toThrow(
      'Sources could not be found: x, y',
    );
    expect(() => queryGraph(abc, { sinks: ['x'] })).toThrow('Sinks could not be found: x');
  });
});

describe('stronglyConnectedComponents', () => {
  const cyclic = graphOf(
    [
      ['a', 'b', 'runtime'],
      ['b', 'a', 'compile'],
      ['b', 'c', 'runtime'],
      ['c', 'd', 'export'],
      ['d', 'e', 'runtime'],
      ['e', 'c', 'runtime'],
    ],
    ['lonely'],
  );

  it('lists cyclic components, largest first, each sorted', () => {
    expect(stronglyConnectedComponents(cyclic)).toEqual([
      ['c', 'd', 'e'],
      ['a', 'b'],
    ]);
  });

  it('can follow only some labels', () => {
    expect(stronglyConnectedComponents(cyclic, ['runtime'])).toEqual([]);
    expect(stronglyConnectedComponents(cyclic, ['runtime', 'compile'])).toEqual([['a', 'b']]);
  });

  it('survives a chain far deeper than the JavaScript stack', () => {
    const edges: Array<[string, string, EdgeLabel]> = [];
    for (let i = 0; i < 20_000; i++) edges.push([`f${i}`, `f${i + 1}`, 'runtime']);
    edges.push(['f20000', 'f0', 'runtime']);
    const [component] = stronglyConnectedComponents(graphOf(edges));
    expect(component?.length).toBe(20_001);
  });
});

describe('neighbourhood and findPath', () => {
  const g = graphOf([
    ['web', 'orders', 'runtime'],
    ['orders', 'catalog', 'runtime'],
    ['orders', 'order', 'export'],
    ['catalog', 'schema', 'compile'],
    ['order', 'schema', 'compile'],
    ['admin', 'catalog', 'runtime'],
  ]);

  it('walks outgoing, incoming or both edges up to a depth', () => {
    const out = neighbourhood(g, 'orders', { direction: 'out', depth: 1 });
    expect(out.nodes).toEqual([
      { id: 'orders', distance: 0 },
      { id: 'catalog', distance: 1 },
      { id: 'order', distance: 1 },
    ]);
    expect(out.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['orders>catalog', 'orders>order']);
    const into = neighbourhood(g, 'catalog', { direction: 'in', depth: 2 });
    expect(into.nodes.map((n) => n.id)).toEqual(['catalog', 'admin', 'orders', 'web']);
    const both = neighbourhood(g, 'schema', { direction: 'both', depth: 2 });
    expect(both.nodes.map((n) => n.id)).toEqual(['schema', 'catalog', 'order', 'admin', 'orders']);
    const compileOnly = neighbourhood(g, 'schema', {
      direction: 'in',
      depth: 3,
      labels: ['compile'],
    });
    expect(compileOnly.nodes.map((n) => n.id)).toEqual(['schema', 'catalog', 'order']);
    expect(neighbourhood(g, 'missing', { direction: 'both', depth: 1 })).toEqual({
      nodes: [],
      edges: [],
    });
  });

  it('finds a shortest path as edges, stable across equal choices', () => {
    expect(findPath(g, 'web', 'schema')).toEqual([
      { from: 'web', to: 'orders', label: 'runtime' },
      { from: 'orders', to: 'catalog', label: 'runtime' },
      { from: 'catalog', to: 'schema', label: 'compile' },
    ]);
    expect(findPath(g, 'web', 'web')).toEqual([]);
    expect(findPath(g, 'schema', 'web')).toBeNull();
    expect(findPath(g, 'web', 'order', { labels: ['runtime'] })).toBeNull();
  });
});

describe('graphStats', () => {
  it('counts files, modules, labels, cycles and degrees', () => {
    const stats = graphStats(
      graphOf([
        ['a', 'b', 'compile'],
        ['b', 'a', 'runtime'],
        ['c', 'a', 'export'],
      ]),
    );
    expect(stats).toMatchObject({
      files: 3,
      modules: 3,
      compile: 1,
      export: 1,
      runtime: 1,
      cycles: 1,
      components: 1,
      largestComponent: 2,
    });
    expect(stats.topIncoming[0]).toEqual({ file: 'a', count: 2 });
    // Ties are listed later file first, as Mix's descending tuple sort does.
    expect(stats.topOutgoing.map((d) => d.file)).toEqual(['c', 'b', 'a']);
  });
});
