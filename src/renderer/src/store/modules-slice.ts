/** Modules the VM holds, their functions, and the actions the module page offers. */
import type { StateCreator } from 'zustand';
import type { ModulePayload } from '../../../shared/agent-protocol';
import type { AppState } from './app-store';
import { errorDiagnostics, errorMessage } from './errors';
import { mergeFailures } from './failures';
import { absolutePath } from '../lib/paths';
import { applyPayload, blankEntry, entryFromInfo, type ModuleEntry } from './module-entry';
import type { StoreDeps } from './store-deps';

/** The modules slice's state and actions. */
export interface ModulesSlice {
  modules: Record<string, ModuleEntry>;
  modulesLoading: boolean;
  modulesError: string | null;
  /** Modules a `compile_failed` named directly. */
  failedModules: Record<string, true>;
  selectedModule: string | null;
  /** The module browser's filter text. */
  moduleFilter: string;
  /** Group keys (`app:…`, `ns:…`) the user collapsed. */
  collapsedGroups: Record<string, true>;
  /** A mod whose Reload/Purge is running, to disable its buttons. */
  busyModule: string | null;
  loadModules: () => Promise<void>;
  selectModule: (mod: string | null) => void;
  setModuleFilter: (text: string) => void;
  toggleGroup: (key: string, collapsed?: boolean) => void;
  /** Fetches functions only when none are known or a bare recompile made them stale. */
  ensureFunctions: (mod: string) => Promise<void>;
  /** Applies the payloads a reload/save reply carries, exactly like `recompiled` events. */
  applyReloadPayloads: (payloads: ModulePayload[]) => void;
  reloadModule: (mod: string) => Promise<void>;
  purgeModule: (mod: string) => Promise<void>;
  openInEditor: (path: string, line?: number) => Promise<void>;
}

/** Builds the modules slice. */
export function createModulesSlice(deps: StoreDeps): StateCreator<AppState, [], [], ModulesSlice> {
  const updateEntry = (
    get: () => AppState,
    set: (partial: Partial<AppState>) => void,
    mod: string,
    change: (entry: ModuleEntry) => ModuleEntry,
  ): void => {
    const entry = get().modules[mod];
    if (entry) set({ modules: { ...get().modules, [mod]: change(entry) } });
  };

  return (set, get) => ({
    modules: {},
    modulesLoading: false,
    modulesError: null,
    failedModules: {},
    selectedModule: null,
    moduleFilter: '',
    collapsedGroups: {},
    busyModule: null,

    loadModules: async () => {
      set({ modulesLoading: true });
      try {
        const list = await deps.transport().invoke('modules:list', {});
        const root = get().project?.root ?? null;
        const previous = get().modules;
        const modules: Record<string, ModuleEntry> = {};
        for (const info of list) modules[info.mod] = entryFromInfo(info, root, previous[info.mod]);
        // Keep modules we know were removed so their badge stays visible.
        for (const entry of Object.values(previous)) {
          if (entry.removed && !(entry.mod in modules)) modules[entry.mod] = entry;
        }
        set({ modules, modulesLoading: false, modulesError: null });
      } catch (error) {
        set({ modulesLoading: false, modulesError: errorMessage(error) });
      }
    },

    selectModule: (mod) => set({ selectedModule: mod }),
    setModuleFilter: (text) => set({ moduleFilter: text }),
    toggleGroup: (key, collapsed) => {
      const next = { ...get().collapsedGroups };
      const shouldCollapse = collapsed ?? !(key in next);
      if (shouldCollapse) next[key] = true;
      else delete next[key];
      set({ collapsedGroups: next });
    },

    ensureFunctions: async (mod) => {
      const entry = get().modules[mod];
      if (!entry || entry.removed || entry.fetch === 'loading') return;
      if (entry.functions !== null && !entry.needsRefetch) return;
      updateEntry(get, set, mod, (e) => ({ ...e, fetch: 'loading', fetchError: null }));
      try {
        const functions = await deps.transport().invoke('modules:get-functions', { mod });
        updateEntry(get, set, mod, (e) => ({
          ...e,
          functions,
          fetch: 'idle',
          needsRefetch: false,
        }));
      } catch (error) {
        updateEntry(get, set, mod, (e) => ({
          ...e,
          fetch: 'error',
          fetchError: errorMessage(error),
        }));
      }
    },

    applyReloadPayloads: (payloads) => {
      const modules = { ...get().modules };
      for (const payload of payloads) {
        const existing =
          modules[payload.mod] ?? blankEntry(payload.mod, get().vm?.app ?? null, null);
        modules[payload.mod] = applyPayload(existing, payload, null, null);
      }
      set({ modules });
    },

    reloadModule: async (mod) => {
      set({ busyModule: mod });
      try {
        const result = await deps.transport().invoke('modules:reload', { mod });
        get().applyReloadPayloads(result.recompiled);
        get().notify(`Reloaded ${mod} (${result.recompiled.length} recompiled)`);
      } catch (error) {
        const diagnostics = errorDiagnostics(error);
        if (diagnostics) {
          set({
            failures: mergeFailures(get().failures, get().project?.root ?? null, diagnostics),
          });
        }
        get().notify(`Reload of ${mod} failed: ${errorMessage(error)}`, 'error');
      } finally {
        set({ busyModule: null });
      }
    },

    purgeModule: async (mod) => {
      set({ busyModule: mod });
      try {
        const result = await deps.transport().invoke('modules:purge', { mod });
        if (result.purged) {
          // The source_removed event says the same; marking now keeps the page honest meanwhile.
          updateEntry(get, set, mod, (e) => ({ ...e, removed: true, loaded: false }));
        }
        get().notify(result.purged ? `Purged ${mod}` : `${mod} was not loaded`);
      } catch (error) {
        get().notify(`Purge of ${mod} failed: ${errorMessage(error)}`, 'error');
      } finally {
        set({ busyModule: null });
      }
    },

    openInEditor: async (path, line) => {
      try {
        const full = absolutePath(get().project?.root, path);
        const input = line !== undefined && line > 0 ? { path: full, line } : { path: full };
        const result = await deps.transport().invoke('editor:open-file', input);
        if (result.opened) get().notify(`Opened in ${result.command ?? 'the system editor'}`);
        else get().notify('No editor configured: set $EDITOR or $VISUAL', 'error');
      } catch (error) {
        get().notify(`Could not open editor: ${errorMessage(error)}`, 'error');
      }
    },
  });
}
