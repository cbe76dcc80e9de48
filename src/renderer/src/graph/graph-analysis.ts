/**
 * The explorer's view of the shared graph algorithms (`src/shared/graph`, also behind the CLI's
 * `graph` command), so the panel and `mix xref graph` always agree on what an edge implies.
 */
import type { DependencyGraph, GraphEdge } from '../../../shared/agent-protocol';
import { stronglyConnectedComponents } from '../../../shared/graph/cycles';
import { queryGraph } from '../../../shared/graph/xref-query';
import type { NeighbourDirection } from './graph-slice';

/** Files that recompile when `file` changes (`mix xref graph --sink FILE --label compile`). */
export function blastRadiusOf(graph: DependencyGraph, file: string): string[] {
  const nodes = queryGraph(graph, { sinks: [file], label: 'compile' }).nodes;
  return [...new Set(nodes)].filter((f) => f !== file).sort();
}

/** `file` and the files within `depth` edges of it in `direction`. */
export function neighbourhoodOf(
  graph: DependencyGraph,
  file: string,
  direction: NeighbourDirection,
  depth: number,
): string[] {
  const { out, inn } = adjacency(graph);
  const seen = new Set([file]);
  let frontier = [file];
  for (let d = 0; d < depth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const f of frontier) {
      const steps = [
        ...(direction !== 'in' ? (out.get(f) ?? []) : []),
        ...(direction !== 'out' ? (inn.get(f) ?? []) : []),
      ];
      for (const e of steps) {
        const other = e.from === f ? e.to : e.from;
        if (!seen.has(other)) {
          seen.add(other);
          next.push(other);
        }
      }
    }
    frontier = next;
  }
  return [...seen];
}

/** Files of the compile-connected view (`--label compile-connected`). */
export function compileConnectedFiles(graph: DependencyGraph): string[] {
  return [...new Set(queryGraph(graph, { label: 'compile-connected' }).nodes)];
}

/** Strongly connected components over every label. */
export function cyclesOf(graph: DependencyGraph): string[][] {
  return stronglyConnectedComponents(graph);
}

/** The edges of a shortest path from `from` to `to`, or null when `from` does not reach `to`. */
export function pathBetween(graph: DependencyGraph, from: string, to: string): GraphEdge[] | null {
  if (from === to) return null;
  const { out } = adjacency(graph);
  const via = new Map<string, GraphEdge>();
  const queue = [from];
  const seen = new Set([from]);
  // Breadth-first over sorted neighbours; compile edges first so the "why" prefers them.
  const rank = { compile: 0, export: 1, runtime: 2 } as const;
  for (let i = 0; i < queue.length; i++) {
    const f = queue[i] as string;
    const steps = [...(out.get(f) ?? [])].sort(
      (a, b) => rank[a.label] - rank[b.label] || a.to.localeCompare(b.to),
    );
    for (const e of steps) {
      if (seen.has(e.to)) continue;
      seen.add(e.to);
      via.set(e.to, e);
      if (e.to === to) {
        const path: GraphEdge[] = [];
        for (let at: string = to; at !== from; ) {
          const step = via.get(at) as GraphEdge;
          path.push(step);
          at = step.from;
        }
        return path.reverse();
      }
      queue.push(e.to);
    }
  }
  return null;
}

const adjacencyCache = new WeakMap<
  DependencyGraph,
  { out: Map<string, GraphEdge[]>; inn: Map<string, GraphEdge[]> }
>();

function adjacency(graph: DependencyGraph): {
  out: Map<string, GraphEdge[]>;
  inn: Map<string, GraphEdge[]>;
} {
  let hit = adjacencyCache.get(graph);
  if (!hit) {
    const out = new Map<string, GraphEdge[]>();
    const inn = new Map<string, GraphEdge[]>();
    for (const e of graph.edges) {
      const o = out.get(e.from);
      if (o) o.push(e);
      else out.set(e.from, [e]);
      const i = inn.get(e.to);
      if (i) i.push(e);
      else inn.set(e.to, [e]);
    }
    hit = { out, inn };
    adjacencyCache.set(graph, hit);
  }
  return hit;
}
