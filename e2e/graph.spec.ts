/**
 * The graph explorer's scenarios from the graph issue, on a real VM of a copy of the demo, with
 * `mix xref graph` run on a second copy as the truth.
 *
 * One server (and one VM) serves every test of this file: the tests run in order and each
 * leaves the explorer as the next expects it (all labels shown).
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Locator, type Page } from '@playwright/test';
import { parseXrefDot } from '../src/core/graph/parse-xref-dot';
import { startServer } from '../src/server/serve';
import type { DependencyGraph, EdgeLabel } from '../src/shared/agent-protocol';
import { findPath } from '../src/shared/graph';
import {
  insertBeforeLastLine,
  openModule,
  save,
  showTab,
  sourceCode,
  waitForProject,
} from './app-helpers';
import { copyDemo } from './demo-project';
import { expect, test as base, type MixscopeOptions } from './fixtures';

const run = promisify(execFile);

/** What `mix xref graph` says about the demo. */
interface Truth {
  graph: DependencyGraph;
  /** `--sink BLAST_FILE --label compile --only-nodes`, one file a line. */
  blast: string[];
}

/** The app on the demo, shared by the file's tests. */
interface GraphApp {
  page: Page;
  projectRoot: string;
  truth: Truth;
}

const BLAST_FILE = 'lib/demo/schema.ex';
const WHY_FROM = 'lib/demo/orders/checkout.ex';
const WHY_TO = 'lib/demo/schema.ex';
const EDITED = 'lib/demo/catalog/author.ex';
const EDIT_TARGET = 'lib/demo/catalog/isbn.ex';

/** Runs `mix xref graph` on a copy of its own, so the app's copy is never touched. */
async function xrefTruth(): Promise<Truth> {
  const copy = await copyDemo();
  try {
    const env = { ...process.env, MIX_ENV: 'dev' };
    const mix = (args: string[]) => run('mix', args, { cwd: copy.root, env });
    await mix(['xref', 'graph', '--format', 'dot']);
    const dot = await readFile(join(copy.root, 'xref_graph.dot'), 'utf8');
    const nodes = await mix([
      'xref',
      'graph',
      '--sink',
      BLAST_FILE,
      '--label',
      'compile',
      '--only-nodes',
    ]);
    return {
      graph: parseXrefDot(dot).graph,
      blast: nodes.stdout.split('\n').filter((l) => l.trim() !== ''),
    };
  } finally {
    await copy.remove();
  }
}

const test = base.extend<Record<never, never>, { graphApp: GraphApp }>({
  graphApp: [
    async ({ launchOptions }, use, workerInfo) => {
      if ((workerInfo.project.use as Partial<MixscopeOptions>).mixscopeMode === 'electron') {
        // Every test here skips itself in the Electron project; hooks still ask for the app.
        await use(null as unknown as GraphApp);
        return;
      }
      const demo = await copyDemo();
      const truthRun = xrefTruth();
      // Guard the rejection until it is awaited below, after the server is up.
      truthRun.catch(() => undefined);
      const server = await startServer({ projectRoot: demo.root });
      const browser = await chromium.launch(launchOptions);
      try {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        await page.goto(server.url);
        await use({ page, projectRoot: demo.root, truth: await truthRun });
      } finally {
        await browser.close();
        await server.close();
        await demo.remove();
      }
    },
    { scope: 'worker' },
  ],
});

test.describe.configure({ mode: 'serial' });
// The explorer's view of the Electron window is the same renderer; the file shares one headless
// server across tests, which the Electron fixture does not offer.
test.skip(({ mixscopeMode }) => mixscopeMode === 'electron', 'graph scenarios run headless');

test.beforeAll(async ({ graphApp }) => {
  if (graphApp) await waitForProject(graphApp.page);
});

test.afterEach(async ({ graphApp }, testInfo) => {
  if (!graphApp || testInfo.status === testInfo.expectedStatus) return;
  const path = testInfo.outputPath('failure.png');
  await graphApp.page.screenshot({ path }).then(
    () => testInfo.attachments.push({ name: 'screenshot', path, contentType: 'image/png' }),
    () => undefined,
  );
});

