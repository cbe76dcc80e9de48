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
import { layoutView, placeNewNodes, type Positions } from './layout-core';

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
  ms: number;
}

/** How many nodes the automatic first view may draw. */
export const AUTO_BUDGET = 90;
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
    const elements = visibleElements(this.graph, tree, {
      expanded,
      labels: new Set(req.labels),
      include,
    });
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
      ms: performance.now() - started,
    };
  }
}

/** FNV-1a over the sorted nodes and edges: equal graphs hash equal whatever their order. */
export function graphHash(graph: DependencyGraph): string {
  let h = 0x811c9dc5;
  const feed = (s: string): void => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= 10;
    h = Math.imul(h, 0x01000193) >>> 0;
  };
  for (const id of graph.nodes.map((n) => n.id).sort()) feed(id);
  for (const e of graph.edges.map((x) => `${x.from}>${x.to}:${x.label}`).sort()) feed(e);
  return `${graph.nodes.length}-${graph.edges.length}-${h.toString(16)}`;
}
