/**
 * The folders to watch for source changes, derived from where the VM's modules came from.
 *
 * The agent reports each module's source (relative to the project root, or absolute for a path
 * dependency outside it). Each source belongs to the Mix project whose `mix.exs` is its nearest
 * ancestor (the main project, an umbrella app, a path dependency); the folder of that project
 * the source sits in (`lib`, `src`, …; `test/support` for `test/`) is one of its
 * `elixirc_paths` or `erlc_paths`, and is watched whole so new files in it are seen. `lib/` of the main project is
 * always watched, even before it holds a module.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ModuleInfo } from '../../shared/agent-protocol';

/** The nearest folder at or above `dir` (and not above `stop`) holding a `mix.exs`. */
function mixProjectOf(dir: string, stop: string): string | null {
  let current = dir;
  for (;;) {
    if (existsSync(join(current, 'mix.exs'))) return current;
    const parent = dirname(current);
    if (parent === current || current === stop) return null;
    current = parent;
  }
}

/** Absolute folders to watch for the project at `projectRoot` holding `modules`. */
export function sourceRoots(projectRoot: string, modules: readonly ModuleInfo[]): string[] {
  const root = resolve(projectRoot);
  const roots = new Set<string>();
  const lib = join(root, 'lib');
  if (existsSync(lib)) roots.add(lib);
  for (const info of modules) {
    if (!info.source) continue;
    const source = isAbsolute(info.source) ? info.source : resolve(root, info.source);
    // Modules compiled from outside any Mix project (a script) tell us nothing to watch.
    const project = mixProjectOf(dirname(source), isInsideDir(root, source) ? root : '/');
    if (!project) continue;
    const parts = relative(project, source).split(sep);
    const first = parts[0];
    if (!first || first === '..' || parts.length < 2) continue;
    // `test/support` (compiled in the test env) without the test scripts around it.
    roots.add(
      first === 'test' && parts.length > 2
        ? join(project, first, parts[1] as string)
        : join(project, first),
    );
  }
  return dropNested([...roots]);
}

function isInsideDir(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Removes folders already covered by another folder of the list. */
function dropNested(dirs: string[]): string[] {
  const sorted = [...dirs].sort((a, b) => a.length - b.length);
  const kept: string[] = [];
  for (const dir of sorted) {
    if (!kept.some((k) => isInsideDir(k, dir))) kept.push(dir);
  }
  return kept.sort();
}
