/**
 * Remembers node positions per project, graph and view in localStorage, so reopening a project
 * shows the arrangement the user left (including nodes they dragged) without a new layout.
 */
import type { Positions } from './layout-core';

const PREFIX = 'mixscope.graph-positions:';
/** Views remembered across all projects; the oldest are dropped first. */
const MAX_ENTRIES = 24;

interface Entry {
  at: number;
  /** id → [x, y], compact to keep 10,000-node views within localStorage's quota. */
  p: Record<string, [number, number]>;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Access can throw in sandboxed or opaque-origin pages: run without a cache.
    return null;
  }
}

/** The cache key of one view of one graph of one project. */
export function positionKey(root: string, graphHash: string, view: string): string {
  return `${PREFIX}${root}|${graphHash}|${view}`;
}

/** Positions saved under `key`, or null. */
export function loadPositions(key: string): Positions | null {
  const raw = storage()?.getItem(key);
  if (!raw) return null;
  try {
    const entry = JSON.parse(raw) as Entry;
    const out: Positions = {};
    for (const [id, [x, y]] of Object.entries(entry.p)) out[id] = { x, y };
    return out;
  } catch {
    return null;
  }
}

/** Saves positions under `key`, evicting the least recently saved views beyond the cap. */
export function savePositions(key: string, positions: Positions): void {
  const s = storage();
  if (!s) return;
  const p: Entry['p'] = {};
  for (const [id, pt] of Object.entries(positions)) p[id] = [Math.round(pt.x), Math.round(pt.y)];
  try {
    s.setItem(key, JSON.stringify({ at: Date.now(), p } satisfies Entry));
  } catch {
    // Over quota: forget everything of ours and keep working without a cache.
    for (const k of ours(s)) s.removeItem(k);
    return;
  }
  const keys = ours(s);
  if (keys.length <= MAX_ENTRIES) return;
  const dated = keys.map((k) => ({ k, at: entryTime(s.getItem(k)) }));
  dated.sort((a, b) => a.at - b.at);
  for (const { k } of dated.slice(0, keys.length - MAX_ENTRIES)) s.removeItem(k);
}

function ours(s: Storage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const k = s.key(i);
    if (k?.startsWith(PREFIX)) keys.push(k);
  }
  return keys;
}

function entryTime(raw: string | null): number {
  const m = raw ? /"at":(\d+)/.exec(raw) : null;
  return m ? Number(m[1]) : 0;
}
