/**
 * Derives compile progress (files done / total) from the module event stream.
 */
import type { CompileProgress, ModuleEvent } from '../../shared/models';

/** The progress before any compile ran. */
export const IDLE_PROGRESS: CompileProgress = { active: false, done: 0, total: 0 };

/**
 * The progress after `event`, or the same object when the event does not change it.
 *
 * `compile_started` announces how many files are about to compile; each `recompiled` module
 * counts as one step (a file may define several modules, so `done` is capped at `total`);
 * `compile_finished` and `compile_failed` end the compile.
 */
export function nextProgress(progress: CompileProgress, event: ModuleEvent): CompileProgress {
  switch (event.kind) {
    case 'compile_started':
      return { active: true, done: 0, total: Math.max(0, event.files ?? 0) };
    case 'recompiled': {
      if (!progress.active) return progress;
      const done =
        progress.total > 0 ? Math.min(progress.total, progress.done + 1) : progress.done + 1;
      return done === progress.done ? progress : { ...progress, done };
    }
    case 'compile_finished':
      return progress.active
        ? { active: false, done: progress.total, total: progress.total }
        : progress;
    case 'compile_failed':
      return progress.active ? { ...progress, active: false } : progress;
    default:
      return progress;
  }
}
