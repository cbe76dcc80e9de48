/**
 * Reading source files on behalf of the UI, confined to the project.
 *
 * The renderer names files by the paths the agent reports (relative to the project root, or
 * absolute for path dependencies outside it). A path from the UI is untrusted: it may only name
 * a file inside the project root, or exactly a source file of a module the VM holds (how a path
 * dependency's sources are reached). Symlinks are resolved before the check so a link inside the
 * project cannot point the reader elsewhere.
 */
import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Why a path was refused; the message is safe to show. */
export class PathRefusedError extends Error {
  override readonly name = 'PathRefusedError';
  readonly code = 'path_outside_project';
}

/** True when `child` is `parent` or lies below it (both absolute and normalised). */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

async function realOrSelf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    // A file that does not exist yet (a save creating it): check its folder instead.
    const parent = resolve(path, '..');
    if (parent === path) return path;
    const realParent = await realOrSelf(parent);
    return resolve(realParent, relative(parent, path));
  }
}

/**
 * Resolves `path` (relative to `root`, or absolute) and checks it is allowed.
 *
 * `extraFiles` are absolute files outside the root the caller vouches for (module sources the
 * VM reported). Returns the absolute path; throws `PathRefusedError` otherwise.
 */
export async function resolveProjectPath(
  root: string,
  path: string,
  extraFiles: () => Promise<Iterable<string>> = async () => [],
): Promise<string> {
  if (path.includes('\0')) throw new PathRefusedError('path contains a NUL byte');
  const absolute = resolve(root, path);
  const realRoot = await realOrSelf(resolve(root));
  const real = await realOrSelf(absolute);
  if (isInside(realRoot, real)) return absolute;
  for (const file of await extraFiles()) {
    const allowed = resolve(root, file);
    if (allowed === absolute || (await realOrSelf(allowed)) === real) return absolute;
  }
  throw new PathRefusedError(`${path} is outside the project ${root}`);
}

/** Reads a UTF-8 text file. */
export async function readText(path: string): Promise<string> {
  return readFile(path, 'utf8');
}
