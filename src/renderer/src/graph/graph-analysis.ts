/**
 * The explorer's view of the shared graph algorithms (`src/shared/graph`, also behind the CLI's
 * `graph` command), so the panel and `mix xref graph` always agree on what an edge implies.
 */
import type { DependencyGraph, GraphEdge } from '../../../shared/agent-protocol';
import {
  blastRadius,
  compileConnected,
  findPath,
  neighbourhood,
  stronglyConnectedComponents,
} from '../../../shared/graph';
import type { NeighbourDirection } from './graph-slice';

/** Files that recompile when `file` changes (`mix xref graph --sink FILE --label compile`). */
export function blastRadiusOf(graph: DependencyGraph, file: string): string[] {
  return blastRadius(graph, file);
}

/** `file` and the files within `depth` edges of it in `direction`. */
export function neighbourhoodOf(
  graph: DependencyGraph,
  file: string,
  direction: NeighbourDirection,
  depth: number,
): string[] {
  return neighbourhood(graph, file, { direction, depth }).nodes.map((n) => n.id);
}

/** Files of the compile-connected view (`--label compile-connected`). */
export function compileConnectedFiles(graph: DependencyGraph): string[] {
  return [...new Set(compileConnected(graph).flatMap((e) => [e.from, e.to]))];
}

/** Strongly connected components (2+ files) over every label. */
export function cyclesOf(graph: DependencyGraph): string[][] {
  return stronglyConnectedComponents(graph);
}

/** The edges of a shortest path from `from` to `to`, or null when `from` does not reach `to`. */
export function pathBetween(graph: DependencyGraph, from: string, to: string): GraphEdge[] | null {
  const edges = findPath(graph, from, to);
  return edges === null || edges.length === 0 ? null : edges;
}
