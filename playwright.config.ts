import { defineConfig } from '@playwright/test';
import type { MixscopeOptions } from './e2e/fixtures';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium';

/**
 * End-to-end suite: the real UI on a real VM of a copy of the demo project.
 *
 * `headless` drives Debian's Chromium through the headless server (always, CI included);
 * `electron` runs the same specs in the desktop app where an Electron binary is installed and
 * skips them, saying why, where it is not.
 */
export default defineConfig<MixscopeOptions>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/global-setup.ts',
  // Every test boots a BEAM VM; two cores do not run two of them and a browser well.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env['CI']),
  // As in vitest: one retry on CI, and `npm test` lists what passed only on it.
  retries: process.env['CI'] ? 1 : 0,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  outputDir: 'test-results',
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  projects: [
    {
      name: 'headless',
      use: {
        mixscopeMode: 'headless',
        browserName: 'chromium',
        headless: true,
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: [...CHROMIUM_ARGS],
        },
      },
    },
    {
      name: 'electron',
      use: { mixscopeMode: 'electron' },
    },
  ],
});
