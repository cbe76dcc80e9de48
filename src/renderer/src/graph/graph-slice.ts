/**
 * The graph explorer's store slice: the graph, what is selected, which labels and groups are
 * shown, the scope (everything, a neighbourhood, the compile-connected files, one cycle), and the
 * live marks that module events put on files.
 */
import type { StateCreator } from 'zustand';
import type { DependencyGraph, EdgeLabel, TraceEntry } from '../../../shared/agent-protocol';
import type { Transport } from '../../../shared/contract';
import type { ModuleEvent } from '../../../shared/models';
import type { AppState } from '../store/app-store';
import { applyGraphChanges, carriesGraphChange } from './graph-change';
import { isGroupId, type GroupMode } from './group-tree';
import { changedFiles, marksFromEvents, needsRefetch, type LiveMark } from './live-marks';
import { graphHash } from './view-compute';

/** Which way a neighbourhood follows edges: what a file depends on, what depends on it, both. */
export type NeighbourDirection = 'out' | 'in' | 'both';

/** What part of the graph the view shows. */
export type GraphScope =
  | { kind: 'all' }
  | { kind: 'neighbourhood'; file: string; direction: NeighbourDirection; depth: number }
  | { kind: 'compile-connected' }
  | { kind: 'blast-radius'; file: string }
  | { kind: 'cycle'; index: number; files: string[] }
  | { kind: 'path'; from: string; to: string };

/** A file's `mix xref trace` answer as the explorer holds it. */
export type TraceState =
  | { status: 'loading' }
  | { status: 'ready'; entries: TraceEntry[] }
  | { status: 'error'; code: string; message: string };

/** The graph explorer's state. */
export interface GraphViewState {
  data: DependencyGraph | null;
  /** Hash of `data`, keying cached positions. */
  hash: string | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  /** How `data` last changed: a live update keeps every known node where it is. */
  change: 'replace' | 'live';
  /** Selected node ids (files or groups); two files make a "why" path. */
  selection: string[];
  labels: EdgeLabel[];
  groupMode: GroupMode;
  /** Open groups; null lets the view pick a first set. */
  expanded: string[] | null;
  scope: GraphScope;
  neighbourDirection: NeighbourDirection;
  neighbourDepth: number;
  /** The strongly connected component highlighted, by index in the cycles list. */
  cycle: number | null;
  /** File → what last happened to it. */
  marks: Record<string, LiveMark>;
  /** A compile started and has not recompiled a file yet (see `marksFromEvents`). */
  marksClearPending: boolean;
  /** Bumped to ask the view to centre on `focus`. */
  focus: { id: string; seq: number } | null;
  /** File → its trace (why it depends on others), kept until the file recompiles or goes. */
  traces: Record<string, TraceState>;
}

/** The graph slice: state under `graph`, actions named after it. */
export interface GraphSlice {
  graph: GraphViewState;
  /** Fetches the graph from the host. */
  loadGraph: () => Promise<void>;
  /** Sets the graph directly; `live` keeps the layout of nodes already shown. */
  setGraphData: (data: DependencyGraph, change?: 'replace' | 'live') => void;
  /**
   * Marks files from module events; applies `graph_changed` events to the graph in place, and
   * refetches the graph when a compile may have changed edges and no such event came.
   */
  applyModuleEvents: (events: readonly ModuleEvent[]) => void;
  /** Selects a node; `additive` keeps the previous file so two files give a path. */
  selectGraphNode: (id: string | null, additive?: boolean) => void;
  toggleGraphLabel: (label: EdgeLabel) => void;
  setGraphGroupMode: (mode: GroupMode) => void;
  toggleGraphGroup: (id: string) => void;
  setGraphExpanded: (ids: string[] | null) => void;
  setGraphScope: (scope: GraphScope) => void;
  setGraphNeighbourhood: (direction: NeighbourDirection, depth: number) => void;
  setGraphCycle: (index: number | null) => void;
  /**
   * Opens the groups holding `id`, selects it and asks the view to centre on it; `additive`
   * keeps the previous file selected, as a shift-click does.
   */
  focusGraphNode: (id: string, ancestors: readonly string[], additive?: boolean) => void;
  /** Fetches `file`'s trace unless it is cached or on its way; `retry` refetches an error. */
  loadGraphTrace: (file: string, retry?: boolean) => Promise<void>;
  clearGraphMarks: () => void;
}

/** Every label, in legend order. */
export const ALL_LABELS: EdgeLabel[] = ['compile', 'export', 'runtime'];

/** The slice's initial state. */
export function initialGraphState(): GraphViewState {
  return {
    data: null,
    hash: null,
    status: 'idle',
    error: null,
    change: 'replace',
    selection: [],
    labels: [...ALL_LABELS],
    groupMode: 'folder',
    expanded: null,
    scope: { kind: 'all' },
    neighbourDirection: 'both',
    neighbourDepth: 1,
    cycle: null,
    marks: {},
    marksClearPending: false,
    focus: null,
    traces: {},
  };
}

// The transport module is loaded on first use so stores built in tests (or in the graph bench,
// which feeds the slice directly) never touch the real host connection.
let transportOverride: (() => Transport) | null = null;
async function transport(): Promise<Transport> {
  if (transportOverride) return transportOverride();
  const mod = await import('../transport/transport');
  return mod.getTransport();
}

/** Points the slice at another transport (tests, tools); null restores the default. */
export function setGraphTransport(get: (() => Transport) | null): void {
  transportOverride = get;
}

const REFETCH_DELAY_MS = 250;
let refetchTimer: ReturnType<typeof setTimeout> | null = null;
let focusSeq = 0;