function canvas(page: Page): Locator {
  return page.getByRole('application', { name: 'Dependency graph' });
}

function countLabel(graph: DependencyGraph, label: EdgeLabel): number {
  return graph.edges.filter((e) => e.label === label).length;
}

async function expectEdgeCounts(page: Page, counts: Record<EdgeLabel, number>): Promise<void> {
  for (const label of ['compile', 'export', 'runtime'] as const) {
    await expect(canvas(page)).toHaveAttribute(`data-edges-${label}`, String(counts[label]));
  }
}

/** Picks a file with the explorer's search; `additive` keeps the previous one (a path). */
async function pickFile(page: Page, file: string, additive = false): Promise<void> {
  const search = page.getByRole('combobox', { name: 'Search files' });
  await search.fill(file);
  await expect(page.getByRole('option', { name: file, exact: true })).toBeVisible();
  await search.press(additive ? 'Shift+Enter' : 'Enter');
}

async function showGraph(page: Page): Promise<void> {
  await showTab(page, 'Graph');
  await expect(canvas(page)).not.toHaveAttribute('data-files', '0');
}

/** `MIXSCOPE_DOCS_SCREENSHOT=1` writes the README's picture of a why-path with its reasons. */
async function docsScreenshot(page: Page): Promise<void> {
  const why = page.getByRole('region', { name: 'Why path' });
  await why.getByRole('button', { name: 'Show only the path' }).click();
  await page.getByRole('combobox', { name: 'Search files' }).fill('');
  await why.getByTestId('path-edge').last().scrollIntoViewIfNeeded();
  // Let the layout settle and the viewport fit.
  await page.waitForTimeout(1_500);
  await page.screenshot({
    path: join(import.meta.dirname, '..', 'docs', 'screenshot-graph-demo.png'),
  });
  await page.getByRole('button', { name: 'Show all files' }).click();
}

test('renders the demo graph as mix xref graph sees it', async ({ graphApp }) => {
  const { page, truth } = graphApp;
  await showGraph(page);
  await expect(canvas(page)).toHaveAttribute('data-files', String(truth.graph.nodes.length));
  await expectEdgeCounts(page, {
    compile: countLabel(truth.graph, 'compile'),
    export: countLabel(truth.graph, 'export'),
    runtime: countLabel(truth.graph, 'runtime'),
  });
});

test('filtering to compile edges hides the others', async ({ graphApp }) => {
  const { page, truth } = graphApp;
  await showGraph(page);
  const controls = page.getByRole('toolbar', { name: 'Graph controls' });
  await controls.getByRole('checkbox', { name: 'Export' }).uncheck();
  await controls.getByRole('checkbox', { name: 'Runtime' }).uncheck();
  await expectEdgeCounts(page, {
    compile: countLabel(truth.graph, 'compile'),
    export: 0,
    runtime: 0,
  });
  await controls.getByRole('checkbox', { name: 'Export' }).check();
  await controls.getByRole('checkbox', { name: 'Runtime' }).check();
  await expect(canvas(page)).toHaveAttribute(
    'data-edges-runtime',
    String(countLabel(truth.graph, 'runtime')),
  );
});

test('a selected file shows its blast radius', async ({ graphApp }) => {
  const { page, truth } = graphApp;
  await showGraph(page);
  expect(truth.blast.length).toBeGreaterThan(0);
  await pickFile(page, BLAST_FILE);
  await expect(page.getByTestId('selected-file')).toHaveText(BLAST_FILE);
  await expect(page.getByTestId('blast-radius-count')).toHaveText(String(truth.blast.length));
  const listed = page.getByRole('region', { name: 'Selected file' }).getByRole('listitem');
  await expect(listed).toHaveText(truth.blast);
});

