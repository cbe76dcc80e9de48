/** Composes the slices into one state creator; kept apart from `app-store.ts` so tests can build
 * a store over a fake transport without the real one. */
import type { StateCreator } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { AppState } from './app-store';
import { createConsoleSlice } from './console-slice';
import { createEditorSlice } from './editor-slice';
import { createEventsSlice } from './events-slice';
import { createFailuresSlice } from './failures-slice';
import { createModulesSlice } from './modules-slice';
import { createProjectSlice } from './project-slice';
import type { StoreDeps } from './store-deps';
import { createUiSlice } from './ui-slice';
import { createGraphSlice } from '../graph/graph-slice';

/** The whole app state built from every slice. */
export function appStateCreator(deps: StoreDeps): StateCreator<AppState> {
  return (...args) => ({
    ...createProjectSlice(deps)(...args),
    ...createModulesSlice(deps)(...args),
    ...createEventsSlice(deps)(...args),
    ...createFailuresSlice()(...args),
    ...createConsoleSlice(deps)(...args),
    ...createEditorSlice(deps)(...args),
    ...createUiSlice()(...args),
    ...createGraphSlice(...args),
  });
}

/** A vanilla (hook-less) store, for tests and tools. */
export function createAppStore(deps: StoreDeps) {
  return createStore<AppState>()(appStateCreator(deps));
}
