/**
 * The dependency graph explorer over any store holding the graph slice: the app mounts it over
 * the app store (`DependencyGraphPanel`), the view benchmark over a store of its own.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { StoreApi } from 'zustand';
import { useStore } from 'zustand';
import { ancestorsOf, buildGroupTree, isGroupId } from './graph-model';
import {
  formatCount,
  highlightClasses,
  scopeFiles,
  scopeTitle,
  selectionFacts,
} from './graph-queries';
import { GraphDetails } from './GraphDetails';
import type { GraphSlice } from './graph-slice';
import { GraphToolbar } from './GraphToolbar';
import { useCytoscape, type CanvasView } from './useCytoscape';
import { useGraphView } from './useGraphView';
import './graph-panel.css';

/** The part of a zustand store the explorer uses. */
export type GraphStore = Pick<StoreApi<GraphSlice>, 'getState' | 'getInitialState' | 'subscribe'>;

/** Explorer props. */
export interface GraphExplorerProps {
  store: GraphStore;
  /** Project root, keying remembered positions. */
  projectRoot: string | null;
  /** Called once per painted view; the benchmark times the first. */
  onPainted?: (view: CanvasView) => void;
  /** Opens a file at a line in the Source tab (trace reasons link there). */
  onOpenSource?: (file: string, line: number | null) => void;
}

