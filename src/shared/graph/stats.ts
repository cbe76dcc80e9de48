/**
 * The figures `mix xref graph --format stats` prints, plus a few the explorer shows.
 */
import type { DependencyGraph } from '../agent-protocol';
import { cyclicComponents, xrefCycles } from './cycles';
import { compareFiles, indexGraph, type GraphIndex, type Neighbour } from './graph-index';

/** A file and how many edges leave or enter it. */
export interface FileDegree {
  file: string;
  count: number;
}

/** `--format stats` figures for a reference map. */
export interface XrefStats {
  /** Tracked files (nodes). */
  files: number;
  compile: number;
  export: number;
  runtime: number;
  /** Cycles as `--format cycles` counts them. */
  cycles: number;
  /** Up to ten files with the most outgoing edges (ties: later file first, as Mix sorts). */
  topOutgoing: FileDegree[];
  /** Up to ten files with the most incoming edges. */
  topIncoming: FileDegree[];
}

/** Whole-graph figures: the xref ones plus modules and strongly connected components. */
export interface GraphStats extends XrefStats {
  modules: number;
  /** Cyclic strongly connected components. */
  components: number;
  /** Files in the largest cyclic component (0 without cycles). */
  largestComponent: number;
}

/**
 * Computes Mix's stats for a reference map (see `queryGraph`).
 *
 * Degrees count only edges between keys, like the `:digraph` Mix builds (it refuses edges to
 * unknown vertices); the label counters count every edge in the lists.
 */
export function xrefStats(
  references: ReadonlyMap<string, readonly Neighbour[]>,
  minCycleSize?: number,
): XrefStats {
  const counts = { compile: 0, export: 0, runtime: 0 };
  const outDegree = new Map<string, number>();
  const inDegree = new Map<string, number>();
  for (const file of references.keys()) {
    outDegree.set(file, 0);
    inDegree.set(file, 0);
  }
  for (const [file, children] of references) {
    for (const child of children) {
      counts[child.label]++;
      if (!references.has(child.file)) continue;
      outDegree.set(file, outDegree.get(file)! + 1);
      inDegree.set(child.file, inDegree.get(child.file)! + 1);
    }
  }
  return {
    files: references.size,
    ...counts,
    cycles: xrefCycles(references, minCycleSize).length,
    topOutgoing: top(outDegree),
    topIncoming: top(inDegree),
  };
}

function top(degrees: ReadonlyMap<string, number>): FileDegree[] {
  return [...degrees]
    .map(([file, count]) => ({ file, count }))
    .sort((a, b) => b.count - a.count || compareFiles(b.file, a.file))
    .slice(0, 10);
}

/** Figures for a whole dependency graph. */
export function graphStats(graph: DependencyGraph | GraphIndex): GraphStats {
  const index = indexGraph(graph);
  const components = cyclicComponents(index.out);
  let modules = 0;
  for (const list of index.modules.values()) modules += list.length;
  return {
    ...xrefStats(index.out),
    modules,
    components: components.length,
    largestComponent: components[0]?.length ?? 0,
  };
}
