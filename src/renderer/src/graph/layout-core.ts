/**
 * A fast nested layered layout on plain arrays, run in a Web Worker.
 *
 * Cytoscape's force layouts take minutes at 2,000 nodes on a 2-core machine; this one is
 * near-linear: each expanded group lays out its own children (dependents above their
 * dependencies, strongly connected items sharing a band, bands wrapped into rows so the result
 * stays roughly square), and the group's box becomes one item of its parent's layout.
 */
import { naturalCompare, type ViewEdge, type ViewNode } from './graph-model';

/** A point in model coordinates; boxes (open groups) also carry their size. */
export interface Point {
  x: number;
  y: number;
  w?: number;
  h?: number;
}

/**
 * Where each drawn node goes: files and closed groups get a centre, open groups a box drawn
 * behind their contents. Boxes are plain nodes, not Cytoscape compounds: compound bookkeeping
 * (bounds, style triggers on every child) dominated the first draw at 2,000 files.
 */
export type Positions = Record<string, Point>;

const GAP_X = 26;
const GAP_Y = 30;
const BAND_GAP = 56;
/** Padding inside an open group's box. */
export const PAD = 28;

/** The size a node takes in the layout, label included. */
export function nodeSize(node: ViewNode): { w: number; h: number } {
  if (node.kind === 'group') {
    const side = Math.round(44 + 9 * Math.sqrt(node.count));
    return { w: Math.max(side, Math.min(220, node.label.length * 8 + 24)), h: side + 20 };
  }
  return { w: Math.max(48, Math.min(170, node.label.length * 6.2)), h: 40 };
}

interface Item {
  id: string;
  w: number;
  h: number;
  /** Position of the item's centre relative to its container's content centre. */
  x: number;
  y: number;
}

/** Lays out `nodes`: centres for leaves, boxes for open groups. */
export function layoutView(nodes: readonly ViewNode[], edges: readonly ViewEdge[]): Positions {
  const children = new Map<string, ViewNode[]>();
  const parentOf = new Map<string, string>();
  const ROOT = '\u0000root';
  for (const n of nodes) {
    const p = n.parent ?? ROOT;
    parentOf.set(n.id, p);
    const list = children.get(p);
    if (list) list.push(n);
    else children.set(p, [n]);
  }
  const isContainer = (n: ViewNode): boolean =>
    n.kind === 'group' && n.expanded === true && (children.get(n.id)?.length ?? 0) > 0;

  // Lift every edge to the container holding both ends: chain[id] lists containers, root first.
  const chainCache = new Map<string, string[]>();
  const chain = (id: string): string[] => {
    const hit = chainCache.get(id);
    if (hit) return hit;
    const p = parentOf.get(id) ?? ROOT;
    const c = p === ROOT ? [ROOT, id] : [...chain(p), id];
    chainCache.set(id, c);
    return c;
  };
  const liftedEdges = new Map<string, Array<[string, string]>>();
  for (const e of edges) {
    if (!parentOf.has(e.source) || !parentOf.has(e.target)) continue;
    const a = chain(e.source);
    const b = chain(e.target);
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    const container = a[i - 1];
    const s = a[i];
    const t = b[i];
    if (container === undefined || s === undefined || t === undefined) continue;
    const list = liftedEdges.get(container);
    if (list) list.push([s, t]);
    else liftedEdges.set(container, [[s, t]]);
  }

  const local = new Map<string, Item>();
  const sizeOf = new Map<string, { w: number; h: number }>();
  const layoutContainer = (id: string): { w: number; h: number } => {
    const kids = children.get(id) ?? [];
    const items: Item[] = kids.map((k) => {
      const size = isContainer(k) ? layoutContainer(k.id) : nodeSize(k);
      sizeOf.set(k.id, size);
      return { id: k.id, w: size.w, h: size.h, x: 0, y: 0 };
    });
    const box = arrangeItems(items, liftedEdges.get(id) ?? []);
    for (const it of items) local.set(it.id, it);
    return { w: box.w + 2 * PAD, h: box.h + 2 * PAD + 18 };
  };
  layoutContainer(ROOT);

  const out: Positions = {};
  const place = (id: string, cx: number, cy: number): void => {
    for (const k of children.get(id) ?? []) {
      const it = local.get(k.id);
      if (!it) continue;
      const x = cx + it.x;
      // Expanded groups draw their label on top: shift their content down by the label's height.
      const y = cy + it.y;
      if (isContainer(k)) {
        const size = sizeOf.get(k.id) ?? { w: 0, h: 0 };
        out[k.id] = {
          x: Math.round(x),
          y: Math.round(y),
          w: Math.round(size.w),
          h: Math.round(size.h),
        };
        place(k.id, x, y + 9);
      } else out[k.id] = { x: Math.round(x), y: Math.round(y) };
    }
  };
  place(ROOT, 0, 0);
  return out;
}

