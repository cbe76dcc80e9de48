/** Path helpers for the renderer: the agent reports project paths relative to the root. */

/** Makes `path` relative to `root` when it lies inside it, so both spellings compare equal. */
export function projectRelative(root: string | null | undefined, path: string): string {
  if (!root) return path;
  const base = root.endsWith('/') ? root : `${root}/`;
  return path.startsWith(base) ? path.slice(base.length) : path;
}

/** The last segment of a path, for compact labels. */
export function baseName(path: string): string {
  const at = path.lastIndexOf('/');
  return at === -1 ? path : path.slice(at + 1);
}

/** Resolves a project-relative path against the root; absolute paths pass through. */
export function absolutePath(root: string | null | undefined, path: string): string {
  if (!root || path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) return path;
  return `${root.endsWith('/') ? root.slice(0, -1) : root}/${path}`;
}