/** Builds the graph slice. */
export const createGraphSlice: StateCreator<AppState, [], [], GraphSlice> = (set, get) => {
  const patch = (p: Partial<GraphViewState>): void => set({ graph: { ...get().graph, ...p } });

  const fetchGraph = async (change: 'replace' | 'live'): Promise<void> => {
    try {
      const data = await (await transport()).invoke('graph:get', {});
      get().setGraphData(data, change);
    } catch (error) {
      if (change === 'replace')
        patch({ status: 'error', error: error instanceof Error ? error.message : String(error) });
    }
  };

  return {
    graph: initialGraphState(),
    loadGraph: async () => {
      patch({ status: 'loading', error: null });
      await fetchGraph('replace');
    },
    setGraphData: (data, change = 'replace') => {
      const hash = graphHash(data);
      const g = get().graph;
      if (change === 'live' && hash === g.hash) return;
      const ids = new Set(data.nodes.map((n) => n.id));
      const selection = g.selection.filter((id) => isGroupId(id) || ids.has(id));
      patch({
        data,
        hash,
        status: 'ready',
        error: null,
        change: g.data === null ? 'replace' : change,
        selection: change === 'replace' ? [] : selection,
        expanded: change === 'replace' ? null : g.expanded,
        scope: change === 'replace' ? { kind: 'all' } : g.scope,
        cycle: change === 'replace' ? null : g.cycle,
        marks: change === 'replace' ? {} : g.marks,
        traces: change === 'replace' ? {} : g.traces,
      });
    },
    applyModuleEvents: (events) => {
      const g = get().graph;
      const next = marksFromEvents(
        { marks: g.marks, clearPending: g.marksClearPending },
        events,
        g.data,
      );
      const marks = next.marks;
      // A recompiled or removed file's references (and their lines) may have changed.
      const stale = changedFiles(events, g.data).filter((f) => f in g.traces);
      let traces = g.traces;
      if (stale.length > 0) {
        traces = { ...g.traces };
        for (const f of stale) delete traces[f];
      }
      if (marks !== g.marks || traces !== g.traces || next.clearPending !== g.marksClearPending)
        patch({ marks, traces, marksClearPending: next.clearPending });
      if (g.data !== null && events.some(carriesGraphChange)) {
        // The agent sent the compile's change itself: no refetch needed for it.
        if (refetchTimer !== null) clearTimeout(refetchTimer);
        refetchTimer = null;
        get().setGraphData(applyGraphChanges(g.data, events), 'live');
      } else if (g.data !== null && needsRefetch(events)) {
        // A burst of compiles answers with one refetch once it settles.
        if (refetchTimer !== null) clearTimeout(refetchTimer);
        refetchTimer = setTimeout(() => {
          refetchTimer = null;
          void fetchGraph('live');
        }, REFETCH_DELAY_MS);
      }
    },
    selectGraphNode: (id, additive = false) => {
      const g = get().graph;
      if (id === null) return patch({ selection: [] });
      if (!additive) return patch({ selection: [id] });
      const prev = g.selection.filter((s) => s !== id).slice(-1);
      patch({ selection: [...prev, id] });
    },
    toggleGraphLabel: (label) => {
      const labels = get().graph.labels;
      const next = labels.includes(label) ? labels.filter((l) => l !== label) : [...labels, label];
      patch({ labels: ALL_LABELS.filter((l) => next.includes(l)) });
    },
    setGraphGroupMode: (mode) => patch({ groupMode: mode, expanded: null }),
    toggleGraphGroup: (id) => {
      const current = get().graph.expanded ?? [];
      patch({
        expanded: current.includes(id) ? current.filter((g) => g !== id) : [...current, id],
      });
    },
    setGraphExpanded: (ids) => patch({ expanded: ids }),
    setGraphScope: (scope) => patch({ scope, expanded: null }),
    setGraphNeighbourhood: (direction, depth) => {
      const g = get().graph;
      const scope = g.scope.kind === 'neighbourhood' ? { ...g.scope, direction, depth } : g.scope;
      patch({ neighbourDirection: direction, neighbourDepth: depth, scope });
    },
    setGraphCycle: (index) => patch({ cycle: index }),
    focusGraphNode: (id, ancestors, additive = false) => {
      const g = get().graph;
      const expanded = new Set(g.expanded ?? []);
      for (const a of ancestors) expanded.add(a);
      const selection = additive ? [...g.selection.filter((s) => s !== id).slice(-1), id] : [id];
      patch({ expanded: [...expanded], selection, focus: { id, seq: ++focusSeq } });
    },
    loadGraphTrace: async (file, retry = false) => {
      const known = get().graph.traces[file];
      if (known && !(retry && known.status === 'error')) return;
      const loading: TraceState = { status: 'loading' };
      const write = (state: TraceState): void => {
        // Dropped when the file recompiled (or the graph was replaced) meanwhile: that answer
        // may be stale, and the view asks again.
        if (get().graph.traces[file] !== loading) return;
        patch({ traces: { ...get().graph.traces, [file]: state } });
      };
      patch({ traces: { ...get().graph.traces, [file]: loading } });
      try {
        const entries = await (await transport()).invoke('graph:trace-file', { path: file });
        write({ status: 'ready', entries });
      } catch (error) {
        const code =
          typeof error === 'object' && error !== null && 'code' in error
            ? String((error as { code: unknown }).code)
            : 'error';
        const message = error instanceof Error ? error.message : String(error);
        write({ status: 'error', code, message });
      }
    },
    clearGraphMarks: () => patch({ marks: {} }),
  };
};
