/**
 * The graph view's numbers, from graph-view's `measureGraphView` (headless Chromium), when that
 * module is present; null (with the reason logged) when it is not or it fails.
 */
import type { DependencyGraph } from '../../src/shared/agent-protocol';
import { CHROMIUM_PATH } from '../../scripts/chromium';

/** The two numbers the results keep. */
export interface ViewResult {
  first_view_ms: number | null;
  frame_p95_ms: number | null;
}

type Measure = (
  graph: DependencyGraph,
  options: { chromiumPath: string },
) => Promise<{ first_view_ms: number; frame_p95_ms: number }>;

/** Measures the view of `graph`; never throws. */
export async function measureView(
  graph: DependencyGraph,
  log: (line: string) => void,
): Promise<ViewResult> {
  let measure: Measure;
  try {
    // Loaded lazily: the view bench pulls in Playwright and a Vite build of the page.
    const mod = (await import('../view/measure-graph-view')) as { measureGraphView?: Measure };
    if (typeof mod.measureGraphView !== 'function') throw new Error('no measureGraphView export');
    measure = mod.measureGraphView;
  } catch (error) {
    log(`  graph view: not measured (${(error as Error).message})`);
    return { first_view_ms: null, frame_p95_ms: null };
  }
  try {
    const chromiumPath = CHROMIUM_PATH;
    const r = await measure(graph, { chromiumPath });
    return { first_view_ms: r.first_view_ms, frame_p95_ms: r.frame_p95_ms };
  } catch (error) {
    log(`  graph view: failed (${(error as Error).message.split('\n')[0]})`);
    return { first_view_ms: null, frame_p95_ms: null };
  }
}
