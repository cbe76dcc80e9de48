/**
 * The graph view benchmark page: mounts the explorer over a store of its own, fed the graph the
 * runner serves at `/graph.json`, and exposes timings and a frame recorder on `window`.
 */
import { createRoot } from 'react-dom/client';
import type { StateCreator } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { DependencyGraph } from '../../../src/shared/agent-protocol';
import { GraphExplorer } from '../../../src/renderer/src/graph/GraphExplorer';
import { buildGroupTree } from '../../../src/renderer/src/graph/graph-model';
import { createGraphSlice, type GraphSlice } from '../../../src/renderer/src/graph/graph-slice';

/** What the runner reads back from the page. */
export interface BenchWindow {
  firstViewMs?: number;
  pageToViewMs?: number;
  viewsPainted: number;
  lastPaintMs?: number;
  startFrames: () => void;
  stopFrames: () => number[];
  expandAll: () => number;
  store: ReturnType<typeof makeStore>;
}

function makeStore() {
  // The slice is typed over the whole app state but only reads and writes `graph` and its own
  // actions, so a store of just the slice satisfies it.
  return createStore<GraphSlice>()(createGraphSlice as unknown as StateCreator<GraphSlice>);
}

const bench = window as unknown as Window & { graphBench: BenchWindow };

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const graph = (await (await fetch('/graph.json')).json()) as DependencyGraph;
  const store = makeStore();
  let frames: number[] = [];
  let recording = false;
  let paintStart = 0;
  bench.graphBench = {
    viewsPainted: 0,
    store,
    startFrames: () => {
      frames = [];
      recording = true;
      let last = performance.now();
      const tick = (now: number): void => {
        if (!recording) return;
        frames.push(now - last);
        last = now;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    },
    stopFrames: () => {
      recording = false;
      return frames;
    },
    expandAll: () => {
      paintStart = performance.now();
      const groups = [...buildGroupTree(graph, 'folder').groups.keys()];
      store.getState().setGraphExpanded(groups);
      return groups.length;
    },
  };
  const t0 = performance.now();
  store.getState().setGraphData(graph);
  if (params.get('mode') === 'namespace') store.getState().setGraphGroupMode('namespace');
  createRoot(document.getElementById('root') as HTMLElement).render(
    <GraphExplorer
      store={store}
      projectRoot="/bench/project"
      onPainted={() => {
        const b = bench.graphBench;
        const now = performance.now();
        if (b.firstViewMs === undefined) {
          b.firstViewMs = now - t0;
          b.pageToViewMs = now;
        } else if (paintStart > 0) {
          b.lastPaintMs = now - paintStart;
        }
        b.viewsPainted += 1;
      }}
    />,
  );
}

void main();
