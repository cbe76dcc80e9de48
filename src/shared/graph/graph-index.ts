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

interface CacheEntry {
  index: GraphIndex;
  nodes: DependencyGraph['nodes'];
  edges: DependencyGraph['edges'];
  nodeCount: number;
  edgeCount: number;
}

const indexCache = new WeakMap<DependencyGraph, CacheEntry>();

/**
 * Builds (or returns the cached) index of `graph`.
 *
 * Edges naming a file that is not a node add that file as a node without modules; self edges are
 * dropped; duplicate pairs keep the strongest label. The cache is keyed by object identity (and
 * notices arrays replaced or resized); treat a graph as immutable once indexed, or pass a copy.
 */
export function indexGraph(graph: DependencyGraph | GraphIndex): GraphIndex {
  if (isIndex(graph)) return graph;
  const cached = indexCache.get(graph);
  // A cheap guard against a graph updated in place: same arrays, same lengths.
  if (
    cached &&
    cached.nodes === graph.nodes &&
    cached.edges === graph.edges &&
    cached.nodeCount === graph.nodes.length &&
    cached.edgeCount === graph.edges.length
  ) {
    return cached.index;
  }

  const modules = new Map<string, readonly string[]>();
  for (const node of graph.nodes) {
    const known = modules.get(node.id);
    modules.set(node.id, known ? [...known, ...node.modules] : node.modules);
  }
  const pairs = new Map<string, Map<string, EdgeLabel>>();
  // Pairs listed with more than one label (only a graph carrying every reference has them).
  const extra: GraphEdge[] = [];
  for (const edge of graph.edges) {
    if (edge.from === edge.to) continue;
    if (!modules.has(edge.from)) modules.set(edge.from, []);
    if (!modules.has(edge.to)) modules.set(edge.to, []);
    let targets = pairs.get(edge.from);
    if (!targets) pairs.set(edge.from, (targets = new Map()));
    const known = targets.get(edge.to);
    if (known === undefined) {
      targets.set(edge.to, edge.label);
    } else if (known !== edge.label) {
      // Keep both labels: the weaker may be the one just displaced.
      extra.push({ from: edge.from, to: edge.to, label: known }, edge);
      targets.set(edge.to, strongerLabel(known, edge.label));
    }
  }

  const files = [...modules.keys()].sort(compareFiles);
  const out = new Map<string, Neighbour[]>();
  const inn = new Map<string, Neighbour[]>();
  for (const file of files) {
    out.set(file, []);
    inn.set(file, []);
  }
  const edges: GraphEdge[] = [];
  // Walking sources and targets in sorted order leaves every list sorted without a sort per node.
  for (const from of files) {
    const targets = pairs.get(from);
    if (!targets) continue;
    const sorted = targets.size > 1 ? [...targets.keys()].sort(compareFiles) : targets.keys();
    for (const to of sorted) {
      const label = targets.get(to)!;
      out.get(from)!.push({ file: to, label });
      inn.get(to)!.push({ file: from, label });
      edges.push({ from, to, label });
    }
  }
  const labelled = extra.length === 0 ? out : withEveryLabel(out, extra);
  const index: GraphIndex = { files, modules, out, in: inn, edges, labelled };
  indexCache.set(graph, {
    index,
    nodes: graph.nodes,
    edges: graph.edges,
    nodeCount: graph.nodes.length,
    edgeCount: graph.edges.length,
  });
  return index;
}

/** Adds the weaker labels of pairs listed more than once to a copy of `out`. */
function withEveryLabel(
  out: ReadonlyMap<string, readonly Neighbour[]>,
  extra: readonly GraphEdge[],
): Map<string, Neighbour[]> {
  const byFile = new Map<string, GraphEdge[]>();
  for (const edge of extra) {
    const list = byFile.get(edge.from);
    if (list) list.push(edge);
    else byFile.set(edge.from, [edge]);
  }
  const result = new Map<string, Neighbour[]>();
  for (const [file, neighbours] of out) {
    const more = byFile.get(file);
    if (!more) {
      result.set(file, [...neighbours]);
      continue;
    }
    const seen = new Set(neighbours.map((n) => `${n.file}\0${n.label}`));
    const list = [...neighbours];
    for (const edge of more) {
      const key = `${edge.to}\0${edge.label}`;
      if (seen.has(key)) continue;
      seen.add(key);
      list.push({ file: edge.to, label: edge.label });
    }
    const rank = (label: EdgeLabel): number => EDGE_LABELS.indexOf(label);
    list.sort((a, b) => compareFiles(a.file, b.file) || rank(a.label) - rank(b.label));
    result.set(file, list);
  }
  return result;
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
