/** The VM's stdout/stderr, capped so a chatty project cannot exhaust the renderer. */
import type { StateCreator } from 'zustand';
import type { ConsoleLine } from '../../../shared/models';
import type { AppState } from './app-store';
import { errorMessage } from './errors';
import type { StoreDeps } from './store-deps';

/** How many console lines are kept. */
export const CONSOLE_CAP = 5_000;

/** The console slice's state and actions. */
export interface ConsoleSlice {
  consoleLines: ConsoleLine[];
  /** Lines dropped from the front by the cap or cleared by the user. */
  consoleDropped: number;
  consoleError: string | null;
  appendConsole: (lines: readonly ConsoleLine[]) => void;
  loadConsoleHistory: () => Promise<void>;
  clearConsole: () => void;
}

/** Builds the console slice. */
export function createConsoleSlice(deps: StoreDeps): StateCreator<AppState, [], [], ConsoleSlice> {
  return (set, get) => ({
    consoleLines: [],
    consoleDropped: 0,
    consoleError: null,
    appendConsole: (lines) => {
      if (lines.length === 0) return;
      const all = get().consoleLines.concat(lines);
      const excess = Math.max(0, all.length - CONSOLE_CAP);
      set({
        consoleLines: excess > 0 ? all.slice(excess) : all,
        consoleDropped: get().consoleDropped + excess,
      });
    },
    loadConsoleHistory: async () => {
      try {
        const history = await deps.transport().invoke('console:get-history', {});
        // Live lines that raced ahead of the history reply are newer: keep them after it.
        const known = new Set(history.map(lineKey));
        const live = get().consoleLines.filter((line) => !known.has(lineKey(line)));
        set({ consoleLines: [], consoleError: null });
        get().appendConsole(history.concat(live));
      } catch (error) {
        set({ consoleError: errorMessage(error) });
      }
    },
    clearConsole: () =>
      set({
        consoleLines: [],
        consoleDropped: get().consoleDropped + get().consoleLines.length,
      }),
  });
}

function lineKey(line: ConsoleLine): string {
  return `${line.at}:${line.stream}:${line.text}`;
}
