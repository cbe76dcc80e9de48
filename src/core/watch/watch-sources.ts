/**
 * Source watching: files of the project's source folders that change, appear or disappear on
 * disk (an editor's save, a `git checkout`, a deleted file) are compiled in the VM through the
 * agent's `compile_paths`, one compile per burst, with event origin `watcher`.
 */
import { resolve } from 'node:path';
import { DisposableStore, type Disposable } from '../lifecycle';
import { CompileQueue } from './compile-queue';
import { inIgnoredDir, isEditorScratch, isSourceFile } from './ignore';
import { SYNC_REQUEST_TIMEOUT_MS, type LiveSyncSession } from './live-sync-session';
import { SelfSaves } from './self-saves';
import { sourceRoots } from './source-roots';
import { queueWindows, watchTree, type TreeWatcher } from './tree-watcher';

/** Options of `watchSources`. */
export interface WatchSourcesOptions {
  /** The project root; defaults to the session's. */
  projectRoot?: string;
  /** Folders to watch instead of the ones derived from the VM's modules. */
  roots?: string[];
  /** Quiet time before a burst of changes is compiled (default 75 ms). */
  quietMs?: number;
  /** Failures (a compile request that failed, a watcher error). Default: ignored. */
  onError?: (error: unknown) => void;
  /** What the user should know (watching fell back to polling). Default: ignored. */
  onNotice?: (text: string) => void;
  /** Poll instead of using native file events (default: when `MIXSCOPE_WATCH=poll`). */
  polling?: boolean;
}

/** A running source watcher. */
export interface SourceWatcher extends Disposable {
  /** Resolves once the watcher has scanned its folders and reports changes. */
  readonly ready: Promise<void>;
  /** Resolves once no change is pending or compiling. */
  idle(): Promise<void>;
  /**
   * Records that Mixscope itself wrote `hash` (lowercase hex MD5 of the bytes on disk) to
   * `path`, so the watcher does not compile it again. Saves made through the session's
   * `reload` are recognised from its events without this call.
   */
  markSaved(path: string, hash: string): void;
  /** Re-reads the folders to watch from the VM (after a restart, a new path dependency). */
  refreshRoots(): Promise<void>;
  /** The folders currently watched. */
  readonly roots: readonly string[];
}

/** Starts watching the project's sources; see the module comment. */
export function watchSources(
  session: LiveSyncSession,
  options: WatchSourcesOptions = {},
): SourceWatcher {
  const projectRoot = resolve(options.projectRoot ?? session.projectRoot);
  const onError = options.onError ?? (() => undefined);
  const store = new DisposableStore();
  const selfSaves = new SelfSaves(projectRoot);
  let watched: string[] = [];

  store.add(session.onEvent((event) => selfSaves.observe(event)));
  store.add(
    session.onStatus((status) => {
      if (status.state !== 'up') selfSaves.reset();
    }),
  );

  let watcher: TreeWatcher | null = null;
  const queue = store.add(
    new CompileQueue(
      async (paths) => {
        await session.request(
          'compile_paths',
          { paths, origin: 'watcher' },
          SYNC_REQUEST_TIMEOUT_MS,
        );
      },
      {
        ...queueWindows(() => watcher, options.quietMs ?? 75, 1000),
        filter: (paths) => selfSaves.filter(paths),
        onError,
      },
    ),
  );

  const onPath = (path: string): void => {
    if (isSourceFile(path)) queue.add(resolve(path));
  };

  // Created once the roots are known: `ready` then means those folders are scanned, and files
  // found there are not reported as new.
  const startWatcher = (roots: string[]): Promise<void> => {
    const w = watchTree(
      roots,
      {
        add: onPath,
        change: onPath,
        unlink: onPath,
        // A removed folder: Mix notices every source that went with it; any path triggers it.
        unlinkDir: (path) => queue.add(resolve(path)),
        error: onError,
        notice: options.onNotice ?? (() => undefined),
      },
      {
        // Folders are pruned here; files are filtered by extension in the handler (chokidar
        // does not always know whether a path is a folder when it asks).
        ignored: (path: string) => inIgnoredDir(path, projectRoot) || isEditorScratch(path),
        polling: options.polling,
      },
    );
    watcher = w;
    store.add(w);
    watched = roots;
    return w.ready;
  };

  const setRoots = (roots: string[]): void => {
    if (!watcher || store.isDisposed) return;
    const removed = watched.filter((dir) => !roots.includes(dir));
    const added = roots.filter((dir) => !watched.includes(dir));
    if (removed.length > 0) watcher.unwatch(removed);
    if (added.length > 0) watcher.add(added);
    watched = roots;
  };

  const currentRoots = async (): Promise<string[]> => {
    if (options.roots) return options.roots.map((dir) => resolve(projectRoot, dir));
    try {
      return sourceRoots(projectRoot, await session.modules());
    } catch (error) {
      // No VM to ask: the main project's lib/ is still worth watching.
      onError(error);
      return watched.length > 0 ? watched : sourceRoots(projectRoot, []);
    }
  };

  const refreshRoots = async (): Promise<void> => setRoots(await currentRoots());

  const ready = currentRoots().then((roots) =>
    store.isDisposed ? undefined : startWatcher(roots),
  );

  return {
    ready,
    idle: () => queue.idle(),
    markSaved: (path, hash) => selfSaves.markSaved(path, hash),
    refreshRoots,
    get roots() {
      return watched;
    },
    dispose: () => store.dispose(),
  };
}
