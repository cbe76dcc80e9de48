/**
 * The e2e fixture: a fresh copy of the demo, Mixscope running on it (headless server + the
 * browser page, or the Electron app), and a few levers tests need (the request log, killing the
 * VM). Everything started here is stopped here.
 */
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import {
  _electron,
  chromium,
  expect,
  test as base,
  type ElectronApplication,
  type LaunchOptions,
  type Page,
  type TestInfo,
} from '@playwright/test';
import { findElectronBinary } from '../scripts/electron-binary.mjs';
import { startServer } from '../src/server/serve';
import { copyDemo } from './demo-project';

/** Options set per Playwright project. */
export interface MixscopeOptions {
  mixscopeMode: 'headless' | 'electron';
}

/** One request the host received. */
export interface LoggedRequest {
  channel: string;
  input: unknown;
}

/** Mixscope running on a copy of the demo. */
export interface Mixscope {
  /** The app's page (the browser tab or the Electron window). */
  page: Page;
  /** The demo copy's root. */
  projectRoot: string;
  /** Every request the host received, in order; null where it cannot be observed (Electron). */
  requests: LoggedRequest[] | null;
  /** Kills the project's VM with SIGKILL, as a crash would. */
  killVm(): Promise<void>;
  /**
   * Stops the headless server (and its VM), waits `downMs`, then starts a new one on the same
   * port with the same token, as a user restarting `mixscope serve` would; null in Electron,
   * whose link cannot drop.
   */
  restartServer: ((downMs: number) => Promise<void>) | null;
}

const root = join(import.meta.dirname, '..');

/** The OS pids of BEAM VMs whose working directory is `dir` (Linux: read from /proc). */
function vmPids(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/cwd`) !== dir) continue;
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('beam.smp')) continue;
      pids.push(Number(entry));
    } catch {
      // The process exited or is not ours to inspect.
    }
  }
  return pids;
}

async function killVm(dir: string): Promise<void> {
  const pids = vmPids(dir);
  expect(pids, `a VM running in ${dir}`).not.toHaveLength(0);
  for (const pid of pids) process.kill(pid, 'SIGKILL');
}

/** Saves a screenshot of the Electron window when the test failed. */
async function screenshotOnFailure(page: Page, testInfo: TestInfo): Promise<void> {
  if (testInfo.status === testInfo.expectedStatus || page.isClosed()) return;
  const path = testInfo.outputPath('failure.png');
  await page.screenshot({ path, fullPage: true }).then(
    () => testInfo.attachments.push({ name: 'screenshot', path, contentType: 'image/png' }),
    () => undefined,
  );
}

async function openHeadless(
  launchOptions: LaunchOptions,
  projectRoot: string,
  use: (m: Mixscope) => Promise<void>,
): Promise<void> {
  const requests: LoggedRequest[] = [];
  const onInvoke = (channel: string, input: unknown) => requests.push({ channel, input });
  let server = await startServer({ projectRoot, onInvoke });
  const restartServer = async (downMs: number): Promise<void> => {
    const { port, token } = server;
    await server.close();
    await new Promise((resolve) => setTimeout(resolve, downMs));
    server = await startServer({ projectRoot, onInvoke, port, token });
  };
  // Launched here rather than through the `page` fixture so the Electron project never
  // starts a browser it does not use.
  const browser = await chromium.launch(launchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.url);
    // Playwright's own `screenshot: 'only-on-failure'` covers this page.
    await use({ page, projectRoot, requests, killVm: () => killVm(projectRoot), restartServer });
  } finally {
    await browser.close();
    await server.close();
  }
}

async function openElectron(
  projectRoot: string,
  testInfo: TestInfo,
  use: (m: Mixscope) => Promise<void>,
): Promise<void> {
  const electron = findElectronBinary();
  test.skip(Boolean(electron.reason), electron.reason ?? '');
  let app: ElectronApplication | null = null;
  try {
    app = await _electron.launch({
      executablePath: electron.path,
      args: [join(root, 'out', 'main', 'index.js'), projectRoot],
      // No editor pops up from a test: the host answers opened:false under CI.
      env: { ...process.env, CI: '1' } as Record<string, string>,
    });
    const page = await app.firstWindow();
    try {
      await use({
        page,
        projectRoot,
        requests: null,
        killVm: () => killVm(projectRoot),
        restartServer: null,
      });
    } finally {
      await screenshotOnFailure(page, testInfo);
    }
  } finally {
    // Closing the window stops the VM; closing the app waits for that.
    await app?.close();
  }
}

/** `test` with the `mixscope` fixture and the per-project mode option. */
export const test = base.extend<MixscopeOptions & { mixscope: Mixscope }>({
  mixscopeMode: ['headless', { option: true }],
  mixscope: async ({ mixscopeMode, launchOptions }, use, testInfo) => {
    const demo = await copyDemo();
    try {
      if (mixscopeMode === 'electron') await openElectron(demo.root, testInfo, use);
      else await openHeadless(launchOptions, demo.root, use);
    } finally {
      await demo.remove();
    }
  },
});

export { expect } from '@playwright/test';
