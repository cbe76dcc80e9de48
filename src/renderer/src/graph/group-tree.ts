/**
 * Files arranged in a tree of groups (folders or module namespaces), with single-child chains
 * folded (`lib` → `lib/app`) and very wide groups split into ranges.
 */
import type { DependencyGraph } from '../../../shared/agent-protocol';

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
