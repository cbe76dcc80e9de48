/**
 * Measures the graph view in headless Chromium: time to the first useful view (the graph drawn
 * and the page idle) and pan/zoom frame times (requestAnimationFrame deltas over scripted wheel
 * zooms and drags), on the bench page built from the real explorer component.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { DependencyGraph } from '../../src/shared/agent-protocol';
import { buildBenchPage } from './build-page';
import { CHROMIUM_ARGS } from '../../scripts/chromium';

/** Options of one measurement. */
export interface MeasureOptions {
  chromiumPath: string;
  /** Also save a screenshot of the first view here. */
  screenshot?: string;
  /** Wheel zoom steps and drags scripted for the frame measurement. */
  zoomSteps?: number;
  drags?: number;
  viewport?: { width: number; height: number };
  /** Then open every group and measure that view too (every file drawn). */
  expandAll?: boolean;
}

/** What one measurement found; times in milliseconds. */
export interface ViewMeasurement {
  /** Graph data in hand → first frame with the graph drawn. */
  first_view_ms: number;
  /** 95th percentile of frame intervals while zooming and panning. */
  frame_p95_ms: number;
  frame_median_ms: number;
  frames: number;
  /** Navigation start → first view (includes loading the page and the graph JSON). */
  page_to_view_ms: number;
  /** Elements drawn in the first view. */
  first_view_nodes: number;
  /** With `expandAll`: opening every group until painted, and frames in that view. */
  expand_all_ms?: number;
  expanded_frame_p95_ms?: number;
}

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

/** Serves the built page and the graph JSON on a random loopback port. */
export async function serve(
  dir: string,
  graphJson: string,
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    if (path === '/graph.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(graphJson);
      return;
    }
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { server, url: `http://127.0.0.1:${port}/` };
}

function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** Scripts wheel zooms and drags over the canvas while recording frame intervals. */
async function panAndZoom(page: Page, zoomSteps: number, drags: number): Promise<number[]> {
  const box = await page.locator('.graph-canvas').boundingBox();
  if (!box) throw new Error('graph canvas not found');
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.evaluate(() =>
    (globalThis as unknown as { graphBench: { startFrames(): void } }).graphBench.startFrames(),
  );
  await page.mouse.move(cx, cy);
  for (let i = 0; i < zoomSteps; i++) {
    await page.mouse.wheel(0, i < zoomSteps / 2 ? -200 : 200);
    await page.waitForTimeout(30);
  }
  for (let d = 0; d < drags; d++) {
    const dx = (d % 2 === 0 ? 1 : -1) * box.width * 0.25;
    const dy = (d % 3 === 0 ? 1 : -1) * box.height * 0.15;
    // Start the drag on empty canvas corners so it pans rather than moving a node.
    const sx = box.x + 8 + (d % 2) * (box.width - 16);
    const sy = box.y + box.height - 8;
    await page.mouse.move(sx, sy);
    await page.mouse.down();
    await page.mouse.move(sx - dx, sy - dy, { steps: 12 });
    await page.mouse.up();
  }
  await page.waitForTimeout(100);
  return page.evaluate(() =>
    (globalThis as unknown as { graphBench: { stopFrames(): number[] } }).graphBench.stopFrames(),
  );
}

/** Opens every group, waits for the view to be painted, then pans and zooms it. */
async function measureExpandAll(
  page: Page,
  zoomSteps: number,
  drags: number,
): Promise<{ expand_all_ms: number; expanded_frame_p95_ms: number }> {
  type Bench = { graphBench: { expandAll(): number; lastPaintMs?: number } };
  await page.evaluate(() => (globalThis as unknown as Bench).graphBench.expandAll());
  await page.waitForFunction(
    () => (globalThis as unknown as Bench).graphBench.lastPaintMs !== undefined,
    undefined,
    { timeout: 180_000 },
  );
  const ms = await page.evaluate(() => (globalThis as unknown as Bench).graphBench.lastPaintMs);
  const frames = await panAndZoom(page, zoomSteps, drags);
  return {
    expand_all_ms: Math.round(ms ?? 0),
    expanded_frame_p95_ms: Math.round(percentile(frames, 95) * 10) / 10,
  };
}

/** Renders the explorer with `graph` in headless Chromium and measures it. */
export async function measureGraphView(
  graph: DependencyGraph,
  options: MeasureOptions,
): Promise<ViewMeasurement> {
  const dir = await buildBenchPage();
  const { server, url } = await serve(normalize(dir), JSON.stringify(graph));
  const browser = await chromium.launch({
    executablePath: options.chromiumPath,
    args: [...CHROMIUM_ARGS],
  });
  try {
    const page = await browser.newPage({
      viewport: options.viewport ?? { width: 1440, height: 900 },
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url);
    await page
      .waitForFunction(
        () =>
          (globalThis as unknown as { graphBench?: { firstViewMs?: number } }).graphBench
            ?.firstViewMs !== undefined,
        undefined,
        { timeout: 120_000 },
      )
      .catch((e: unknown) => {
        throw new Error(`graph view never painted: ${errors.join('; ') || String(e)}`);
      });
    const first = await page.evaluate(() => {
      const b = (
        globalThis as unknown as { graphBench: { firstViewMs: number; pageToViewMs: number } }
      ).graphBench;
      return { firstViewMs: b.firstViewMs, pageToViewMs: b.pageToViewMs };
    });
    const nodes = Number(await page.locator('.graph-canvas').getAttribute('data-nodes'));
    if (options.screenshot) await page.screenshot({ path: options.screenshot });
    const frames = await panAndZoom(page, options.zoomSteps ?? 24, options.drags ?? 8);
    const expanded = options.expandAll
      ? await measureExpandAll(page, options.zoomSteps ?? 24, options.drags ?? 8)
      : {};
    return {
      ...expanded,
      first_view_ms: Math.round(first.firstViewMs),
      frame_p95_ms: Math.round(percentile(frames, 95) * 10) / 10,
      frame_median_ms: Math.round(percentile(frames, 50) * 10) / 10,
      frames: frames.length,
      page_to_view_ms: Math.round(first.pageToViewMs),
      first_view_nodes: nodes,
    };
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
