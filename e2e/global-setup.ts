/**
 * Builds the app once before the suite (the headless server serves `out/renderer`, Electron
 * loads `out/main`), and says up front whether the Electron project will run.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { findElectronBinary } from '../scripts/electron-binary.mjs';

const root = join(import.meta.dirname, '..');

export default function globalSetup(): void {
  if (process.env['MIXSCOPE_E2E_SKIP_BUILD'] !== '1') {
    const build = spawnSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('electron-vite build failed; see its output above');
  }
  const electron = findElectronBinary();
  if (electron.reason) console.log(`[e2e] the electron project is skipped: ${electron.reason}`);
}
