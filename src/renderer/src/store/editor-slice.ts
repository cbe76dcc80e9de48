/** The source editor's open file, its unsaved draft, and saving through the reload pipeline. */
import type { StateCreator } from 'zustand';
import { absolutePath, projectRelative } from '../lib/paths';
import type { AppState } from './app-store';
import { errorDiagnostics, errorMessage } from './errors';
import { clearFile } from './failures';
import type { StoreDeps } from './store-deps';

/** A source file open in the editor. */
export interface OpenFile {
  /** Project-relative path (the key failures use). */
  path: string;
  /** What is on disk as far as we know (after the last read or save). */
  content: string;
  draft: string;
  saving: boolean;
  /** The last save's error, shown above the editor. */
  saveError: string | null;
}

/** The editor slice's state and actions. */
export interface EditorSlice {
  openFile: OpenFile | null;
  editorLoading: string | null;
  editorError: string | null;
  /** A line the editor should scroll to; `nonce` makes repeated jumps to one line work. */
  editorJump: { line: number; nonce: number } | null;
  openSource: (path: string, line?: number) => Promise<void>;
  setDraft: (text: string) => void;
  saveSource: () => Promise<void>;
  revertSource: () => Promise<void>;
}

let jumpNonce = 0;

/** Builds the editor slice. */
export function createEditorSlice(deps: StoreDeps): StateCreator<AppState, [], [], EditorSlice> {
  return (set, get) => {
    /**
     * The pipeline runs the project's formatter on save: show what is on disk now, unless the
     * user typed on while the save ran (their draft wins; the next save formats it anyway).
     */
    const reloadFormatted = async (path: string, saved: string): Promise<void> => {
      try {
        const text = await deps.transport().invoke('source:read', {
          path: absolutePath(get().project?.root ?? null, path),
        });
        const latest = get().openFile;
        if (latest && latest.path === path && latest.draft === saved && text.content !== saved) {
          set({ openFile: { ...latest, content: text.content, draft: text.content } });
        }
      } catch {
        // Keeping the saved draft on screen is a fine fallback.
      }
    };

    return {
      openFile: null,
      editorLoading: null,
      editorError: null,
      editorJump: null,

      openSource: async (path, line) => {
        const root = get().project?.root ?? null;
        const relative = projectRelative(root, path);
        const jump = line !== undefined && line > 0 ? { line, nonce: ++jumpNonce } : null;
        set({ activeTab: 'source' });
        const current = get().openFile;
        if (current && current.path === relative) {
          if (jump) set({ editorJump: jump });
          return;
        }
        if (current && current.draft !== current.content) {
          // Never drop what the user typed: switching files with a dirty buffer asks first.
          const leave = globalThis.confirm?.(`Discard unsaved changes to ${current.path}?`) ?? true;
          if (!leave) return;
        }
        set({ editorLoading: relative, editorError: null });
        try {
          const text = await deps.transport().invoke('source:read', {
            path: absolutePath(root, relative),
          });
          set({
            openFile: {
              path: relative,
              content: text.content,
              draft: text.content,
              saving: false,
              saveError: null,
            },
            editorLoading: null,
            editorJump: jump,
          });
        } catch (error) {
          set({ editorLoading: null, editorError: `${relative}: ${errorMessage(error)}` });
        }
      },

      setDraft: (text) => {
        const file = get().openFile;
        if (file && file.draft !== text) set({ openFile: { ...file, draft: text } });
      },

      saveSource: async () => {
        const file = get().openFile;
        if (!file || file.saving) return;
        const root = get().project?.root ?? null;
        const content = file.draft;
        set({ openFile: { ...file, saving: true, saveError: null } });
        const finish = (changes: Partial<OpenFile>): void => {
          const latest = get().openFile;
          if (latest && latest.path === file.path) {
            set({ openFile: { ...latest, saving: false, ...changes } });
          }
        };
        try {
          const result = await deps.transport().invoke('source:save', {
            path: absolutePath(root, file.path),
            content,
          });
          // The reply carries the saved module inline, like its `recompiled` event: no refetch.
          get().applyReloadPayloads(result.recompiled);
          set({ failures: clearFile(get().failures, file.path) });
          finish({ content, saveError: null });
          get().notify(`Saved ${file.path}: ${result.recompiled.length} module(s) recompiled`);
          await reloadFormatted(file.path, content);
        } catch (error) {
          const diagnostics = errorDiagnostics(error);
          if (diagnostics && diagnostics.length > 0) {
            // The pipeline writes the file before compiling it, so disk now holds the draft.
            get().addFailures(diagnostics);
            finish({
              content,
              saveError: `Saved, but it does not compile: ${errorMessage(error)}`,
            });
          } else {
            finish({ saveError: `Not saved: ${errorMessage(error)}` });
          }
        }
      },

      revertSource: async () => {
        const file = get().openFile;
        if (!file) return;
        try {
          const text = await deps.transport().invoke('source:read', {
            path: absolutePath(get().project?.root ?? null, file.path),
          });
          set({
            openFile: { ...file, content: text.content, draft: text.content, saveError: null },
          });
        } catch (error) {
          get().notify(`Could not read ${file.path}: ${errorMessage(error)}`, 'error');
        }
      },
    };
  };
}
