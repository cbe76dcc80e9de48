/** The renderer's one zustand store, composed of feature slices. */
import { create } from 'zustand';
import type { GraphSlice } from '../graph/graph-slice';
import { getTransport } from '../transport/transport';
import { appStateCreator } from './compose-store';
import type { ConsoleSlice } from './console-slice';
import type { EditorSlice } from './editor-slice';
import type { EventsSlice } from './events-slice';
import type { FailuresSlice } from './failures-slice';
import type { ModulesSlice } from './modules-slice';
import type { ProjectSlice } from './project-slice';
import type { UiSlice } from './ui-slice';

/** Everything the renderer keeps: the intersection of every slice. */
export type AppState = ProjectSlice &
  ModulesSlice &
  EventsSlice &
  FailuresSlice &
  ConsoleSlice &
  EditorSlice &
  UiSlice &
  GraphSlice;

/** The store hook; event wiring outside React uses `useAppStore.getState()`. */
export const useAppStore = create<AppState>()(appStateCreator({ transport: getTransport }));
