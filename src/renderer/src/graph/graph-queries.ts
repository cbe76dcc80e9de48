/**
 * What the explorer derives from the graph and its state: the files a scope shows, the selected
 * file's blast radius, the "why" path, the cycles, and the highlight classes per visible element.
 * The algorithms themselves are the shared ones the CLI uses (`src/shared/graph`).
 */
import type { DependencyGraph, GraphEdge } from '../../../shared/agent-protocol';
import {
  blastRadiusOf,
  compileConnectedFiles,
  cyclesOf,
  neighbourhoodOf,
  pathBetween,
} from './graph-analysis';
import { bundleId, isGroupId, representativeOf, type GroupTree } from './graph-model';
import type { GraphScope } from './graph-slice';
import type { LiveMark } from './live-marks';

/** The files a scope restricts the view to; null means every file. */
export function scopeFiles(graph: DependencyGraph, scope: GraphScope): string[] | null {
  switch (scope.kind) {
    case 'all':
      return null;
    case 'neighbourhood':
      return neighbourhoodOf(graph, scope.file, scope.direction, scope.depth);
    case 'compile-connected':
      return compileConnectedFiles(graph);
    case 'blast-radius':
      return [scope.file, ...blastRadiusOf(graph, scope.file)];
    case 'cycle':
      return scope.files;
    case 'path': {
      const edges = pathBetween(graph, scope.from, scope.to) ?? [];
      return [...new Set([scope.from, scope.to, ...edges.flatMap((e) => [e.from, e.to])])];
    }
  }
}

/** A short name of a scope for the toolbar. */
export function scopeTitle(scope: GraphScope): string {
  const base = (f: string): string => f.slice(f.lastIndexOf('/') + 1);
  switch (scope.kind) {
    case 'all':
      return 'All files';
    case 'neighbourhood':
      return `Neighbourhood of ${base(scope.file)}`;
    case 'compile-connected':
      return 'Compile-connected';
    case 'blast-radius':
      return `Blast radius of ${base(scope.file)}`;
    case 'cycle':
      return `Cycle ${scope.index + 1}`;
    case 'path':
      return `Path ${base(scope.from)} → ${base(scope.to)}`;
  }
}

/** Everything the details pane and the highlights need about the selection. */
export interface SelectionFacts {
  file: string | null;
  blast: string[] | null;
  /** Two selected files: the edges of the path from the first to the second. */
  path: { from: string; to: string; edges: GraphEdge[] | null; reverse: GraphEdge[] | null } | null;
}

/** Derives blast radius and path from the selection (files only; groups have neither). */
export function selectionFacts(
  graph: DependencyGraph,
  selection: readonly string[],
): SelectionFacts {
  const files = selection.filter((id) => !isGroupId(id));
  const file = files[files.length - 1] ?? null;
  const blast = file === null ? null : blastRadiusOf(graph, file);
  let path: SelectionFacts['path'] = null;
  if (files.length === 2) {
    const [from, to] = files as [string, string];
    const edges = pathBetween(graph, from, to);
    path = { from, to, edges, reverse: edges === null ? pathBetween(graph, to, from) : null };
  }
  return { file, blast, path };
}

/** Inputs of the highlight pass. */
export interface HighlightInput {
  tree: GroupTree;
  expanded: ReadonlySet<string>;
  selection: readonly string[];
  facts: SelectionFacts;
  cycle: string[] | null;
  cycleLabels: ReadonlySet<string>;
  graph: DependencyGraph;
  marks: Readonly<Record<string, LiveMark>>;
  match: string | null;
}

/**
 * Classes per visible element. Files hidden in a collapsed group pass their class to the group,
 * so a blast radius or a recompile stays visible at every zoom of the aggregation.
 */
export function highlightClasses(input: HighlightInput): {
  classes: Map<string, string[]>;
  fade: boolean;
} {
  const { tree, expanded } = input;
  const classes = new Map<string, string[]>();
  const rep = (file: string): string =>
    isGroupId(file) ? file : representativeOf(tree, expanded, file);
  const add = (id: string, cls: string): void => {
    const list = classes.get(id);
    if (!list) classes.set(id, [cls]);
    else if (!list.includes(cls)) list.push(cls);
  };
  for (const [file, mark] of Object.entries(input.marks)) add(rep(file), `mark-${mark}`);
  for (const f of input.facts.blast ?? []) add(rep(f), 'blast');
  if (input.cycle) {
    const members = new Set(input.cycle);
    for (const f of input.cycle) add(rep(f), 'cycle');
    for (const e of input.graph.edges) {
      if (!input.cycleLabels.has(e.label) || !members.has(e.from) || !members.has(e.to)) continue;
      add(bundleId(rep(e.from), rep(e.to)), 'cycle');
    }
  }
  const path = input.facts.path;
  const pathEdges = path ? (path.edges ?? path.reverse ?? []) : [];
  for (const e of pathEdges) {
    add(rep(e.from), 'path');
    add(rep(e.to), 'path');
    add(bundleId(rep(e.from), rep(e.to)), 'path');
  }
  if (input.match) add(rep(input.match), 'match');
  for (const id of input.selection) add(rep(id), 'sel');
  return { classes, fade: pathEdges.length > 0 || input.cycle !== null };
}

/** Strongly connected components with more than one file, biggest first. */
export function cycleList(graph: DependencyGraph): string[][] {
  return cyclesOf(graph)
    .filter((c) => c.length > 1)
    .map((c) => [...c].sort())
    .sort((a, b) => b.length - a.length || (a[0] ?? '').localeCompare(b[0] ?? ''));
}

/** Files whose path or modules contain `query` (case-insensitive), best matches first. */
export function searchFiles(graph: DependencyGraph, query: string, limit = 12): string[] {
  const q = query.trim().toLowerCase();
  if (q.length === 0) return [];
  const scored: Array<[number, string]> = [];
  for (const n of graph.nodes) {
    const id = n.id.toLowerCase();
    const base = id.slice(id.lastIndexOf('/') + 1);
    let score = -1;
    if (base.startsWith(q)) score = 0;
    else if (base.includes(q)) score = 1;
    else if (id.includes(q)) score = 2;
    else if (n.modules.some((m) => m.toLowerCase().includes(q))) score = 3;
    if (score >= 0) scored.push([score, n.id]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
  return scored.slice(0, limit).map(([, id]) => id);
}

/** A count with thin thousands separators (no Intl: its first use costs ~100 ms to load). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
