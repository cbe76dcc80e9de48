/**
 * Questions asked of one file or pair of files: what recompiles, what is nearby, why A needs B.
 */
import type { DependencyGraph, EdgeLabel, GraphEdge } from '../agent-protocol';
import { compareFiles, indexGraph, type GraphIndex } from './graph-index';
import { queryGraph } from './xref-query';

/**
 * The files that recompile when `file` changes, as
 * `mix xref graph --sink FILE --label compile --only-nodes` lists them.
 *
 * That is every file with a compile edge into `file` or into any file that reaches `file` by any
 * path (a runtime chain behind a compile edge still forces the recompile); `file` itself is left
 * out. Sorted; empty for a file that is not in the graph.
 */
export function blastRadius(graph: DependencyGraph | GraphIndex, file: string): string[] {
  const index = indexGraph(graph);
  if (!index.modules.has(file)) return [];
  // Equivalent to queryGraph(index, { sinks: [file], label: 'compile' }).roots, without
  // copying the whole graph: walk the dependents of `file`, then keep their compile callers.
  const reached = new Set<string>([file]);
  const stack = [file];
  while (stack.length > 0) {
    for (const n of index.in.get(stack.pop()!) ?? []) {
      if (reached.has(n.file)) continue;
      reached.add(n.file);
      stack.push(n.file);
    }
  }
  const result = new Set<string>();
  for (const target of reached) {
    for (const n of index.in.get(target) ?? []) {
      if (n.label === 'compile' && n.file !== file) result.add(n.file);
    }
  }
  return [...result].sort(compareFiles);
}

/** The `--label compile-connected` edges: compile edges onto files that have edges themselves. */
export function compileConnected(graph: DependencyGraph | GraphIndex): GraphEdge[] {
  return [...queryGraph(graph, { label: 'compile-connected' }).edges];
}

/** Options of `neighbourhood`. */
export interface NeighbourhoodOptions {
  /** `out`: what the file depends on; `in`: what depends on it; `both`. */
  direction: 'in' | 'out' | 'both';
  /** How many edges away to go (0 keeps only the file). */
  depth: number;
  /** Follow only edges with these labels (all when omitted). */
  labels?: readonly EdgeLabel[];
}

/** A file near the centre and how many edges away it is. */
export interface NeighbourFile {
  id: string;
  distance: number;
}

/** The files within `depth` edges of a file, and the edges among them. */
export interface Neighbourhood {
  nodes: NeighbourFile[];
  /** Edges (of the allowed labels) whose ends are both in `nodes`, sorted. */
  edges: GraphEdge[];
}

/** Breadth-first neighbourhood of `file`; empty when the file is not in the graph. */
export function neighbourhood(
  graph: DependencyGraph | GraphIndex,
  file: string,
  options: NeighbourhoodOptions,
): Neighbourhood {
  const index = indexGraph(graph);
  if (!index.modules.has(file)) return { nodes: [], edges: [] };
  const allowed = options.labels ? new Set(options.labels) : null;
  const distance = new Map<string, number>([[file, 0]]);
  let frontier = [file];
  for (let d = 1; d <= options.depth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const current of frontier) {
      const around = [
        ...(options.direction !== 'in' ? (index.out.get(current) ?? []) : []),
        ...(options.direction !== 'out' ? (index.in.get(current) ?? []) : []),
      ];
      for (const n of around) {
        if (allowed && !allowed.has(n.label)) continue;
        if (distance.has(n.file)) continue;
        distance.set(n.file, d);
        next.push(n.file);
      }
    }
    frontier = next;
  }
  // Collect edges from the (few) files inside rather than scanning every edge of the graph.
  const edges: GraphEdge[] = [];
  for (const from of [...distance.keys()].sort(compareFiles)) {
    for (const n of index.out.get(from) ?? []) {
      if (distance.has(n.file) && (!allowed || allowed.has(n.label))) {
        edges.push({ from, to: n.file, label: n.label });
      }
    }
  }
  const nodes = [...distance]
    .map(([id, d]) => ({ id, distance: d }))
    .sort((a, b) => a.distance - b.distance || compareFiles(a.id, b.id));
  return { nodes, edges };
}

/**
 * A shortest dependency path from `from` to `to`, as its edges ("why does A depend on B").
 *
 * Ties are broken by file order, so the answer is stable. `[]` when `from === to`, `null` when
 * there is no path (or either file is unknown). With `labels`, only those edges are followed.
 */
export function findPath(
  graph: DependencyGraph | GraphIndex,
  from: string,
  to: string,
  options: { labels?: readonly EdgeLabel[] } = {},
): GraphEdge[] | null {
  const index = indexGraph(graph);
  if (!index.modules.has(from) || !index.modules.has(to)) return null;
  if (from === to) return [];
  const allowed = options.labels ? new Set(options.labels) : null;
  const via = new Map<string, GraphEdge>();
  const seen = new Set([from]);
  let frontier = [from];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const current of frontier) {
      for (const n of index.out.get(current) ?? []) {
        if ((allowed && !allowed.has(n.label)) || seen.has(n.file)) continue;
        seen.add(n.file);
        via.set(n.file, { from: current, to: n.file, label: n.label });
        if (n.file === to) return unwind(via, from, to);
        next.push(n.file);
      }
    }
    frontier = next;
  }
  return null;
}

function unwind(via: ReadonlyMap<string, GraphEdge>, from: string, to: string): GraphEdge[] {
  const path: GraphEdge[] = [];
  for (let at = to; at !== from;) {
    const edge = via.get(at)!;
    path.push(edge);
    at = edge.from;
  }
  return path.reverse();
}
