/**
 * Screenshots of the graph view for the docs: `tsx bench/view/take-screenshots.ts
 * [--demo DEMO_GRAPH.json OUT.png]` writes `docs/screenshot-graph-2000.png` (a 2,000-file graph
 * with one folder open and a file's blast radius shown) and, given the demo project's graph (from
 * `mixscope graph --project examples/demo --format json`), OUT.png with a "why" path between two
 * files. That page has no VM, so its path shows no trace reasons: the docs' picture of the demo
 * (`docs/screenshot-graph-demo.png`) comes from the e2e suite on a real VM
 * (`MIXSCOPE_DOCS_SCREENSHOT=1 npx playwright test e2e/graph.spec.ts --project headless`).
 */
import { readFileSync } from 'node:fs';
import { normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import type { DependencyGraph } from '../../src/shared/agent-protocol';
import { findPath } from '../../src/shared/graph';
import { buildBenchPage } from './build-page';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium';
import { serve } from './measure-graph-view';
import { syntheticGraph } from './synthetic-graph';

type Step = { expand?: string[]; select?: string[]; cycle?: number };

async function shoot(graph: DependencyGraph, out: string, step: Step): Promise<void> {
  const dir = await buildBenchPage();
  const { server, url } = await serve(normalize(dir), JSON.stringify(graph));
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
  });
  try {
    const page: Page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(url);
    await page.waitForFunction(
      () =>
        (globalThis as unknown as { graphBench?: { firstViewMs?: number } }).graphBench
          ?.firstViewMs !== undefined,
    );
    await page.evaluate((s: Step) => {
      type Api = {
        graph: { expanded: string[] | null };
        setGraphExpanded(ids: string[]): void;
        selectGraphNode(id: string, additive?: boolean): void;
        setGraphCycle(i: number | null): void;
      };
      const store = (globalThis as unknown as { graphBench: { store: { getState(): Api } } })
        .graphBench.store;
      const st = store.getState();
      if (s.expand) st.setGraphExpanded([...(st.graph.expanded ?? []), ...s.expand]);
      s.select?.forEach((id, i) => store.getState().selectGraphNode(id, i > 0));
      if (s.cycle !== undefined) store.getState().setGraphCycle(s.cycle);
    }, step);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: out });
    console.log(`wrote ${out}`);
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const docs = (name: string): string =>
  fileURLToPath(new URL(`../../docs/${name}`, import.meta.url));
const args = process.argv.slice(2);

await shoot(syntheticGraph(2000), docs('screenshot-graph-2000.png'), {
  expand: ['dir:lib/app/accounts', 'dir:lib/app/macros'],
  select: ['lib/app/accounts/queries/querie_3.ex'],
});
const demoAt = args.indexOf('--demo');
const demoFile = demoAt >= 0 ? args[demoAt + 1] : undefined;
const demoOut = demoAt >= 0 ? args[demoAt + 2] : undefined;
if (demoFile && demoOut) {
  const demo = JSON.parse(readFileSync(demoFile, 'utf8')) as DependencyGraph;
  // The longest "why" chain makes the most telling picture.
  let best: [string, string] | null = null;
  let bestLength = 0;
  for (const a of demo.nodes)
    for (const b of demo.nodes) {
      const length = findPath(demo, a.id, b.id)?.length ?? 0;
      if (length > bestLength) [best, bestLength] = [[a.id, b.id], length];
    }
  await shoot(demo, demoOut, { select: best ?? [] });
}
