/**
 * An indexed form of a `DependencyGraph`: adjacency both ways, one label per file pair.
 *
 * Mix keeps at most one reference per (file, file) pair, the strongest one (compile beats export
 * beats runtime), and never a file's reference to itself; the index applies the same rules so
 * every algorithm here sees the graph `mix xref graph` sees.
 */
import type { DependencyGraph, EdgeLabel, GraphEdge } from '../agent-protocol';

/** An outgoing or incoming neighbour with the label of the edge between them. */
export interface Neighbour {
  file: string;
  label: EdgeLabel;
}

/** Adjacency of a dependency graph, built once and shared by the queries. */
export interface GraphIndex {
  /** Every file, sorted as Erlang sorts binaries. */
  files: readonly string[];
  /** Modules per file. */
  modules: ReadonlyMap<string, readonly string[]>;
  /** Outgoing edges per file (every file has an entry), sorted by target. */
  out: ReadonlyMap<string, readonly Neighbour[]>;
  /** Incoming edges per file (every file has an entry), sorted by source. */
  in: ReadonlyMap<string, readonly Neighbour[]>;
  /** The normalised edges, sorted by source then target. */
  edges: readonly GraphEdge[];
  /**
   * Every distinct (target, label) pair the input listed per file, sorted by target.
   *
   * Mix's manifest keeps a file's compile, export and runtime references as separate lists, so
   * a file that both `use`s and calls another is on two of them; only `--only-direct` with a
   * weaker label sees the difference. A graph carrying one (strongest) edge per pair, like the
   * dot output, makes this the same as `out`.
   */
  labelled: ReadonlyMap<string, readonly Neighbour[]>;
}

const STRENGTH: Record<EdgeLabel, number> = { compile: 2, export: 1, runtime: 0 };

/** Every edge label, strongest first. */
export const EDGE_LABELS: readonly EdgeLabel[] = ['compile', 'export', 'runtime'];

/** The stronger of two labels, as Mix merges references to the same file. */
export function strongerLabel(a: EdgeLabel, b: EdgeLabel): EdgeLabel {
  return STRENGTH[a] >= STRENGTH[b] ? a : b;
}

/**
 * Compares strings the way Erlang compares binaries (byte order of their UTF-8 form).
 *
 * JavaScript's `<` compares UTF-16 code units, which differs above U+FFFF; code point order is
 * the same as UTF-8 byte order.
 */
export function compareFiles(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      if (x < 0xd800 && y < 0xd800) return x - y;
      return (a.codePointAt(i) ?? 0) - (b.codePointAt(i) ?? 0);
    }
  }
  return a.length - b.length;
}

const indexCache = new WeakMap<DependencyGraph, GraphIndex>();

/**
 * Builds (or returns the cached) index of `graph`.
 *
 * Edges naming a file that is not a node add that file as a node without modules; self edges are
 * dropped; duplicate pairs keep the strongest label. The cache is keyed by object identity, so a
 * graph must not be mutated after it was indexed.
 */
export function indexGraph(graph: DependencyGraph | GraphIndex): GraphIndex {
  if (isIndex(graph)) return graph;
  const cached = indexCache.get(graph);
  if (cached) return cached;

  const modules = new Map<string, readonly string[]>();
  for (const node of graph.nodes) {
    const known = modules.get(node.id);
    modules.set(node.id, known ? [...known, ...node.modules] : node.modules);
  }
  const pairs = new Map<string, Map<string, EdgeLabel>>();
  const triples = new Map<string, Map<string, Set<EdgeLabel>>>();
  for (const edge of graph.edges) {
    if (edge.from === edge.to) continue;
    let byTarget = triples.get(edge.from);
    if (!byTarget) triples.set(edge.from, (byTarget = new Map()));
    const labels = byTarget.get(edge.to);
    if (labels) labels.add(edge.label);
    else byTarget.set(edge.to, new Set([edge.label]));
    if (!modules.has(edge.from)) modules.set(edge.from, []);
    if (!modules.has(edge.to)) modules.set(edge.to, []);
    let targets = pairs.get(edge.from);
    if (!targets) pairs.set(edge.from, (targets = new Map()));
    const known = targets.get(edge.to);
    targets.set(edge.to, known ? strongerLabel(known, edge.label) : edge.label);
  }

  const files = [...modules.keys()].sort(compareFiles);
  const out = new Map<string, Neighbour[]>();
  const inn = new Map<string, Neighbour[]>();
  for (const file of files) {
    out.set(file, []);
    inn.set(file, []);
  }
  const edges: GraphEdge[] = [];
  const labelled = new Map<string, Neighbour[]>();
  // Walking sources and targets in sorted order leaves every list sorted without a sort per node.
  for (const from of files) {
    const targets = pairs.get(from);
    if (!targets) continue;
    for (const to of [...targets.keys()].sort(compareFiles)) {
      const label = targets.get(to)!;
      out.get(from)!.push({ file: to, label });
      inn.get(to)!.push({ file: from, label });
      edges.push({ from, to, label });
    }
  }
  for (const from of files) {
    const byTarget = triples.get(from);
    const list: Neighbour[] = [];
    labelled.set(from, list);
    if (!byTarget) continue;
    for (const to of [...byTarget.keys()].sort(compareFiles)) {
      for (const label of EDGE_LABELS) if (byTarget.get(to)!.has(label)) list.push({ file: to, label });
    }
  }
  const index: GraphIndex = { files, modules, out, in: inn, edges, labelled };
  indexCache.set(graph, index);
  return index;
}

function isIndex(value: DependencyGraph | GraphIndex): value is GraphIndex {
  return 'out' in value && value.out instanceof Map;
}

/** Turns an index back into a plain `DependencyGraph` (nodes and edges sorted). */
export function toDependencyGraph(index: GraphIndex): DependencyGraph {
  return {
    nodes: index.files.map((id) => ({ id, modules: [...(index.modules.get(id) ?? [])] })),
    edges: index.edges.map((edge) => ({ ...edge })),
  };
}
