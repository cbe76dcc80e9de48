/** Which view is in front, and navigation actions shared by several views. */
import type { StateCreator } from 'zustand';
import type { AppState } from './app-store';

/** The main area's tabs, in display order. */
export const TABS = ['module', 'source', 'graph', 'events', 'console', 'failures'] as const;

/** One of the main area's tabs. */
export type TabId = (typeof TABS)[number];

/** The UI slice's state and actions. */
export interface UiSlice {
  activeTab: TabId;
  /** Bumped to ask the module browser to focus its filter box (Ctrl+K, `/`). */
  filterFocusRequest: number;
  /** False while the link to the host is down (the headless server went away); it retries. */
  hostConnected: boolean;
  setHostConnected: (connected: boolean) => void;
  setActiveTab: (tab: TabId) => void;
  /** Selects a module and shows its page. */
  openModule: (mod: string) => void;
  requestFilterFocus: () => void;
}

/** Builds the UI slice. */
export function createUiSlice(): StateCreator<AppState, [], [], UiSlice> {
  return (set, get) => ({
    activeTab: 'module',
    filterFocusRequest: 0,
    hostConnected: true,
    setHostConnected: (connected) => set({ hostConnected: connected }),
    setActiveTab: (tab) => set({ activeTab: tab }),
    openModule: (mod) => set({ selectedModule: mod, activeTab: 'module' }),
    requestFilterFocus: () => set({ filterFocusRequest: get().filterFocusRequest + 1 }),
  });
}
