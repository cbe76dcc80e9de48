/**
 * One view computation: visible elements for the options, then their positions. Runs in the
 * layout worker (and directly where no Worker exists, such as unit tests).
 */
import type { DependencyGraph, EdgeLabel } from '../../../shared/agent-protocol';
import {
  autoExpand,
  buildGroupTree,
  visibleElements,
  type GroupMode,
  type GroupTree,
  type ViewElements,
} from './graph-model';
import { layoutView, type Positions } from './layout-core';
import { placeNewNodes } from './live-placement';

/** What the UI asks the worker to compute. */
export interface ViewRequest {
  id: number;
  mode: GroupMode;
  /** Groups to open, or 'auto' to pick them for a first view. */
  expanded: string[] | 'auto';
  labels: EdgeLabel[];
  /** Restrict the view to these files (a neighbourhood, a component…); null shows all. */
  include: string[] | null;
  /** Positions to keep: nodes found here do not move and only new ones are placed. */
  keep?: Positions | null;
  /** Draw only the strongest edges when there are many ('auto'), or all of them (null). */
  edgeCap?: 'auto' | null;
}

/** The worker's answer. */
export interface ViewResult {
  id: number;
  elements: ViewElements;
  positions: Positions;
  /** The groups open in this view (what 'auto' chose). */
  expanded: string[];
  /** A hash of the graph, for keying cached positions. */
  graphHash: string;
  /** Edges left out by the edge cap (the weakest links). */
  hiddenEdges: number;
  ms: number;
}

const RANK = { compile: 0, export: 1, runtime: 2 } as const;

/**
 * Keeps the strongest edges when a view has many: compile before export before runtime, then
 * by how many file edges a bundle stands for. Between a few dozen groups of a large project
 * nearly every pair is linked; thousands of faint lines cost seconds to draw and show nothing.
 */
export function capEdges(elements: ViewElements): ViewElements {
  const cap = Math.min(900, Math.max(300, 4 * elements.nodes.length));
  if (elements.edges.length <= cap) return elements;
  const edges = [...elements.edges]
    .sort((a, b) => RANK[a.label] - RANK[b.label] || b.count - a.count)
    .slice(0, cap);
  return { nodes: elements.nodes, edges };
}

/** How many nodes the automatic first view may draw. */
export const AUTO_BUDGET = 60;
/** Views restricted to at most this many files open every group. */
export const OPEN_ALL_BELOW = 250;

/** Caches the group trees of one graph so repeated views do not rebuild them. */
export class ViewComputer {
  private trees = new Map<GroupMode, GroupTree>();
  readonly hash: string;

  constructor(readonly graph: DependencyGraph) {
    this.hash = graphHash(graph);
  }

  /** The group tree for `mode`, built once. */
  tree(mode: GroupMode): GroupTree {
    let t = this.trees.get(mode);
    if (!t) {
      t = buildGroupTree(this.graph, mode);
      this.trees.set(mode, t);
    }
    return t;
  }

  /** Computes the elements and positions for `req`. */
  compute(req: ViewRequest): ViewResult {
    const started = performance.now();
    const tree = this.tree(req.mode);
    const include = req.include === null ? null : new Set(req.include);
    let expanded: Set<string>;
    if (req.expanded !== 'auto') expanded = new Set(req.expanded);
    else if (include !== null && include.size <= OPEN_ALL_BELOW)
      expanded = new Set(tree.groups.keys());
    else expanded = autoExpand(tree, AUTO_BUDGET, include);
    const all = visibleElements(this.graph, tree, {
      expanded,
      labels: new Set(req.labels),
      include,
    });
    const elements = req.edgeCap === 'auto' ? capEdges(all) : all;
    const keep = req.keep ?? null;
    const positions =
      keep === null
        ? layoutView(elements.nodes, elements.edges)
        : placeNewNodes(elements.nodes, elements.edges, keep);
    return {
      id: req.id,
      elements,
      positions,
      expanded: [...expanded].filter((g) => tree.groups.has(g)),
      graphHash: this.hash,
      hiddenEdges: all.edges.length - elements.edges.length,
      ms: performance.now() - started,
    };
  }
}

/**
 * An order-independent hash of the graph: FNV-1a per node and per edge, summed, so equal graphs
 * hash equal whatever order the agent lists them in, without sorting 50,000 strings.
 */
export function graphHash(graph: DependencyGraph): string {
  const fnv = (s: string, seed: number): number => {
    let h = seed;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h >>> 0;
  };
  let a = 0;
  let b = 0;
  for (const n of graph.nodes) {
    a = (a + fnv(n.id, 0x811c9dc5)) >>> 0;
    b = (b + fnv(n.id, 0x2c9277b5)) >>> 0;
  }
  for (const e of graph.edges) {
    const key = `${e.from}>${e.to}:${e.label}`;
    a = (a + fnv(key, 0x811c9dc5)) >>> 0;
    b = (b ^ fnv(key, 0x2c9277b5)) >>> 0;
  }
  return `${graph.nodes.length}-${graph.edges.length}-${a.toString(16)}${b.toString(16)}`;
}
