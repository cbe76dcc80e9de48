/**
 * Strongly connected components and the cycle listing of `mix xref graph --format cycles`.
 *
 * Mix (1.14) takes the cyclic strongly connected components of the graph and, inside each, asks
 * `:digraph.get_cycle/2` for a cycle through a remaining vertex until every vertex of the
 * component was on one; each cycle is printed as its vertices with the first repeated at the end,
 * and its "length" counts that repetition. Which cycles `:digraph` finds depends on ETS ordering,
 * so the cycles here come from a deterministic depth-first search instead: the files covered per
 * component are always the same as Mix's; the individual cycles, and so their count, may differ.
 */
import type { DependencyGraph, EdgeLabel } from '../agent-protocol';
import { compareFiles, indexGraph, type GraphIndex, type Neighbour } from './graph-index';

/** One cycle as Mix prints it: `files` starts and ends with the same file. */
export interface XrefCycle {
  /** Number of entries in `files` (the repeated first file counts twice, as in Mix). */
  length: number;
  files: string[];
}

/**
 * The cyclic strongly connected components: groups of files that all reach each other.
 *
 * With `labels`, only edges with those labels count. Each component is sorted; components are
 * ordered largest first, then by their first file.
 */
export function stronglyConnectedComponents(
  graph: DependencyGraph | GraphIndex,
  labels?: readonly EdgeLabel[],
): string[][] {
  const index = indexGraph(graph);
  const allowed = labels ? new Set(labels) : null;
  const adjacency = new Map<string, readonly Neighbour[]>();
  for (const file of index.files) {
    const out = index.out.get(file) ?? [];
    adjacency.set(file, allowed ? out.filter((n) => allowed.has(n.label)) : out);
  }
  return cyclicComponents(adjacency);
}

/** Tarjan's algorithm without recursion (a 10,000-file chain would overflow the JS stack). */
export function cyclicComponents(adjacency: ReadonlyMap<string, readonly Neighbour[]>): string[][] {
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const start of adjacency.keys()) {
    if (order.has(start)) continue;
    const frames: Array<{ file: string; next: number }> = [{ file: start, next: 0 }];
    order.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const children = adjacency.get(frame.file) ?? [];
      if (frame.next < children.length) {
        const child = children[frame.next++]!.file;
        if (!adjacency.has(child)) continue;
        if (!order.has(child)) {
          order.set(child, counter);
          low.set(child, counter++);
          stack.push(child);
          onStack.add(child);
          frames.push({ file: child, next: 0 });
        } else if (onStack.has(child)) {
          low.set(frame.file, Math.min(low.get(frame.file)!, order.get(child)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.file, Math.min(low.get(parent.file)!, low.get(frame.file)!));
      if (low.get(frame.file) === order.get(frame.file)) {
        const component: string[] = [];
        for (;;) {
          const file = stack.pop()!;
          onStack.delete(file);
          component.push(file);
          if (file === frame.file) break;
        }
        if (component.length > 1) components.push(component.sort(compareFiles));
      }
    }
  }
  return components.sort((a, b) => b.length - a.length || compareFiles(a[0]!, b[0]!));
}

/**
 * The cycles `--format cycles` lists for a (filtered) reference map, largest first.
 *
 * Edges to files that are not keys are ignored, as `:digraph` refuses them. With
 * `minCycleSize`, only cycles whose length is above it are kept (Mix's `--min-cycle-size`).
 */
export function xrefCycles(
  references: ReadonlyMap<string, readonly Neighbour[]>,
  minCycleSize?: number,
): XrefCycle[] {
  const cycles: XrefCycle[] = [];
  for (const component of cyclicComponents(references)) {
    const inside = new Set(component);
    let remaining = component;
    while (remaining.length > 0) {
      const files = cycleThrough(references, remaining[0]!, inside);
      cycles.push({ length: files.length, files });
      const covered = new Set(files);
      remaining = remaining.filter((file) => !covered.has(file));
    }
  }
  const kept = minCycleSize === undefined ? cycles : cycles.filter((c) => c.length > minCycleSize);
  // Mix sorts `{length, cycle}` tuples descending: longer first, then by the cycle's files.
  return kept.sort((a, b) => b.length - a.length || compareFileLists(b.files, a.files));
}

/**
 * A long cycle from `start` back to itself within `inside`.
 *
 * Depth-first over sorted edges, closing the cycle only at a file with no unvisited neighbour
 * left: the deeper the closing point, the more of the component one cycle covers, so fewer
 * cycles are listed (Mix's `:digraph.get_cycle/2` closes at the first edge back instead, in an
 * order this code cannot reproduce). Linear: every file is entered at most once.
 */
function cycleThrough(
  references: ReadonlyMap<string, readonly Neighbour[]>,
  start: string,
  inside: ReadonlySet<string>,
): string[] {
  const path: string[] = [start];
  const seen = new Set<string>([start]);
  const frames: Array<{ children: readonly Neighbour[]; next: number; closes: boolean }> = [
    { children: references.get(start) ?? [], next: 0, closes: false },
  ];
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    if (frame.next < frame.children.length) {
      const child = frame.children[frame.next++]!.file;
      if (child === start) {
        frame.closes = true;
      } else if (inside.has(child) && !seen.has(child)) {
        seen.add(child);
        path.push(child);
        frames.push({ children: references.get(child) ?? [], next: 0, closes: false });
      }
      continue;
    }
    if (frame.closes && path.length > 1) return [...path, start];
    frames.pop();
    path.pop();
  }
  // Unreachable for a file of a cyclic component (it reaches `start`); total for the types.
  return [start, start];
}

function compareFileLists(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const order = compareFiles(a[i]!, b[i]!);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}
