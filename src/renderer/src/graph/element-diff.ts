/**
 * Diffs the elements Cytoscape holds against the next view by id, so an expanded group, a
 * filter or a live graph update changes only what differs (react-cytoscapejs' patch.js idea).
 */
import type { ViewEdge, ViewElements, ViewNode } from './graph-model';
import type { Point, Positions } from './layout-core';

/** Cytoscape element data for a node or an edge. */
export type ElementData = Record<string, string | number | boolean | undefined>;

/** One element to add. */
export interface ElementAdd {
  group: 'nodes' | 'edges';
  data: ElementData;
  position?: Point;
}

/** What is on the canvas, per id, as the diff needs to know it. */
export interface Snapshot {
  group: 'nodes' | 'edges';
  key: string;
  source?: string;
  target?: string;
}

/** The changes that turn the current canvas into the next view. */
export interface DiffPlan {
  remove: string[];
  /** Nodes, then edges. */
  add: ElementAdd[];
  update: Array<{ id: string; data: ElementData }>;
  move: Array<{ id: string; position: Point }>;
  /** What the canvas holds after the plan is applied. */
  next: Map<string, Snapshot>;
}

/** Element data of a view node; an open group's box size comes from its layout. */
export function nodeData(n: ViewNode, at?: Point): ElementData {
  const caption =
    n.kind === 'group'
      ? `${n.label}${n.expanded ? '' : `\n${n.count} file${n.count === 1 ? '' : 's'}`}`
      : n.label;
  const size = n.kind === 'group' ? Math.round(40 + 8 * Math.sqrt(n.count)) : 16;
  const data: ElementData = {
    id: n.id,
    group: n.parent,
    kind: n.kind,
    caption,
    count: n.count,
    size,
    expanded: n.expanded ?? false,
    modules: n.modules?.join(', '),
  };
  if (n.expanded) {
    data.bw = at?.w ?? 120;
    data.bh = at?.h ?? 80;
  }
  return data;
}

/**
 * Element data of a view edge. A bundle is drawn in its strongest label, as thick as the edges
 * of that label it holds: one compile edge among 200 runtime calls is a thin orange line, not a
 * thick one. The caption counts them all.
 */
export function edgeData(e: ViewEdge): ElementData {
  const base = e.label === 'runtime' ? 0.8 : 1.4;
  const strongest = Math.max(1, e.counts[e.label]);
  return {
    id: e.id,
    source: e.source,
    target: e.target,
    label: e.label,
    count: e.count,
    caption: e.count > 1 ? String(e.count) : '',
    compile: e.counts.compile,
    export: e.counts.export,
    runtime: e.counts.runtime,
    width: Math.round((base + Math.log2(strongest) * 0.9) * 10) / 10,
  };
}

function keyOf(data: ElementData): string {
  return JSON.stringify(data);
}

/**
 * Plans the changes from `current` to `next`. Positions are applied to every leaf node when
 * `relayout` is set, else only to nodes new to the canvas.
 */
export function diffElements(
  current: ReadonlyMap<string, Snapshot>,
  next: ViewElements,
  positions: Readonly<Positions>,
  relayout: boolean,
): DiffPlan {
  const wanted = new Map<
    string,
    { group: 'nodes' | 'edges'; data: ElementData; el: ViewNode | ViewEdge }
  >();
  for (const n of next.nodes)
    wanted.set(n.id, { group: 'nodes', data: nodeData(n, positions[n.id]), el: n });
  for (const e of next.edges) wanted.set(e.id, { group: 'edges', data: edgeData(e), el: e });

  // An edge whose ends change is re-created; removing a node also drops its edges in
  // Cytoscape, so those count as gone too.
  const explicit: string[] = [];
  for (const [id, snap] of current) {
    const w = wanted.get(id);
    if (!w || w.group !== snap.group) explicit.push(id);
    else if (
      snap.group === 'edges' &&
      (snap.source !== w.data.source || snap.target !== w.data.target)
    )
      explicit.push(id);
  }
  const gone = new Set(explicit);
  for (const [id, snap] of current)
    if (snap.group === 'edges' && (gone.has(snap.source ?? '') || gone.has(snap.target ?? '')))
      gone.add(id);

  const plan: DiffPlan = { remove: explicit, add: [], update: [], move: [], next: new Map() };
  const addEdges: ElementAdd[] = [];
  for (const [id, w] of wanted) {
    const key = keyOf(w.data);
    const snap: Snapshot = { group: w.group, key };
    if (w.group === 'edges') {
      snap.source = w.data.source as string;
      snap.target = w.data.target as string;
    }
    plan.next.set(id, snap);
    const pos = positions[id];
    const present = current.has(id) && !gone.has(id);
    if (!present) {
      const add: ElementAdd = { group: w.group, data: w.data };
      if (w.group === 'nodes' && pos) add.position = { x: pos.x, y: pos.y };
      if (w.group === 'nodes') plan.add.push(add);
      else addEdges.push(add);
      continue;
    }
    if (current.get(id)?.key !== key) plan.update.push({ id, data: w.data });
    if (relayout && pos && w.group === 'nodes')
      plan.move.push({ id, position: { x: pos.x, y: pos.y } });
  }
  plan.add.push(...addEdges);
  return plan;
}