test('the why-path lists trace reasons that open their line', async ({ graphApp }) => {
  const { page, truth } = graphApp;
  await showGraph(page);
  const expected = findPath(truth.graph, WHY_FROM, WHY_TO);
  expect(expected, `a path ${WHY_FROM} → ${WHY_TO} in the demo`).not.toBeNull();
  await pickFile(page, WHY_FROM);
  await pickFile(page, WHY_TO, true);

  const why = page.getByRole('region', { name: 'Why path' });
  const edges = why.getByTestId('path-edge');
  await expect(edges).toHaveCount(expected?.length ?? 0);
  for (let i = 0; i < (expected?.length ?? 0); i++) {
    const reasons = edges.nth(i).getByTestId('trace-reason');
    await expect(reasons.first()).toBeVisible();
    await expect(reasons.first()).toContainText(/\b(call|import|alias|struct|require)\b/);
    await expect(reasons.first()).toContainText(/\.exs?:\d+$/);
  }
  if (process.env['MIXSCOPE_DOCS_SCREENSHOT'] === '1') await docsScreenshot(page);

  // Each reason opens its line in the Source tab.
  const first = edges.first().getByTestId('trace-reason').first();
  const open = first.getByRole('button');
  await expect(open).toHaveAttribute('title', new RegExp(`^Open ${WHY_FROM}:\\d+ `));
  await open.click();
  await expect(page.getByRole('tab', { name: 'Source', exact: true })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(sourceCode(page)).toContainText('defmodule Demo.Orders.Checkout');
});

test('a save marks its file and changes edges in place', async ({ graphApp }) => {
  const { page, truth } = graphApp;
  const runtime = countLabel(truth.graph, 'runtime');
  const original = await readFile(join(graphApp.projectRoot, EDITED), 'utf8');
  await openModule(page, 'Demo.Catalog.Author', 'Demo.Catalog.Author');
  await showTab(page, 'Source');
  await insertBeforeLastLine(page, '  def e2e_isbn?(isbn), do: Demo.Catalog.Isbn.valid?(isbn)');
  await save(page);

  await showGraph(page);
  const marks = page.getByTestId('live-marks');
  await expect(marks.locator('li[data-mark="recompiled"]', { hasText: 'author.ex' })).toBeVisible();
  await expect(canvas(page)).toHaveAttribute('data-edges-runtime', String(runtime + 1));
  await expect(canvas(page)).toHaveAttribute('data-files', String(truth.graph.nodes.length));

  // The new edge's reason comes from a trace of the saved file.
  await pickFile(page, EDITED);
  await pickFile(page, EDIT_TARGET, true);
  const reasons = page
    .getByRole('region', { name: 'Why path' })
    .getByTestId('trace-reason')
    .filter({ hasText: 'Demo.Catalog.Isbn.valid?/1' });
  await expect(reasons).toHaveCount(1);
  await expect(reasons).toContainText('call');
  await expect(reasons.getByRole('button')).toHaveAttribute(
    'title',
    new RegExp(`^Open ${EDITED}:\\d+ `),
  );

  // Its recompile drops the cached trace: a second call shows up as a second reason.
  await showTab(page, 'Source');
  await insertBeforeLastLine(
    page,
    '  def e2e_isbn_again?(isbn), do: Demo.Catalog.Isbn.valid?(isbn)',
  );
  await save(page);
  await showGraph(page);
  await expect(reasons).toHaveCount(2);

  // A save that does not compile marks the file failed.
  await showTab(page, 'Source');
  await insertBeforeLastLine(page, '  def e2e_broken, do: :ok)');
  await save(page);
  await showGraph(page);
  await expect(marks.locator('li[data-mark="failed"]', { hasText: 'author.ex' })).toBeVisible();

  // Putting the file back removes the edge again. (Undo cannot: the save put the formatted
  // text in the editor.)
  await showTab(page, 'Source');
  await sourceCode(page).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(original);
  await expect(sourceCode(page)).not.toContainText('e2e_');
  await save(page);
  await showGraph(page);
  await expect(canvas(page)).toHaveAttribute('data-edges-runtime', String(runtime));
  await expect(page.getByRole('region', { name: 'Why path' })).toContainText('It does not.');
  await expect(marks.locator('li[data-mark="recompiled"]', { hasText: 'author.ex' })).toBeVisible();
});
