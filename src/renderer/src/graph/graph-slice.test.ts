import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StateCreator } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { DependencyGraph } from '../../../shared/agent-protocol';
import type { Transport } from '../../../shared/contract';
import type { ModuleEvent } from '../../../shared/models';
import { createGraphSlice, setGraphTransport, type GraphSlice } from './graph-slice';

const graphV1: DependencyGraph = {
  nodes: [
    { id: 'lib/a.ex', modules: ['A'] },
    { id: 'lib/b.ex', modules: ['B', 'B.Helper'] },
  ],
  edges: [{ from: 'lib/a.ex', to: 'lib/b.ex', label: 'runtime' }],
};
const graphV2: DependencyGraph = {
  ...graphV1,
  edges: [{ from: 'lib/a.ex', to: 'lib/b.ex', label: 'compile' }],
};

function event(
  seq: number,
  kind: ModuleEvent['kind'],
  extra: Partial<ModuleEvent> = {},
): ModuleEvent {
  return { seq, at: seq, kind, origin: 'user', ...extra };
}

function makeStore(graphs: DependencyGraph[]) {
  const invoke = vi.fn(async () => graphs.shift() ?? graphV1);
  setGraphTransport(() => ({ invoke, on: () => () => undefined }) as unknown as Transport);
  // The slice only touches its own keys, so a store of just the slice is enough here.
  const store = createStore<GraphSlice>()(createGraphSlice as unknown as StateCreator<GraphSlice>);
  return { store, invoke };
}

afterEach(() => {
  setGraphTransport(null);
  vi.useRealTimers();
});

