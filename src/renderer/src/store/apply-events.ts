/**
 * Applies a batch of module events to the store's data in one pure pass, so a burst of
 * thousands of events costs one store update and one render.
 */
import type { Diagnostic } from '../../../shared/agent-protocol';
import type { ModuleEvent } from '../../../shared/models';
import { projectRelative } from '../lib/paths';
import { clearFile, mergeFailures, type FailureMap } from './failures';
import { applyPayload, blankEntry, type ModuleEntry } from './module-entry';

/** The parts of the store a batch of module events changes. */
export interface EventTargets {
  modules: Record<string, ModuleEntry>;
  failures: FailureMap;
  /** Modules a `compile_failed` named directly (besides those whose file has errors). */
  failedModules: Record<string, true>;
  /** The compile in progress, when it named the file it compiles. */
  openCompile: OpenCompile | null;
}

/** A compile between `compile_started` and `compile_finished`. */
export interface OpenCompile {
  path: string | null;
  failed: boolean;
}

/** Context needed to interpret events: the project root and its main app. */
export interface EventContext {
  root: string | null;
  app: string | null;
}

/** Applies `events` in order and returns the changed targets (unchanged parts are reused). */
export function applyEvents(
  targets: EventTargets,
  events: readonly ModuleEvent[],
  context: EventContext,
): EventTargets {
  let modules = targets.modules;
  let failures = targets.failures;
  let failedModules = targets.failedModules;
  let openCompile = targets.openCompile;
  let modulesCopied = false;
  let failedCopied = false;
  // Modules that got an inline payload in this batch: a bare repeat from the same compile
  // must not flag them for a refetch.
  const inlineInBatch = new Set<string>();

  const writeModule = (entry: ModuleEntry): void => {
    if (!modulesCopied) {
      modules = { ...modules };
      modulesCopied = true;
    }
    modules[entry.mod] = entry;
  };
  const unfail = (mod: string): void => {
    if (!(mod in failedModules)) return;
    if (!failedCopied) {
      failedModules = { ...failedModules };
      failedCopied = true;
    }
    delete failedModules[mod];
  };
  const modulesOfFile = (file: string): ModuleEntry[] =>
    Object.values(modules).filter((entry) => entry.source === file);

  for (const event of events) {
    const path = event.path ? projectRelative(context.root, event.path) : null;
    switch (event.kind) {
      case 'recompiled': {
        const mod = event.payload?.mod ?? event.mod;
        if (!mod) break;
        const existing = modules[mod] ?? blankEntry(mod, appOfFile(modules, path, context), path);
        const payload = event.payload ?? null;
        const inline = payload !== null && payload.functions !== null;
        if (!inline && inlineInBatch.has(mod)) break;
        if (inline) inlineInBatch.add(mod);
        const entry = applyPayload(existing, payload, event.seq, path);
        writeModule(entry);
        unfail(mod);
        if (entry.source !== null) failures = clearFile(failures, entry.source);
        break;
      }
      case 'compile_started':
        openCompile = { path, failed: false };
        break;
      case 'compile_finished': {
        const diagnostics = event.diagnostics ?? [];
        const failed = openCompile?.failed === true || diagnostics.some(isError);
        // A file that compiled cleanly sheds its old errors even when nothing was recompiled
        // (saving back the code that is already loaded recompiles no module).
        if (openCompile?.path && !failed) failures = clearFile(failures, openCompile.path);
        if (diagnostics.length > 0) failures = mergeFailures(failures, context.root, diagnostics);
        openCompile = null;
        break;
      }
      case 'compile_failed': {
        if (openCompile) openCompile = { ...openCompile, failed: true };
        failures = mergeFailures(failures, context.root, event.diagnostics ?? []);
        if (event.mod) {
          if (!failedCopied) {
            failedModules = { ...failedModules };
            failedCopied = true;
          }
          failedModules[event.mod] = true;
        }
        break;
      }
      case 'source_removed': {
        const removed = new Set<ModuleEntry>();
        const named = event.mod ? modules[event.mod] : undefined;
        if (named) removed.add(named);
        else if (event.mod) removed.add(blankEntry(event.mod, null, path));
        if (path !== null) for (const entry of modulesOfFile(path)) removed.add(entry);
        for (const entry of removed) {
          writeModule({ ...entry, removed: true, loaded: false, changedSeq: event.seq });
          unfail(entry.mod);
        }
        if (path !== null) failures = clearFile(failures, path);
        break;
      }
      default:
        // source_written only goes to the log.
        break;
    }
  }
  return { modules, failures, failedModules, openCompile };
}

function isError(diagnostic: Diagnostic): boolean {
  return diagnostic.severity === 'error';
}

/** Guesses the app of a module first seen in an event: a sibling in the same file, else main. */
function appOfFile(
  modules: Record<string, ModuleEntry>,
  path: string | null,
  context: EventContext,
): string | null {
  if (path !== null) {
    for (const entry of Object.values(modules)) if (entry.source === path) return entry.app;
  }
  return context.app;
}
