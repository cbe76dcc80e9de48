/** Compile diagnostics by file, fed by `compile_failed` events, boot diagnostics and saves. */
import type { StateCreator } from 'zustand';
import type { Diagnostic } from '../../../shared/agent-protocol';
import type { AppState } from './app-store';
import { groupByFile, mergeFailures, type FailureMap } from './failures';

/** The failures slice's state and actions. */
export interface FailuresSlice {
  failures: FailureMap;
  /** Replaces everything with a full compile's diagnostics (the VM's boot compile). */
  resetFailures: (diagnostics: Diagnostic[]) => void;
  /** Adds the diagnostics a failed save or reload returned. */
  addFailures: (diagnostics: Diagnostic[]) => void;
}

/** Builds the failures slice. */
export function createFailuresSlice(): StateCreator<AppState, [], [], FailuresSlice> {
  return (set, get) => ({
    failures: {},
    resetFailures: (diagnostics) =>
      set({ failures: groupByFile(get().project?.root ?? null, diagnostics), failedModules: {} }),
    addFailures: (diagnostics) =>
      set({ failures: mergeFailures(get().failures, get().project?.root ?? null, diagnostics) }),
  });
}
