/** Project and VM facts the status bar shows: which project, which VM state, compile progress. */
import type { StateCreator } from 'zustand';
import type { ProjectInfo } from '../../../shared/contract';
import type { CompileProgress, VmStatus } from '../../../shared/models';
import type { AppState } from './app-store';
import type { StoreDeps } from './store-deps';
import { errorMessage } from './errors';

/** The project slice's state and actions. */
export interface ProjectSlice {
  project: ProjectInfo | null;
  vm: VmStatus | null;
  compile: CompileProgress;
  /** Why the project could not be loaded, shown instead of the views. */
  projectError: string | null;
  /** A short transient message (an action's outcome) shown in the status bar. */
  notice: { text: string; tone: 'info' | 'error'; id: number } | null;
  /** Fetches project info; called once at start and after `project:opened`. */
  loadProject: () => Promise<void>;
  setProject: (info: ProjectInfo) => void;
  /** Forgets everything about the previous project when another one is opened. */
  resetForProject: (info: ProjectInfo) => void;
  setVmStatus: (status: VmStatus) => void;
  setCompileProgress: (progress: CompileProgress) => void;
  restartVm: () => Promise<void>;
  notify: (text: string, tone?: 'info' | 'error') => void;
  dismissNotice: () => void;
}

let noticeId = 0;

/** Builds the project slice. */
export function createProjectSlice(deps: StoreDeps): StateCreator<AppState, [], [], ProjectSlice> {
  return (set, get) => ({
    project: null,
    vm: null,
    compile: { active: false, done: 0, total: 0 },
    projectError: null,
    notice: null,
    loadProject: async () => {
      try {
        const info = await deps.transport().invoke('project:get-info', {});
        get().setProject(info);
      } catch (error) {
        set({ projectError: errorMessage(error) });
      }
    },
    setProject: (info) => set({ project: info, vm: info.status, projectError: null }),
    resetForProject: (info) =>
      set({
        project: info,
        vm: info.status,
        projectError: null,
        compile: { active: false, done: 0, total: 0 },
        modules: {},
        failedModules: {},
        selectedModule: null,
        collapsedGroups: {},
        failures: {},
        events: [],
        lastSeq: null,
        missedEvents: 0,
        droppedEvents: 0,
        openCompile: null,
        consoleLines: [],
        consoleDropped: 0,
        openFile: null,
        editorJump: null,
        editorError: null,
      }),
    setVmStatus: (status) => set({ vm: status }),
    setCompileProgress: (progress) => set({ compile: progress }),
    restartVm: async () => {
      try {
        await deps.transport().invoke('vm:restart', {});
        get().notify('VM restart requested');
      } catch (error) {
        get().notify(`Restart failed: ${errorMessage(error)}`, 'error');
      }
    },
    notify: (text, tone = 'info') => set({ notice: { text, tone, id: ++noticeId } }),
    dismissNotice: () => set({ notice: null }),
  });
}