/** The explorer: toolbar, canvas and side pane. */
export function GraphExplorer({ store, projectRoot, onPainted, onOpenSource }: GraphExplorerProps) {
  const g = useStore(store, (s) => s.graph);
  const actions = store.getState();
  const data = g.data;

  useEffect(() => {
    if (store.getState().graph.status === 'idle') void store.getState().loadGraph();
  }, [store]);

  const tree = useMemo(
    () => buildGroupTree(data ?? { nodes: [], edges: [] }, g.groupMode),
    [data, g.groupMode],
  );
  // Cycles come from the worker (after the first view); a cycle scope lists its files itself.
  const include = useMemo(() => (data ? scopeFiles(data, g.scope) : null), [data, g.scope]);
  const scopeKey = JSON.stringify(g.scope);
  const [allEdges, setAllEdges] = useState(false);
  const model = useGraphView(
    {
      data,
      hash: g.hash,
      change: g.change,
      mode: g.groupMode,
      expanded: g.expanded,
      labels: g.labels,
      include,
      scopeKey,
      projectRoot,
      allEdges,
    },
    (ids) => store.getState().setGraphExpanded(ids),
  );
  const cycles = model.cycles;
  const expandedSet = useMemo(() => new Set(model.expanded), [model.expanded]);
  const facts = useMemo(
    () => (data ? selectionFacts(data, g.selection) : { file: null, blast: null, path: null }),
    [data, g.selection],
  );
  // Traces load when a path is shown, one per file an edge of it starts from; a file that
  // recompiles drops its trace and this asks again.
  const pathEdges = facts.path ? (facts.path.edges ?? facts.path.reverse ?? []) : [];
  const traceFiles = [...new Set(pathEdges.map((e) => e.from))];
  const missingTraces = traceFiles.filter((f) => g.traces[f] === undefined).join('\n');
  useEffect(() => {
    if (missingTraces === '') return;
    for (const f of missingTraces.split('\n')) void store.getState().loadGraphTrace(f);
  }, [missingTraces, store]);

  const highlight = useMemo(
    () =>
      highlightClasses({
        tree,
        expanded: expandedSet,
        selection: g.selection,
        facts,
        cycle: g.cycle === null ? null : (cycles[g.cycle] ?? null),
        cycleLabels: new Set(g.labels),
        graph: data ?? { nodes: [], edges: [] },
        marks: g.marks,
        match: g.focus?.id ?? null,
      }),
    [tree, expandedSet, g.selection, facts, g.cycle, cycles, g.labels, data, g.marks, g.focus],
  );

  const container = useRef<HTMLDivElement>(null);
  const toggleGroup = (id: string): void => {
    const current = store.getState().graph.expanded ?? model.expanded;
    const open = current.includes(id);
    // Closing a group also closes everything inside it, so reopening starts collapsed.
    const next = open
      ? current.filter((x) => x !== id && !ancestorsOf(tree, x).includes(id))
      : [...current, id];
    actions.setGraphExpanded(next);
    // Keep the user's eye on what they opened or closed: the new layout moves things around.
    actions.focusGraphNode(id, []);
  };
  const cyRef = useCytoscape(container, model.view, highlight.classes, highlight.fade, g.focus, {
    onTap: (id, additive) => actions.selectGraphNode(id, additive),
    onDoubleTap: (id) => {
      if (isGroupId(id)) toggleGroup(id);
    },
    onMoved: (positions) => model.rememberPositions(positions),
    onPainted: (view) => onPainted?.(view),
  });
  const focus = (id: string, additive = false): void =>
    actions.focusGraphNode(id, ancestorsOf(tree, id), additive);

  const onCanvasKey = (ev: KeyboardEvent<HTMLDivElement>): void => {
    const sel = g.selection[g.selection.length - 1];
    if (ev.key === 'Enter' && sel !== undefined && isGroupId(sel)) toggleGroup(sel);
    if (ev.key === 'Escape') actions.selectGraphNode(null);
  };

  const shownFiles = include === null ? (data?.nodes.length ?? 0) : include.length;
  const visibleEdges = model.view?.result.elements.edges ?? [];
  let fileNodes = 0;
  for (const n of model.view?.result.elements.nodes ?? []) if (n.kind === 'file') fileNodes += 1;
  const edgeCounts = { compile: 0, export: 0, runtime: 0 };
  for (const e of visibleEdges) edgeCounts[e.label] += 1;

  return (
    <div className="graph-panel" data-testid="graph-panel">
      {data && (
        <GraphToolbar
          graph={data}
          labels={g.labels}
          mode={g.groupMode}
          scope={g.scope}
          scopeTitle={scopeTitle(g.scope)}
          onToggleLabel={actions.toggleGraphLabel}
          onMode={actions.setGraphGroupMode}
          onScope={actions.setGraphScope}
          onFocus={focus}
          onFit={() => cyRef.current?.fit(undefined, 40)}
          onCollapseAll={() => actions.setGraphExpanded([])}
        />
      )}
      <div className="graph-canvas-wrap">
        <div
          ref={container}
          className="graph-canvas"
          tabIndex={0}
          role="application"
          aria-label="Dependency graph"
          aria-roledescription="graph"
          data-nodes={model.view?.result.elements.nodes.length ?? 0}
          data-files={fileNodes}
          data-edges-compile={edgeCounts.compile}
          data-edges-export={edgeCounts.export}
          data-edges-runtime={edgeCounts.runtime}
          onKeyDown={onCanvasKey}
        />
        {data && (
          <div className="graph-counts" aria-live="polite">
            {model.computing ? 'Laying out… ' : ''}
            {formatCount(shownFiles)} of {formatCount(data.nodes.length)} files ·{' '}
            {formatCount(data.edges.length)} edges
          </div>
        )}
        {g.status === 'loading' && <div className="graph-status">Loading the graph…</div>}
        {g.status === 'error' && (
          <div className="graph-status" role="alert">
            Could not load the graph: {g.error}
          </div>
        )}
        {model.error && (
          <div className="graph-status" role="alert">
            Layout failed: {model.error}
          </div>
        )}
        {(model.view?.result.hiddenEdges ?? 0) > 0 && (
          <div className="graph-overlay graph-overlay-right">
            Showing the {formatCount(visibleEdges.length)} strongest links;{' '}
            {formatCount(model.view?.result.hiddenEdges ?? 0)} weaker ones hidden ·{' '}
            <button type="button" onClick={() => setAllEdges(true)}>
              Show all links
            </button>
          </div>
        )}
        {g.scope.kind !== 'all' && (
          <div className="graph-overlay">
            {scopeTitle(g.scope)} ·{' '}
            <button
              type="button"
              style={{ pointerEvents: 'auto' }}
              onClick={() => actions.setGraphScope({ kind: 'all' })}
            >
              Show all files
            </button>
          </div>
        )}
      </div>
      {data && (
        <GraphDetails
          graph={data}
          tree={tree}
          selection={g.selection}
          facts={facts}
          expanded={expandedSet}
          cycles={cycles}
          cycle={g.cycle}
          marks={g.marks}
          direction={g.neighbourDirection}
          depth={g.neighbourDepth}
          scope={g.scope}
          traces={g.traces}
          onFocus={focus}
          onToggleGroup={toggleGroup}
          onScope={actions.setGraphScope}
          onNeighbourhood={actions.setGraphNeighbourhood}
          onCycle={actions.setGraphCycle}
          onClearMarks={actions.clearGraphMarks}
          onRetryTrace={(f) => void actions.loadGraphTrace(f, true)}
          {...(onOpenSource ? { onOpenSource } : {})}
        />
      )}
    </div>
  );
}
