/** Compile failures keyed by file, and the pure updates events make to them. */
import type { Diagnostic } from '../../../shared/agent-protocol';
import { projectRelative } from '../lib/paths';

/** Diagnostics per project-relative file; the key `''` holds diagnostics without a file. */
export type FailureMap = Record<string, Diagnostic[]>;

/** Groups diagnostics by their (project-relative) file. */
export function groupByFile(root: string | null, diagnostics: Diagnostic[]): FailureMap {
  const grouped: FailureMap = {};
  for (const diagnostic of diagnostics) {
    const file = diagnostic.file === null ? '' : projectRelative(root, diagnostic.file);
    const normalised = { ...diagnostic, file: diagnostic.file === null ? null : file };
    (grouped[file] ??= []).push(normalised);
  }
  return grouped;
}

/** Replaces the diagnostics of every file a compile reported on; other files keep theirs. */
export function mergeFailures(
  current: FailureMap,
  root: string | null,
  diagnostics: Diagnostic[],
): FailureMap {
  return { ...current, ...groupByFile(root, diagnostics) };
}

/** Drops a file's diagnostics (it compiled again, or it is gone). */
export function clearFile(current: FailureMap, file: string): FailureMap {
  if (!(file in current)) return current;
  const next = { ...current };
  delete next[file];
  return next;
}

/** True when any diagnostic of the file is an error (warnings alone do not fail a file). */
export function hasError(diagnostics: Diagnostic[] | undefined): boolean {
  return diagnostics?.some((d) => d.severity === 'error') ?? false;
}

/** Counts errors and warnings over the whole map. */
export function countFailures(failures: FailureMap): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const list of Object.values(failures)) {
    for (const d of list) {
      if (d.severity === 'error') errors += 1;
      else warnings += 1;
    }
  }
  return { errors, warnings };
}
