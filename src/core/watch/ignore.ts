/**
 * Which paths the watchers care about: sources the Mix compilers read, `.beam` files, and
 * never build output, dependencies, VCS folders or editor scratch files.
 */
import { basename, sep } from 'node:path';

/** Folders whose contents never trigger a compile: build output, deps, VCS, tool caches. */
const IGNORED_DIRS = new Set([
  '_build',
  'deps',
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '.elixir_ls',
  '.lexical',
  '.expert',
  'cover',
]);

/** Extensions of files the Mix compilers of a project read (elixir, erlang, yecc, leex). */
const SOURCE_EXTENSIONS = ['.ex', '.erl', '.hrl', '.yrl', '.xrl'];

/**
 * True for editor scratch files: Emacs locks and autosaves (`.#x`, `#x#`), backups (`x~`),
 * Vim swap files (`.x.swp`, `.swo`, `.swx`) and the `4913` probe Vim writes to test a folder.
 */
export function isEditorScratch(path: string): boolean {
  const name = basename(path);
  return (
    name.startsWith('.#') ||
    (name.startsWith('#') && name.endsWith('#')) ||
    name.endsWith('~') ||
    /\.sw[a-px]$/.test(name) ||
    name === '4913' ||
    name === '.DS_Store'
  );
}

/** True when any folder of `path` (below `root`) is one the source watcher skips. */
export function inIgnoredDir(path: string, root: string): boolean {
  const rel = path.startsWith(root) ? path.slice(root.length) : path;
  return rel.split(sep).some((segment) => IGNORED_DIRS.has(segment));
}

/** True for a file a Mix compiler would compile. */
export function isSourceFile(path: string): boolean {
  return !isEditorScratch(path) && SOURCE_EXTENSIONS.some((ext) => path.endsWith(ext));
}

/** True for a compiled module. */
export function isBeamFile(path: string): boolean {
  return path.endsWith('.beam');
}