describe('graph slice', () => {
  it('loads the graph through the transport', async () => {
    const { store, invoke } = makeStore([graphV1]);
    await store.getState().loadGraph();
    expect(invoke).toHaveBeenCalledWith('graph:get', {});
    expect(store.getState().graph).toMatchObject({
      status: 'ready',
      data: graphV1,
      change: 'replace',
    });
  });

  it('marks files from module events by path and by module', async () => {
    const { store } = makeStore([graphV1]);
    await store.getState().loadGraph();
    store.getState().applyModuleEvents([
      event(1, 'compile_started'),
      event(2, 'recompiled', {
        mod: 'B.Helper',
        payload: { mod: 'B.Helper', source_hash: null, functions: null },
      }),
      event(3, 'compile_failed', { path: '/home/me/app/lib/a.ex', diagnostics: [] }),
    ]);
    expect(store.getState().graph.marks).toEqual({
      'lib/b.ex': 'recompiled',
      'lib/a.ex': 'failed',
    });
    // A compile with nothing to do keeps the last reload's marks; the next recompile replaces them.
    store.getState().applyModuleEvents([event(4, 'compile_started')]);
    expect(store.getState().graph.marks).toEqual({
      'lib/b.ex': 'recompiled',
      'lib/a.ex': 'failed',
    });
    store.getState().applyModuleEvents([event(5, 'recompiled', { path: 'lib/a.ex', mod: 'A' })]);
    expect(store.getState().graph.marks).toEqual({ 'lib/a.ex': 'recompiled' });
  });

  it('refetches after a compile and applies a changed graph in place', async () => {
    vi.useFakeTimers();
    const { store, invoke } = makeStore([graphV1, graphV2]);
    await store.getState().loadGraph();
    store.getState().setGraphExpanded(['dir:lib']);
    store.getState().selectGraphNode('lib/a.ex');
    store
      .getState()
      .applyModuleEvents([event(1, 'recompiled', { mod: 'A' }), event(2, 'compile_finished')]);
    await vi.runAllTimersAsync();
    expect(invoke).toHaveBeenCalledTimes(2);
    const g = store.getState().graph;
    expect(g.data).toEqual(graphV2);
    expect(g.change).toBe('live');
    expect(g.expanded).toEqual(['dir:lib']);
    expect(g.selection).toEqual(['lib/a.ex']);
  });

  it('applies graph_changed in place instead of refetching', async () => {
    vi.useFakeTimers();
    const { store, invoke } = makeStore([graphV1]);
    await store.getState().loadGraph();
    store.getState().selectGraphNode('lib/a.ex');
    store.getState().applyModuleEvents([event(1, 'compile_finished')]);
    store.getState().applyModuleEvents([
      event(2, 'graph_changed', {
        edges_removed: [{ from: 'lib/a.ex', to: 'lib/b.ex', label: 'runtime' }],
        edges_added: [
          { from: 'lib/a.ex', to: 'lib/b.ex', label: 'compile' },
          { from: 'lib/c.ex', to: 'lib/a.ex', label: 'export' },
        ],
        nodes_changed: [{ id: 'lib/c.ex', modules: ['C'] }],
      }),
    ]);
    await vi.runAllTimersAsync();
    expect(invoke).toHaveBeenCalledTimes(1);
    const g = store.getState().graph;
    expect(g.change).toBe('live');
    expect(g.selection).toEqual(['lib/a.ex']);
    expect(g.data?.nodes.map((n) => n.id).sort()).toEqual(['lib/a.ex', 'lib/b.ex', 'lib/c.ex']);
    expect(g.data?.edges).toEqual([
      { from: 'lib/a.ex', to: 'lib/b.ex', label: 'compile' },
      { from: 'lib/c.ex', to: 'lib/a.ex', label: 'export' },
    ]);
    // A node listed without modules is gone, with its edges.
    store
      .getState()
      .applyModuleEvents([
        event(3, 'graph_changed', { nodes_changed: [{ id: 'lib/c.ex', modules: [] }] }),
      ]);
    expect(store.getState().graph.data?.edges).toEqual([
      { from: 'lib/a.ex', to: 'lib/b.ex', label: 'compile' },
    ]);
  });

  it('keeps two selected files for a path and toggles labels in legend order', () => {
    const { store } = makeStore([]);
    const s = store.getState();
    s.selectGraphNode('lib/a.ex');
    s.selectGraphNode('lib/b.ex', true);
    s.selectGraphNode('lib/c.ex', true);
    expect(store.getState().graph.selection).toEqual(['lib/b.ex', 'lib/c.ex']);
    s.toggleGraphLabel('export');
    s.toggleGraphLabel('export');
    expect(store.getState().graph.labels).toEqual(['compile', 'export', 'runtime']);
  });

  it('caches a file trace until the file recompiles, and keeps errors with their code', async () => {
    const entry = {
      to: 'lib/b.ex',
      mod: 'B',
      reason: 'call',
      target: 'B.run/0',
      label: 'runtime' as const,
      file: 'lib/a.ex',
      line: 3,
    };
    const answers: Array<() => unknown> = [
      () => graphV1,
      () => [entry],
      () => {
        throw Object.assign(new Error('A is still running old code'), {
          code: 'trace_unavailable',
        });
      },
    ];
    const invoke = vi.fn(async () => (answers.shift() ?? (() => []))());
    setGraphTransport(() => ({ invoke, on: () => () => undefined }) as unknown as Transport);
    const store = createStore<GraphSlice>()(
      createGraphSlice as unknown as StateCreator<GraphSlice>,
    );
    await store.getState().loadGraph();
    await store.getState().loadGraphTrace('lib/a.ex');
    await store.getState().loadGraphTrace('lib/a.ex');
    expect(invoke).toHaveBeenCalledTimes(2);
    expect(invoke).toHaveBeenLastCalledWith('graph:trace-file', { path: 'lib/a.ex' });
    expect(store.getState().graph.traces['lib/a.ex']).toEqual({
      status: 'ready',
      entries: [entry],
    });

    // Another file recompiling keeps it; its own recompile drops it.
    store.getState().applyModuleEvents([event(1, 'recompiled', { mod: 'B' })]);
    expect(store.getState().graph.traces['lib/a.ex']?.status).toBe('ready');
    store.getState().applyModuleEvents([event(2, 'recompiled', { mod: 'A' })]);
    expect(store.getState().graph.traces['lib/a.ex']).toBeUndefined();

    await store.getState().loadGraphTrace('lib/a.ex');
    expect(store.getState().graph.traces['lib/a.ex']).toEqual({
      status: 'error',
      code: 'trace_unavailable',
      message: 'A is still running old code',
    });
    // An error stays until asked again explicitly.
    await store.getState().loadGraphTrace('lib/a.ex');
    expect(invoke).toHaveBeenCalledTimes(3);
    await store.getState().loadGraphTrace('lib/a.ex', true);
    expect(invoke).toHaveBeenCalledTimes(4);
    expect(store.getState().graph.traces['lib/a.ex']).toEqual({ status: 'ready', entries: [] });
  });
});