/**
 * Arranges sibling items in bands (dependents above dependencies) wrapped into rows; sets each
 * item's centre relative to the arrangement's centre and returns the arrangement's size.
 */
export function arrangeItems(
  items: Item[],
  edges: ReadonlyArray<readonly [string, string]>,
): { w: number; h: number } {
  if (items.length === 0) return { w: 0, h: 0 };
  const index = new Map(items.map((it, i) => [it.id, i]));
  const n = items.length;
  const out: number[][] = Array.from({ length: n }, () => []);
  const inn: number[][] = Array.from({ length: n }, () => []);
  const seen = new Set<number>();
  for (const [s, t] of edges) {
    const a = index.get(s);
    const b = index.get(t);
    if (a === undefined || b === undefined || a === b) continue;
    const key = a * n + b;
    if (seen.has(key)) continue;
    seen.add(key);
    out[a]?.push(b);
    inn[b]?.push(a);
  }
  const comp = sccIndex(out);
  const level = longestPathLevels(out, comp);
  const maxLevel = Math.max(0, ...level);
  // Long dependency chains would give a tall thin column; fold them into about 1.5·√n bands.
  const bandsWanted = Math.min(maxLevel + 1, Math.max(4, Math.ceil(1.5 * Math.sqrt(n))));
  const band = level.map((l) =>
    maxLevel === 0 ? 0 : Math.round(((maxLevel - l) * (bandsWanted - 1)) / maxLevel),
  );
  const bands: number[][] = Array.from({ length: bandsWanted }, () => []);
  items.forEach((_, i) => bands[band[i] ?? 0]?.push(i));

  // Order within bands: by id first (stable, keeps a folder's files alphabetical), then two
  // barycentre sweeps so edges between bands cross less.
  const order = new Float64Array(n);
  for (const b of bands) {
    b.sort((x, y) => naturalCompare(items[x]?.id ?? '', items[y]?.id ?? ''));
    b.forEach((i, k) => (order[i] = k / Math.max(1, b.length - 1)));
  }
  for (let sweep = 0; sweep < 2; sweep++) {
    for (const b of bands) {
      const bary = new Map<number, number>();
      for (const i of b) {
        const ns = [...(out[i] ?? []), ...(inn[i] ?? [])].filter((j) => band[j] !== band[i]);
        bary.set(i, ns.length === 0 ? (order[i] ?? 0) : avg(ns.map((j) => order[j] ?? 0)));
      }
      b.sort((x, y) => (bary.get(x) ?? 0) - (bary.get(y) ?? 0) || x - y);
      b.forEach((i, k) => (order[i] = k / Math.max(1, b.length - 1)));
    }
  }

  const area = items.reduce((s, it) => s + (it.w + GAP_X) * (it.h + GAP_Y), 0);
  const maxW = Math.max(...items.map((it) => it.w));
  const rowWidth = Math.max(maxW, Math.sqrt(area) * 1.5);

  // Few big items in many bands stack into a tall column (nested groups do this): merge
  // neighbouring bands until the arrangement is no taller than wide.
  let current = bands.filter((b) => b.length > 0);
  let placed = placeBands(items, current, rowWidth);
  while (current.length > 1 && placed.h > placed.w * 1.1) {
    const merged: number[][] = [];
    for (let i = 0; i < current.length; i += 2)
      merged.push([...(current[i] ?? []), ...(current[i + 1] ?? [])]);
    current = merged;
    placed = placeBands(items, current, rowWidth);
  }
  return placed;
}

