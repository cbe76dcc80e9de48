/**
 * Turns the explorer's state into computed views: asks the layout worker for elements and
 * positions whenever the graph, grouping, open groups, scope or labels change, and decides for
 * each change whether nodes may move (a new layout) or must stay put (filters, live updates).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DependencyGraph, EdgeLabel } from '../../../shared/agent-protocol';
import type { GroupMode } from './graph-model';
import { LayoutClient } from './layout-client';
import type { Positions } from './layout-core';
import { loadPositions, positionKey, savePositions } from './position-cache';
import type { CanvasView } from './useCytoscape';

/** The state a view depends on. */
export interface ViewInputs {
  data: DependencyGraph | null;
  hash: string | null;
  change: 'replace' | 'live';
  mode: GroupMode;
  expanded: string[] | null;
  labels: EdgeLabel[];
  include: string[] | null;
  /** Identifies the scope (its files may be equal for different scopes). */
  scopeKey: string;
  /** Draw every edge instead of the strongest few hundred. */
  allEdges: boolean;
  projectRoot: string | null;
}

interface Requested {
  data: DependencyGraph | null;
  mode: GroupMode;
  expanded: string;
  labels: string;
  scope: string;
}

/** The current computed view plus what the hook learnt computing it. */
export interface GraphViewModel {
  view: CanvasView | null;
  /** Open groups of the view on screen. */
  expanded: string[];
  computing: boolean;
  error: string | null;
  /** The graph's cycles, computed in the worker after the first view. */
  cycles: string[][];
  /** Records positions the user dragged nodes to. */
  rememberPositions: (positions: Positions) => void;
}

/** Computes views off the UI thread; `onAutoExpanded` stores the groups a first view opened. */
export function useGraphView(
  inputs: ViewInputs,
  onAutoExpanded: (ids: string[]) => void,
): GraphViewModel {
  const client = useRef<LayoutClient | null>(null);
  const last = useRef<Requested | null>(null);
  const positions = useRef<Positions>({});
  const seq = useRef(0);
  const [view, setView] = useState<CanvasView | null>(null);
  const [expandedNow, setExpandedNow] = useState<string[]>([]);
  const [computing, setComputing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [cycles, setCycles] = useState<string[][]>([]);
  const autoRef = useRef(onAutoExpanded);
  useEffect(() => {
    autoRef.current = onAutoExpanded;
  });

  useEffect(() => {
    const c = new LayoutClient();
    client.current = c;
    return () => {
      c.dispose();
      client.current = null;
      last.current = null;
    };
  }, []);

  const { data, hash, change, mode, expanded, labels, include, scopeKey, projectRoot, allEdges } =
    inputs;
  const expandedKey = expanded === null ? 'auto' : [...expanded].sort().join('\n');
  const labelsKey = `${labels.join(',')}|${allEdges ? 'all' : 'cap'}`;
  const viewKey = `${mode}|${scopeKey}|${expandedKey}`;
  const cacheKey = projectRoot && hash ? positionKey(projectRoot, hash, viewKey) : null;
  // The groups a first view opened by itself: drags in that view are also remembered under
  // 'auto' so the next first view of this project restores them.
  const autoChoice = useRef<string | null>(null);
  const autoCacheKey =
    projectRoot && hash ? positionKey(projectRoot, hash, `${mode}|${scopeKey}|auto`) : null;

  useEffect(() => {
    const c = client.current;
    if (!c || data === null) return;
    const prev = last.current;
    const next: Requested = {
      data,
      mode,
      expanded: expandedKey,
      labels: labelsKey,
      scope: scopeKey,
    };
    if (
      prev &&
      prev.data === data &&
      prev.mode === mode &&
      prev.expanded === expandedKey &&
      prev.labels === labelsKey &&
      prev.scope === scopeKey
    )
      return;
    last.current = next;

    // Nodes stay where they are for a live update or a label filter; anything that changes
    // which nodes exist, or how they group, gets a new layout.
    const liveUpdate = prev !== null && prev.data !== data && change === 'live';
    const filterOnly =
      prev !== null &&
      prev.data === data &&
      prev.mode === mode &&
      prev.expanded === expandedKey &&
      prev.scope === scopeKey;
    const fresh = !liveUpdate && !filterOnly;
    // A new layout can move anything anywhere: show all of it (a focus request then zooms in).
    const fit = fresh;
    const cached = fresh && cacheKey !== null ? loadPositions(cacheKey) : null;
    const keep = fresh ? cached : positions.current;

    c.setGraph(data);
    const mySeq = ++seq.current;
    setComputing(true);
    c.request({
      mode,
      expanded: expanded ?? 'auto',
      labels,
      include,
      keep,
      edgeCap: allEdges ? null : 'auto',
    }).then(
      (result) => {
        if (mySeq !== seq.current) return;
        positions.current = fresh
          ? { ...result.positions }
          : { ...positions.current, ...result.positions };
        setView({ result, relayout: fresh, fit });
        setExpandedNow(result.expanded);
        setComputing(false);
        setError(null);
        if (expanded === null) {
          // Storing what 'auto' opened must not trigger a second identical request.
          next.expanded = [...result.expanded].sort().join('\n');
          autoChoice.current = next.expanded;
          autoRef.current(result.expanded);
        }
      },
      (err: unknown) => {
        if (mySeq !== seq.current) return;
        setComputing(false);
        const message = err instanceof Error ? err.message : String(err);
        if (message !== 'stale' && message !== 'graph replaced') setError(message);
      },
    );
    // Queued behind the view so the worker draws first and analyses second.
    if (prev === null || prev.data !== data) {
      c.cycles().then(
        (found) => {
          if (last.current?.data === data) setCycles(found);
        },
        () => undefined,
      );
    }
  }, [
    data,
    change,
    mode,
    expanded,
    expandedKey,
    labels,
    labelsKey,
    include,
    scopeKey,
    cacheKey,
    allEdges,
  ]);

  const rememberPositions = useCallback(
    (moved: Positions) => {
      positions.current = { ...positions.current, ...moved };
      if (cacheKey !== null) savePositions(cacheKey, positions.current);
      if (autoCacheKey !== null && autoChoice.current === expandedKey)
        savePositions(autoCacheKey, positions.current);
    },
    [cacheKey, autoCacheKey, expandedKey],
  );

  return { view, expanded: expandedNow, computing, error, cycles, rememberPositions };
}
