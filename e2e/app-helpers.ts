/**
 * Steps the specs share, written against the UI's accessible names (roles and labels).
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** Waits until the project's VM is up and its own modules are listed. */
export async function waitForProject(page: Page): Promise<void> {
  await expect(vmStatus(page)).toHaveAccessibleName(/^VM up/, { timeout: 90_000 });
  await expect(moduleItem(page, 'Demo')).toBeVisible({ timeout: 60_000 });
}

/** The status bar's VM button (its name is "VM up", "VM down: reason", …). */
export function vmStatus(page: Page): Locator {
  return page.getByRole('contentinfo', { name: 'Status' }).getByRole('button', { name: /^VM / });
}

/** A module row of the browser. */
export function moduleItem(page: Page, mod: string): Locator {
  return page
    .getByRole('tree', { name: 'Module tree' })
    .getByRole('treeitem', { name: mod, exact: true });
}

/** Filters the browser down to `text` and opens `mod`. */
export async function openModule(page: Page, mod: string, filter = mod): Promise<Locator> {
  await page.getByLabel('Filter modules').fill(filter);
  await moduleItem(page, mod).click();
  const modulePage = page.getByRole('region', { name: `Module ${mod}` });
  await expect(modulePage).toBeVisible();
  return modulePage;
}

/** The functions table of the open module. */
export function functionsTable(page: Page, mod: string): Locator {
  return page.getByRole('table', { name: `Functions of ${mod}` });
}

/** Shows one of the main tabs. */
export async function showTab(
  page: Page,
  name: 'Module' | 'Source' | 'Graph' | 'Events' | 'Console' | 'Failures',
): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
}

/** The CodeMirror content of the source editor. */
export function sourceCode(page: Page): Locator {
  return page.getByRole('textbox', { name: 'Source code' });
}

/**
 * Opens `mod`'s source and inserts `text` as a new line before its last line (the module's
 * closing `end`), without CodeMirror's auto-indent or bracket closing getting in the way.
 */
export async function insertBeforeLastLine(page: Page, text: string): Promise<void> {
  const editor = sourceCode(page);
  await expect(editor).toContainText('defmodule');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+End');
  // The file ends with a newline: the cursor sits on an empty last line; go up to `end`.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Home');
  await page.keyboard.insertText(`${text}\n`);
}

/** Clicks Save in the source editor. */
export async function save(page: Page): Promise<void> {
  await page
    .getByRole('region', { name: 'Source editor' })
    .getByRole('button', { name: 'Save', exact: true })
    .click();
}

/** The rows of the event log showing `kind` for `mod` caused by `origin` (a user action by default). */
export function eventRows(page: Page, kind: string, mod: string, origin = 'user'): Locator {
  const cell = (name: string): Locator => page.getByRole('cell', { name, exact: true });
  return page
    .getByRole('table', { name: 'Module events' })
    .getByRole('row')
    .filter({ has: cell(kind) })
    .filter({ has: cell(origin) })
    .filter({ has: page.getByRole('button', { name: mod, exact: true }) });
}