/** Places bands top to bottom, each wrapped into centred rows at most `rowWidth` wide. */
function placeBands(items: Item[], bands: number[][], rowWidth: number): { w: number; h: number } {
  let y = 0;
  let width = 0;
  const rows: Array<{ ids: number[]; w: number; h: number; y: number }> = [];
  for (const b of bands) {
    let row: number[] = [];
    let rw = 0;
    let rh = 0;
    const flush = (): void => {
      if (row.length === 0) return;
      rows.push({ ids: row, w: rw - GAP_X, h: rh, y });
      width = Math.max(width, rw - GAP_X);
      y += rh + GAP_Y;
      row = [];
      rw = 0;
      rh = 0;
    };
    for (const i of b) {
      const it = items[i] as Item;
      if (row.length > 0 && rw + it.w > rowWidth) flush();
      row.push(i);
      rw += it.w + GAP_X;
      rh = Math.max(rh, it.h);
    }
    flush();
    y += BAND_GAP - GAP_Y;
  }
  const height = Math.max(0, y - BAND_GAP);
  for (const r of rows) {
    let x = -r.w / 2;
    for (const i of r.ids) {
      const it = items[i] as Item;
      it.x = x + it.w / 2;
      it.y = r.y + r.h / 2 - height / 2;
      x += it.w + GAP_X;
    }
  }
  return { w: width, h: height };
}

/** The mean of `xs`. */
export function avg(xs: number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Tarjan's strongly connected components, iterative; returns each node's component number. */
export function sccIndex(out: ReadonlyArray<readonly number[]>): number[] {
  const n = out.length;
  const idx = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const comp = new Array<number>(n).fill(-1);
  const stack: number[] = [];
  let counter = 0;
  let compCount = 0;
  for (let root = 0; root < n; root++) {
    if (idx[root] !== -1) continue;
    const work: Array<[number, number]> = [[root, 0]];
    while (work.length > 0) {
      const top = work[work.length - 1] as [number, number];
      const [v, pos] = top;
      if (pos === 0 && idx[v] === -1) {
        idx[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = 1;
      }
      const succ = out[v] ?? [];
      if (pos < succ.length) {
        top[1] = pos + 1;
        const w = succ[pos] as number;
        if (idx[w] === -1) work.push([w, 0]);
        else if (onStack[w]) low[v] = Math.min(low[v] as number, idx[w] as number);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]] as number, low[v] as number);
      if (low[v] === idx[v]) {
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          comp[w] = compCount;
        } while (w !== v);
        compCount++;
      }
    }
  }
  return comp;
}

/** Level of each node: 0 for nodes with no dependencies, else 1 + the deepest dependency. */
function longestPathLevels(
  out: ReadonlyArray<readonly number[]>,
  comp: readonly number[],
): number[] {
  const n = out.length;
  const compLevel = new Map<number, number>();
  const members = new Map<number, number[]>();
  comp.forEach((c, i) => {
    const list = members.get(c);
    if (list) list.push(i);
    else members.set(c, [i]);
  });
  // Tarjan numbers components in reverse topological order: dependencies come first.
  const compIds = [...members.keys()].sort((a, b) => a - b);
  for (const c of compIds) {
    let lv = 0;
    for (const v of members.get(c) ?? []) {
      for (const w of out[v] ?? []) {
        const cw = comp[w] as number;
        if (cw !== c) lv = Math.max(lv, (compLevel.get(cw) ?? 0) + 1);
      }
    }
    compLevel.set(c, lv);
  }
  return Array.from({ length: n }, (_, i) => compLevel.get(comp[i] as number) ?? 0);
}
