/**
 * The aggregated view model of the file graph: files grouped into a tree (by folder or by module
 * namespace), and the elements visible for a given set of expanded groups.
 *
 * Drawing 2,000+ files at once is both slow and unreadable, so the view starts from collapsed
 * groups joined by edge bundles (one per pair of groups, with counts) and only draws the files of the
 * groups the user opens. Everything here is pure and runs in the layout worker.
 */
import type { DependencyGraph, EdgeLabel } from '../../../shared/agent-protocol';
import type { GroupTree } from './group-tree';

export {
  buildGroupTree,
  groupSegments,
  isGroupId,
  naturalCompare,
  type GroupInfo,
  type GroupMode,
  type GroupTree,
} from './group-tree';

/** A node to draw: a collapsed group, an expanded group (a compound box) or a file. */
export interface ViewNode {
  id: string;
  kind: 'group' | 'file';
  label: string;
  /** The expanded group this node is drawn inside. */
  parent?: string;
  /** For groups: whether it is open. */
  expanded?: boolean;
  /** Files represented (1 for a file). */
  count: number;
  /** For files: the modules it defines. */
  modules?: string[];
}

/**
 * An edge to draw: one file edge, or the bundle of every file edge between two groups. It takes
 * the strongest label it holds (compile over export over runtime): one element per pair keeps
 * the canvas light, and "some file here recompiles with some file there" is the fact to see.
 */
export interface ViewEdge {
  id: string;
  source: string;
  target: string;
  label: EdgeLabel;
  /** How many file edges it stands for. */
  count: number;
  /** How many of them have each label. */
  counts: Record<EdgeLabel, number>;
}

/** What the view shows for one set of options. */
export interface ViewElements {
  nodes: ViewNode[];
  edges: ViewEdge[];
}

/** Options that decide which elements are visible. */
export interface ViewOptions {
  expanded: ReadonlySet<string>;
  labels: ReadonlySet<EdgeLabel>;
  /** When set, only these files (and the groups holding them) are shown. */
  include?: ReadonlySet<string> | null;
}

/** The chain of groups holding `file`, outermost first. */
export function ancestorsOf(tree: GroupTree, file: string): string[] {
  const chain: string[] = [];
  let gid = tree.fileGroup.get(file) ?? tree.groups.get(file)?.parent ?? null;
  while (gid !== null && gid !== undefined) {
    chain.push(gid);
    gid = tree.groups.get(gid)?.parent ?? null;
  }
  return chain.reverse();
}

/** The visible node that stands for `file`: the file itself or its outermost collapsed group. */
export function representativeOf(
  tree: GroupTree,
  expanded: ReadonlySet<string>,
  file: string,
): string {
  for (const gid of ancestorsOf(tree, file)) if (!expanded.has(gid)) return gid;
  return file;
}

/** Counts files per group restricted to `include` (all files when null). */
function includedCounts(tree: GroupTree, include: ReadonlySet<string> | null): Map<string, number> {
  const counts = new Map<string, number>();
  if (include === null) {
    for (const g of tree.groups.values()) counts.set(g.id, g.fileCount);
    return counts;
  }
  for (const file of include) {
    let gid = tree.fileGroup.get(file);
    while (gid !== undefined) {
      counts.set(gid, (counts.get(gid) ?? 0) + 1);
      gid = tree.groups.get(gid)?.parent ?? undefined;
    }
  }
  return counts;
}

