/**
 * Live marks: what the last compiles did to each file (recompiled, failed, removed), derived
 * from module events so the graph shows a reload where it happened.
 */
import type { DependencyGraph } from '../../../shared/agent-protocol';
import type { ModuleEvent } from '../../../shared/models';

/** What last happened to a file. */
export type LiveMark = 'recompiled' | 'failed' | 'removed';

const fileOfModuleCache = new WeakMap<DependencyGraph, Map<string, string>>();

/** Module → the graph file defining it (cached per graph object). */
export function fileOfModule(graph: DependencyGraph): Map<string, string> {
  let map = fileOfModuleCache.get(graph);
  if (!map) {
    map = new Map();
    for (const n of graph.nodes) for (const m of n.modules) map.set(m, n.id);
    fileOfModuleCache.set(graph, map);
  }
  return map;
}

/** Resolves an event's path (absolute or relative) to a graph file id, if the graph has it. */
function fileOfPath(graph: DependencyGraph, path: string | null | undefined): string | null {
  if (!path) return null;
  const ids = graphFileIds(graph);
  if (ids.has(path)) return path;
  // Events may carry absolute paths; graph ids are project-relative.
  for (let at = path.indexOf('/'); at !== -1; at = path.indexOf('/', at + 1)) {
    const tail = path.slice(at + 1);
    if (ids.has(tail)) return tail;
  }
  return null;
}

const idCache = new WeakMap<DependencyGraph, Set<string>>();
function graphFileIds(graph: DependencyGraph): Set<string> {
  let ids = idCache.get(graph);
  if (!ids) {
    ids = new Set(graph.nodes.map((n) => n.id));
    idCache.set(graph, ids);
  }
  return ids;
}

/** The event's file in the graph: its path, else the file defining its module. */
function fileOfEvent(graph: DependencyGraph, ev: ModuleEvent): string | null {
  const mod = ev.payload?.mod ?? ev.mod ?? null;
  return (
    fileOfPath(graph, ev.path) ?? (mod !== null ? (fileOfModule(graph).get(mod) ?? null) : null)
  );
}

/** Files a batch recompiled or removed (their contents, hence their references, changed). */
export function changedFiles(
  events: readonly ModuleEvent[],
  graph: DependencyGraph | null,
): string[] {
  if (graph === null) return [];
  const files = new Set<string>();
  for (const ev of events) {
    if (ev.kind !== 'recompiled' && ev.kind !== 'source_removed') continue;
    const file = fileOfEvent(graph, ev);
    if (file !== null) files.add(file);
  }
  return [...files];
}

/** The marks plus whether a compile started that has not recompiled anything yet. */
export interface MarkState {
  marks: Record<string, LiveMark>;
  /** The previous compile's "recompiled" marks go at this compile's first recompile. */
  clearPending: boolean;
}

/**
 * Applies a batch of events to the marks; returns the same marks object when nothing changed.
 *
 * A new compile replaces the previous compile's "recompiled" marks so the graph shows the latest
 * reload, but only once it recompiles something: a compile that finds nothing to do (a
 * watcher's echo of a save) leaves them. "failed" stays until that file compiles again.
 */
export function marksFromEvents(
  state: Readonly<MarkState>,
  events: readonly ModuleEvent[],
  graph: DependencyGraph | null,
): MarkState {
  const marks = state.marks;
  if (graph === null || events.length === 0) return state;
  let clearPending = state.clearPending;
  let next: Record<string, LiveMark> | null = null;
  const write = (): Record<string, LiveMark> => (next ??= { ...marks });
  const resolve = (ev: ModuleEvent): string | null => fileOfEvent(graph, ev);
  for (const ev of events) {
    switch (ev.kind) {
      case 'compile_started':
        clearPending = true;
        break;
      case 'recompiled': {
        const file = resolve(ev);
        if (file === null) break;
        if (clearPending && Object.values(next ?? marks).includes('recompiled')) {
          const w = write();
          for (const [k, v] of Object.entries(w)) if (v === 'recompiled') delete w[k];
        }
        clearPending = false;
        write()[file] = 'recompiled';
        break;
      }
      case 'compile_failed': {
        const files = new Set<string>();
        const own = resolve(ev);
        if (own !== null) files.add(own);
        for (const d of ev.diagnostics ?? []) {
          const f = d.severity === 'error' ? fileOfPath(graph, d.file) : null;
          if (f !== null) files.add(f);
        }
        for (const f of files) write()[f] = 'failed';
        break;
      }
      case 'source_removed': {
        const file = resolve(ev);
        if (file !== null) write()[file] = 'removed';
        break;
      }
      default:
        break;
    }
  }
  return { marks: next ?? marks, clearPending };
}

/** True when a batch finished a compile or removed a file: edges may have changed. */
export function needsRefetch(events: readonly ModuleEvent[]): boolean {
  return events.some((e) => e.kind === 'compile_finished' || e.kind === 'source_removed');
}
