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

/**
 * Applies a batch of events to the marks; returns the same object when nothing changed.
 *
 * A new compile clears the previous compile's "recompiled" marks so the graph shows the latest
 * reload, while "failed" stays until that file compiles again.
 */
export function marksFromEvents(
  marks: Readonly<Record<string, LiveMark>>,
  events: readonly ModuleEvent[],
  graph: DependencyGraph | null,
): Record<string, LiveMark> {
  if (graph === null || events.length === 0) return marks as Record<string, LiveMark>;
  let next: Record<string, LiveMark> | null = null;
  const write = (): Record<string, LiveMark> => (next ??= { ...marks });
  const byModule = fileOfModule(graph);
  const resolve = (ev: ModuleEvent): string | null => {
    const mod = ev.payload?.mod ?? ev.mod ?? null;
    return fileOfPath(graph, ev.path) ?? (mod !== null ? (byModule.get(mod) ?? null) : null);
  };
  for (const ev of events) {
    switch (ev.kind) {
      case 'compile_started': {
        const m = next ?? marks;
        if (Object.values(m).includes('recompiled')) {
          const w = write();
          for (const [k, v] of Object.entries(w)) if (v === 'recompiled') delete w[k];
        }
        break;
      }
      case 'recompiled': {
        const file = resolve(ev);
        if (file !== null) write()[file] = 'recompiled';
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
  return next ?? (marks as Record<string, LiveMark>);
}

/** True when a batch finished a compile or removed a file: edges may have changed. */
export function needsRefetch(events: readonly ModuleEvent[]): boolean {
  return events.some((e) => e.kind === 'compile_finished' || e.kind === 'source_removed');
}