/** The nodes and edge bundles visible for `options`. */
export function visibleElements(
  graph: DependencyGraph,
  tree: GroupTree,
  options: ViewOptions,
): ViewElements {
  const include = options.include ?? null;
  const counts = includedCounts(tree, include);
  const modulesOf = new Map(graph.nodes.map((n) => [n.id, n.modules]));
  const nodes: ViewNode[] = [];
  const rep = new Map<string, string>();

  const addFile = (file: string, parent: string | undefined): void => {
    if (include !== null && !include.has(file)) return;
    const label = file.slice(file.lastIndexOf('/') + 1);
    const node: ViewNode = { id: file, kind: 'file', label, count: 1 };
    if (parent !== undefined) node.parent = parent;
    node.modules = modulesOf.get(file) ?? [];
    nodes.push(node);
    rep.set(file, file);
  };
  const addGroup = (gid: string, parent: string | undefined): void => {
    const g = tree.groups.get(gid);
    const count = counts.get(gid) ?? 0;
    if (!g || count === 0) return;
    const expanded = options.expanded.has(gid);
    const node: ViewNode = { id: gid, kind: 'group', label: g.label, count, expanded };
    if (parent !== undefined) node.parent = parent;
    nodes.push(node);
    if (expanded) {
      for (const sub of g.groups) addGroup(sub, gid);
      for (const f of g.files) addFile(f, gid);
    } else {
      markRepresented(tree, gid, gid, rep, include);
    }
  };
  for (const r of tree.roots) addGroup(r, undefined);
  for (const f of tree.rootFiles) addFile(f, undefined);

  const bundles = new Map<string, ViewEdge>();
  for (const e of graph.edges) {
    if (!options.labels.has(e.label)) continue;
    const s = rep.get(e.from);
    const t = rep.get(e.to);
    if (s === undefined || t === undefined || s === t) continue;
    const id = bundleId(s, t);
    let bundle = bundles.get(id);
    if (!bundle) {
      const counts = { compile: 0, export: 0, runtime: 0 };
      bundle = { id, source: s, target: t, label: e.label, count: 0, counts };
      bundles.set(id, bundle);
    }
    bundle.count += 1;
    bundle.counts[e.label] += 1;
    if (RANK[e.label] < RANK[bundle.label]) bundle.label = e.label;
  }
  return { nodes, edges: [...bundles.values()] };
}

/** The id of the drawn edge (or bundle) from `source` to `target`. */
export function bundleId(source: string, target: string): string {
  return `${source}\u2192${target}`;
}

const RANK: Record<EdgeLabel, number> = { compile: 0, export: 1, runtime: 2 };

function markRepresented(
  tree: GroupTree,
  gid: string,
  repId: string,
  rep: Map<string, string>,
  include: ReadonlySet<string> | null,
): void {
  const g = tree.groups.get(gid);
  if (!g) return;
  for (const f of g.files) if (include === null || include.has(f)) rep.set(f, repId);
  for (const sub of g.groups) markRepresented(tree, sub, repId, rep, include);
}

/**
 * Picks the groups to open for a first view: whole levels of the tree are opened, outermost
 * first, while the drawn nodes stay within `budget`. Opening level by level keeps siblings
 * alike (no one area open while its neighbours are closed) and the first view light.
 */
export function autoExpand(
  tree: GroupTree,
  budget: number,
  include: ReadonlySet<string> | null = null,
): Set<string> {
  const counts = includedCounts(tree, include);
  const expanded = new Set<string>();
  const live = (ids: readonly string[]): string[] => ids.filter((id) => (counts.get(id) ?? 0) > 0);
  const liveFiles = (files: readonly string[]): number =>
    include === null ? files.length : files.filter((f) => include.has(f)).length;
  let visible = live(tree.roots).length + liveFiles(tree.rootFiles);
  let level = live(tree.roots);
  while (level.length > 0) {
    let added = 0;
    const nextLevel: string[] = [];
    for (const gid of level) {
      const g = tree.groups.get(gid);
      if (!g) continue;
      added += live(g.groups).length + liveFiles(g.files);
      nextLevel.push(...live(g.groups));
    }
    // A single group on its own says nothing: open it even past the budget.
    if (visible + added > budget && visible > 1) break;
    for (const gid of level) expanded.add(gid);
    visible += added;
    level = nextLevel;
  }
  return expanded;
}
