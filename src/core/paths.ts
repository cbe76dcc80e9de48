/**
 * Where Mixscope's own files live: the agent sources, the bundled demo project, the cache.
 *
 * Resolved from this module's location so the same code works when run from `src/` through tsx
 * and when bundled by electron-vite into `out/main/`; `MIXSCOPE_HOME` overrides the search.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Environment variable naming the repository root, for layouts the search cannot find. */
export const MIXSCOPE_HOME_ENV = 'MIXSCOPE_HOME';

let cachedRoot: string | null = null;

function isRepoRoot(dir: string): boolean {
  const pkg = join(dir, 'package.json');
  if (!existsSync(pkg) || !existsSync(join(dir, 'agent'))) return false;
  try {
    return (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'mixscope';
  } catch {
    return false;
  }
}

/** The Mixscope repository (or installed package) root: the folder holding `agent/`. */
export function mixscopeHome(): string {
  const override = process.env[MIXSCOPE_HOME_ENV];
  if (override) return resolve(override);
  if (cachedRoot) return cachedRoot;
  // Walk up rather than counting `..`: src/core/ and out/main/ sit at different depths in
  // other layouts (a packaged app puts the bundle under resources/app/).
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (isRepoRoot(dir)) {
      cachedRoot = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(
    `cannot find the Mixscope root (a folder with package.json and agent/) above ` +
      `${fileURLToPath(import.meta.url)}; set ${MIXSCOPE_HOME_ENV}`,
  );
}

/** The agent's Elixir sources (`agent/`), loaded into every project VM. */
export function agentDir(): string {
  return join(mixscopeHome(), 'agent');
}

/** The bundled demo project, opened when no project is given. */
export function demoProjectRoot(): string {
  return join(mixscopeHome(), 'examples', 'demo');
}

/** Per-user cache (compiled agent beams per Elixir/OTP version): XDG, else `~/.cache`. */
export function cacheDir(): string {
  const xdg = process.env['XDG_CACHE_HOME'];
  // XDG says relative values are invalid and must be ignored.
  const base = xdg && xdg.startsWith('/') ? xdg : join(homedir(), '.cache');
  return join(base, 'mixscope');
}
