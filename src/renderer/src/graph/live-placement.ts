/**
 * Placement for live updates: known nodes keep their positions and only new ones are placed,
 * so a reload that adds a file or an edge never moves what the user is looking at.
 */
import type { ViewEdge, ViewNode } from './graph-model';
import { avg, PAD, type Point, type Positions } from './layout-core';

/**
 * Places nodes that have no position yet next to what they connect to (or their group), keeping
 * every known position: a live graph update must not move what the user is looking at.
 */
export function placeNewNodes(
  nodes: readonly ViewNode[],
  edges: readonly ViewEdge[],
  known: Readonly<Positions>,
): Positions {
  const out: Positions = {};
  const neighbours = new Map<string, string[]>();
  const push = (m: Map<string, string[]>, key: string, value: string): void => {
    const list = m.get(key);
    if (list) list.push(value);
    else m.set(key, [value]);
  };
  for (const e of edges) {
    push(neighbours, e.source, e.target);
    push(neighbours, e.target, e.source);
  }
  const siblingsOf = new Map<string, string[]>();
  for (const n of nodes) push(siblingsOf, n.parent ?? '', n.id);
  const isLeaf = new Set(nodes.filter((n) => !(n.kind === 'group' && n.expanded)).map((n) => n.id));
  let k = 0;
  const placed = new Set<string>();
  for (const n of nodes) {
    if (!isLeaf.has(n.id)) {
      const box = known[n.id];
      if (box) out[n.id] = box;
      continue;
    }
    const p = known[n.id];
    if (p) {
      out[n.id] = p;
      continue;
    }
    const anchors = (neighbours.get(n.id) ?? []).map((id) => known[id]).filter(Boolean) as Point[];
    const sibs = (siblingsOf.get(n.parent ?? '') ?? [])
      .map((id) => known[id])
      .filter(Boolean) as Point[];
    const base = anchors.length > 0 ? anchors : sibs;
    const cx = base.length > 0 ? avg(base.map((q) => q.x)) : 0;
    const cy = base.length > 0 ? avg(base.map((q) => q.y)) : 0;
    // A golden-angle spiral keeps several new nodes from landing on one spot.
    k++;
    const r = 60 + 18 * Math.sqrt(k);
    const a = k * 2.39996;
    out[n.id] = { x: Math.round(cx + r * Math.cos(a)), y: Math.round(cy + r * Math.sin(a)) };
    placed.add(n.id);
  }
  // Open groups get a box around whatever they hold, deepest first: a new group gets a new box,
  // a known box grows just enough to take in new files. Nothing new: boxes stay as they were.
  if (k === 0) return out;
  const parentOf = new Map(nodes.map((n) => [n.id, n.parent]));
  const depth = (id: string): number => {
    let d = 0;
    for (let p = parentOf.get(id); p !== undefined; p = parentOf.get(p)) d++;
    return d;
  };
  const open = nodes.filter((n) => !isLeaf.has(n.id)).map((n) => n.id);
  open.sort((a, b) => depth(b) - depth(a));
  for (const g of open) {
    const kids = siblingsOf.get(g) ?? [];
    const box = out[g];
    if (box && !kids.some((id) => placed.has(id))) continue;
    const inside = kids.map((id) => out[id]).filter(Boolean) as Point[];
    if (inside.length === 0) continue;
    placed.add(g);
    let x0 = Math.min(...inside.map((q) => q.x - (q.w ?? 60) / 2)) - PAD;
    let x1 = Math.max(...inside.map((q) => q.x + (q.w ?? 60) / 2)) + PAD;
    let y0 = Math.min(...inside.map((q) => q.y - (q.h ?? 40) / 2)) - PAD - 18;
    let y1 = Math.max(...inside.map((q) => q.y + (q.h ?? 40) / 2)) + PAD;
    if (box?.w !== undefined && box.h !== undefined) {
      x0 = Math.min(x0, box.x - box.w / 2);
      x1 = Math.max(x1, box.x + box.w / 2);
      y0 = Math.min(y0, box.y - box.h / 2);
      y1 = Math.max(y1, box.y + box.h / 2);
    }
    out[g] = { x: (x0 + x1) / 2, y: (y0 + y1) / 2, w: x1 - x0, h: y1 - y0 };
  }
  return out;
}
