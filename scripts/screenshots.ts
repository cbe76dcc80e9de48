/**
 * Takes a screenshot of each view on a copy of the demo project, through the headless mode and
 * Debian's Chromium: `node --import tsx scripts/screenshots.ts [OUT_DIR]` (default
 * `docs/screenshots`). Run `npm run build:renderer` first.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { copyDemo } from '../e2e/demo-project';
import { startServer } from '../src/server/serve';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

const outDir = resolve(process.argv[2] ?? join(import.meta.dirname, '..', 'docs', 'screenshots'));

async function shoot(page: Page, name: string): Promise<void> {
  // Let batched events and layouts settle before the picture.
  await page.waitForTimeout(800);
  const file = join(outDir, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`wrote ${file}`);
}

async function tab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
}

await mkdir(outDir, { recursive: true });
const demo = await copyDemo();
const server = await startServer({ projectRoot: demo.root });
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: [...CHROMIUM_ARGS],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(server.url);
  await page
    .getByRole('contentinfo', { name: 'Status' })
    .getByRole('button', { name: /^VM up/ })
    .waitFor({ timeout: 90_000 });
  await page.getByRole('treeitem', { name: 'Demo.Orders.Checkout', exact: true }).waitFor();

  await page.getByLabel('Filter modules').fill('orders');
  await page.getByRole('treeitem', { name: 'Demo.Orders.Checkout', exact: true }).click();
  await page.getByRole('table', { name: 'Functions of Demo.Orders.Checkout' }).waitFor();
  await shoot(page, 'module-page');

  await tab(page, 'Source');
  await page.getByRole('textbox', { name: 'Source code' }).waitFor();
  await shoot(page, 'source-editor');

  await tab(page, 'Graph');
  await shoot(page, 'dependency-graph');

  await tab(page, 'Events');
  await shoot(page, 'event-log');

  await tab(page, 'Console');
  await shoot(page, 'console');

  // A broken save, so the failures panel has something to show.
  await tab(page, 'Source');
  const editor = page.getByRole('textbox', { name: 'Source code' });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Home');
  await page.keyboard.insertText('  def total_for_screenshot(order), do: order.total)\n');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await tab(page, 'Failures');
  await page.getByRole('region', { name: 'Compile failures' }).waitFor();
  await shoot(page, 'failures');
} finally {
  await browser.close();
  await server.close();
  await demo.remove();
}
