/**
 * The aggregated view model of the file graph: files grouped into a tree (by folder or by module
 * namespace), and the elements visible for a given set of expanded groups.
 *
 * Drawing 2,000+ files at once is both slow and unreadable, so the view starts from collapsed
 * groups joined by edge bundles (one per label, with a count) and only draws the files of the
 * groups the user opens. Everything here is pure and runs in the layout worker.
 */
import type { DependencyGraph, EdgeLabel } from '../../../shared/agent-protocol';

/** How files are grouped. */
export type GroupMode = 'folder' | 'namespace';

/** A group of files: a folder, or a module namespace. */
export interface GroupInfo {
  id: string;
  label: string;
  parent: string | null;
  /** Sub-groups, sorted by id. */
  groups: string[];
  /** Files directly inside this group, sorted. */
  files: string[];
  /** Files in this group and below. */
  fileCount: number;
}

/** Files arranged in a tree of groups. */
export interface GroupTree {
  mode: GroupMode;
  groups: Map<string, GroupInfo>;
  /** Top-level groups. */
  roots: string[];
  /** Files outside any group. */
  rootFiles: string[];
  /** The group each file sits in directly (absent for root files). */
  fileGroup: Map<string, string>;
}

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

const GROUP_PREFIX = { folder: 'dir:', namespace: 'ns:' } as const;

/** True when a view node id names a group rather than a file. */
export function isGroupId(id: string): boolean {
  return id.startsWith(GROUP_PREFIX.folder) || id.startsWith(GROUP_PREFIX.namespace);
}

/** The group path segments a file belongs to under `mode` (empty: a root file). */
export function groupSegments(file: string, modules: readonly string[], mode: GroupMode): string[] {
  if (mode === 'folder') {
    const parts = file.split('/');
    parts.pop();
    return parts.filter((p) => p.length > 0);
  }
  // A file's namespace is its first module's without the last segment: `A.B.C` lives in `A.B`.
  const first = [...modules].sort()[0];
  if (first === undefined) return ['(no module)'];
  const parts = first.split('.');
  parts.pop();
  return parts;
}

/** Builds the group tree of a graph, merging single-child chains (`lib` → `lib/app`). */
export function buildGroupTree(graph: DependencyGraph, mode: GroupMode): GroupTree {
  const prefix = GROUP_PREFIX[mode];
  const sep = mode === 'folder' ? '/' : '.';
  const groups = new Map<string, GroupInfo>();
  const fileGroup = new Map<string, string>();
  const roots: string[] = [];
  const rootFiles: string[] = [];

  const ensure = (segments: string[]): string => {
    const id = prefix + segments.join(sep);
    if (groups.has(id)) return id;
    const parentSegs = segments.slice(0, -1);
    const parent = parentSegs.length > 0 ? ensure(parentSegs) : null;
    groups.set(id, {
      id,
      label: segments[segments.length - 1] ?? '',
      parent,
      groups: [],
      files: [],
      fileCount: 0,
    });
    if (parent === null) roots.push(id);
    else groups.get(parent)?.groups.push(id);
    return id;
  };

  for (const node of graph.nodes) {
    const segs = groupSegments(node.id, node.modules, mode);
    if (segs.length === 0) {
      rootFiles.push(node.id);
      continue;
    }
    const gid = ensure(segs);
    fileGroup.set(node.id, gid);
    groups.get(gid)?.files.push(node.id);
  }

  mergeChains(groups, roots, fileGroup, sep);
  for (const g of groups.values()) {
    g.groups.sort(naturalCompare);
    g.files.sort(naturalCompare);
  }
  roots.sort(naturalCompare);
  rootFiles.sort(naturalCompare);
  for (const g of [...groups.values()]) bucketWideGroup(groups, fileGroup, g);
  countFiles(groups, roots);
  return { mode, groups, roots, rootFiles, fileGroup };
}

/** Compares strings with digit runs as numbers, so `ns2` sorts before `ns10`. */
export function naturalCompare(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] as string;
    const y = pb[i] as string;
    if (x === y) continue;
    const nx = /^\d/.test(x) && /^\d/.test(y);
    if (nx && Number(x) !== Number(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** A group with more direct children than this is split into ranges. */
const WIDE = 60;
/** About how many ranges a wide group is split into. */
const RANGES = 20;

/**
 * Splits a group with very many children into ranges (`ns0 … ns9`, `ns10 … ns19`): 200 sibling
 * folders drawn at once are neither fast nor readable, 20 ranges are both. Sub-groups and files
 * are ranged separately.
 */
function bucketWideGroup(
  groups: Map<string, GroupInfo>,
  fileGroup: Map<string, string>,
  g: GroupInfo,
): void {
  if (g.groups.length + g.files.length <= WIDE) return;
  const label = (id: string): string => groups.get(id)?.label ?? id.slice(id.lastIndexOf('/') + 1);
  const split = (ids: string[], kind: 'g' | 'f'): string[] => {
    if (ids.length <= WIDE / 2) return [];
    const size = Math.ceil(ids.length / RANGES);
    const made: string[] = [];
    for (let i = 0; i < ids.length; i += size) {
      const part = ids.slice(i, i + size);
      const id = `${g.id}#${kind}${i / size}`;
      const bucket: GroupInfo = {
        id,
        label: `${label(part[0] as string)} … ${label(part[part.length - 1] as string)}`,
        parent: g.id,
        groups: kind === 'g' ? part : [],
        files: kind === 'f' ? part : [],
        fileCount: 0,
      };
      groups.set(id, bucket);
      for (const c of part) {
        const sub = groups.get(c);
        if (kind === 'g' && sub) sub.parent = id;
        if (kind === 'f') fileGroup.set(c, id);
      }
      made.push(id);
    }
    return made;
  };
  const groupRanges = split(g.groups, 'g');
  const fileRanges = split(g.files, 'f');
  if (groupRanges.length > 0) g.groups = groupRanges;
  if (fileRanges.length > 0) {
    g.files = [];
    g.groups = [...g.groups, ...fileRanges];
  }
}

/** Folds a group with no files and exactly one sub-group into that sub-group. */
function mergeChains(
  groups: Map<string, GroupInfo>,
  roots: string[],
  fileGroup: Map<string, string>,
  sep: string,
): void {
  const visit = (id: string): void => {
    const g = groups.get(id);
    while (g && g.files.length === 0 && g.groups.length === 1) {
      const childId = g.groups[0] as string;
      const child = groups.get(childId);
      if (!child) break;
      // The parent absorbs the child: it keeps its own id so ids stay stable while files move.
      g.label = `${g.label}${sep}${child.label}`;
      g.groups = child.groups;
      g.files = child.files;
      for (const sub of child.groups) {
        const s = groups.get(sub);
        if (s) s.parent = g.id;
      }
      for (const f of child.files) fileGroup.set(f, g.id);
      groups.delete(childId);
    }
    for (const sub of g?.groups ?? []) visit(sub);
  };
  for (const r of roots) visit(r);
}

function countFiles(groups: Map<string, GroupInfo>, roots: string[]): void {
  const count = (id: string): number => {
    const g = groups.get(id);
    if (!g) return 0;
    let n = g.files.length;
    for (const sub of g.groups) n += count(sub);
    g.fileCount = n;
    return n;
  };
  for (const r of roots) count(r);
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
