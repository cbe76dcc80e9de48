/**
 * Finds an Electron binary that can run here without triggering the `electron` package's
 * download (requiring it fetches the binary from outside the npm registry, which fails on
 * machines without internet).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const electronPackage = join(root, 'node_modules', 'electron');

/** `{ path }` of a runnable Electron, or `{ reason }` saying why there is none. */
export function findElectronBinary() {
  const pathFile = join(electronPackage, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  let binary = null;
  if (override) binary = join(override, relative || 'electron');
  else if (relative) binary = join(electronPackage, 'dist', relative);
  if (!binary || !existsSync(binary)) {
    return {
      reason:
        "Electron's binary is not installed (its npm package downloads it from outside the " +
        'registry, which is unreachable here); set ELECTRON_OVERRIDE_DIST_PATH to a folder ' +
        'holding one to use it',
    };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return {
      reason: `Electron is installed (${binary}) but there is no display (run under xvfb-run -a)`,
    };
  }
  return { path: binary };
}
